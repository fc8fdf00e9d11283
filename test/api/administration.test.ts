import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let admin: Client;
let orgId: (shortName: string) => Promise<string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs('admin');
  orgId = async (shortName) => (await admin.get(`/api/organizations?q=${encodeURIComponent(shortName)}`)).body.items[0].id;
});
afterAll(() => t.close());

describe('organizations and departments', () => {
  it('lists the demo organizations: the procuratorate first, its departments, and the agencies', async () => {
    const res = await admin.get('/api/organizations?pageSize=50');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(12);
    expect(res.body.items[0]).toMatchObject({ name: '北京市朝阳区人民检察院', kind: 'procuratorate', code: '京朝' });
    expect(res.body.items[0].departments.map((d: { name: string }) => d.name).sort()).toEqual(['刑事检察部', '办公室', '行政检察部'].sort());
    const traffic = res.body.items.find((o: { shortName: string }) => o.shortName === '朝阳交通支队');
    expect(traffic.parentId).toBe(await orgId('朝阳公安分局'));
    expect(res.body.items.map((o: { kind: string }) => o.kind).slice(-4)).toEqual(['justice_bureau', 'court', 'court', 'external_procuratorate']);
  });

  it('creates an organization with a department; a duplicate name is a field error', async () => {
    const created = await admin.post('/api/organizations', { name: '北京市朝阳区生态环境局', shortName: '区生态环境局', kind: 'agency' });
    expect(created.status).toBe(201);
    const dept = await admin.post(`/api/organizations/${created.body.id}/departments`, { name: '执法大队' });
    expect(dept.status).toBe(201);
    expect(dept.body.organizationId).toBe(created.body.id);
    const dup = await admin.post('/api/organizations', { name: '北京市朝阳区生态环境局', shortName: 'x', kind: 'agency' });
    expect(dup.status).toBe(400);
    expect(dup.body.fields[0]).toMatchObject({ path: 'name', params: { reason: 'name_taken' } });
  });

  it('gives the second of two concurrent edits a conflict with the current record, never a silent overwrite', async () => {
    const id = await orgId('区农业农村局');
    const { body: org } = await admin.get(`/api/organizations/${id}`);
    const first = await admin.patch(`/api/organizations/${id}`, { version: org.version, shortName: '农业农村局（甲）' });
    expect(first.status).toBe(200);
    const second = await admin.patch(`/api/organizations/${id}`, { version: org.version, shortName: '农业农村局（乙）' });
    expect(second.status).toBe(409);
    expect(second.body.current).toMatchObject({ id, shortName: '农业农村局（甲）', version: org.version + 1 });
  });
});

describe('users', () => {
  it('creates a liaison who must change the temporary password', async () => {
    const res = await admin.post('/api/users', {
      username: 'eco_liaison',
      displayName: '马科长',
      password: 'Temp-2026x',
      organizationId: await orgId('区市场监管局'),
      roles: ['agency_liaison'],
      phone: '13912345678',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'eco_liaison', roles: ['agency_liaison'], organizationName: '北京市朝阳区市场监督管理局', mustChangePassword: true, phone: '13912345678' });
    const login = await t.loginAs('eco_liaison', 'Temp-2026x');
    expect((await login.get('/api/auth/session')).body.user.mustChangePassword).toBe(true);
  });

  it('refuses a taken username (any case), a procuratorate role in an agency, and a foreign department', async () => {
    const market = await orgId('区市场监管局');
    const taken = await admin.post('/api/users', { username: 'Procurator1', displayName: 'x', password: 'Abcdefg123', organizationId: market, roles: ['agency_liaison'] });
    expect(taken.body.fields[0]).toMatchObject({ path: 'username', params: { reason: 'username_taken' } });
    const role = await admin.post('/api/users', { username: 'newbie', displayName: 'x', password: 'Abcdefg123', organizationId: market, roles: ['procurator'] });
    expect(role.body.fields[0]).toMatchObject({ path: 'roles', params: { reason: 'role_not_allowed' } });
    const procuratorate = (await admin.get(`/api/organizations/${await orgId('朝阳区检察院')}`)).body;
    const dept = await admin.post('/api/users', {
      username: 'newbie',
      displayName: 'x',
      password: 'Abcdefg123',
      organizationId: market,
      departmentId: procuratorate.departments[0].id,
      roles: ['agency_liaison'],
    });
    expect(dept.status).toBe(400);
    expect(dept.body.fields[0]).toMatchObject({ path: 'departmentId', params: { reason: 'department_not_in_organization' } });
  });

  it('reports every invalid field of a request body at once', async () => {
    const res = await admin.post('/api/users', { username: 'a b', displayName: '', password: 1, organizationId: 'nope', roles: ['king'] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation');
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['displayName', 'organizationId', 'password', 'roles.0', 'username'].sort());
  });

  it('signs a deactivated user out at once', async () => {
    const user = await t.loginAs('agriculture_liaison');
    const { body } = await admin.get('/api/users?q=agriculture_liaison');
    const res = await admin.patch(`/api/users/${body.items[0].id}`, { version: body.items[0].version, active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await user.get('/api/auth/session')).status).toBe(401);
  });

  it('paginates and filters on the server', async () => {
    const page1 = await admin.get('/api/users?page=1&pageSize=5');
    const page2 = await admin.get('/api/users?page=2&pageSize=5');
    expect(page1.body.items).toHaveLength(5);
    expect(page1.body.total).toBeGreaterThanOrEqual(17);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const liaisons = await admin.get('/api/users?role=agency_liaison&pageSize=100');
    expect(liaisons.body.items.every((u: { roles: string[] }) => u.roles.includes('agency_liaison'))).toBe(true);
    expect((await admin.get('/api/users?pageSize=1000')).status).toBe(400);
  });
});

describe('profile and directory', () => {
  it('lets every user change their own name and language', async () => {
    const liaison = await t.loginAs('police_liaison');
    const res = await liaison.patch('/api/me', { displayName: '刘警官（法制）', locale: 'en-US' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ displayName: '刘警官（法制）', locale: 'en-US' });
    expect((await liaison.patch('/api/me', { locale: 'fr-FR' })).status).toBe(400);
  });

  it('shows an agency user only their own organization and the procuratorate contacts', async () => {
    const liaison = await t.loginAs('housing_liaison');
    const res = await liaison.get('/api/my-organization');
    expect(res.status).toBe(200);
    expect(res.body.organization.name).toBe('北京市朝阳区住房和城乡建设委员会');
    expect(res.body.organization.contacts.map((c: { displayName: string }) => c.displayName)).toEqual(['冯科长']);
    const names = res.body.procuratorateContacts.map((c: { displayName: string }) => c.displayName);
    expect(names).toContain('李明');
    expect(names).not.toContain('刘警官');
  });
});
