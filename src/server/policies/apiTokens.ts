import { allow, hasRole, inAgency } from './policy.js';

/** What the rules need to know about an API token: the organization it pushes for. */
export interface ApiTokenRecord {
  organizationId: string;
}

/**
 * API tokens let an agency's own systems push dataset files (issue 3). Administrators manage them
 * for any organization; an agency leader for their own organization only.
 */
allow<ApiTokenRecord>(
  'apiToken',
  ['manage'],
  (a, t) => hasRole(a, 'admin') || (hasRole(a, 'agency_leader') && inAgency(a) && (!t || t.organizationId === a.organizationId)),
);
