import { allow, hasRole } from './policy.js';

interface UserRecord {
  id: string;
  organizationId: string;
}

allow('user', ['list', 'read', 'create', 'update', 'resetPassword', 'unlock'], (actor) => hasRole(actor, 'admin'));

/** Full phone numbers of other users: administrators maintain contact data. */
allow<UserRecord>('user', ['viewContact'], (actor, user) => hasRole(actor, 'admin') || (!!user && user.id === actor.id));
