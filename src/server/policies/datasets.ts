import type { Role } from '../../domain/roles.js';
import { allow, hasRole, inProcuratorate, type Actor } from './policy.js';

/** What the rules need to know about a dataset. */
export interface DatasetRecord {
  ownerOrganizationId: string | null;
  visibleRoles: Role[];
  visibleOrganizationIds: string[];
}

/**
 * Who sees a dataset: its owner organization, organizations it is shared with, and procuratorate
 * staff in one of its visible roles (limited to the listed organizations, when there are any).
 * Agency users never see another agency's data through their role alone.
 */
export function seesDataset(actor: Actor, d: DatasetRecord): boolean {
  if (d.ownerOrganizationId === actor.organizationId || d.visibleOrganizationIds.includes(actor.organizationId)) return true;
  return inProcuratorate(actor) && hasRole(actor, ...d.visibleRoles) && d.visibleOrganizationIds.length === 0;
}

/** Analysts and procurators work with shared data; agency liaisons with their own organization's. */
allow<DatasetRecord>('dataset', ['read'], (a, d) => hasRole(a, 'analyst', 'procurator', 'agency_liaison') && (!d || seesDataset(a, d)));

/** Analysts import for the procuratorate; a liaison imports only into datasets their organization owns. */
allow<DatasetRecord>(
  'dataset',
  ['import'],
  (a, d) =>
    (hasRole(a, 'analyst') && inProcuratorate(a) && (!d || seesDataset(a, d))) ||
    (hasRole(a, 'agency_liaison') && (!d || d.ownerOrganizationId === a.organizationId)),
);

/** Full ID and phone numbers of the people in a dataset: the procurators who act on them. */
allow('dataset', ['unmask'], (a) => hasRole(a, 'procurator'));

/** Analysts of the procuratorate define the kinds of data agencies hand over (custom dataset kinds). */
allow('dataset', ['defineKind'], (a) => hasRole(a, 'analyst') && inProcuratorate(a));

/**
 * Who changes who may see a dataset: administrators, and the importers of the organization that
 * owns it (analysts for the procuratorate's datasets, liaisons for their agency's).
 */
allow<DatasetRecord>(
  'dataset',
  ['share'],
  (a, d) => (hasRole(a, 'admin') && inProcuratorate(a)) || (hasRole(a, 'analyst', 'agency_liaison') && (!d || d.ownerOrganizationId === a.organizationId)),
);

/** An import running in the background: the user who started it follows and cancels it;
 * administrators may cancel anyone's (e.g. one that holds the server up). */
allow<{ userId: string }>('datasetImport', ['read', 'cancel'], (a, job) => {
  const importer = hasRole(a, 'agency_liaison') || (hasRole(a, 'analyst') && inProcuratorate(a));
  const admin = hasRole(a, 'admin') && inProcuratorate(a);
  return job ? job.userId === a.id || admin : importer || admin;
});
