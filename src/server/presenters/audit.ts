import { sql } from 'kysely';
import type { Db } from '../db/index.js';

export interface AuditFilter {
  action?: string;
  actorId?: string;
  recordType?: string;
  recordId?: string;
}

function baseQuery(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_events');
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.recordType) q = q.where('record_type', '=', f.recordType);
  if (f.recordId) q = q.where('record_id', '=', f.recordId);
  return q;
}

/** Newest first. Details never contain secrets: commands put only identifiers and field names there. */
export async function listAuditEvents(db: Db, filter: AuditFilter, page: number, pageSize: number) {
  const [{ total }] = await baseQuery(db, filter).select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await baseQuery(db, filter).selectAll().orderBy('seq', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return {
    total,
    items: rows.map((r) => ({
      seq: Number(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      clientIp: r.client_ip,
      requestId: r.request_id,
      details: r.details,
    })),
  };
}
