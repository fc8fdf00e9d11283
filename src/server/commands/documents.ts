/**
 * Procuratorial documents of a case: drafted from a template filled from the case, edited,
 * submitted, approved along the chain of DOMAIN.md §8 (承办检察官 → 部门负责人 → 检察长) or
 * returned for revision, numbered inside the final approval's transaction, and served on the
 * agency — which starts its reply clock.
 */
import { sql } from 'kysely';
import { approverFor, documentRule, mayDraft, nextApprovalState, type CaseKind } from '../../domain/cases/index.js';
import type { ClockCode } from '../../domain/deadlines/index.js';
import { unfilledBlanks } from '../../domain/documents/templates.js';
import type { DocumentContent, DocumentType, SuggestionKind } from '../../domain/documents/types.js';
import type { Db } from '../db/index.js';
import type { Approval } from '../db/schemaCases.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import { recordClockEvent, startClock, stopOpenClock } from './caseClocks.js';
import { recordCaseEvent } from './caseEvents.js';
import { lockCase, nextState, reviewClockOf, setCaseState } from './cases.js';
import type { CommandContext, Trx } from './context.js';
import { draftContentFor } from './documentDrafts.js';
import {
  courtOutcomesFor,
  LITIGATION_SUGGESTION_KINDS,
  needsCommitteeDecision,
  replyResultOfCourtOutcome,
  type CourtOutcome,
  type LitigationSuggestionKind,
} from '../../domain/litigation/index.js';
import { SUGGESTION_KINDS } from '../../domain/documents/types.js';
import type { CaseRow } from './cases.js';
import { allocateNumber } from './numbering.js';

export async function lockDocument(trx: Trx, id: string, version?: number) {
  const row = await trx.selectFrom('documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Document');
  if (version !== undefined && row.version !== version) throw conflict(row);
  return row;
}

async function setDocument(trx: Trx, id: string, patch: Record<string, unknown>) {
  return trx
    .updateTable('documents')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function approval(ctx: CommandContext, step: Approval['step'], comment: string | null): Approval {
  return { step, by: ctx.actor?.id ?? '', byName: ctx.actorName, at: new Date().toISOString(), comment };
}

export async function draftCaseDocument(
  db: Db,
  ctx: CommandContext,
  caseId: string,
  input: { type: DocumentType; suggestionKind?: SuggestionKind | LitigationSuggestionKind | null; recipientId?: string | null; replyMonths?: number | null },
) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, caseId);
    if (!mayDraft(input.type, row.kind as CaseKind, row.state)) {
      throw new AppError(409, 'invalid_transition', `A ${input.type} cannot be drafted while the case is ${row.state}`);
    }
    const rule = documentRule(input.type);
    const recipientId = rule.servedOnAgency ? (input.recipientId ?? (await defaultRecipient(trx, row, input.type, input.suggestionKind ?? null))) : null;
    if (rule.servedOnAgency && !recipientId) throw new AppError(422, 'recipient_required', 'The document needs a recipient agency');
    if (recipientId) await assertRecipientKind(trx, recipientId, input.type, input.suggestionKind ?? null);
    const suggestionKind = suggestionKindOf(input.type, input.suggestionKind ?? null);
    const open = await trx
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', caseId)
      .where('type', '=', input.type)
      .where('state', 'in', ['draft', 'pending_head', 'pending_chief'])
      .executeTakeFirst();
    if (open) throw new AppError(409, 'draft_exists', 'A draft of this document is already in progress', { documentId: open.id });
    const replyMonths = rule.replyClock ? (input.replyMonths ?? null) : null;
    const content = await draftContentFor(trx, row, input.type, { suggestionKind, recipientId, replyMonths });
    const doc = await trx
      .insertInto('documents')
      .values({
        case_id: caseId,
        type: input.type,
        suggestion_kind: suggestionKind,
        state: 'draft',
        recipient_id: recipientId,
        content: JSON.stringify(content),
        drafted_by: ctx.actor?.id ?? null,
        drafted_by_name: ctx.actorName,
        reply_months: replyMonths,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'document.draft', recordType: 'document', recordId: doc.id, details: { caseId, type: input.type } });
    return doc;
  });
}

