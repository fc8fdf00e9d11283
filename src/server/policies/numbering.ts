import { allow, hasRole, inProcuratorate } from './policy.js';

/** The procuratorate's document-number pattern: its staff read it, an administrator sets it. */
allow('numbering', ['read'], (a) => inProcuratorate(a) && hasRole(a, 'admin', 'procurator', 'department_head', 'chief_prosecutor'));
allow('numbering', ['manage'], (a) => inProcuratorate(a) && hasRole(a, 'admin'));
