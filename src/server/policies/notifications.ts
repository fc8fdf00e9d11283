import { allow } from './policy.js';

/** Everyone reads and dismisses their own notices (the route scopes them to the actor). */
allow('notification', ['list', 'read'], () => true);
