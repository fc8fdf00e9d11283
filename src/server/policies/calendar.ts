import { allow, hasRole } from './policy.js';

/** Everyone may see which years' holiday schedules are loaded (deadlines depend on them). */
allow('calendar', ['read'], () => true);
/** Loading next year's State Council notice is an administrator's task. */
allow('calendar', ['manage'], (a) => hasRole(a, 'admin'));
