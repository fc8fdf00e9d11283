/**
 * Steps of a supervision case that are not documents: assignment, the review form, suspension
 * and resumption (中止审查), the 检察长's extension, follow-up and closure. Each step asks the
 * lifecycle table (src/domain/cases) whether it is possible from the current state.
 */
import { sql } from 'kysely';
import { transition, TransitionRefused, type CaseAction, type CaseKind } from '../../domain/cases/index.js';
import type { ClockCode, PauseReason } from '../../domain/deadlines/index.js';
import type { Db } from '../db/index.js';
import { AppError, conflict, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import { openClock, recordClockEvent, startClock } from './caseClocks.js';
import { allocateNumber } from './numbering.js';
import { recordCaseEvent } from './caseEvents.js';
import { assertProcurator, REVIEW_CLOCKS } from './clues.js';
import type { CommandContext, Trx } from './context.js';

export type CaseRow = Awaited<ReturnType<typeof lockCase>>;

export async function lockCase(trx: Trx, id: string, version?: number) {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Case');
  if (version !== undefined && row.version !== version) throw conflict(row);
  return row;
}

/** The next state, or a 409 that names the states in which the step is possible. */
export function nextState(row: { kind: CaseKind; state: string }, action: CaseAction): string {
  try {
    return transition(row.kind, row.state, action);
  } catch (e) {
    if (e instanceof TransitionRefused) throw new AppError(409, 'invalid_transition', e.message, { state: row.state, allowedFrom: e.allowedFrom });
    throw e;
  }
}

export async function setCaseState(trx: Trx, id: string, patch: Record<string, unknown>) {
  return trx
    .updateTable('cases')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function reviewClockOf(kind: CaseKind): ClockCode {
  return REVIEW_CLOCKS[kind];
}

export async function assignCase(db: Db, ctx: CommandContext, id: string, input: { version: number; procuratorId: string; on: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    await assertProcurator(trx, input.procuratorId, row.procuratorate_id);
    // Reassignment is possible at any open state; the first assignment starts the review.
    const state = row.state === 'registered' ? nextState(row, 'assign') : row.state;
    if (row.state === 'closed') throw new AppError(409, 'invalid_transition', 'The case is closed');
    const updated = await setCaseState(trx, id, { state, procurator_id: input.procuratorId });
    await recordCaseEvent(trx, ctx, id, row.procurator_id ? 'reassigned' : 'assigned', input.on, { procuratorId: input.procuratorId, from: row.procurator_id });
    await recordAudit(trx, ctx, { action: 'case.assign', recordType: 'case', recordId: id, details: { procuratorId: input.procuratorId } });
    return updated;
  });
}

/** The review form: facts, checklist answers with reasons, the criminal department's view, opinions heard. */
export async function updateCaseReview(db: Db, ctx: CommandContext, id: string, input: { version: number; facts?: string; review?: Record<string, unknown>; title?: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    if (row.state === 'closed') throw new AppError(409, 'invalid_transition', 'The case is closed');
    const updated = await setCaseState(trx, id, {
      ...(input.facts !== undefined && { facts: input.facts }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.review !== undefined && { review: JSON.stringify(input.review) }),
    });
    await recordAudit(trx, ctx, { action: 'case.update_review', recordType: 'case', recordId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version') } });
    return updated;
  });
}

/** 中止审查 (指引 art. 13): the review clock pauses until resumption. */
export async function suspendCase(db: Db, ctx: CommandContext, id: string, input: { version: number; on: string; ground: string; resumptionCondition?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    const state = nextState(row, 'suspend');
    const clock = await openClock(trx, id, reviewClockOf(row.kind));
    if (clock) await recordClockEvent(trx, clock.id, { type: 'pause', on: input.on, reason: 'suspension', note: input.ground });
    const updated = await setCaseState(trx, id, { state });
    await recordCaseEvent(trx, ctx, id, 'suspended', input.on, { ground: input.ground, resumptionCondition: input.resumptionCondition ?? null });
    await recordAudit(trx, ctx, { action: 'case.suspend', recordType: 'case', recordId: id, details: { ground: input.ground } });
    return updated;
  });
}

export async function resumeCase(db: Db, ctx: CommandContext, id: string, input: { version: number; on: string; note?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    const state = nextState(row, 'resume');
    const clock = await openClock(trx, id, reviewClockOf(row.kind));
    if (clock) await recordClockEvent(trx, clock.id, { type: 'resume', on: input.on });
    const updated = await setCaseState(trx, id, { state });
    await recordCaseEvent(trx, ctx, id, 'resumed', input.on, { note: input.note ?? null });
    await recordAudit(trx, ctx, { action: 'case.resume', recordType: 'case', recordId: id });
    return updated;
  });
}

/** Time excluded from the review clock other than suspension: out-of-region consultation,
 * appraisal, audit, approval — each as its own pause with a reason. */