export async function editDocument(db: Db, ctx: CommandContext, id: string, input: { version: number; content: DocumentContent; recipientId?: string | null; replyMonths?: number | null }) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, id, input.version);
    if (doc.state !== 'draft') throw new AppError(409, 'not_draft', 'Only a draft can be edited; ask for it to be returned');
    // The number, type and issuer are the system's; the text is the procurator's.
    const content: DocumentContent = { ...input.content, type: doc.content.type, number: null, issuer: doc.content.issuer, signOff: { ...input.content.signOff, date: null } };
    const updated = await setDocument(trx, id, {
      content: JSON.stringify(content),
      ...(input.recipientId !== undefined && doc.recipient_id !== null && { recipient_id: input.recipientId }),
      ...(input.replyMonths !== undefined && documentRule(doc.type).replyClock && { reply_months: input.replyMonths }),
    });
    await recordAudit(trx, ctx, { action: 'document.edit', recordType: 'document', recordId: id });
    return updated;
  });
}

/** Fills the draft again from the case as it now stands (after the review form was completed);
 * the procurator's edits to the previous text are replaced, which the audit log records. */
export async function redraftDocument(db: Db, ctx: CommandContext, id: string, input: { version: number }) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, id, input.version);
    if (doc.state !== 'draft') throw new AppError(409, 'not_draft', 'Only a draft can be filled again');
    const row = await lockCase(trx, doc.case_id);
    const content = await draftContentFor(trx, row, doc.type as DocumentType, { suggestionKind: (doc.suggestion_kind as SuggestionKind | null) ?? null, recipientId: doc.recipient_id, replyMonths: doc.reply_months });
    const updated = await setDocument(trx, id, { content: JSON.stringify(content) });
    await recordAudit(trx, ctx, { action: 'document.redraft', recordType: 'document', recordId: id });
    return updated;
  });
}

export async function submitDocument(db: Db, ctx: CommandContext, id: string, input: { version: number }) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, id, input.version);
    if (doc.state !== 'draft') throw new AppError(409, 'not_draft', 'Only a draft can be submitted');
    // A draft still carrying 【待填写：…】 marks would go out with holes in it.
    const blanks = unfilledBlanks(doc.content);
    if (blanks.length > 0) throw new AppError(422, 'unfilled_blanks', `Fill in before submitting: ${blanks.join(', ')}`, { blanks });
    const state = nextApprovalState(doc.type, 'draft')!;
    const updated = await setDocument(trx, id, { state, approvals: JSON.stringify([...doc.approvals, approval(ctx, 'submitted', null)]) });
    await recordAudit(trx, ctx, { action: 'document.submit', recordType: 'document', recordId: id, details: { awaiting: approverFor(state) } });
    return updated;
  });
}

/** Returned for revision with a comment: back to the drafting procurator. */
export async function returnDocument(db: Db, ctx: CommandContext, id: string, input: { version: number; comment: string }) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, id, input.version);
    assertApprover(ctx, doc.state);
    const updated = await setDocument(trx, id, { state: 'draft', approvals: JSON.stringify([...doc.approvals, approval(ctx, 'returned', input.comment)]) });
    await recordAudit(trx, ctx, { action: 'document.return', recordType: 'document', recordId: id, details: { comment: input.comment } });
    return updated;
  });
}

function assertApprover(ctx: CommandContext, state: string) {
  const role = approverFor(state as never);
  if (!role) throw new AppError(409, 'not_pending', 'The document is not awaiting approval');
  if (!ctx.actor?.roles.includes(role)) throw forbidden();
}

/**
 * An approval. The last one numbers the document and takes the case step it stands for
 * (审查终结报告 → report done, 检察意见书 → opinion issued …) in the same transaction.
 */
