import { allow, hasRole } from './policy.js';

/** The audit log holds who looked at whose personal data: administrators and the chief prosecutor read it. */
allow('audit', ['list', 'verify'], (actor) => hasRole(actor, 'admin', 'chief_prosecutor'));
