import { allow, hasRole, inProcuratorate } from './policy.js';

/**
 * The knowledge base is the procuratorate's reference: its case staff read it and run the review
 * checks; department heads (and administrators, who keep reference data) edit rules and map
 * agencies to sectors. Administrators read what they edit.
 */
allow('knowledge', ['read'], (a) => inProcuratorate(a) && hasRole(a, 'procurator', 'department_head', 'chief_prosecutor', 'criminal_prosecutor', 'analyst', 'admin'));
allow('knowledge', ['edit'], (a) => inProcuratorate(a) && hasRole(a, 'department_head', 'admin'));
