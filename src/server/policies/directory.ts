import { allow, hasRole, inAgency, inProcuratorate, type Actor } from './policy.js';

const procuratorateStaff = (a: Actor) => inProcuratorate(a) || a.organizationKind === 'justice_bureau';

/** The directory of every organization and its contacts: the procuratorate and the justice bureau. */
allow('directory', ['read'], procuratorateStaff);

/** An agency user sees their own organization and the procuratorate's contacts. */
allow('myOrganization', ['read'], (a) => inAgency(a));

/**
 * Full phone numbers in the directory: people who work cases with the agencies need to call
 * them; observers (leaders reading figures) do not.
 */
allow('contact', ['viewPhone'], (a) =>
  hasRole(a, 'admin', 'procurator', 'department_head', 'chief_prosecutor', 'criminal_prosecutor', 'agency_liaison', 'agency_leader'),
);
