/**
 * "My tasks" from case handling: the clocks of the procurator's own cases, drafts returned to
 * them, documents waiting for the head's or the chief's signature, objections waiting for the
 * chief, clues and cases waiting for the head, and for an agency the documents it owes a reply.
 */
import { DEFAULT_CLOCKS, type ClockCode } from '../../domain/deadlines/index.js';
import type { Db } from '../db/index.js';
import { hasRole, inAgency, inProcuratorate, type Actor } from '../policies/policy.js';
import { registerPendingWork, type PendingWorkItem } from './pendingWork.js';

const LIMIT = 100;

async function procuratorWork(db: Db, actor: Actor): Promise<PendingWorkItem[]> {
  const clocks = await db
    .selectFrom('case_clocks')
    .innerJoin('cases', 'cases.id', 'case_clocks.case_id')
    .select(['cases.id', 'cases.number', 'cases.title', 'case_clocks.code', 'case_clocks.due_on', 'case_clocks.document_id'])
    .where('cases.procurator_id', '=', actor.id)
    .where('case_clocks.stopped_on', 'is', null)
    .orderBy('case_clocks.due_on')
    .limit(LIMIT)
    .execute();
  const returned = await db
    .selectFrom('documents')
    .innerJoin('cases', 'cases.id', 'documents.case_id')
    .select(['documents.id', 'documents.content', 'cases.number'])
    .where('documents.drafted_by', '=', actor.id)
    .where('documents.state', '=', 'draft')
    .limit(LIMIT)
    .execute();
  return [
    ...clocks.map((c) => ({
      kind: `clock.${c.code}`,
      title: `${c.number} ${DEFAULT_CLOCKS[c.code as ClockCode]?.label ?? c.code}：${c.title}`,
      dueDate: c.due_on,
      link: c.document_id ? `/documents/${c.document_id}` : `/cases/${c.id}`,
    })),
    ...returned.map((d) => ({ kind: 'document.draft', title: `${d.number} ${d.content.title}（草稿）`, dueDate: null, link: `/documents/${d.id}` })),
  ];
}

async function approverWork(db: Db, actor: Actor): Promise<PendingWorkItem[]> {
  const states = [...(hasRole(actor, 'department_head') ? (['pending_head'] as const) : []), ...(hasRole(actor, 'chief_prosecutor') ? (['pending_chief'] as const) : [])];
  if (states.length === 0) return [];
  const docs = await db
    .selectFrom('documents')
    .innerJoin('cases', 'cases.id', 'documents.case_id')
    .select(['documents.id', 'documents.content', 'cases.number'])
    .where('cases.procuratorate_id', '=', actor.organizationId)
    .where('documents.state', 'in', states)
    .orderBy('documents.updated_at')
    .limit(LIMIT)
    .execute();
  return docs.map((d) => ({ kind: 'document.approval', title: `${d.number} ${d.content.title}（待审批）`, dueDate: null, link: `/documents/${d.id}` }));
}

async function headWork(db: Db, actor: Actor): Promise<PendingWorkItem[]> {
  if (!hasRole(actor, 'department_head')) return [];
  const unassigned = await db.selectFrom('cases').select(['id', 'number', 'title', 'registered_on']).where('procuratorate_id', '=', actor.organizationId).where('state', '=', 'registered').limit(LIMIT).execute();
  const [{ clues }] = await db.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('clues')).where('procuratorate_id', '=', actor.organizationId).where('status', '=', 'received').execute();
  return [
    ...unassigned.map((c) => ({ kind: 'case.assign', title: `${c.number} ${c.title}（待分案）`, dueDate: null, link: `/cases/${c.id}` })),
    ...(Number(clues) > 0 ? [{ kind: 'clue.evaluate', title: `${clues} 条线索待评估`, dueDate: null, link: '/clues?status=received' }] : []),
  ];
}

async function chiefWork(db: Db, actor: Actor): Promise<PendingWorkItem[]> {
  if (!hasRole(actor, 'chief_prosecutor')) return [];
  const objections = await db
    .selectFrom('objections')
    .innerJoin('cases', 'cases.id', 'objections.case_id')
    .leftJoin('case_clocks', (j) => j.onRef('case_clocks.case_id', '=', 'cases.id').on('case_clocks.code', '=', 'objection_review').on('case_clocks.stopped_on', 'is', null))
    .select(['cases.id', 'cases.number', 'case_clocks.due_on'])
    .where('cases.procuratorate_id', '=', actor.organizationId)
    .where('objections.state', '=', 'pending')
    .limit(LIMIT)
    .execute();
  return objections.map((o) => ({ kind: 'objection.review', title: `${o.number} 异议待复核`, dueDate: o.due_on, link: `/cases/${o.id}` }));
}

async function agencyWork(db: Db, actor: Actor): Promise<PendingWorkItem[]> {
  const owed = await db
    .selectFrom('documents')
    .innerJoin('case_clocks', 'case_clocks.document_id', 'documents.id')
    .select(['documents.id', 'documents.number', 'documents.content', 'case_clocks.due_on'])
    .where('documents.recipient_id', '=', actor.organizationId)
    .where('documents.state', '=', 'served')
    .where('case_clocks.stopped_on', 'is', null)
    .orderBy('case_clocks.due_on')
    .limit(LIMIT)
    .execute();
  return owed.map((d) => ({ kind: 'reply.owed', title: `${d.number ?? ''} ${d.content.title}（待回复）`, dueDate: d.due_on, link: `/documents/${d.id}` }));
}

registerPendingWork(async (db, actor) => {
  if (inAgency(actor)) return hasRole(actor, 'agency_liaison', 'agency_leader') ? agencyWork(db, actor) : [];
  if (!inProcuratorate(actor)) return [];
  const parts = await Promise.all([
    hasRole(actor, 'procurator') ? procuratorWork(db, actor) : [],
    approverWork(db, actor),
    headWork(db, actor),
    chiefWork(db, actor),
  ]);
  return parts.flat();
});
