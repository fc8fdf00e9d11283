import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/cases/assignees', () => {
  it('lists the active procurators of the user’s procuratorate and the active agencies, names only', async () => {
    const head = await t.loginAs('head1');
    const body = (await head.get('/api/cases/assignees')).body;
    expect(body.procurators.map((p: any) => p.displayName).sort()).toEqual(['李明', '王芳'].sort());
    expect(Object.keys(body.procurators[0]).sort()).toEqual(['departmentName', 'displayName', 'id']);
    const agencies = await t.database.db.selectFrom('organizations').select('name').where('kind', '=', 'agency').where('active', '=', true).execute();
    expect(body.agencies.map((a: any) => a.name).sort()).toEqual(agencies.map((a) => a.name).sort());
    expect(body.agencies.every((a: any) => !a.name.includes('检察院'))).toBe(true);
  });

  it('leaves out a procurator who was deactivated', async () => {
    await t.database.db.updateTable('users').set({ active: false }).where('username', '=', 'procurator2').execute();
    const procurator = await t.loginAs('procurator1');
    expect((await procurator.get('/api/cases/assignees')).body.procurators.map((p: any) => p.displayName)).toEqual(['李明']);
  });

  it('is for the procuratorate’s case staff only', async () => {
    expect((await (await t.loginAs('market_liaison')).get('/api/cases/assignees')).status).toBe(403);
    expect((await (await t.loginAs('admin')).get('/api/cases/assignees')).status).toBe(403);
  });
});
