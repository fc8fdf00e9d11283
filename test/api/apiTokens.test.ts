import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createDataset } from '../../src/server/commands/datasets.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';
import { multipart } from '../helpers/multipart.js';

const id = (body17: string) => body17 + idCheckChar(body17);
const ID1 = id('11010519900101123');
const ID2 = id('11010519851231002');

// Line 3 is malformed: a formula instead of a date, and a status that is no status.
const TENANTS = [
  '合同编号,承租人身份证号,承租人姓名,房屋编号,房屋地址,起租日期,止租日期,状态',
  `GZF-001,${ID1},张三,U-1,朝阳区建国路1号,2021/3/5,,在租`,
  `GZF-003,${ID1},王五,U-3,,=1+1,,在押`,
  `GZF-004,${ID2},赵六,U-4,,20210501,,在租`,
].join('\r\n');


describe('API tokens for agency systems that push files', () => {
  let t: TestApp;
  let admin: Client;
  let housingLiaison: Client;
  let policeLeader: Client;
  let housingOrg: string;
  let policeOrg: string;
  let tenantsId: string;
  let otherId: string;
  let tokenId: string;
  let secret: string;

  beforeAll(async () => {
    t = await createTestApp();
    [admin, housingLiaison, policeLeader] = await Promise.all(['admin', 'housing_liaison', 'police_leader'].map((u) => t.loginAs(u)));
    const orgs = await t.database.db.selectFrom('organizations').select(['id', 'short_name']).execute();
    housingOrg = orgs.find((o) => o.short_name === '区住建委')!.id;
    policeOrg = orgs.find((o) => o.short_name === '朝阳公安分局')!.id;
    const ctx = systemContext('test');
    tenantsId = await createDataset(t.database.db, ctx, { kind: 'public_housing_tenants', name: '住建委公租房承租人', ownerOrganizationId: housingOrg, legalBasis: 'agreement' });
    otherId = await createDataset(t.database.db, ctx, { kind: 'public_housing_tenants', name: '住建委另一份', ownerOrganizationId: housingOrg, legalBasis: 'agreement' });
  });
  afterAll(() => t.close());

  async function push(datasetId: string, content: Buffer | string, options: { token?: string | null; fields?: Record<string, string>; name?: string; ip?: string } = {}) {
    const body = multipart({ name: options.name ?? 'tenants.csv', content: Buffer.from(content), type: 'text/csv' }, options.fields);
    const token = options.token === undefined ? secret : options.token;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/push/datasets/${datasetId}/versions`,
      payload: body.payload,
      remoteAddress: options.ip ?? '10.0.0.1',
      headers: { 'content-type': body.contentType, ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  }

  it('lets an administrator create a token for 区住建委 limited to one dataset; the secret is shown once', async () => {
    const res = await admin.post('/api/api-tokens', { name: '住建委业务系统', organizationId: housingOrg, datasetIds: [tenantsId] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: '住建委业务系统', organization: { id: housingOrg, shortName: '区住建委' }, datasetIds: [tenantsId], revokedAt: null, lastUsedAt: null });
    expect(res.body.secret).toMatch(/^jx_[A-Za-z0-9_-]{43}$/);
    tokenId = res.body.id;
    secret = res.body.secret;

    const stored = await t.database.db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('refuses datasets the organization does not own', async () => {
    const policeDataset = await createDataset(t.database.db, systemContext('test'), { kind: 'public_housing_tenants', name: '公安的', ownerOrganizationId: policeOrg, legalBasis: 'other' });
    const res = await admin.post('/api/api-tokens', { name: 'x', organizationId: housingOrg, datasetIds: [policeDataset] });
    expect(res.status).toBe(400);
    expect(res.body.fields[0]).toMatchObject({ path: 'datasetIds', params: { reason: 'not_owned' } });
  });

  it('does not let a liaison manage tokens; an agency leader only for their own organization', async () => {
    expect((await housingLiaison.post('/api/api-tokens', { name: 'mine', organizationId: housingOrg, datasetIds: [tenantsId] })).status).toBe(403);
    expect((await housingLiaison.get('/api/api-tokens')).status).toBe(403);
    expect((await housingLiaison.post(`/api/api-tokens/${tokenId}/revoke`)).status).toBe(403);
    expect((await policeLeader.post('/api/api-tokens', { name: 'theirs', organizationId: housingOrg, datasetIds: [tenantsId] })).status).toBe(403);
    expect((await policeLeader.get('/api/api-tokens')).body.items).toEqual([]);
    expect((await policeLeader.post(`/api/api-tokens/${tokenId}/revoke`)).status).toBe(404);
  });

  it('pushes a GBK CSV as a committed version and reports the malformed row with its line', async () => {
    const res = await push(tenantsId, iconv.encode(TENANTS, 'gbk'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ dataset: tenantsId, kind: 'public_housing_tenants', version: 1, status: 'committed', rows_read: 3, rows_imported: 2, rows_rejected: 1, encoding: 'gb18030', format: 'csv' });
    expect(res.body.errors).toEqual([
      { line: 3, column: 'lease_start', reason: 'invalid_date', value: '=1+1' },
      { line: 3, column: 'status', reason: 'unknown_enum_value', value: '在押' },
    ]);
    const version = await t.database.db.selectFrom('dataset_versions').selectAll().where('id', '=', res.body.versionId).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ status: 'committed', version: 1, rows_imported: 2, importer_id: null, importer_name: `api-token:住建委业务系统 (${tokenId})` });
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_name', 'client_ip']).where('record_id', '=', tenantsId).where('action', '=', 'dataset.import').execute();
    expect(audit).toEqual([{ action: 'dataset.import', actor_name: `api-token:住建委业务系统 (${tokenId})`, client_ip: '10.0.0.1' }]);
    const token = await t.database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(token.last_used_at).not.toBeNull();

    // The organization sees the pushed rows.
    expect((await housingLiaison.get(`/api/datasets/${tenantsId}/rows`)).body).toMatchObject({ version: 1, total: 2 });
  });

  it('imports nothing in strict mode when a row is rejected (UTF-8)', async () => {
    const res = await push(tenantsId, TENANTS, { fields: { strict: 'true', encoding: 'utf8' } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'import_failed', reason: 'strict_rejected', status: 'failed', version: null, rows_read: 3, rows_imported: 0, rows_rejected: 3 });
  });

  it('answers 401 without a valid token, and 404 for datasets the token may not push to', async () => {
    for (const token of [null, '', 'jx_nope', `jx_${crypto.randomBytes(32).toString('base64url')}`, secret.toUpperCase()]) {
      const res = await push(tenantsId, TENANTS, { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.body.error).toBe('unauthorized');
      expect(res.headers['www-authenticate']).toContain('Bearer');
    }
    // A session cookie is no substitute for the token.
    const withCookie = await t.app.inject({ method: 'POST', url: `/api/push/datasets/${tenantsId}/versions`, headers: { cookie: housingLiaison.cookie!, 'x-csrf-token': housingLiaison.csrfToken! } });
    expect(withCookie.statusCode).toBe(401);

    expect((await push(otherId, TENANTS)).status).toBe(404);
    expect((await push(crypto.randomUUID(), TENANTS)).status).toBe(404);
    expect((await push('not-a-uuid', TENANTS)).status).toBe(404);
  });

  it('stops accepting a revoked token', async () => {
    const res = await admin.post(`/api/api-tokens/${tokenId}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body.revokedAt).not.toBeNull();
    expect((await push(tenantsId, TENANTS)).status).toBe(401);
    // Revoking twice changes nothing.
    expect((await admin.post(`/api/api-tokens/${tokenId}/revoke`)).status).toBe(200);
  });

  it('never shows the secret in listings or the audit log', async () => {
    const list = await admin.get('/api/api-tokens');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: tokenId, name: '住建委业务系统', datasetIds: [tenantsId] })]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(3, 20));
    expect(list.body.items[0]).not.toHaveProperty('secret');
    expect(list.body.items[0]).not.toHaveProperty('tokenHash');

    const audit = await admin.get('/api/audit?recordType=api_token');
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['api_token.create', 'api_token.revoke']);
    const events = await t.database.db.selectFrom('audit_events').select('details').execute();
    const hash = crypto.createHash('sha256').update(secret).digest('hex');
    for (const e of events) {
      expect(JSON.stringify(e.details)).not.toContain(secret);
      expect(JSON.stringify(e.details)).not.toContain(hash);
    }
  });

  it('rate-limits pushes per token', async () => {
    const res = await admin.post('/api/api-tokens', { name: '限流', organizationId: housingOrg, datasetIds: [otherId] });
    const limited = res.body.secret as string;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const r = await t.app.inject({ method: 'POST', url: `/api/push/datasets/${tenantsId}/versions`, headers: { authorization: `Bearer ${limited}` } });
      statuses.push(r.statusCode);
    }
    // Not the token's dataset: 404 until the limit, then 429.
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