export async function approveDocument(db: Db, ctx: CommandContext, id: string, input: { version: number; comment?: string | null; on: string }) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, id, input.version);
    assertApprover(ctx, doc.state);
    const next = nextApprovalState(doc.type, doc.state);
    const step: Approval['step'] = doc.state === 'pending_head' ? 'head_approved' : 'chief_approved';
    const approvals = JSON.stringify([...doc.approvals, approval(ctx, step, input.comment ?? null)]);
    if (next) {
      const updated = await setDocument(trx, id, { state: next, approvals });
      await recordAudit(trx, ctx, { action: 'document.approve', recordType: 'document', recordId: id, details: { step, awaiting: approverFor(next) } });
      return updated;
    }
    const caseRow = await lockCase(trx, doc.case_id);
    const rule = documentRule(doc.type);
    if (needsCommitteeDecision(doc.type, doc.suggestion_kind)) await assertCommitteeDecision(trx, caseRow.id, doc.type);
    const caseState = rule.onApproval ? nextState(caseRow as { kind: CaseKind; state: string }, rule.onApproval) : caseRow.state;
    const numbered = rule.numbered ? await allocateNumber(trx, caseRow.procuratorate_id, doc.type, Number(input.on.slice(0, 4))) : null;
    const content: DocumentContent = { ...doc.content, number: numbered?.number ?? null, signOff: { ...doc.content.signOff, date: input.on } };
    const updated = await setDocument(trx, id, {
      state: 'approved',
      approvals,
      approved_on: input.on,
      content: JSON.stringify(content),
      number: numbered?.number ?? null,
      number_year: numbered?.year ?? null,
      number_serial: numbered?.serial ?? null,
    });
    if (doc.type === 'review_closing_report') await stopOpenClock(trx, caseRow.id, reviewClockOf(caseRow.kind as CaseKind), input.on, 'review closing report approved');
    if (doc.type === 'termination_decision') await stopOpenClock(trx, caseRow.id, reviewClockOf(caseRow.kind as CaseKind), input.on, 'review terminated');
    if (doc.type === 'procuratorial_suggestion') await stopOpenClock(trx, caseRow.id, 'illegal_act_case', input.on, 'suggestion issued');
    if (rule.onApproval === 'issue_litigation_decision' || rule.onApproval === 'not_support') await stopOpenClock(trx, caseRow.id, 'litigation_review', input.on, `${doc.type} approved`);
    if (caseState !== caseRow.state || rule.onApproval) {
      await setCaseState(trx, caseRow.id, {
        state: caseState,
        ...(doc.type === 'termination_decision' && { outcome: 'terminated' }),
        ...(doc.type === 'procuratorial_opinion' && { outcome: 'opinion' }),
        ...(doc.type === 'procuratorial_suggestion' && { outcome: `suggestion_${doc.suggestion_kind ?? 'individual'}` }),
        ...(rule.onApproval === 'issue_litigation_decision' && { outcome: doc.type === 'litigation_suggestion' ? `litigation_suggestion_${doc.suggestion_kind}` : doc.type }),
        ...(rule.onApproval === 'not_support' && { outcome: 'not_supported' }),
      });
    }
    await recordCaseEvent(trx, ctx, caseRow.id, 'document_approved', input.on, { documentId: id, type: doc.type, number: numbered?.number ?? null });
    await recordAudit(trx, ctx, { action: 'document.approve', recordType: 'document', recordId: id, details: { step, number: numbered?.number ?? null, final: true } });
    return updated;
  });
}

/**
 * 送达: written or announced service. The reply period runs from the agency's receipt
 * (opinion and suggestion: 2 months; follow-up letter: the configured default), shorter when
 * the document set a shorter period.
 */
