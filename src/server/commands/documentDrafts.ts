/**
 * Gathers what a case knows — subject, non-prosecution decision, review form, earlier
 * documents and replies, objections — into the facts a document template is filled from.
 * Anything missing stays a marked blank in the draft (src/domain/documents/templates.ts).
 */
import { sql } from 'kysely';
import type { ReviewForm } from '../../domain/cases/index.js';
import { withPatternAnnex, type Pattern } from '../../domain/governance/patternSuggestion.js';
import { governanceCases, type GovernanceCaseRow } from '../indicators/sourceGovernance.js';
import { today } from '../today.js';
import { draftDocument, type DraftFacts } from '../../domain/documents/templates.js';
import type { DocumentContent, DocumentType, SuggestionKind } from '../../domain/documents/types.js';
import type { NonProsecutionFacts } from '../db/schemaCases.js';
import type { LitigationFacts, LitigationSuggestionKind } from '../../domain/litigation/index.js';
import type { LitigationDraftFacts } from '../../domain/documents/litigationTemplates.js';
import type { Trx } from './context.js';
import type { CaseRow } from './cases.js';

const nonEmpty = (list: string[] | undefined) => (list && list.length > 0 ? list : null);

export async function draftContentFor(
  trx: Trx,
  c: CaseRow,
  type: DocumentType,
  options: { suggestionKind: string | null; recipientId: string | null; replyMonths: number | null },
): Promise<DocumentContent> {
  const procuratorate = await trx.selectFrom('organizations').select('name').where('id', '=', c.procuratorate_id).executeTakeFirstOrThrow();
  const agencyId = options.recipientId ?? c.agency_id;
  const agency = agencyId ? await trx.selectFrom('organizations').select('name').where('id', '=', agencyId).executeTakeFirst() : undefined;
  const procurator = c.procurator_id ? await trx.selectFrom('users').select('display_name').where('id', '=', c.procurator_id).executeTakeFirst() : undefined;
  const clue = c.clue_id ? await trx.selectFrom('clues').select(['non_prosecution', 'source', 'evidence', 'litigation']).where('id', '=', c.clue_id).executeTakeFirst() : undefined;
  const np = (clue?.non_prosecution ?? null) as NonProsecutionFacts | null;
  const form = c.review as ReviewForm;
  const facts: DraftFacts = {
    procuratorate: procuratorate.name,
    procurator: procurator?.display_name ?? null,
    caseName: c.title,
    person: c.subject_name ? { name: c.subject_name, idNumber: c.subject_id_number, address: form.subjectAddress ?? null } : null,
    nonProsecution: np ? { number: np.decisionNo, date: np.decidedOn, kind: np.kind, charge: np.charge } : null,
    reviewRegisteredOn: c.registered_on,
    criminalDepartmentView: form.criminalDepartmentView ?? np?.criminalDepartmentView ?? null,
    factsFound: c.facts || null,
    evidence: nonEmpty(form.evidence),
    proposedSanction: form.proposedSanction ?? null,
    sanctionProvisions: nonEmpty(form.sanctionProvisions),
    agency: agency?.name ?? null,
    replyMonths: options.replyMonths,
    suggestionKind: type === 'procuratorial_suggestion' ? (options.suggestionKind as SuggestionKind | null) : null,
    origin: form.origin ?? (clue?.source === 'model_hit' ? '运用大数据法律监督模型筛查发现' : null),
    problems: nonEmpty(form.problems),
    causes: form.causes ?? null,
    corrections: nonEmpty(form.corrections),
    legalBasis: nonEmpty(form.legalBasis),
    copyTo: nonEmpty(form.copyTo),
    terminationReasons: nonEmpty(form.terminationReasons),
    objectionDays: form.objectionDays ?? null,
    closingReport: {
      conclusion: form.conclusion ?? null,
      criminalFileExamination: form.criminalFileExamination ?? null,
      riskAssessment: form.riskAssessment ?? null,
      followsCriminalDepartment: form.followsCriminalDepartment ?? null,
      departureReasons: form.departureReasons ?? null,
      opinionsHeard: form.opinionsHeard ?? null,
    },
  };

  if (type === 'suspension_decision') {
    const event = await trx.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('type', '=', 'suspended').orderBy('id', 'desc').executeTakeFirst();
    const data = (event?.data ?? {}) as { ground?: string; resumptionCondition?: string | null };
    facts.suspension = data.ground ? { ground: 'other', detail: data.ground, resumptionCondition: data.resumptionCondition ?? null } : null;
  }

  if (type === 'follow_up_letter') {
    const earlier = await trx
      .selectFrom('documents')
      .select(['id', 'type', 'number', 'approved_on', 'served_on'])
      .where('case_id', '=', c.id)
      .where('type', 'in', ['procuratorial_opinion', 'procuratorial_suggestion'])
      .where('state', '=', 'served')
      .orderBy('served_on', 'desc')
      .executeTakeFirst();
    if (earlier?.number && earlier.approved_on) {
      // What the earlier document asked for, in its own terms.
      const request =
        earlier.type === 'procuratorial_opinion'
          ? form.proposedSanction
            ? `建议你单位依法对${c.subject_name ?? '当事人'}${form.proposedSanction}`
            : null
          : form.corrections?.length
            ? `建议你单位${form.corrections.join('；')}`
            : null;
      facts.earlierDocument = { type: earlier.type as 'procuratorial_opinion' | 'procuratorial_suggestion', number: earlier.number, date: earlier.approved_on, servedOn: earlier.served_on, request };
      const reply = await trx.selectFrom('replies').select(['replied_on', 'summary']).where('document_id', '=', earlier.id).executeTakeFirst();
      facts.agencyReply = reply ? { date: reply.replied_on, summary: reply.summary } : null;
    }
  }

  if (type === 'follow_up_letter') {
    const followUp = await trx.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('type', '=', 'follow_up').orderBy('id', 'desc').executeTakeFirst();
    facts.outstanding = ((followUp?.data ?? {}) as { reason?: string }).reason ?? null;
  }

  if (type === 'objection_review_notice') {
    const objection = await trx
      .selectFrom('objections')
      .innerJoin('documents', 'documents.id', 'objections.document_id')
      .select(['objections.raised_on', 'objections.grounds', 'documents.number'])
      .where('objections.case_id', '=', c.id)
      .where('objections.state', '=', 'pending')
      .executeTakeFirst();
    if (objection) facts.objection = { date: objection.raised_on, suggestionNumber: objection.number ?? '', grounds: objection.grounds };
  }

  if (type === 'procuratorial_suggestion' && options.suggestionKind === 'class' && clue?.source === 'model_hit') {
    // A class suggestion lists the like cases; the model hit behind the case is the first row.
    const evidence = clue.evidence as { modelId?: string; modelTitle?: string; asOf?: string };
    facts.annexTitle = '类案情况表';
    facts.annexColumns = ['姓名', '监督模型', '筛查基准日'];
    facts.annexRows = [[c.subject_name ?? '', evidence.modelTitle ?? evidence.modelId ?? '', evidence.asOf ?? '']];
  }

  if (clue?.litigation) facts.litigation = await litigationFactsFor(trx, c, clue.litigation, type, options);

  const content = draftDocument(type, facts);
  const pattern = type === 'procuratorial_suggestion' ? await governancePatternOf(trx, c, clue?.evidence) : null;
  return pattern ? withPatternAnnex(content, pattern) : content;
}

