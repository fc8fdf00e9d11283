/**
 * What leaves the server about escalation notices (通报): only ever to the procuratorate's case
 * staff (policies/escalations.ts) — the presenters of the case an agency sees never read them.
 */
import type { Selectable } from 'kysely';
import { answerOverdue } from '../../domain/cases/escalation.js';
import type { Db } from '../db/index.js';
import type { EscalationNoticesTable } from '../db/schemaEscalations.js';
import { today } from '../today.js';

type NoticeRow = Selectable<EscalationNoticesTable>;

export async function presentNotices(db: Db, rows: NoticeRow[]) {
  const docIds = [...new Set(rows.flatMap((r) => r.document_ids))];
  const docs = docIds.length ? await db.selectFrom('documents').select(['id', 'type', 'number', 'served_on']).where('id', 'in', docIds).execute() : [];
  const attachmentIds = [...new Set(rows.flatMap((r) => r.attachment_ids))];
  const files = attachmentIds.length ? await db.selectFrom('attachments').select(['id', 'file_name']).where('id', 'in', attachmentIds).execute() : [];
  const orgIds = [...new Set(rows.map((r) => r.recipient_organization_id).filter((id): id is string => id !== null))];
  const orgs = orgIds.length ? await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const now = today();
  return rows.map((n) => ({
    id: n.id,
    caseId: n.case_id,
    recipientKind: n.recipient_kind,
    recipientName: n.recipient_name,
    recipientOrganization: n.recipient_organization_id ? { id: n.recipient_organization_id, name: orgs.find((o) => o.id === n.recipient_organization_id)?.name ?? '' } : null,
    documents: n.document_ids.map((id) => {
      const d = docs.find((x) => x.id === id);
      return { id, type: d?.type ?? null, number: d?.number ?? null, servedOn: d?.served_on ?? null };
    }),
    content: n.content,
    sentOn: n.sent_on,
    method: n.method,
    answerExpectedBy: n.answer_expected_by,
    answerOverdue: answerOverdue({ status: n.status, answerExpectedBy: n.answer_expected_by }, now),
    attachments: n.attachment_ids.map((id) => ({ id, fileName: files.find((f) => f.id === id)?.file_name ?? '' })),
    status: n.status,
    answeredOn: n.answered_on,
    answerSummary: n.answer_summary,
    answerOutcome: n.answer_outcome,
    closedOn: n.closed_on,
    closingNote: n.closing_note,
    recordedBy: n.recorded_by_name,
    recordedAt: new Date(n.recorded_at).toISOString(),
    version: n.version,
  }));
}

export async function listCaseNotices(db: Db, caseId: string) {
  const rows = await db.selectFrom('escalation_notices').selectAll().where('case_id', '=', caseId).orderBy('sent_on').orderBy('recorded_at').execute();
  return { items: await presentNotices(db, rows) };
}

export async function presentNotice(db: Db, id: string) {
  const row = await db.selectFrom('escalation_notices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await presentNotices(db, [row]))[0];
}
