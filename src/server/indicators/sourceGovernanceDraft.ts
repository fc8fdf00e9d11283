/**
 * Drafting a class or social-governance suggestion for a repeated problem (诉源治理): in ONE
 * transaction, through the ordinary commands — register a clue (source `manual`), file it as
 * an illegal-act case assigned to the procurator, put the pattern into the case's facts and
 * review form, draft the 检察建议书 of the chosen kind, and add the case annex. Each command
 * writes its own audit event. The procurator then edits and submits the draft as usual.
 *
 * A second request for a pattern that already has an open drafted case (not closed) creates
 * nothing and answers with that case and its suggestion.
 */
import { sql } from 'kysely';
import { patternClueSummary, patternClueTitle, patternReview, withPatternAnnex, type Pattern, type PatternSuggestionKind } from '../../domain/governance/patternSuggestion.js';
import { updateCaseReview } from '../commands/cases.js';
import { fileCase, registerClue } from '../commands/clues.js';
import { joinTransaction, type CommandContext, type Trx } from '../commands/context.js';
import { draftCaseDocument, editDocument } from '../commands/documents.js';
import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { patternCases, type GovernanceCaseRow, type GovernanceFilter } from './sourceGovernance.js';

export interface PatternDraftInput {
  agencyId: string;
  matter: string;
  kind: PatternSuggestionKind;
  /** A subset of the pattern's cases; all of them when absent. */
  caseIds?: string[];
  on: string;
}

/** The open class case already drafted for this pattern, with its newest suggestion. */
async function openPatternCase(trx: Trx, procuratorateId: string, agencyId: string, matter: string) {
  const row = await trx
    .selectFrom('clues')
    .innerJoin('cases', 'cases.clue_id', 'clues.id')
    .select(['cases.id as caseId'])
    .where('clues.procuratorate_id', '=', procuratorateId)
    .where('clues.source', '=', 'manual')
    .where(sql<boolean>`clues.evidence->'governancePattern'->>'agencyId' = ${agencyId}`)
    .where(sql<boolean>`clues.evidence->'governancePattern'->>'matter' = ${matter}`)
    .where('cases.state', '!=', 'closed')
    .orderBy('cases.created_at', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const doc = await trx
    .selectFrom('documents')
    .select('id')
    .where('case_id', '=', row.caseId)
    .where('type', '=', 'procuratorial_suggestion')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return { caseId: row.caseId, documentId: doc?.id ?? null };
}

const patternOf = (agencyName: string, matter: string, f: GovernanceFilter, rows: GovernanceCaseRow[]): Pattern => ({
  agencyName,
  matter,
  from: f.from,
  to: f.to,
  cases: rows.map((r) => ({ number: r.case_number, title: r.title, registeredOn: r.registered_on, notAdopted: r.not_adopted, followUp: r.follow_up, overdue: r.overdue })),
});

export async function draftPatternSuggestion(db: Db, ctx: CommandContext, f: GovernanceFilter, input: PatternDraftInput, isPatternCheck: (rows: GovernanceCaseRow[]) => boolean) {
  const procuratorId = ctx.actor?.id;
  if (!procuratorId) throw new AppError(403, 'forbidden', 'Only a signed-in procurator drafts a suggestion');
  return db.transaction().execute(async (trx) => {
    // Two clicks on the same pattern at once: the second waits here and then finds the first's case.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`governance|${f.procuratorateId}|${input.agencyId}|${input.matter}`}))`.execute(trx);
    const existing = await openPatternCase(trx, f.procuratorateId, input.agencyId, input.matter);
    if (existing) return { created: false, ...existing };

    const all = await patternCases(trx, f, input.agencyId, input.matter);
    if (all.length === 0 || !isPatternCheck(all)) throw new AppError(422, 'not_a_pattern', 'These cases are not a repeated problem in the period');
    const chosen = input.caseIds ? all.filter((r) => input.caseIds!.includes(r.case_id)) : all;
    if (input.caseIds && chosen.length !== new Set(input.caseIds).size) {
      throw new AppError(422, 'case_not_in_pattern', 'Some of the chosen cases are not in this pattern');
    }
    if (chosen.length === 0) throw new AppError(422, 'no_cases', 'Choose at least one case of the pattern');
    const pattern = patternOf(chosen[0].agency_name, input.matter, f, chosen);

    const commands = joinTransaction(trx);
    const { clue } = await registerClue(commands, ctx, {
      source: 'manual',
      title: patternClueTitle(pattern, input.kind),
      summary: patternClueSummary(pattern),
      matter: input.matter || null,
      agencyId: input.agencyId,
      receivedOn: input.on,
      evidence: {
        governancePattern: { agencyId: input.agencyId, matter: input.matter, kind: input.kind, from: f.from, to: f.to, caseIds: chosen.map((r) => r.case_id), caseNumbers: chosen.map((r) => r.case_number) },
      },
    });
    const filed = await fileCase(commands, ctx, clue.id, { version: clue.version, kind: 'illegal_act', agencyId: input.agencyId, procuratorId, registeredOn: input.on });
    const review = patternReview(pattern);
    const reviewed = await updateCaseReview(commands, ctx, filed.id, { version: filed.version, facts: review.facts, review: { origin: review.origin, problems: review.problems } });
    const draft = await draftCaseDocument(commands, ctx, reviewed.id, { type: 'procuratorial_suggestion', suggestionKind: input.kind, recipientId: input.agencyId });
    const withAnnex = await editDocument(commands, ctx, draft.id, { version: draft.version, content: withPatternAnnex(draft.content, pattern) });
    return { created: true, caseId: filed.id, documentId: withAnnex.id as string | null };
  });
}