/**
 * The repeated problem a class case drafted from 诉源治理 answers (its clue's evidence names the
 * cases), with those cases as they stand today — so redrafting its suggestion keeps the annex of
 * like cases (src/server/indicators/sourceGovernanceDraft.ts drafts it the first time).
 */
async function governancePatternOf(trx: Trx, c: CaseRow, evidence: unknown): Promise<Pattern | null> {
  const p = (evidence as { governancePattern?: { agencyId: string; matter: string; from: string; to: string; caseIds: string[] } } | null)?.governancePattern;
  if (!p?.caseIds?.length) return null;
  const { rows } = await sql<GovernanceCaseRow>`
    SELECT t.* FROM (${governanceCases({ procuratorateId: c.procuratorate_id, from: p.from, to: p.to, asOf: today(), agencyId: p.agencyId })}) t
    WHERE t.case_id = ANY(${p.caseIds}::uuid[])
    ORDER BY t.registered_on, t.case_number`.execute(trx);
  if (rows.length === 0) return null;
  return {
    agencyName: rows[0].agency_name,
    matter: p.matter,
    from: p.from,
    to: p.to,
    cases: rows.map((r) => ({ number: r.case_number, title: r.title, registeredOn: r.registered_on, notAdopted: r.not_adopted, followUp: r.follow_up, overdue: r.overdue })),
  };
}

/** The application, its court and decisions, the committee's decision, the addressee. */
async function litigationFactsFor(
  trx: Trx,
  c: CaseRow,
  l: LitigationFacts,
  type: DocumentType,
  options: { suggestionKind: string | null; recipientId: string | null },
): Promise<LitigationDraftFacts> {
  const nameOf = async (id: string | null) => (id ? ((await trx.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null) : null);
  const committee = await trx
    .selectFrom('committee_decisions')
    .select(['session', 'meeting_on'])
    .where('case_id', '=', c.id)
    .where('outcome', '=', type)
    .where('decision', '=', 'approved')
    .orderBy('meeting_on', 'desc')
    .executeTakeFirst();
  return {
    supervisionType: l.supervisionType,
    applicant: l.applicant ? { name: l.applicant.name } : null,
    court: await nameOf(l.courtId),
    courtDecisions: l.courtDecisions,
    acceptedOn: c.registered_on,
    superior: type === 'protest_request_report' ? await nameOf(options.recipientId) : null,
    committee: committee ? { session: committee.session, meetingOn: committee.meeting_on } : null,
    suggestionKind: type === 'litigation_suggestion' ? (options.suggestionKind as LitigationSuggestionKind | null) : null,
  };
}