export async function serveDocument(db: Db, ctx: CommandContext, id: string, input: { version: number; servedOn: string; receivedOn: string; method: 'written' | 'announced' }) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, id, input.version);
    const rule = documentRule(doc.type);
    if (!rule.servedOnAgency) throw new AppError(409, 'not_served', 'This document is not served on an agency');
    if (doc.state !== 'approved') throw new AppError(409, 'not_approved', 'Only an approved document can be served');
    if (input.receivedOn < input.servedOn) throw new AppError(422, 'received_before_served', 'Receipt cannot be before service');
    if (doc.approved_on && input.servedOn < doc.approved_on) throw new AppError(422, 'served_before_approved', `Service cannot be before approval (${doc.approved_on})`);
    const caseRow = await lockCase(trx, doc.case_id);
    const state = nextState(caseRow as { kind: CaseKind; state: string }, 'serve');
    const updated = await setDocument(trx, id, { state: 'served', served_on: input.servedOn, received_on: input.receivedOn, service_method: input.method });
    await startClock(trx, caseRow.id, rule.replyClock as ClockCode, input.receivedOn, { documentId: id, ...(doc.reply_months && { length: doc.reply_months }) });
    await setCaseState(trx, caseRow.id, { state });
    await recordCaseEvent(trx, ctx, caseRow.id, 'document_served', input.servedOn, { documentId: id, type: doc.type, number: doc.number, receivedOn: input.receivedOn, method: input.method, agencyId: doc.recipient_id });
    await recordAudit(trx, ctx, { action: 'document.serve', recordType: 'document', recordId: id, details: { receivedOn: input.receivedOn } });
    return updated;
  });
}

export interface ReplyInput {
  result: 'adopted' | 'partially_adopted' | 'not_adopted';
  summary: string;
  reasons?: string | null;
  penaltyDecisionNo?: string | null;
  penaltyType?: string | null;
  penaltyAmount?: number | null;
  penaltyDate?: string | null;
  repliedOn: string;
  /** What the agency confirms it recovered, with the date (indicators "money recovered", "units reclaimed"). */
  recoveredAmount?: number | null;
  recoveredOn?: string | null;
  unitsReclaimed?: number | null;
  areaReclaimed?: number | null;
  reclaimedOn?: string | null;
  /** Litigation documents: what the court (or the superior procuratorate) did; sets `result`. */
  courtOutcome?: CourtOutcome | null;
}

/** The agency's written reply; its date stops the reply clock (on time or late is kept). */
export async function recordReply(db: Db, ctx: CommandContext, documentId: string, given: ReplyInput) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, documentId);
    if (doc.state !== 'served' || !doc.recipient_id) throw new AppError(409, 'not_served', 'Only a served document can be answered');
    const input = withCourtOutcome(doc.type, given);
    if (input.result === 'not_adopted' && !input.reasons?.trim()) throw new AppError(422, 'reasons_required', 'Say why the document was not adopted');
    if (doc.received_on && input.repliedOn < doc.received_on) throw new AppError(422, 'reply_before_receipt', 'The reply cannot predate receipt');
    if (input.recoveredAmount != null && !input.recoveredOn) throw new AppError(422, 'recovered_on_required', 'Say when the amount was recovered');
    if ((input.unitsReclaimed != null || input.areaReclaimed != null) && !input.reclaimedOn) throw new AppError(422, 'reclaimed_on_required', 'Say when the housing was reclaimed');
    const caseRow = await lockCase(trx, doc.case_id);
    const already = await trx.selectFrom('replies').select('id').where('document_id', '=', documentId).executeTakeFirst();
    if (already) throw new AppError(409, 'already_replied', 'This document has been answered already');
    const state = nextState(caseRow as { kind: CaseKind; state: string }, 'record_reply');
    const reply = await trx
      .insertInto('replies')
      .values({
        document_id: documentId,
        case_id: caseRow.id,
        organization_id: doc.recipient_id,
        result: input.result,
        summary: input.summary,
        reasons: input.reasons ?? null,
        penalty_decision_no: input.penaltyDecisionNo ?? null,
        penalty_type: input.penaltyType ?? null,
        penalty_amount: input.penaltyAmount ?? null,
        penalty_date: input.penaltyDate ?? null,
        court_outcome: input.courtOutcome ?? null,
        recovered_amount: input.recoveredAmount ?? null,
        recovered_on: input.recoveredOn ?? null,
        units_reclaimed: input.unitsReclaimed ?? null,
        area_reclaimed: input.areaReclaimed ?? null,
        reclaimed_on: input.reclaimedOn ?? null,
        replied_on: input.repliedOn,
        submitted_by: ctx.actor?.id ?? null,
        submitted_by_name: ctx.actorName,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const rule = documentRule(doc.type);
    const clock = await trx.selectFrom('case_clocks').select('id').where('document_id', '=', documentId).where('stopped_on', 'is', null).executeTakeFirst();
    if (clock) await recordClockEvent(trx, clock.id, { type: 'stop', on: input.repliedOn, reason: 'reply received' });
    await stopOpenClock(trx, caseRow.id, 'objection_review', input.repliedOn, 'reply received');
    await setCaseState(trx, caseRow.id, { state });
    await recordCaseEvent(trx, ctx, caseRow.id, 'reply_received', input.repliedOn, {
      documentId,
      replyId: reply.id,
      type: doc.type,
      result: input.result,
      ...(input.courtOutcome && { courtOutcome: input.courtOutcome }),
      penalty: input.penaltyDecisionNo ? { decisionNo: input.penaltyDecisionNo, type: input.penaltyType, amount: input.penaltyAmount, date: input.penaltyDate } : null,
      clock: rule.replyClock,
    });
    await recordAudit(trx, ctx, { action: 'reply.submit', recordType: 'reply', recordId: reply.id, details: { documentId, result: input.result } });
    return reply;
  });
}

