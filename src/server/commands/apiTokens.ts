import crypto from 'node:crypto';
import type { Db } from '../db/index.js';
import { fieldError, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import type { CommandContext } from './context.js';

/**
 * API tokens for agency systems that push dataset files (issue 3). A token is `jx_` and 32 random
 * bytes in base64url; only its SHA-256 is stored, so the secret is shown once, at creation, and
 * never appears in listings or in the audit log.
 */
export const TOKEN_PREFIX = 'jx_';
const TOKEN_PATTERN = /^jx_[A-Za-z0-9_-]{43}$/;

export const hashToken = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

export interface NewApiToken {
  name: string;
  organizationId: string;
  datasetIds: string[];
}

export interface ApiTokenIdentity {
  id: string;
  name: string;
  organizationId: string;
  datasetIds: string[];
}

/** The audit context of work done with a token: no user, the token named instead. */
export function tokenContext(token: ApiTokenIdentity, clientIp: string | null, requestId: string | null): CommandContext {
  return { actor: null, actorName: `api-token:${token.name} (${token.id})`, clientIp, requestId };
}

/** Creates a token limited to datasets the organization owns; answers its id and the secret (shown once). */
export async function createApiToken(db: Db, ctx: CommandContext, input: NewApiToken): Promise<{ id: string; secret: string }> {
  const datasetIds = [...new Set(input.datasetIds)];
  const org = await db.selectFrom('organizations').select(['id', 'active']).where('id', '=', input.organizationId).executeTakeFirst();
  if (!org || !org.active) throw fieldError('organizationId', 'unknown_organization', 'No such active organization');
  const owned = await db.selectFrom('datasets').select('id').where('id', 'in', datasetIds).where('owner_organization_id', '=', org.id).execute();
  if (owned.length !== datasetIds.length) {
    throw fieldError('datasetIds', 'not_owned', 'Every dataset must exist and be owned by the organization of the token');
  }
  const secret = newTokenSecret();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('api_tokens')
      .values({
        organization_id: org.id,
        name: input.name,
        token_hash: hashToken(secret),
        dataset_ids: datasetIds,
        created_by: ctx.actor?.id ?? null,
        created_by_name: ctx.actorName,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Never the secret nor its hash.
    await recordAudit(trx, ctx, { action: 'api_token.create', recordType: 'api_token', recordId: id, details: { name: input.name, organizationId: org.id, datasetIds } });
    return { id, secret };
  });
}

/** Revokes a token; revoking a revoked token changes nothing. */
export async function revokeApiToken(db: Db, ctx: CommandContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const token = await trx.selectFrom('api_tokens').select(['id', 'name', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!token) throw notFound('API token');
    if (token.revoked_at) return;
    await trx.updateTable('api_tokens').set({ revoked_at: new Date(), revoked_by: ctx.actor?.id ?? null }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'api_token.revoke', recordType: 'api_token', recordId: id, details: { name: token.name } });
  });
}

/**
 * The token an `Authorization: Bearer jx_…` header names, if it is valid: not revoked, of an
 * active organization. The secret is looked up by its SHA-256, so no comparison of secrets
 * happens whose time could depend on how many characters match.
 */
export async function authenticateApiToken(db: Db, authorization: string | undefined): Promise<ApiTokenIdentity | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !TOKEN_PATTERN.test(match[1])) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('organizations', 'organizations.id', 'api_tokens.organization_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.organization_id', 'api_tokens.dataset_ids', 'api_tokens.revoked_at', 'organizations.active'])
    .where('api_tokens.token_hash', '=', hashToken(match[1]))
    .executeTakeFirst();
  if (!row || row.revoked_at || !row.active) return null;
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  return { id: row.id, name: row.name, organizationId: row.organization_id, datasetIds: row.dataset_ids };
}