export async function pauseCaseClock(db: Db, ctx: CommandContext, id: string, input: { version: number; on: string; reason: PauseReason; note?: string | null; resume?: boolean }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    const clock = await openClock(trx, id, reviewClockOf(row.kind));
    if (!clock) throw new AppError(409, 'no_running_clock', 'The case has no running review clock');
    await recordClockEvent(trx, clock.id, input.resume ? { type: 'resume', on: input.on } : { type: 'pause', on: input.on, reason: input.reason, ...(input.note && { note: input.note }) });
    const updated = await setCaseState(trx, id, {});
    await recordCaseEvent(trx, ctx, id, input.resume ? 'clock_resumed' : 'clock_paused', input.on, { reason: input.reason, note: input.note ?? null });
    await recordAudit(trx, ctx, { action: input.resume ? 'case.clock_resume' : 'case.clock_pause', recordType: 'case', recordId: id, details: { reason: input.reason } });
    return updated;
  });
}

/** The 检察长 extends a major or complex reverse-connection review (指引 art. 12). */
export async function extendReview(db: Db, ctx: CommandContext, id: string, input: { version: number; on: string; days: number; note?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    if (row.kind !== 'reverse_connection' || !['under_review', 'suspended'].includes(row.state)) {
      throw new AppError(409, 'invalid_transition', 'Only a reverse-connection review in progress can be extended');
    }
    const clock = await openClock(trx, id, 'reverse_connection_review');
    if (!clock) throw new AppError(409, 'no_running_clock', 'The case has no running review clock');
    const { due } = await recordClockEvent(trx, clock.id, { type: 'extension', on: input.on, length: input.days, approver: ctx.actorName, ...(input.note && { note: input.note }) });
    const updated = await setCaseState(trx, id, {});
    await recordCaseEvent(trx, ctx, id, 'review_extended', input.on, { days: input.days, due, note: input.note ?? null });
    await recordAudit(trx, ctx, { action: 'case.extend', recordType: 'case', recordId: id, details: { days: input.days, due } });
    return updated;
  });
}

/** The procurator finds the reply unsatisfactory (or the agency silent): 跟进监督. */
export async function startFollowUp(db: Db, ctx: CommandContext, id: string, input: { version: number; on: string; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    const state = nextState(row, 'follow_up');
    const updated = await setCaseState(trx, id, { state });
    await recordCaseEvent(trx, ctx, id, 'follow_up', input.on, { reason: input.reason });
    await recordAudit(trx, ctx, { action: 'case.follow_up', recordType: 'case', recordId: id, details: { reason: input.reason } });
    return updated;
  });
}

export async function closeCase(db: Db, ctx: CommandContext, id: string, input: { version: number; on: string; reason: string; outcome?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    const state = nextState(row, 'close');
    for (const clock of await trx.selectFrom('case_clocks').select(['id', 'code']).where('case_id', '=', id).where('stopped_on', 'is', null).execute()) {
      await recordClockEvent(trx, clock.id, { type: 'stop', on: input.on, reason: 'case closed' });
    }
    const updated = await setCaseState(trx, id, { state, closing_reason: input.reason, closed_on: input.on, outcome: input.outcome ?? row.outcome });
    await recordCaseEvent(trx, ctx, id, 'closed', input.on, { reason: input.reason, outcome: input.outcome ?? row.outcome });
    await recordAudit(trx, ctx, { action: 'case.close', recordType: 'case', recordId: id, details: { reason: input.reason } });
    return updated;
  });
}

/**
 * A reverse-connection case whose follow-up failed becomes an illegal-act case (DOMAIN §3, state
 * follow_up → "a Process 2 case (检察建议)"): same subject, agency and procurator; its own number
 * and 3-month clock; the reverse-connection case closes with the link.
 */
export async function escalateToSuggestionCase(db: Db, ctx: CommandContext, id: string, input: { version: number; on: string; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id, input.version);
    const state = nextState(row, 'escalate');
    const { number } = await allocateNumber(trx, row.procuratorate_id, 'illegal_act', Number(input.on.slice(0, 4)));
    const created = await trx
      .insertInto('cases')
      .values({
        procuratorate_id: row.procuratorate_id,
        number,
        kind: 'illegal_act',
        state: row.procurator_id ? 'investigating' : 'registered',
        title: row.title,
        subject_name: row.subject_name,
        subject_id_number: row.subject_id_number,
        agency_id: row.agency_id,
        procurator_id: row.procurator_id,
        registered_on: input.on,
        facts: row.facts,
        review: JSON.stringify({ origin: `办理${row.number}行刑反向衔接案件跟进监督`, copyTo: [] }),
        escalated_from_id: row.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await startClock(trx, created.id, 'illegal_act_case', input.on);
    for (const clock of await trx.selectFrom('case_clocks').select('id').where('case_id', '=', id).where('stopped_on', 'is', null).execute()) {
      await recordClockEvent(trx, clock.id, { type: 'stop', on: input.on, reason: 'escalated' });
    }
    const closed = await setCaseState(trx, id, { state, closed_on: input.on, closing_reason: `转为行政违法行为监督案件 ${number}：${input.reason}`, outcome: 'escalated' });
    await recordCaseEvent(trx, ctx, id, 'escalated', input.on, { toCaseId: created.id, toNumber: number, reason: input.reason });
    await recordCaseEvent(trx, ctx, created.id, 'filed', input.on, { fromCaseId: id, fromNumber: row.number, kind: 'illegal_act' });
    await recordAudit(trx, ctx, { action: 'case.escalate', recordType: 'case', recordId: id, details: { to: number } });
    return { closed, created };
  });
}
