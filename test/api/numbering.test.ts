import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateNumber } from '../../src/server/commands/numbering.js';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCases(t.database.db);
});
afterAll(() => t.close());

describe('document number settings', () => {
  it('show the defaults with an example per type; only an administrator changes them', async () => {
    const head = await t.loginAs('head1');
    const settings = (await head.get('/api/settings/numbering')).body;
    expect(settings).toMatchObject({ provinceCode: '京', procuratorateCode: '朝', departmentCode: '行', version: null, redHeader: true });
    expect(settings.examples.procuratorial_suggestion).toMatch(/^京朝检行建〔\d{4}〕1号$/);
    expect((await head.put('/api/settings/numbering', { ...settings, examples: undefined })).status).toBe(403);
    expect((await (await t.loginAs('police_liaison')).get('/api/settings/numbering')).status).toBe(403);
  });

  it('refuse a pattern without year or serial, then use a valid one for the next number', async () => {
    const admin = await t.loginAs('admin');
    const settings = (await admin.get('/api/settings/numbering')).body;
    const { examples: _examples, ...body } = settings;
    const bad = await admin.put('/api/settings/numbering', { ...body, pattern: '{procuratorate}检{type}{serial}号' });
    expect(bad.status).toBe(422);
    expect(bad.body.problems.join(' ')).toContain('year');
    const saved = await admin.put('/api/settings/numbering', { ...body, pattern: '{province}{procuratorate}检{type}〔{year}〕{serial}号', typeCodes: { ...body.typeCodes, procuratorial_suggestion: '行建' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    expect((await admin.put('/api/settings/numbering', { ...body, version: null })).status).toBe(409);
    const procuratorate = (await t.database.db.selectFrom('organizations').select('id').where('kind', '=', 'procuratorate').executeTakeFirstOrThrow()).id;
    const next = await t.database.db.transaction().execute((trx) => allocateNumber(trx, procuratorate, 'procuratorial_suggestion', 2026));
    // The demo issued two suggestions in 2026; the serial continues, only the text changes.
    expect(next.number).toBe('京朝检行建〔2026〕3号');
  });
});

describe('escalation after a failed follow-up', () => {
  it('opens an illegal-act case for a suggestion and closes the reverse-connection case with the link', async () => {
    const rc = await t.database.db.selectFrom('cases').select(['id', 'number', 'version', 'state']).where('title', 'like', '刘强%').executeTakeFirstOrThrow();
    expect(rc.state).toBe('follow_up');
    const procurator = await t.loginAs('procurator2');
    const res = await procurator.post(`/api/cases/${rc.id}/escalate`, { version: rc.version, on: '2026-11-24', reason: '公安机关经跟进监督仍未回复' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The pattern set above (no department code) applies to case numbers too.
    expect(res.body.number).toMatch(/^京朝检监立〔2026〕\d+号$/);
    const created = (await procurator.get(`/api/cases/${res.body.id}`)).body;
    expect(created).toMatchObject({ kind: 'illegal_act', state: 'investigating' });
    expect(created.review.origin).toContain(rc.number);
    const closed = (await procurator.get(`/api/cases/${rc.id}`)).body;
    expect(closed.state).toBe('closed');
    expect(closed.closingReason).toContain(res.body.number);
    expect(closed.clocks.every((k: { stoppedOn: string | null }) => k.stoppedOn !== null)).toBe(true);
    expect((await procurator.post(`/api/cases/${rc.id}/escalate`, { version: closed.version, reason: 'again' })).status).toBe(409);
  });
});
