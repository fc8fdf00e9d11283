/**
 * What leaves the server about clues, cases and documents. ID numbers are masked unless the
 * route was asked to unmask (policy + audit there); agencies get the outward view of a case —
 * the documents served on them and their own replies, never the internal review.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import { availableActions, type CaseKind } from '../../domain/cases/index.js';
import type { ClockCode } from '../../domain/deadlines/index.js';
import { maskIdNumber, maskPhone } from '../../domain/idNumber.js';
import type { Db } from '../db/index.js';
import type { DB } from '../db/schema.js';
import type { CluesTable, NonProsecutionFacts } from '../db/schemaCases.js';
import type { Selectable } from 'kysely';
import { explanationOf, statusOf } from '../commands/caseClocks.js';
import { currentCalendar } from '../commands/holidaySchedules.js';
import { transferCheck } from '../../domain/reverseConnection/checks.js';
import { applicationWindow, type LitigationFacts } from '../../domain/litigation/index.js';

import { hasRole, inAgency, type Actor } from '../policies/policy.js';
import { today } from '../today.js';
import type { CaseRecord, ClueRecord, DocumentRecord } from '../policies/cases.js';
import { caseSearchCondition } from './caseSearch.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const maskId = (id: string | null, unmask: boolean) => (id === null ? null : unmask ? id : maskIdNumber(id));
const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function organizationNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function userNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

/**
 * The total of a list. A page that is not full is the last one, so its total needs no count;
 * otherwise the matching rows are counted up to COUNT_CAP. An exact count walks every matching
 * row: with a million cases that is 30–60 ms of index scanning on every page view, more than the
 * page itself (bench/cases.ts), and nobody pages through more than a thousand rows — they filter.
 * Past the cap `total` is COUNT_CAP and `totalCapped` is true: the list shows "1,000+".
 */
export const COUNT_CAP = 1000;

async function totalOf(db: Db, q: SelectQueryBuilder<DB, any, object>, page: number, pageSize: number, onPage: number): Promise<{ total: number; totalCapped: boolean }> {
  if (onPage < pageSize && (onPage > 0 || page === 1)) return { total: (page - 1) * pageSize + onPage, totalCapped: false };
  const { n } = await db
    .selectFrom(q.select(sql`1`.as('one')).limit(COUNT_CAP + 1).as('matching'))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

export function clueRecord(c: Pick<Selectable<CluesTable>, 'procuratorate_id' | 'submitted_by_organization_id' | 'source' | 'created_by'>): ClueRecord {
  return { procuratorateId: c.procuratorate_id, submittedByOrganizationId: c.submitted_by_organization_id, source: c.source, createdBy: c.created_by };
}

/** The 3-working-day transfer check of a non-prosecution decision (DOMAIN §7). */
export function transferOf(np: NonProsecutionFacts | null) {
  if (!np) return null;
  const now = today();
  return transferCheck({ decisionDate: np.decidedOn, transferredOn: np.transferredOn, asOf: now < np.decidedOn ? np.decidedOn : now, calendar: currentCalendar() });
}

type ClueRow = Selectable<CluesTable>;

/** The application (or ex-officio matter) of a litigation clue or case, with its window check. */
export function presentLitigation(l: LitigationFacts | null, receivedOn: string, orgs: Map<string, string>, unmask: boolean) {
  if (!l) return null;
  return {
    supervisionType: l.supervisionType,
    applicant: l.applicant ? { ...l.applicant, idNumber: maskId(l.applicant.idNumber, unmask), contact: unmask || l.applicant.contact === null ? l.applicant.contact : maskPhone(l.applicant.contact) } : null,
    exOfficioGround: l.exOfficioGround,
    court: ref(orgs, l.courtId),
    courtDecisions: l.courtDecisions,
    grounds: l.grounds,
    windowOverride: l.windowOverride,
    window: applicationWindow(l, receivedOn, currentCalendar()),
  };
}

export async function presentClues(db: Db, rows: ClueRow[], unmask: boolean) {
  const orgs = await organizationNames(db, rows.flatMap((r) => [r.agency_id, r.submitted_by_organization_id, r.litigation?.courtId ?? null]));
  const users = await userNames(db, rows.map((r) => r.assignee_id));
  return rows.map((c) => ({
    id: c.id,
    number: c.number,
    source: c.source,
    status: c.status,
    title: c.title,
    summary: c.summary,
    subjectName: c.subject_name,
    subjectIdNumber: maskId(c.subject_id_number, unmask),
    matter: c.matter,
    agency: ref(orgs, c.agency_id),
    submittedBy: ref(orgs, c.submitted_by_organization_id),
    hitId: c.hit_id,
    evidence: unmask ? c.evidence : maskEvidence(c.evidence),
    nonProsecution: c.non_prosecution,
    transfer: transferOf(c.non_prosecution),
    litigation: presentLitigation(c.litigation, c.received_on, orgs, unmask),
    receivedOn: c.received_on,
    assignee: ref(users, c.assignee_id),
    evaluation: c.evaluation,
    decisionReason: c.decision_reason,
    mergedIntoId: c.merged_into_id,
    caseId: c.case_id,
    createdBy: c.created_by_name,
    createdAt: iso(c.created_at),
    version: c.version,
    masked: !unmask,
  }));
}

/** Evidence carried from a hit: ID numbers inside are masked like the subject's. */
function maskEvidence(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskEvidence);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /id_number$/i.test(k) && typeof v === 'string' ? maskIdNumber(v) : maskEvidence(v)]));
  }
  return value;
}

