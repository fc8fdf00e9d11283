import type { Db } from '../db/index.js';
import type { Actor } from '../policies/policy.js';

export interface PendingWorkItem {
  kind: string;
  title: string;
  dueDate: string | null;
  link: string;
}

/** A capability that creates work for people (reviews, replies, approvals) registers a source here. */
export type PendingWorkSource = (db: Db, actor: Actor) => Promise<PendingWorkItem[]>;

const sources: PendingWorkSource[] = [];

export function registerPendingWork(source: PendingWorkSource): void {
  sources.push(source);
}

/** Everything waiting for the actor, soonest due first (undated items last). */
export async function pendingWorkFor(db: Db, actor: Actor): Promise<PendingWorkItem[]> {
  const items = (await Promise.all(sources.map((s) => s(db, actor)))).flat();
  return items.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
}
