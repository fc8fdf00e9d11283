import type { Transaction } from 'kysely';
import type { Actor } from '../policies/policy.js';
import type { DB } from '../db/schema.js';

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
