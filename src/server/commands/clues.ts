/**
 * The clue register (线索): one table for every source. A clue is evaluated, then filed as a
 * case (立案) or declined with a reason, or merged into a duplicate.
 */
import { sql } from 'kysely';
import { matterKey, subjectKey, type CaseKind, type ClueSource, OPEN_CLUE_STATUSES } from '../../domain/cases/index.js';
import { normalizeIdNumber } from '../../domain/idNumber.js';
import { normalizePersonName } from '../../domain/personName.js';
import type { Db } from '../db/index.js';
import type { NonProsecutionFacts } from '../db/schemaCases.js';
import { applicationWindow, windowNeedsOverride, type LitigationFacts } from '../../domain/litigation/index.js';
import { transition } from '../../domain/cases/index.js';
import { currentCalendar } from './holidaySchedules.js';
import { AppError, conflict, fieldError, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import { recordCaseEvent } from './caseEvents.js';
import { startClock } from './caseClocks.js';
import type { CommandContext, Trx } from './context.js';
import { allocateNumber, allocateNumbers } from './numbering.js';

export interface ClueInput {
  source: ClueSource;
  title: string;
  summary?: string;
  subjectName?: string | null;
  subjectIdNumber?: string | null;
  matter?: string | null;
  agencyId?: string | null;
  receivedOn: string;
  evidence?: Record<string, unknown>;
  nonProsecution?: NonProsecutionFacts | null;
  hitId?: string | null;
  sourceKey?: string | null;
  /** Litigation supervision: the application (or ex-officio matter) and the court decisions. */
  litigation?: LitigationFacts | null;
}

/** The stored form of a subject's ID: normalized (an invalid one cleaned only, its digits kept). */
function storedId(raw: string | null | undefined): string | null {
  if (!raw || !raw.trim()) return null;
  return normalizeIdNumber(raw).value ?? raw.trim();
}

export async function procuratorateFor(trx: Trx | Db, ctx: CommandContext, requested?: string | null): Promise<string> {
  if (ctx.actor?.organizationKind === 'procuratorate') return ctx.actor.organizationId;
  const all = await trx.selectFrom('organizations').select('id').where('kind', '=', 'procuratorate').where('active', '=', true).execute();
  if (requested) {
    if (!all.some((o) => o.id === requested)) throw fieldError('procuratorateId', 'unknown', 'No such procuratorate');
    return requested;
  }
  if (all.length !== 1) throw fieldError('procuratorateId', 'required', 'Choose the procuratorate to send the clue to');
  return all[0].id;
}

/** Clues of the same subject and matter that are not merged away: possible duplicates. */
export async function findDuplicates(trx: Trx | Db, procuratorateId: string, subject: { idNumber?: string | null; name?: string | null }, matter: string, excludeId?: string) {
  const key = subjectKey(subject.idNumber, subject.name);
  if (!key || !matter) return [];
  let q = trx
    .selectFrom('clues')
    .select(['id', 'number', 'title', 'status', 'source', 'received_on'])
    .where('procuratorate_id', '=', procuratorateId)
    .where('matter', '=', matter)
    .where('status', '!=', 'merged');
  q = key.startsWith('name:')
    ? q.where('subject_id_number', 'is', null).where('subject_name', '=', key.slice(5))
    : q.where('subject_id_number', '=', key);
  if (excludeId) q = q.where('id', '!=', excludeId);
  return q.orderBy('received_on').limit(20).execute();
}

async function insertClue(trx: Trx, ctx: CommandContext, procuratorateId: string, input: ClueInput, number: string) {
  const submittedBy = ctx.actor?.organizationId ?? procuratorateId;
  const row = await trx
    .insertInto('clues')
    .values({
      procuratorate_id: procuratorateId,
      number,
      source: input.source,
      source_key: input.sourceKey ?? null,
      status: 'received',
      title: input.title,
      summary: input.summary ?? '',
      subject_name: normalizePersonName(input.subjectName ?? null) ?? input.subjectName ?? null,
      subject_id_number: storedId(input.subjectIdNumber),
      matter: matterKey(input.matter ?? input.nonProsecution?.charge ?? ''),
      agency_id: input.agencyId ?? null,
      submitted_by_organization_id: submittedBy,
      hit_id: input.hitId ?? null,
      evidence: JSON.stringify(input.evidence ?? {}),
      non_prosecution: input.nonProsecution ? JSON.stringify(input.nonProsecution) : null,
      litigation: input.litigation ? JSON.stringify(input.litigation) : null,
      received_on: input.receivedOn,
      created_by: ctx.actor?.id ?? null,
      created_by_name: ctx.actorName,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

export async function registerClue(db: Db, ctx: CommandContext, input: ClueInput & { procuratorateId?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const procuratorateId = await procuratorateFor(trx, ctx, input.procuratorateId);
    if (input.agencyId) await assertAgency(trx, input.agencyId, 'agencyId');
    if (input.sourceKey) {
      const existing = await trx.selectFrom('clues').select(['id', 'number']).where('source', '=', input.source).where('source_key', '=', input.sourceKey).executeTakeFirst();
      if (existing) throw new AppError(409, 'already_registered', `Already in the register as ${existing.number}`, { clueId: existing.id });
    }
    const { number } = await allocateNumber(trx, procuratorateId, 'clue', Number(input.receivedOn.slice(0, 4)));
    const clue = await insertClue(trx, ctx, procuratorateId, input, number);
    const duplicates = await findDuplicates(trx, procuratorateId, { idNumber: clue.subject_id_number, name: clue.subject_name }, clue.matter, clue.id);
    await recordAudit(trx, ctx, { action: 'clue.register', recordType: 'clue', recordId: clue.id, details: { number, source: input.source, possibleDuplicates: duplicates.map((d) => d.number) } });
    return { clue, duplicates };
  });
}

async function assertAgency(trx: Trx, id: string, path: string) {
  const org = await trx.selectFrom('organizations').select('kind').where('id', '=', id).executeTakeFirst();
  if (!org || org.kind !== 'agency') throw fieldError(path, 'not_agency', 'Choose an administrative agency');
}

export async function lockClue(trx: Trx, id: string, version: number) {
  const clue = await trx.selectFrom('clues').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!clue) throw notFound('Clue');
  if (clue.version !== version) throw conflict(clue);
  if (!OPEN_CLUE_STATUSES.includes(clue.status)) throw new AppError(409, 'clue_settled', `The clue is already ${clue.status}`);
  return clue;
}

export async function evaluateClue(db: Db, ctx: CommandContext, id: string, input: { version: number; evaluation: string; assigneeId?: string | null; agencyId?: string | null }) {
  return db.transaction().execute(async (trx) => {
    await lockClue(trx, id, input.version);
    if (input.agencyId) await assertAgency(trx, input.agencyId, 'agencyId');
    const clue = await trx
      .updateTable('clues')
      .set({
        status: 'evaluating',
        evaluation: input.evaluation,
        ...(input.assigneeId !== undefined && { assignee_id: input.assigneeId }),
        ...(input.agencyId !== undefined && { agency_id: input.agencyId }),
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'clue.evaluate', recordType: 'clue', recordId: id });
    return clue;
  });
}

export async function declineClue(db: Db, ctx: CommandContext, id: string, input: { version: number; reason: string }) {
  return db.transaction().execute(async (trx) => {
    await lockClue(trx, id, input.version);
    const clue = await trx
      .updateTable('clues')
      .set({ status: 'declined', decision_reason: input.reason, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'clue.decline', recordType: 'clue', recordId: id, details: { reason: input.reason } });
    return clue;
  });
}

/** Merges a duplicate into the clue that stays; the evidence of both is kept on the survivor. */
export async function mergeClue(db: Db, ctx: CommandContext, id: string, input: { version: number; intoId: string }) {
  return db.transaction().execute(async (trx) => {
    const clue = await lockClue(trx, id, input.version);
    if (input.intoId === id) throw fieldError('intoId', 'self', 'A clue cannot be merged into itself');
    const into = await trx.selectFrom('clues').selectAll().where('id', '=', input.intoId).forUpdate().executeTakeFirst();
    if (!into || into.procuratorate_id !== clue.procuratorate_id) throw fieldError('intoId', 'unknown', 'No such clue');
    if (into.status === 'merged') throw fieldError('intoId', 'merged', `${into.number} was itself merged`);
    const evidence = { ...into.evidence, [`merged:${clue.number}`]: { title: clue.title, summary: clue.summary, evidence: clue.evidence } };
    await trx.updateTable('clues').set({ evidence: JSON.stringify(evidence), version: sql`version + 1`, updated_at: new Date() }).where('id', '=', into.id).execute();
    const merged = await trx
      .updateTable('clues')
      .set({ status: 'merged', merged_into_id: into.id, decision_reason: `并入 ${into.number}`, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'clue.merge', recordType: 'clue', recordId: id, details: { into: into.number } });
    return merged;
  });
}

export interface FileCaseInput {
  version: number;
  kind: CaseKind;
  agencyId: string;
  procuratorId?: string | null;
  registeredOn: string;
  title?: string;
  /** Litigation: why the application is accepted although its window check failed. */
  windowOverrideReason?: string | null;
}

/**
 * 立案 / 登记受理: the case takes the clue's subject and evidence, gets its number, and its clock
 * starts — 10 working days for a reverse-connection review, 3 months for an illegal-act case.
 * With a procurator named it goes straight to review (the head registers and assigns at once).
 */
export async function fileCase(db: Db, ctx: CommandContext, clueId: string, input: FileCaseInput) {
  return db.transaction().execute(async (trx) => {
    const clue = await lockClue(trx, clueId, input.version);
    await assertAgency(trx, input.agencyId, 'agencyId');
    if (input.procuratorId) await assertProcurator(trx, input.procuratorId, clue.procuratorate_id);
    const override = litigationAcceptance(clue, input, ctx.actorName);
    const { number } = await allocateNumber(trx, clue.procuratorate_id, input.kind, Number(input.registeredOn.slice(0, 4)));
    const state = input.procuratorId ? transition(input.kind, 'registered', 'assign') : 'registered';
    const created = await trx
      .insertInto('cases')
      .values({
        procuratorate_id: clue.procuratorate_id,
        number,
        kind: input.kind,
        state,
        clue_id: clue.id,
        title: input.title ?? clue.title,
        subject_name: clue.subject_name,
        subject_id_number: clue.subject_id_number,
        agency_id: input.agencyId,
        procurator_id: input.procuratorId ?? null,
        registered_on: input.registeredOn,
        facts: clue.non_prosecution?.facts ?? clue.summary,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('clues')
      .set({
        status: 'filed',
        case_id: created.id,
        agency_id: input.agencyId,
        ...(override && clue.litigation && { litigation: JSON.stringify({ ...clue.litigation, windowOverride: { ...override, on: input.registeredOn } }) }),
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', clue.id)
      .execute();
    await startClock(trx, created.id, REVIEW_CLOCKS[input.kind], input.registeredOn);
    await recordCaseEvent(trx, ctx, created.id, 'filed', input.registeredOn, { clueNumber: clue.number, source: clue.source, kind: input.kind });
    if (override) await recordCaseEvent(trx, ctx, created.id, 'window_overridden', input.registeredOn, { ...override });
    if (input.procuratorId) await recordCaseEvent(trx, ctx, created.id, 'assigned', input.registeredOn, { procuratorId: input.procuratorId });
    await recordAudit(trx, ctx, { action: 'case.file', recordType: 'case', recordId: created.id, details: { number, clue: clue.number, kind: input.kind } });
    return created;
  });
}

/** The clock each kind of case runs from 立案 / 受理. */
export const REVIEW_CLOCKS = { reverse_connection: 'reverse_connection_review', illegal_act: 'illegal_act_case', litigation: 'litigation_review' } as const satisfies Record<CaseKind, string>;

/**
 * A litigation case needs the litigation facts of its clue, and an application outside the
 * 6-month window (or without a served retrial refusal) needs a stated reason to be accepted.
 * Returns the override to record, if one was needed.
 */
function litigationAcceptance(
  clue: { litigation: LitigationFacts | null; received_on: string; source: string },
  input: FileCaseInput,
  by: string,
): { reason: string; by: string; status: string; due: string | null } | null {
  if (input.kind !== 'litigation') {
    if (clue.source === 'litigation_application') throw fieldError('kind', 'litigation_only', 'An application for supervision is filed as a litigation-supervision case');
    return null;
  }
  if (!clue.litigation) throw fieldError('kind', 'not_litigation', 'Only a litigation-supervision clue (an application or an ex-officio matter) is filed as a litigation case');
  const window = applicationWindow(clue.litigation, clue.received_on, currentCalendar());
  if (!windowNeedsOverride(window)) return null;
  const reason = input.windowOverrideReason?.trim();
  if (!reason) {
    throw new AppError(
      422,
      'application_window',
      window.status === 'late'
        ? `The application came after the 6-month window closed on ${window.due}; state why it is accepted`
        : 'No served refusal of retrial is recorded; state why the application is accepted',
      { field: 'windowOverrideReason', status: window.status, due: window.due },
    );
  }
  return { reason, by, status: window.status, due: window.due };
}

export async function assertProcurator(trx: Trx, userId: string, procuratorateId: string) {
  const user = await trx
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('users.id', '=', userId)
    .where('users.organization_id', '=', procuratorateId)
    .where('users.active', '=', true)
    .where('user_roles.role', '=', 'procurator')
    .executeTakeFirst();
  if (!user) throw fieldError('procuratorId', 'not_procurator', 'Choose an active procurator of this procuratorate');
}

/**
 * Every decision in the newest `non_prosecution_decisions` dataset becomes a reverse-connection
 * review item, once: the decision number and ID number are the clue's source key. The transfer
 * date is the day the decision reaches the register (the import), which the 3-working-day check
 * compares with the decision date.
 */
export async function registerNonProsecutionDecisions(
  db: Db,
  ctx: CommandContext,
  procuratorateId: string,
  rows: { decision_no: string; procuratorate: string | null; id_number: string | null; name: string | null; charge: string; kind: string; decided_on: string; facts: string | null }[],
  transferredOn: string,
) {
  return db.transaction().execute(async (trx) => {
    const keys = rows.map((r) => `${r.decision_no}|${r.id_number ?? r.name ?? ''}`);
    const existing = new Set(
      keys.length === 0
        ? []
        : (await trx.selectFrom('clues').select('source_key').where('source', '=', 'non_prosecution').where('source_key', 'in', keys).execute()).map((r) => r.source_key),
    );
    const fresh = rows.filter((_, i) => !existing.has(keys[i]));
    const byYear = new Map<number, typeof fresh>();
    for (const r of fresh) {
      const year = Number(transferredOn.slice(0, 4));
      byYear.set(year, [...(byYear.get(year) ?? []), r]);
    }
    let created = 0;
    for (const [year, group] of byYear) {
      const numbers = await allocateNumbers(trx, procuratorateId, 'clue', year, group.length);
      for (const [i, r] of group.entries()) {
        await insertClue(
          trx,
          ctx,
          procuratorateId,
          {
            source: 'non_prosecution',
            sourceKey: `${r.decision_no}|${r.id_number ?? r.name ?? ''}`,
            title: `${r.name ?? ''} ${r.charge} 不起诉案件反向衔接审查`.trim(),
            summary: r.facts ?? '',
            subjectName: r.name,
            subjectIdNumber: r.id_number,
            matter: r.charge,
            receivedOn: transferredOn,
            nonProsecution: {
              decisionNo: r.decision_no,
              decidedOn: r.decided_on,
              kind: r.kind as NonProsecutionFacts['kind'],
              charge: r.charge,
              facts: r.facts ?? '',
              actDate: null,
              transferredOn,
              criminalDepartmentView: null,
              procuratorate: r.procuratorate,
            },
          },
          numbers[i].number,
        );
        created++;
      }
    }
    await recordAudit(trx, ctx, { action: 'clue.sync_non_prosecution', recordType: 'clue', details: { read: rows.length, created, alreadyRegistered: rows.length - created } });
    return { read: rows.length, created, alreadyRegistered: rows.length - created };
  });
}
