import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar/index.js';
import type { CommandContext } from './commands/context.js';
import type { SessionRecord } from './commands/sessions.js';
import type { Database } from './db/index.js';
import type { Warehouse } from './db/warehouse.js';
import type { Config } from './config.js';
import { AppError, unauthorized } from './errors.js';
import type { Actor } from './policies/policy.js';

export interface Deps {
  config: Config;
  database: Database;
  warehouse: Warehouse;
  version: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** [resource, action] asked of the policies before the handler runs. */
    policy?: [string, string];
    /** Reachable without a session (login, health). */
    public?: boolean;
  }
  interface FastifyRequest {
    session: SessionRecord | null;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

/** The signed-in actor; the auth hook guarantees one on every non-public route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw unauthorized();
  return request.session.actor;
}

export function contextOf(request: FastifyRequest): CommandContext {
  const actor = request.session?.actor ?? null;
  return { actor, actorName: actor?.displayName ?? 'anonymous', clientIp: request.ip, requestId: String(request.id) };
}

export const uuid = z.uuid();
/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused). */
export const calendarDate = z.string().refine(isIsoDate, 'Not a calendar date (YYYY-MM-DD)');
export const idParams = z.object({ id: uuid });
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string(), params: z.record(z.string(), z.unknown()).optional() })).optional(),
  current: z.unknown().optional(),
});

/** Runs a versioned update; on a conflict the answer carries the record as it is now. */
export async function withCurrentOnConflict<T>(work: () => Promise<T>, loadCurrent: () => Promise<unknown>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') {
      throw new AppError(409, 'conflict', err.message, { current: await loadCurrent() });
    }
    throw err;
  }
}
