import type { CaseRecord } from './cases.js';
import { allow, hasRole, inProcuratorate } from './policy.js';

/**
 * Litigation supervision (行政诉讼监督, DOMAIN.md §5): the administrative department registers
 * applications and ex-officio matters and sees the courts they concern; the procuratorial
 * committee's decisions are entered by the 检察长 or the department head (its secretary's role
 * here). Courts and other procuratorates have no accounts.
 */
allow('litigation', ['register', 'courts'], (a) => inProcuratorate(a) && hasRole(a, 'procurator', 'department_head'));
allow<CaseRecord>('litigation', ['committee'], (a, c) => inProcuratorate(a) && hasRole(a, 'chief_prosecutor', 'department_head') && (!c || c.procuratorateId === a.organizationId));
