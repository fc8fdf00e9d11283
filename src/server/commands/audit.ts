import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { CommandContext, Trx } from './context.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId?: string | null;
  details?: Record<string, unknown>;
}

interface ChainedFields {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  clientIp: string | null;
  requestId: string | null;
  details: unknown;
  prevHash: string;
}

/** JSON with sorted keys, so the hash does not depend on how jsonb reorders an object. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function hashEvent(e: ChainedFields): string {
  const payload = canonicalJson({
    seq: e.seq,
    occurredAt: e.occurredAt,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    recordType: e.recordType,
    recordId: e.recordId,
    clientIp: e.clientIp,
    requestId: e.requestId,
    details: e.details,
    prevHash: e.prevHash,
  });
  return crypto.createHash('sha256').update(payload).digest('hex');
}

// One lock serialises appends so the chain has exactly one successor per event.
const AUDIT_LOCK = 7_316_201;

/** Appends one event to the audit log inside the caller's transaction. */
export async function recordAudit(trx: Trx, ctx: CommandContext, entry: AuditEntry): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields: ChainedFields = {
    seq: last ? Number(last.seq) + 1 : 1,
    occurredAt: new Date().toISOString(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actorName,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId ?? null,
    clientIp: ctx.clientIp,
    requestId: ctx.requestId,
    details: JSON.parse(JSON.stringify(entry.details ?? {})),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_events')
    .values({
      seq: fields.seq,
      occurred_at: fields.occurredAt,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      record_type: fields.recordType,
      record_id: fields.recordId,
      client_ip: fields.clientIp,
      request_id: fields.requestId,
      details: JSON.stringify(fields.details),
      prev_hash: fields.prevHash,
      hash: hashEvent(fields),
    })
    .execute();
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  problems: { seq: number; problem: 'hash_mismatch' | 'broken_link' | 'gap' | 'bad_start' }[];
}

/**
 * Recomputes every hash and link. An edited event fails its own hash; an inserted or deleted
 * event breaks the link of its successor and the gap-free numbering.
 */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  const problems: AuditVerification['problems'] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      count++;
      if (seq !== expectedSeq) problems.push({ seq, problem: expectedSeq === 1 ? 'bad_start' : 'gap' });
      if (row.prev_hash !== prevHash) problems.push({ seq, problem: 'broken_link' });
      const recomputed = hashEvent({
        seq,
        occurredAt: new Date(row.occurred_at).toISOString(),
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        recordType: row.record_type,
        recordId: row.record_id,
        clientIp: row.client_ip,
        requestId: row.request_id,
        details: row.details,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) problems.push({ seq, problem: 'hash_mismatch' });
      prevHash = row.hash;
      expectedSeq = seq + 1;
      after = seq;
    }
  }
  return { ok: problems.length === 0, events: count, problems };
}