/** The procurator's evaluation of a reply; then the case closes or goes to follow-up. */
export async function evaluateReply(
  db: Db,
  ctx: CommandContext,
  replyId: string,
  input: { evaluation: 'adopted' | 'partially_adopted' | 'not_adopted'; note?: string | null; on: string; next: 'close' | 'follow_up'; caseVersion: number },
) {
  return db.transaction().execute(async (trx) => {
    const reply = await trx.selectFrom('replies').selectAll().where('id', '=', replyId).forUpdate().executeTakeFirst();
    if (!reply) throw notFound('Reply');
    if (reply.evaluation) throw new AppError(409, 'already_evaluated', 'The reply has been evaluated already');
    const caseRow = await lockCase(trx, reply.case_id, input.caseVersion);
    const state = nextState(caseRow as { kind: CaseKind; state: string }, input.next);
    await trx.updateTable('replies').set({ evaluation: input.evaluation, evaluation_note: input.note ?? null, evaluated_on: input.on, evaluated_by: ctx.actor?.id ?? null }).where('id', '=', replyId).execute();
    const patch: Record<string, unknown> = { state };
    if (input.next === 'close') Object.assign(patch, { closed_on: input.on, closing_reason: input.note ?? input.evaluation });
    if (input.next === 'close') {
      for (const clock of await trx.selectFrom('case_clocks').select('id').where('case_id', '=', caseRow.id).where('stopped_on', 'is', null).execute()) {
        await recordClockEvent(trx, clock.id, { type: 'stop', on: input.on, reason: 'case closed' });
      }
    }
    const updated = await setCaseState(trx, caseRow.id, patch);
    await recordCaseEvent(trx, ctx, caseRow.id, 'reply_evaluated', input.on, { replyId, evaluation: input.evaluation, next: input.next });
    if (input.next === 'close') await recordCaseEvent(trx, ctx, caseRow.id, 'closed', input.on, { reason: input.note ?? input.evaluation });
    if (input.next === 'follow_up') await recordCaseEvent(trx, ctx, caseRow.id, 'follow_up', input.on, { reason: input.note ?? input.evaluation });
    await recordAudit(trx, ctx, { action: 'reply.evaluate', recordType: 'reply', recordId: replyId, details: { evaluation: input.evaluation, next: input.next } });
    return updated;
  });
}

