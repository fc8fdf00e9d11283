/**
 * Escalation notices (通报 / 抄送, DOMAIN §4 step 10): the follow-up ladder's last step. The
 * procurator reports an unanswered (or unconvincingly answered) opinion, suggestion or follow-up
 * letter to the agency's superior or regulator, the government, the congress standing committee,
 * the Party committee, the supervision commission or the superior procuratorate, then records
 * their answer and closes the notice. The case stays in follow-up; each step is a case event.
 */
import { sql } from 'kysely';
import {
  answerDateProblems,
  closingDateProblems,
  ESCALATED_DOCUMENT_TYPES,
  noticeDateProblems,
  noticeStatusAfter,
  type DateProblem,
  type EscalationMethod,
  type EscalationOutcome,
  type EscalationRecipientKind,
} from '../../domain/cases/escalation.js';
import type { Db } from '../db/index.js';
import { AppError, conflict, fieldError, notFound } from '../errors.js';
import { today } from '../today.js';
import { recordAudit } from './audit.js';
import { recordCaseEvent } from './caseEvents.js';
import { lockCase, nextState, setCaseState } from './cases.js';
import type { CommandContext, Trx } from './context.js';

export interface EscalationNoticeInput {
  /** The case's version: a new notice is a step of the case. */
  version: number;
  recipientKind: EscalationRecipientKind;
  recipientName?: string | null;
  recipientOrganizationId?: string | null;
  documentIds: string[];
  content: string;
  sentOn: string;
  method: EscalationMethod;
  answerExpectedBy?: string | null;
  attachmentIds?: string[];
}

/** Every date problem at once, each on its field (the same shape as schema validation). */
function refuseDates(problems: DateProblem[]): void {
  if (problems.length === 0) return;
  throw new AppError(400, 'validation', problems.map((p) => p.message).join('; '), {
    fields: problems.map((p) => ({ path: p.field, code: 'custom', message: p.message, params: { reason: p.reason } })),
  });
}

export async function recordEscalationNotice(db: Db, ctx: CommandContext, caseId: string, input: EscalationNoticeInput) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, caseId, input.version);
    nextState(row, 'notify_escalation');
    const documentIds = [...new Set(input.documentIds)];
    if (documentIds.length === 0) throw fieldError('documentIds', 'required', 'Name the document the notice reports');
    const docs = await trx.selectFrom('documents').select(['id', 'type', 'number', 'state', 'served_on']).where('case_id', '=', caseId).where('id', 'in', documentIds).execute();
    if (docs.length !== documentIds.length) throw fieldError('documentIds', 'unknown', 'A document named is not a document of this case');
    const unserved = docs.find((d) => !(ESCALATED_DOCUMENT_TYPES as readonly string[]).includes(d.type) || d.state !== 'served' || !d.served_on);
    if (unserved) throw fieldError('documentIds', 'document_not_served', `Only a served opinion, suggestion or follow-up letter can be reported (${unserved.number ?? unserved.id})`);
    let recipientName = input.recipientName?.trim() || null;
    if (input.recipientOrganizationId) {
      const org = await trx.selectFrom('organizations').select('name').where('id', '=', input.recipientOrganizationId).executeTakeFirst();
      if (!org) throw fieldError('recipientOrganizationId', 'unknown', 'No such organization');
      recipientName ??= org.name;
    }
    if (!recipientName) throw fieldError('recipientName', 'required', 'Name the recipient of the notice');
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    if (attachmentIds.length > 0) {
      const found = await trx.selectFrom('attachments').select('id').where('owner_type', '=', 'case').where('owner_id', '=', caseId).where('id', 'in', attachmentIds).execute();
      if (found.length !== attachmentIds.length) throw fieldError('attachmentIds', 'unknown', 'Attach files of this case');
    }
    refuseDates(noticeDateProblems({ sentOn: input.sentOn, today: today(), servedOn: docs.map((d) => d.served_on!), answerExpectedBy: input.answerExpectedBy }));
    const notice = await trx
      .insertInto('escalation_notices')
      .values({
        case_id: caseId,
        recipient_kind: input.recipientKind,
        recipient_name: recipientName,
        recipient_organization_id: input.recipientOrganizationId ?? null,
        document_ids: JSON.stringify(documentIds),
        content: input.content,
        sent_on: input.sentOn,
        method: input.method,
        answer_expected_by: input.answerExpectedBy ?? null,
        attachment_ids: JSON.stringify(attachmentIds),
        recorded_by: ctx.actor?.id ?? null,
        recorded_by_name: ctx.actorName,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = await setCaseState(trx, caseId, {});
    await recordCaseEvent(trx, ctx, caseId, 'escalation_notice_sent', input.sentOn, {
      noticeId: notice.id,
      recipientKind: input.recipientKind,
      recipientName,
      documentNumbers: docs.map((d) => d.number).filter(Boolean).join('、'),
      answerExpectedBy: input.answerExpectedBy ?? null,
    });
    await recordAudit(trx, ctx, {
      action: 'escalation_notice.record',
      recordType: 'escalation_notice',
      recordId: notice.id,
      details: { caseId, recipientKind: input.recipientKind, recipientName, documentIds },
    });
    return { notice, case: updated };
  });
}

