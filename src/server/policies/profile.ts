import { allow } from './policy.js';

/** Every signed-in user manages their own profile, password and session. */
allow('me', ['read', 'update', 'changePassword', 'logout'], () => true);
