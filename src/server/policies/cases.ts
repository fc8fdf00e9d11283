import { allow, hasRole, inAgency, inProcuratorate, type Actor } from './policy.js';

/** What the rules need to know about a clue. */
export interface ClueRecord {
  procuratorateId: string;
  submittedByOrganizationId: string;
  source: string;
  createdBy: string | null;
}

/** What the rules need to know about a case. */
export interface CaseRecord {
  procuratorateId: string;
  agencyId: string | null;
  procuratorId: string | null;
  /** An agency sees a case only once a document has been served on it. */
  servedOnAgency: boolean;
}

/** What the rules need to know about a document. */
export interface DocumentRecord {
  procuratorateId: string;
  recipientId: string | null;
  state: string;
  draftedBy: string | null;
  procuratorId: string | null;
}

const caseStaff = ['procurator', 'department_head', 'chief_prosecutor'] as const;
const ownProcuratorate = (a: Actor, procuratorateId: string) => inProcuratorate(a) && a.organizationId === procuratorateId;
const agencyStaff = (a: Actor) => inAgency(a) && hasRole(a, 'agency_liaison', 'agency_leader');

/**
 * Clues: the administrative department works the register; the criminal department enters
 * non-prosecution decisions and follows them; an agency sees the clues it transferred itself.
 */
allow<ClueRecord>('clue', ['list', 'read'], (a, c) => {
  if (agencyStaff(a)) return !c || c.submittedByOrganizationId === a.organizationId;
  if (hasRole(a, ...caseStaff, 'observer')) return !c || ownProcuratorate(a, c.procuratorateId);
  if (hasRole(a, 'criminal_prosecutor')) return !c || (ownProcuratorate(a, c.procuratorateId) && c.source === 'non_prosecution');
  return false;
});
allow<ClueRecord>('clue', ['create'], (a) => hasRole(a, 'procurator', 'department_head', 'criminal_prosecutor') || (agencyStaff(a) && hasRole(a, 'agency_liaison')));
allow<ClueRecord>('clue', ['evaluate', 'decline', 'merge'], (a, c) => hasRole(a, 'procurator', 'department_head') && (!c || ownProcuratorate(a, c.procuratorateId)));
/** 立案 and assignment are the department head's; a procurator may file a clue they evaluated. */
allow<ClueRecord>('clue', ['file'], (a, c) => hasRole(a, 'procurator', 'department_head') && (!c || ownProcuratorate(a, c.procuratorateId)));
/** Full ID numbers in the register: the people who will act on the person. */
allow('clue', ['unmask'], (a) => inProcuratorate(a) && hasRole(a, ...caseStaff, 'criminal_prosecutor'));
/** Bringing imported non-prosecution decisions into the register. */
allow('clue', ['sync'], (a) => inProcuratorate(a) && hasRole(a, 'procurator', 'department_head', 'criminal_prosecutor', 'analyst'));

allow<CaseRecord>('case', ['list'], (a) => inProcuratorate(a) && hasRole(a, ...caseStaff, 'observer'));
allow<CaseRecord>('case', ['read'], (a, c) => {
  if (agencyStaff(a)) return !c || (c.agencyId === a.organizationId && c.servedOnAgency);
  return hasRole(a, ...caseStaff, 'observer') && (!c || ownProcuratorate(a, c.procuratorateId));
});
/** The procurator in charge works the case; the head may step in. */
allow<CaseRecord>('case', ['edit'], (a, c) =>
  inProcuratorate(a) && (hasRole(a, 'department_head') || (hasRole(a, 'procurator') && (!c || c.procuratorId === a.id))) && (!c || ownProcuratorate(a, c.procuratorateId)),
);
allow<CaseRecord>('case', ['assign'], (a, c) => hasRole(a, 'department_head') && (!c || ownProcuratorate(a, c.procuratorateId)));
/** 检察长 extends the reverse-connection review (指引 art. 12) and decides objections. */
allow<CaseRecord>('case', ['extend', 'decide_objection'], (a, c) => hasRole(a, 'chief_prosecutor') && (!c || ownProcuratorate(a, c.procuratorateId)));
allow('case', ['unmask'], (a) => inProcuratorate(a) && hasRole(a, ...caseStaff));
/** Leaders' overdue view. */
allow('case', ['oversee'], (a) => (inProcuratorate(a) && hasRole(a, 'department_head', 'chief_prosecutor')) || (agencyStaff(a) && hasRole(a, 'agency_leader', 'agency_liaison')));

allow<DocumentRecord>('document', ['read'], (a, d) => {
  if (agencyStaff(a)) return !d || (d.recipientId === a.organizationId && d.state === 'served');
  return hasRole(a, ...caseStaff, 'observer') && (!d || ownProcuratorate(a, d.procuratorateId));
});
allow<DocumentRecord>('document', ['draft'], (a, d) =>
  inProcuratorate(a) && (hasRole(a, 'department_head') || (hasRole(a, 'procurator') && (!d || d.procuratorId === a.id))) && (!d || ownProcuratorate(a, d.procuratorateId)),
);
allow<DocumentRecord>('document', ['approve'], (a, d) => hasRole(a, 'department_head', 'chief_prosecutor') && (!d || ownProcuratorate(a, d.procuratorateId)));
allow<DocumentRecord>('document', ['serve'], (a, d) => hasRole(a, 'procurator', 'department_head') && (!d || ownProcuratorate(a, d.procuratorateId)));

/** The agency answers what was served on it; a procurator may enter a paper reply on its behalf. */
allow<DocumentRecord>('reply', ['submit'], (a, d) =>
  (inAgency(a) && hasRole(a, 'agency_liaison') && (!d || d.recipientId === a.organizationId)) ||
  (hasRole(a, 'procurator') && (!d || ownProcuratorate(a, d.procuratorateId))),
);
allow<DocumentRecord>('reply', ['evaluate'], (a, d) => hasRole(a, 'procurator', 'department_head') && (!d || ownProcuratorate(a, d.procuratorateId)));
allow<DocumentRecord>('objection', ['raise'], (a, d) => inAgency(a) && hasRole(a, 'agency_liaison') && (!d || d.recipientId === a.organizationId));

/** An agency's inbox: what was served on it. */
allow('inbox', ['read'], (a) => agencyStaff(a));

/** Attachments: the route checks the owner (clue, case, reply, objection) record by record. */
allow('attachment', ['read'], (a) => (inProcuratorate(a) && hasRole(a, ...caseStaff, 'observer', 'criminal_prosecutor')) || agencyStaff(a));
allow('attachment', ['create'], (a) => (inProcuratorate(a) && hasRole(a, 'procurator', 'department_head')) || (inAgency(a) && hasRole(a, 'agency_liaison')));
