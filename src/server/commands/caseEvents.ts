import type { CommandContext, Trx } from './context.js';

/**
 * The case's own history, one row per step (filed, assigned, suspended, document approved,
 * served, reply received …). Indicators are computed from these rows; the audit log proves who
 * did what, this log says what happened to the case and on which date it counts.
 */
export async function recordCaseEvent(trx: Trx, ctx: CommandContext, caseId: string, type: string, occurredOn: string, data: Record<string, unknown> = {}): Promise<void> {
  await trx
    .insertInto('case_events')
    .values({ case_id: caseId, type, occurred_on: occurredOn, actor_id: ctx.actor?.id ?? null, actor_name: ctx.actorName, data: JSON.stringify(data) })
    .execute();
}
