import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let housing: Client;
let market: Client;
let procurator: Client;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCases(t.database.db);
  housing = await t.loginAs('housing_liaison');
  market = await t.loginAs('market_liaison');
  procurator = await t.loginAs('procurator1');
});
afterAll(() => t.close());

const upload = (client: Client, ownerType: string, ownerId: string, name: string, content: Buffer) =>
  client.upload('/api/attachments', { name, content, type: 'application/pdf' }, { ownerType, ownerId });

async function download(client: Client, id: string) {
  return t.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: { cookie: client.cookie! } });
}

describe('attachments', () => {
  it('an agency attaches proof to its reply; the procuratorate downloads it intact; another agency cannot see it', async () => {
    const housingOrg = (await t.database.db.selectFrom('organizations').select('id').where('short_name', 'like', '%住建%').executeTakeFirstOrThrow()).id;
    const reply = await t.database.db.selectFrom('replies').select(['id']).where('organization_id', '=', housingOrg).executeTakeFirstOrThrow();
    const content = Buffer.from(`%PDF-1.4 退租通知书 ${crypto.randomUUID()}`);
    const up = await upload(housing, 'reply', reply.id, '退租通知书.pdf', content);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ fileName: '退租通知书.pdf', sizeBytes: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') });
    const res = await download(procurator, up.body.id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(content)).toBe(true);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('退租通知书.pdf'));
    expect((await download(market, up.body.id)).statusCode).toBe(404);
    expect((await market.get(`/api/attachments?ownerType=reply&ownerId=${reply.id}`)).status).toBe(404);
    expect((await upload(market, 'reply', reply.id, 'x.pdf', Buffer.from('x'))).status).toBe(404);
    expect((await housing.get(`/api/attachments?ownerType=reply&ownerId=${reply.id}`)).body.items).toHaveLength(1);
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('record_id', '=', up.body.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['attachment.download', 'attachment.upload']);
  });

  it('case evidence stays inside the procuratorate', async () => {
    const c = await t.database.db.selectFrom('cases').select(['id', 'procurator_id']).where('title', 'like', '%公共租赁住房%').executeTakeFirstOrThrow();
    const up = await upload(procurator, 'case', c.id, '调查笔录.pdf', Buffer.from('%PDF 调查笔录'));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect((await download(housing, up.body.id)).statusCode).toBe(404);
    expect((await housing.get(`/api/attachments?ownerType=case&ownerId=${c.id}`)).status).toBe(404);
    // The procurator not in charge may read but not add.
    const other = await t.loginAs('procurator2');
    expect((await download(other, up.body.id)).statusCode).toBe(200);
    expect((await upload(other, 'case', c.id, 'y.pdf', Buffer.from('y'))).status).toBe(403);
  });

  it('an agency attaches material to a clue it transfers', async () => {
    const created = (await market.post('/api/clues', { title: '涉嫌假冒注册商标', summary: '执法检查查获', receivedOn: '2026-11-24' })).body.clue;
    const up = await upload(market, 'clue', created.id, '现场检查笔录.pdf', Buffer.from('%PDF 笔录'));
    expect(up.status).toBe(201);
    expect((await download(procurator, up.body.id)).statusCode).toBe(200);
    expect((await download(housing, up.body.id)).statusCode).toBe(404);
  });

  it('refuses a request that is not a file upload, or names no valid owner, and stores nothing', async () => {
    const before = (await t.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect((await procurator.post('/api/attachments', { ownerType: 'case' })).status).toBe(415);
    const c = await t.database.db.selectFrom('cases').select('id').limit(1).executeTakeFirstOrThrow();
    expect((await upload(procurator, 'verdict', c.id, 'x.pdf', Buffer.from('x'))).status).toBe(400);
    expect((await upload(procurator, 'case', '00000000-0000-4000-8000-000000000000', 'x.pdf', Buffer.from('x'))).status).toBe(404);
    const after = (await t.database.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(after)).toBe(Number(before));
  });
});
