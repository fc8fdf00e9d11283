import { allow, hasRole } from './policy.js';

allow('organization', ['manage'], (actor) => hasRole(actor, 'admin'));
