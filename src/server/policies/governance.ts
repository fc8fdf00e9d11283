import { allow, hasRole, inProcuratorate } from './policy.js';

/**
 * 诉源治理 (litigation-source governance): the procuratorate's own analysis of where its cases
 * come from. Its case staff and observers read it; agencies and the justice bureau do not — it
 * names cases and compares agencies before anything was served on them.
 */
allow('governance', ['read'], (a) => inProcuratorate(a) && hasRole(a, 'procurator', 'department_head', 'chief_prosecutor', 'observer'));
/** Drafting a class or social-governance suggestion opens a case assigned to the drafter: a procurator's work. */
allow('governance', ['draft'], (a) => inProcuratorate(a) && hasRole(a, 'procurator'));