export interface ClueFilter {
  status?: string;
  source?: string;
  q?: string;
  onlyOrganization?: string;
  onlySource?: string;
  procuratorateId?: string;
}

/** Which clues an actor's lists show: an agency its own transfers; the criminal department the
 * non-prosecution decisions; the administrative department the whole register. */
export function clueScope(actor: Actor): Pick<ClueFilter, 'onlyOrganization' | 'procuratorateId' | 'onlySource'> {
  if (inAgency(actor)) return { onlyOrganization: actor.organizationId };
  const onlySource = hasRole(actor, 'procurator', 'department_head', 'chief_prosecutor', 'observer') ? undefined : 'non_prosecution';
  return { procuratorateId: actor.organizationId, onlySource };
}

export async function listClues(db: Db, filter: ClueFilter, page: number, pageSize: number) {
  let q = db.selectFrom('clues');
  if (filter.procuratorateId) q = q.where('procuratorate_id', '=', filter.procuratorateId);
  if (filter.onlyOrganization) q = q.where('submitted_by_organization_id', '=', filter.onlyOrganization);
  if (filter.onlySource) q = q.where('source', '=', filter.onlySource as never);
  if (filter.status) q = q.where('status', '=', filter.status as never);
  if (filter.source) q = q.where('source', '=', filter.source as never);
  if (filter.q) {
    const p = escapeLike(filter.q);
    q = q.where((eb) => eb.or([eb('number', 'ilike', p), eb('title', 'ilike', p), eb('subject_name', 'ilike', p)]));
  }
  const rows = await q.selectAll().orderBy('received_on', 'desc').orderBy('number', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const counted = await totalOf(db, q, page, pageSize, rows.length);
  return { ...counted, items: await presentClues(db, rows, false) };
}

export async function caseRecordOf(db: Db, c: { id: string; procuratorate_id: string; agency_id: string | null; procurator_id: string | null }): Promise<CaseRecord> {
  const served = c.agency_id
    ? await db.selectFrom('documents').select('id').where('case_id', '=', c.id).where('recipient_id', '=', c.agency_id).where('state', 'in', ['served', 'withdrawn']).executeTakeFirst()
    : undefined;
  return { procuratorateId: c.procuratorate_id, agencyId: c.agency_id, procuratorId: c.procurator_id, servedOnAgency: !!served };
}

export function documentRecordOf(d: { recipient_id: string | null; state: string; drafted_by: string | null }, c: { procuratorate_id: string; procurator_id: string | null }): DocumentRecord {
  return { procuratorateId: c.procuratorate_id, recipientId: d.recipient_id, state: d.state, draftedBy: d.drafted_by, procuratorId: c.procurator_id };
}

export interface CaseFilter {
  state?: string;
  kind?: string;
  agencyId?: string;
  procuratorId?: string;
  q?: string;
  procuratorateId: string;
}

export async function listCases(db: Db, filter: CaseFilter, page: number, pageSize: number) {
  let q = db.selectFrom('cases').where('cases.procuratorate_id', '=', filter.procuratorateId);
  if (filter.state === 'open') q = q.where('cases.state', '!=', 'closed');
  else if (filter.state) q = q.where('cases.state', '=', filter.state);
  if (filter.kind) q = q.where('cases.kind', '=', filter.kind as CaseKind);
  if (filter.agencyId) q = q.where('cases.agency_id', '=', filter.agencyId);
  if (filter.procuratorId) q = q.where('cases.procurator_id', '=', filter.procuratorId);
  if (filter.q?.trim()) q = q.where(caseSearchCondition(filter.q));
  // The page is chosen first; only its rows look up their next due date, not every row the offset skips.
  const onPage = q.select('cases.id').orderBy('cases.registered_on', 'desc').orderBy('cases.number', 'desc').limit(pageSize).offset((page - 1) * pageSize);
  const rows = await db
    .selectFrom('cases')
    .innerJoin(onPage.as('page'), 'page.id', 'cases.id')
    .selectAll('cases')
    .select((eb) =>
      eb
        .selectFrom('case_clocks')
        .select(sql<string>`min(due_on)::text`.as('due'))
        .whereRef('case_clocks.case_id', '=', 'cases.id')
        .where('case_clocks.stopped_on', 'is', null)
        .as('next_due'),
    )
    .orderBy('cases.registered_on', 'desc')
    .orderBy('cases.number', 'desc')
    .execute();
  const counted = await totalOf(db, q, page, pageSize, rows.length);
  const orgs = await organizationNames(db, rows.map((r) => r.agency_id));
  const users = await userNames(db, rows.map((r) => r.procurator_id));
  return {
    ...counted,
    items: rows.map((c) => ({
      id: c.id,
      number: c.number,
      kind: c.kind,
      state: c.state,
      title: c.title,
      subjectName: c.subject_name,
      agency: ref(orgs, c.agency_id),
      procurator: ref(users, c.procurator_id),
      registeredOn: c.registered_on,
      nextDue: c.next_due,
      overdue: c.next_due !== null && c.next_due < today(),
      version: c.version,
    })),
  };
}

function presentClock(c: { id: string; code: string; document_id: string | null; events: unknown; due_on: string | null; stopped_on: string | null }) {
  const events = c.events as never[];
  return {
    id: c.id,
    code: c.code,
    documentId: c.document_id,
    events,
    due: c.due_on,
    stoppedOn: c.stopped_on,
    status: statusOf(c.code as ClockCode, events, today()),
    explanation: explanationOf(c.code as ClockCode, events),
  };
}

export function presentDocumentSummary(d: {
  id: string;
  type: string;
  suggestion_kind: string | null;
  state: string;
  number: string | null;
  recipient_id: string | null;
  approved_on: string | null;
  served_on: string | null;
  received_on: string | null;
  version: number;
  content: { title: string };
}) {
  return {
    id: d.id,
    type: d.type,
    suggestionKind: d.suggestion_kind,
    state: d.state,
    number: d.number,
    title: d.content.title,
    recipientId: d.recipient_id,
    approvedOn: d.approved_on,
    servedOn: d.served_on,
    receivedOn: d.received_on,
    version: d.version,
  };
}

function presentReply(r: Selectable<import('../db/schemaCases.js').RepliesTable>) {
  return {
    id: r.id,
    documentId: r.document_id,
    result: r.result,
    summary: r.summary,
    reasons: r.reasons,
    courtOutcome: r.court_outcome,
    penalty: r.penalty_decision_no || r.penalty_type || r.penalty_amount !== null ? { decisionNo: r.penalty_decision_no, type: r.penalty_type, amount: r.penalty_amount === null ? null : Number(r.penalty_amount), date: r.penalty_date } : null,
    repliedOn: r.replied_on,
    submittedBy: r.submitted_by_name,
    evaluation: r.evaluation,
    evaluationNote: r.evaluation_note,
    evaluatedOn: r.evaluated_on,
  };
}

function presentObjection(o: Selectable<import('../db/schemaCases.js').ObjectionsTable>) {
  return { id: o.id, documentId: o.document_id, grounds: o.grounds, raisedOn: o.raised_on, raisedBy: o.raised_by_name, state: o.state, decisionReasons: o.decision_reasons, decidedOn: o.decided_on };
}

/** One case. Agencies see the outward part only: documents served on them, their replies and objections. */
export async function presentCase(db: Db, id: string, actor: Actor, unmask: boolean) {
  const c = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const outward = inAgency(actor);
  let docs = await db.selectFrom('documents').selectAll().where('case_id', '=', id).orderBy('created_at').execute();
  if (outward) docs = docs.filter((d) => d.recipient_id === actor.organizationId && (d.state === 'served' || d.state === 'withdrawn'));
  const docIds = docs.map((d) => d.id);
  const replies = docIds.length ? await db.selectFrom('replies').selectAll().where('document_id', 'in', docIds).orderBy('submitted_at').execute() : [];
  const objections = docIds.length ? await db.selectFrom('objections').selectAll().where('document_id', 'in', docIds).orderBy('raised_on').execute() : [];
  let clocks = await db.selectFrom('case_clocks').selectAll().where('case_id', '=', id).orderBy('created_at').execute();
  if (outward) clocks = clocks.filter((k) => k.document_id !== null && docIds.includes(k.document_id));
  const clue = c.clue_id ? await db.selectFrom('clues').select(['id', 'number', 'source', 'non_prosecution', 'hit_id', 'litigation', 'received_on']).where('id', '=', c.clue_id).executeTakeFirst() : undefined;
  const orgs = await organizationNames(db, [c.agency_id, ...docs.map((d) => d.recipient_id), clue?.litigation?.courtId ?? null]);
  const users = await userNames(db, [c.procurator_id]);
  const base = {
    id: c.id,
    number: c.number,
    kind: c.kind,
    state: c.state,
    title: c.title,
    subjectName: c.subject_name,
    subjectIdNumber: maskId(c.subject_id_number, unmask),
    agency: ref(orgs, c.agency_id),
    registeredOn: c.registered_on,
    closedOn: c.closed_on,
    outcome: c.outcome,
    documents: docs.map((d) => ({ ...presentDocumentSummary(d), recipient: ref(orgs, d.recipient_id) })),
    replies: replies.map(presentReply),
    objections: objections.map(presentObjection),
    clocks: clocks.map(presentClock),
    version: c.version,
    masked: !unmask,
  };
  if (outward) return { ...base, outward: true as const };
  const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute();
  const committee = await db.selectFrom('committee_decisions').selectAll().where('case_id', '=', id).orderBy('meeting_on').orderBy('recorded_at').execute();
  const hearings = await db.selectFrom('hearings').selectAll().where('case_id', '=', id).orderBy('held_on').orderBy('recorded_at').execute();
  return {
    ...base,
    outward: false as const,
    procurator: ref(users, c.procurator_id),
    facts: c.facts,
    review: c.review,
    closingReason: c.closing_reason,
    clue: clue ? { id: clue.id, number: clue.number, source: clue.source, nonProsecution: clue.non_prosecution, transfer: transferOf(clue.non_prosecution), hitId: clue.hit_id } : null,
    litigation: clue ? presentLitigation(clue.litigation, clue.received_on, orgs, unmask) : null,
    committeeDecisions: committee.map((d) => ({ id: d.id, meetingOn: d.meeting_on, session: d.session, outcome: d.outcome, decision: d.decision, minutes: d.minutes, recordedBy: d.recorded_by_name })),
    hearings: hearings.map((h) => ({ id: h.id, heldOn: h.held_on, place: h.place, presiding: h.presiding, participants: h.participants, summary: h.summary, conclusion: h.conclusion, recordedBy: h.recorded_by_name })),
    events: events.map((e) => ({ id: e.id, type: e.type, occurredOn: e.occurred_on, at: iso(e.at), actor: e.actor_name, data: e.data })),
    actions: availableActions(c.kind, c.state),
  };
}

export async function presentDocument(db: Db, id: string) {
  const d = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const c = await db.selectFrom('cases').select(['id', 'number', 'kind', 'state', 'title', 'version', 'procuratorate_id']).where('id', '=', d.case_id).executeTakeFirstOrThrow();
  const orgs = await organizationNames(db, [d.recipient_id]);
  const replies = await db.selectFrom('replies').selectAll().where('document_id', '=', id).execute();
  const objections = await db.selectFrom('objections').selectAll().where('document_id', '=', id).execute();
  const clock = await db.selectFrom('case_clocks').selectAll().where('document_id', '=', id).orderBy('created_at').execute();
  return {
    ...presentDocumentSummary(d),
    recipient: ref(orgs, d.recipient_id),
    content: d.content,
    approvals: d.approvals,
    draftedBy: d.drafted_by_name,
    replyMonths: d.reply_months,
    serviceMethod: d.service_method,
    case: { id: c.id, number: c.number, kind: c.kind, state: c.state, title: c.title, version: c.version },
    replies: replies.map(presentReply),
    objections: objections.map(presentObjection),
    clocks: clock.map(presentClock),
  };
}

/** What was served on an agency, with the reply due dates — the agency's inbox. */
export async function listInbox(db: Db, organizationId: string, filter: { status?: 'open' | 'answered' }, page: number, pageSize: number) {
  let q = db.selectFrom('documents').where('documents.recipient_id', '=', organizationId).where('documents.state', 'in', ['served', 'withdrawn']);
  const answered = (eb: any) => eb.exists(eb.selectFrom('replies').select('replies.id').whereRef('replies.document_id', '=', 'documents.id'));
  if (filter.status === 'open') q = q.where((eb) => eb.not(answered(eb))).where('documents.state', '=', 'served');
  if (filter.status === 'answered') q = q.where((eb) => answered(eb));
  // The page is chosen first; only its documents look up their clock and reply, not every row the offset skips.
  const onPage = q.select('documents.id').orderBy('documents.received_on', 'desc').limit(pageSize).offset((page - 1) * pageSize);
  const rows = await db
    .selectFrom('documents')
    .innerJoin(onPage.as('page'), 'page.id', 'documents.id')
    .innerJoin('cases', 'cases.id', 'documents.case_id')
    .select(['documents.id', 'documents.type', 'documents.number', 'documents.state', 'documents.served_on', 'documents.received_on', 'documents.content', 'cases.number as case_number', 'cases.id as case_id', 'cases.title as case_title'])
    .select((eb) => [
      eb.selectFrom('case_clocks').select('case_clocks.due_on').whereRef('case_clocks.document_id', '=', 'documents.id').orderBy('case_clocks.created_at', 'desc').limit(1).as('due_on'),
      eb.selectFrom('case_clocks').select('case_clocks.events').whereRef('case_clocks.document_id', '=', 'documents.id').orderBy('case_clocks.created_at', 'desc').limit(1).as('clock_events'),
      eb.selectFrom('case_clocks').select('case_clocks.code').whereRef('case_clocks.document_id', '=', 'documents.id').orderBy('case_clocks.created_at', 'desc').limit(1).as('clock_code'),
      eb.selectFrom('replies').select('replies.replied_on').whereRef('replies.document_id', '=', 'documents.id').limit(1).as('replied_on'),
    ])
    .orderBy('documents.received_on', 'desc')
    .execute();
  // Every document has its case (case_id NOT NULL REFERENCES cases): counting needs no join. It
  // counts in the inbox's order, newest first: unanswered documents are the recent ones.
  const counted = await totalOf(db, q.orderBy('documents.received_on', 'desc'), page, pageSize, rows.length);
  return {
    ...counted,
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      number: r.number,
      title: (r.content as { title: string }).title,
      state: r.state,
      caseId: r.case_id,
      caseNumber: r.case_number,
      caseTitle: r.case_title,
      servedOn: r.served_on,
      receivedOn: r.received_on,
      due: r.due_on,
      repliedOn: r.replied_on,
      clock: r.clock_code && r.clock_events ? statusOf(r.clock_code as ClockCode, r.clock_events as never[], today()) : null,
    })),
  };
}

