import type { Transaction } from 'kysely';
import type { Actor } from '../policies/policy.js';
import type { DB } from '../db/schema.js';
import type { Db } from '../db/index.js';

export type Trx = Transaction<DB>;

/** Who is acting, from where: every command receives it and writes it into the audit log. */
export interface CommandContext {
  actor: Actor | null;
  /** The display name of the actor, or e.g. "cli" / "system" for non-interactive work. */
  actorName: string;
  clientIp: string | null;
  requestId: string | null;
}

export function systemContext(name = 'system'): CommandContext {
  return { actor: null, actorName: name, clientIp: null, requestId: null };
}

/**
 * Commands open their own transaction (`db.transaction().execute(...)`). Handed this view of an
 * open transaction instead of the database, they run inside it, so that several commands commit
 * or roll back together (e.g. drafting a suggestion case from a 诉源治理 pattern).
 */
export function joinTransaction(trx: Trx): Db {
  const joined = { execute: <T>(work: (t: Trx) => Promise<T>) => work(trx) };
  return new Proxy(trx, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return () => joined;
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as Db;
}