async function lockNotice(trx: Trx, id: string, version: number) {
  const row = await trx.selectFrom('escalation_notices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Escalation notice');
  if (row.version !== version) throw conflict(row);
  return row;
}

const bump = { version: sql<number>`version + 1`, updated_at: new Date() };

/** The recipient's answer: it acted, it will not, or it is still dealing with it (a later answer replaces a pending one). */
export async function answerEscalationNotice(db: Db, ctx: CommandContext, id: string, input: { version: number; answeredOn: string; summary: string; outcome: EscalationOutcome }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockNotice(trx, id, input.version);
    const status = noticeStatusAfter(row.status, 'answer');
    if (!status) throw new AppError(409, 'notice_closed', 'The notice is closed');
    refuseDates(answerDateProblems({ answeredOn: input.answeredOn, sentOn: row.sent_on, today: today() }));
    const notice = await trx
      .updateTable('escalation_notices')
      .set({ ...bump, status, answered_on: input.answeredOn, answer_summary: input.summary, answer_outcome: input.outcome })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await setCaseState(trx, row.case_id, {});
    await recordCaseEvent(trx, ctx, row.case_id, 'escalation_notice_answered', input.answeredOn, { noticeId: id, recipientName: row.recipient_name, answerOutcome: input.outcome });
    await recordAudit(trx, ctx, { action: 'escalation_notice.answer', recordType: 'escalation_notice', recordId: id, details: { caseId: row.case_id, outcome: input.outcome } });
    return notice;
  });
}

/** Nothing more is expected from this notice (answered for good, or given up). */
export async function closeEscalationNotice(db: Db, ctx: CommandContext, id: string, input: { version: number; closedOn: string; note?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const row = await lockNotice(trx, id, input.version);
    const status = noticeStatusAfter(row.status, 'close');
    if (!status) throw new AppError(409, 'notice_closed', 'The notice is closed');
    refuseDates(closingDateProblems({ closedOn: input.closedOn, sentOn: row.sent_on, answeredOn: row.answered_on, today: today() }));
    const notice = await trx
      .updateTable('escalation_notices')
      .set({ ...bump, status, closed_on: input.closedOn, closing_note: input.note ?? null })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await setCaseState(trx, row.case_id, {});
    await recordCaseEvent(trx, ctx, row.case_id, 'escalation_notice_closed', input.closedOn, { noticeId: id, recipientName: row.recipient_name, note: input.note ?? null });
    await recordAudit(trx, ctx, { action: 'escalation_notice.close', recordType: 'escalation_notice', recordId: id, details: { caseId: row.case_id } });
    return notice;
  });
}