/** Open clocks past their due date: the leaders' overdue view (an agency's leader sees its own). */
export async function listOverdue(db: Db, scope: { procuratorateId?: string; agencyId?: string }, page: number, pageSize: number) {
  let q = db.selectFrom('case_clocks').where('case_clocks.stopped_on', 'is', null).where('case_clocks.due_on', '<', today());
  if (scope.procuratorateId) {
    const procuratorateId = scope.procuratorateId;
    q = q.where((eb) => eb.exists(eb.selectFrom('cases').select('cases.id').whereRef('cases.id', '=', 'case_clocks.case_id').where('cases.procuratorate_id', '=', procuratorateId)));
  }
  // An agency's clocks carry its id (case_clocks.agency_id, kept by the database: migration
  // 0012): its page and count are read from one index, without visiting a case.
  if (scope.agencyId) q = q.where(sql<string>`case_clocks.agency_id`, '=', scope.agencyId).where('case_clocks.document_id', 'is not', null);
  // The page is chosen first; only its clocks look up their case.
  const onPage = q.select('case_clocks.id').orderBy('case_clocks.due_on').limit(pageSize).offset((page - 1) * pageSize);
  const rows = await db
    .selectFrom('case_clocks')
    .innerJoin(onPage.as('page'), 'page.id', 'case_clocks.id')
    .innerJoin('cases', 'cases.id', 'case_clocks.case_id')
    .select(['case_clocks.id', 'case_clocks.code', 'case_clocks.due_on', 'case_clocks.document_id', 'cases.id as case_id', 'cases.number', 'cases.title', 'cases.agency_id', 'cases.procurator_id', 'cases.state'])
    .orderBy('case_clocks.due_on')
    .execute();
  // Counted in the list's order (the open-clock index by due date), as the page is read.
  const counted = await totalOf(db, q.orderBy('case_clocks.due_on'), page, pageSize, rows.length);
  const orgs = await organizationNames(db, rows.map((r) => r.agency_id));
  const users = await userNames(db, rows.map((r) => r.procurator_id));
  return {
    ...counted,
    items: rows.map((r) => ({
      clockId: r.id,
      code: r.code,
      due: r.due_on,
      daysOverdue: r.due_on ? Math.round((Date.parse(today()) - Date.parse(r.due_on)) / 86_400_000) : null,
      documentId: r.document_id,
      caseId: r.case_id,
      caseNumber: r.number,
      caseTitle: r.title,
      caseState: r.state,
      agency: ref(orgs, r.agency_id),
      procurator: ref(users, r.procurator_id),
    })),
  };
}
