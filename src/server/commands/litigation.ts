/**
 * Litigation supervision steps that are not documents (DOMAIN.md §5): the procuratorial
 * committee's decision on an outcome (检察委员会), and hearings (听证) — the latter for any case.
 */
import { COMMITTEE_OUTCOMES, type CommitteeOutcome } from '../../domain/litigation/index.js';
import type { Db } from '../db/index.js';
import { AppError, fieldError } from '../errors.js';
import { recordAudit } from './audit.js';
import { recordCaseEvent } from './caseEvents.js';
import { lockCase, setCaseState } from './cases.js';
import type { CommandContext } from './context.js';

export interface CommitteeDecisionInput {
  version: number;
  meetingOn: string;
  /** e.g. 2026年第12次会议 */
  session: string;
  outcome: CommitteeOutcome;
  decision: 'approved' | 'rejected';
  minutes: string;
}

export async function recordCommitteeDecision(db: Db, ctx: CommandContext, caseId: string, input: CommitteeDecisionInput) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, caseId, input.version);
    if (row.kind !== 'litigation') throw new AppError(409, 'not_litigation', 'Committee decisions are recorded on litigation-supervision cases');
    if (row.state === 'closed') throw new AppError(409, 'invalid_transition', 'The case is closed');
    if (!(COMMITTEE_OUTCOMES as readonly string[]).includes(input.outcome)) throw fieldError('outcome', 'invalid', `One of ${COMMITTEE_OUTCOMES.join(' / ')}`);
    if (input.meetingOn < row.registered_on) throw fieldError('meetingOn', 'before_acceptance', `The meeting cannot precede acceptance (${row.registered_on})`);
    const decision = await trx
      .insertInto('committee_decisions')
      .values({
        case_id: caseId,
        meeting_on: input.meetingOn,
        session: input.session,
        outcome: input.outcome,
        decision: input.decision,
        minutes: input.minutes,
        recorded_by: ctx.actor?.id ?? null,
        recorded_by_name: ctx.actorName,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = await setCaseState(trx, caseId, {});
    await recordCaseEvent(trx, ctx, caseId, 'committee_decision', input.meetingOn, { decisionId: decision.id, session: input.session, outcome: input.outcome, decision: input.decision });
    await recordAudit(trx, ctx, { action: 'case.committee_decision', recordType: 'case', recordId: caseId, details: { outcome: input.outcome, decision: input.decision } });
    return updated;
  });
}

export interface HearingInput {
  version: number;
  heldOn: string;
  place: string;
  presiding: string;
  participants: { name: string; role: string }[];
  summary: string;
  conclusion?: string | null;
}

/** 听证: who took part, what was heard, what the hearing concluded. */
export async function recordHearing(db: Db, ctx: CommandContext, caseId: string, input: HearingInput) {
  return db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, caseId, input.version);
    if (row.state === 'closed') throw new AppError(409, 'invalid_transition', 'The case is closed');
    if (input.heldOn < row.registered_on) throw fieldError('heldOn', 'before_registration', `The hearing cannot precede the case (${row.registered_on})`);
    const hearing = await trx
      .insertInto('hearings')
      .values({
        case_id: caseId,
        held_on: input.heldOn,
        place: input.place,
        presiding: input.presiding,
        participants: JSON.stringify(input.participants),
        summary: input.summary,
        conclusion: input.conclusion ?? null,
        recorded_by: ctx.actor?.id ?? null,
        recorded_by_name: ctx.actorName,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = await setCaseState(trx, caseId, {});
    await recordCaseEvent(trx, ctx, caseId, 'hearing_held', input.heldOn, { hearingId: hearing.id, participants: input.participants.length });
    await recordAudit(trx, ctx, { action: 'case.hearing', recordType: 'case', recordId: caseId, details: { hearingId: hearing.id } });
    return updated;
  });
}
