/**
 * "My tasks": escalation notices (通报) whose answer was expected by a date and has not come —
 * on the list of the procurator in charge of the case, due on that date like the case's clocks.
 */
import type { Db } from '../db/index.js';
import { hasRole, inProcuratorate, type Actor } from '../policies/policy.js';
import { registerPendingWork, type PendingWorkItem } from './pendingWork.js';

const LIMIT = 100;

async function answersExpected(db: Db, actor: Actor): Promise<PendingWorkItem[]> {
  const rows = await db
    .selectFrom('escalation_notices')
    .innerJoin('cases', 'cases.id', 'escalation_notices.case_id')
    .select(['cases.id as case_id', 'cases.number', 'escalation_notices.recipient_name', 'escalation_notices.answer_expected_by'])
    .where('cases.procurator_id', '=', actor.id)
    .where('escalation_notices.status', '=', 'sent')
    .where('escalation_notices.answer_expected_by', 'is not', null)
    .orderBy('escalation_notices.answer_expected_by')
    .limit(LIMIT)
    .execute();
  return rows.map((r) => ({ kind: 'escalation.answer', title: `${r.number} 通报待答复：${r.recipient_name}`, dueDate: r.answer_expected_by, link: `/cases/${r.case_id}` }));
}

registerPendingWork(async (db, actor) => (inProcuratorate(actor) && hasRole(actor, 'procurator') ? answersExpected(db, actor) : []));
