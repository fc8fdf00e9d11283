// Importing a policy file registers its rules; every resource has one file.
import './apiTokens.js';
import './audit.js';
import './calendar.js';
import './cases.js';
import './datasets.js';
import './directory.js';
import './models.js';
import './notifications.js';
import './numbering.js';
import './organizations.js';
import './profile.js';
import './users.js';
import './jointMeetings.js';
import './knowledgeBase.js';
import './indicators.js';
import './litigation.js';
import './governance.js';
import './escalations.js';

export { allow, authorize, can, hasPolicy, permissionsOf, type Actor } from './policy.js';