/** 异议: the agency disputes a suggestion; the 复核 clock starts at once (检察建议工作规定 art. 23). */
export async function raiseObjection(db: Db, ctx: CommandContext, documentId: string, input: { grounds: string; raisedOn: string }) {
  return db.transaction().execute(async (trx) => {
    const doc = await lockDocument(trx, documentId);
    if (doc.type !== 'procuratorial_suggestion' || doc.state !== 'served' || !doc.recipient_id) {
      throw new AppError(409, 'objection_not_possible', 'An objection can be raised against a served procuratorial suggestion');
    }
    const pending = await trx.selectFrom('objections').select('id').where('document_id', '=', documentId).where('state', '=', 'pending').executeTakeFirst();
    if (pending) throw new AppError(409, 'objection_pending', 'An objection to this document is already under review');
    const caseRow = await lockCase(trx, doc.case_id);
    const state = nextState(caseRow as { kind: CaseKind; state: string }, 'object');
    const objection = await trx
      .insertInto('objections')
      .values({ document_id: documentId, case_id: caseRow.id, organization_id: doc.recipient_id, grounds: input.grounds, raised_on: input.raisedOn, raised_by: ctx.actor?.id ?? null, raised_by_name: ctx.actorName, state: 'pending' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await startClock(trx, caseRow.id, 'objection_review', input.raisedOn, { documentId });
    await setCaseState(trx, caseRow.id, { state });
    await recordCaseEvent(trx, ctx, caseRow.id, 'objection_raised', input.raisedOn, { documentId, objectionId: objection.id });
    await recordAudit(trx, ctx, { action: 'objection.raise', recordType: 'objection', recordId: objection.id, details: { documentId } });
    return objection;
  });
}

/** 复核 decided by the 检察长: upheld → the suggestion is withdrawn and the case goes back to
 * investigation (a revised suggestion may follow); rejected → the reply is still owed. */
export async function decideObjection(db: Db, ctx: CommandContext, objectionId: string, input: { decision: 'upheld' | 'rejected'; reasons: string; on: string; caseVersion: number }) {
  return db.transaction().execute(async (trx) => {
    const objection = await trx.selectFrom('objections').selectAll().where('id', '=', objectionId).forUpdate().executeTakeFirst();
    if (!objection) throw notFound('Objection');
    if (objection.state !== 'pending') throw new AppError(409, 'already_decided', 'The objection has been decided already');
    const caseRow = await lockCase(trx, objection.case_id, input.caseVersion);
    const state = nextState(caseRow as { kind: CaseKind; state: string }, input.decision === 'upheld' ? 'uphold_objection' : 'reject_objection');
    await trx.updateTable('objections').set({ state: input.decision, decision_reasons: input.reasons, decided_on: input.on, decided_by: ctx.actor?.id ?? null }).where('id', '=', objectionId).execute();
    await stopOpenClock(trx, caseRow.id, 'objection_review', input.on, `objection ${input.decision}`);
    if (input.decision === 'upheld') {
      await setDocument(trx, objection.document_id, { state: 'withdrawn' });
      const replyClock = await trx.selectFrom('case_clocks').select('id').where('document_id', '=', objection.document_id).where('code', '=', 'suggestion_reply').where('stopped_on', 'is', null).executeTakeFirst();
      if (replyClock) await recordClockEvent(trx, replyClock.id, { type: 'stop', on: input.on, reason: 'suggestion withdrawn after objection' });
    }
    const updated = await setCaseState(trx, caseRow.id, { state });
    await recordCaseEvent(trx, ctx, caseRow.id, `objection_${input.decision}`, input.on, { objectionId, reasons: input.reasons });
    await recordAudit(trx, ctx, { action: 'objection.decide', recordType: 'objection', recordId: objectionId, details: { decision: input.decision } });
    return updated;
  });
}


// ── litigation supervision (DOMAIN.md §5) ──────────────────────────────────────────────────

/** The kind of suggestion stored with a 检察建议书: 个案/类案/社会治理, or the litigation kinds. */
function suggestionKindOf(type: DocumentType, given: string | null): string | null {
  if (type === 'procuratorial_suggestion') {
    const kind = given ?? 'individual';
    if (!(SUGGESTION_KINDS as readonly string[]).includes(kind)) throw fieldError('suggestionKind', 'invalid', `A procuratorial suggestion is ${SUGGESTION_KINDS.join(' / ')}`);
    return kind;
  }
  if (type === 'litigation_suggestion') {
    const kind = given ?? 'trial_irregularity';
    if (!(LITIGATION_SUGGESTION_KINDS as readonly string[]).includes(kind)) throw fieldError('suggestionKind', 'invalid', `A litigation suggestion is ${LITIGATION_SUGGESTION_KINDS.join(' / ')}`);
    return kind;
  }
  return null;
}

/** Who a document goes to when the drafter names nobody: the court of the application, or the case's agency. */
async function defaultRecipient(trx: Trx, row: CaseRow, type: DocumentType, suggestionKind: string | null): Promise<string | null> {
  const rule = documentRule(type);
  const toAgency = rule.recipientKinds.includes('agency') && (type !== 'litigation_suggestion' || suggestionKind === 'agency_noncompliance');
  if (toAgency) return row.agency_id;
  if (row.kind === 'litigation' && rule.recipientKinds.includes('court') && row.clue_id) {
    const clue = await trx.selectFrom('clues').select('litigation').where('id', '=', row.clue_id).executeTakeFirst();
    return clue?.litigation?.courtId ?? null;
  }
  return null;
}

/** A 再审检察建议书 goes to a court, a 提请抗诉报告书 to a procuratorate, a 检察意见书 to an agency … */
async function assertRecipientKind(trx: Trx, recipientId: string, type: DocumentType, suggestionKind: string | null) {
  const org = await trx.selectFrom('organizations').select(['kind', 'active']).where('id', '=', recipientId).executeTakeFirst();
  let allowed = documentRule(type).recipientKinds;
  if (type === 'litigation_suggestion') allowed = suggestionKind === 'agency_noncompliance' ? ['agency'] : ['court'];
  if (!org || !org.active || !allowed.includes(org.kind)) {
    throw fieldError('recipientId', 'wrong_recipient', `A ${type} is addressed to: ${allowed.join(' / ')}`);
  }
}

/** Retrial suggestions, protests and enforcement suggestions need the committee's decision first. */
async function assertCommitteeDecision(trx: Trx, caseId: string, type: string) {
  const decision = await trx
    .selectFrom('committee_decisions')
    .select(['decision'])
    .where('case_id', '=', caseId)
    .where('outcome', '=', type)
    .orderBy('meeting_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .executeTakeFirst();
  if (!decision || decision.decision !== 'approved') {
    throw new AppError(
      409,
      'committee_decision_required',
      decision ? 'The procuratorial committee decided against this outcome' : 'Record the procuratorial committee (检察委员会) decision on this outcome before the final approval',
      { outcome: type },
    );
  }
}

/** A court's answer is recorded by its outcome; the reply result follows from it. */
function withCourtOutcome(type: string, input: ReplyInput): ReplyInput {
  const allowed = courtOutcomesFor(type);
  if (allowed.length === 0) {
    if (input.courtOutcome) throw fieldError('courtOutcome', 'not_applicable', 'Only the answer to a litigation-supervision document has a court outcome');
    return input;
  }
  if (!input.courtOutcome) throw fieldError('courtOutcome', 'required', `Record what was done: ${allowed.join(' / ')}`);
  if (!allowed.includes(input.courtOutcome)) throw fieldError('courtOutcome', 'invalid', `For a ${type} the outcome is one of ${allowed.join(' / ')}`);
  return { ...input, result: replyResultOfCourtOutcome(input.courtOutcome) };
}

