import { allow, hasRole } from './policy.js';

const procuratorateCaseStaff = ['procurator', 'department_head', 'chief_prosecutor', 'analyst'] as const;

/** The model library belongs to the procuratorate; analysts write and tune models. */
allow('model', ['list', 'read'], (a) => hasRole(a, ...procuratorateCaseStaff));
allow('model', ['edit'], (a) => hasRole(a, 'analyst'));
allow('model', ['run'], (a) => hasRole(a, 'analyst', 'procurator'));
/** A running run is stopped by whoever started it, or by an administrator. */
allow<{ startedBy: string | null }>('model', ['cancel'], (a, run) => hasRole(a, 'admin') || (hasRole(a, 'analyst', 'procurator') && (!run || run.startedBy === a.id)));

/** Hits are clues, not findings (DOMAIN §12): analysts and procurators review them. */
allow('hit', ['list', 'read'], (a) => hasRole(a, ...procuratorateCaseStaff));
allow('hit', ['review', 'export'], (a) => hasRole(a, 'analyst', 'procurator'));
/** Full ID numbers: the procurators who will act on the person, not the analysts preparing lists. */
allow('hit', ['unmask'], (a) => hasRole(a, 'procurator', 'department_head', 'chief_prosecutor'));
