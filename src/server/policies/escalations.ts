import type { CaseRecord } from './cases.js';
import { allow, hasRole, inProcuratorate } from './policy.js';

/**
 * Escalation notices (通报 / 抄送 to the agency's superior, the congress …) are the
 * procuratorate's own correspondence about an agency: the case staff of the procuratorate see
 * them; agencies never do (the routes answer 404, as for a record that is not theirs). The
 * procurator in charge records them and their answers; the department head may step in.
 */
const ownProcuratorate = (a: { organizationId: string }, c?: CaseRecord) => !c || c.procuratorateId === a.organizationId;

allow<CaseRecord>('escalationNotice', ['read'], (a, c) => inProcuratorate(a) && hasRole(a, 'procurator', 'department_head', 'chief_prosecutor', 'observer') && ownProcuratorate(a, c));
allow<CaseRecord>('escalationNotice', ['record'], (a, c) =>
  inProcuratorate(a) && (hasRole(a, 'department_head') || (hasRole(a, 'procurator') && (!c || c.procuratorId === a.id))) && ownProcuratorate(a, c),
);
