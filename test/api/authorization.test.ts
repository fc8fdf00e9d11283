import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { DEMO_USERS } from '../../src/server/db/seed.js';
import { can } from '../../src/server/policies/index.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
const clients = new Map<Role, Client>();
const actors = new Map<Role, NonNullable<Awaited<ReturnType<Client['get']>>['body']>>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) {
    const user = DEMO_USERS.find((u) => u.roles.includes(role))!;
    const c = await t.loginAs(user.username);
    clients.set(role, c);
    actors.set(role, (await c.get('/api/auth/session')).body.user);
  }
});
afterAll(() => t.close());

const SOME_ID = '3f0e8a52-8c6e-4d6a-9a0b-1c2d3e4f5a6b';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, SOME_ID);

describe('every registered API route asks a policy', () => {
  it('has routes to check, each either public or guarded', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThan(15);
    for (const r of t.app.apiRoutes) expect(r.public || !!r.policy).toBe(true);
    // Only sign-in and the health check are open — and the push endpoint for agency systems, which
    // is public to the session hook only because it checks its own bearer API token (401 without
    // one; test/api/apiTokens.test.ts), to which the cookie session and CSRF do not apply.
    expect(t.app.apiRoutes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/health',
      'POST /api/auth/login',
      'POST /api/push/datasets/:datasetId/versions',
    ]);
  });

  it('answers 401 to an anonymous request on every guarded route', async () => {
    for (const r of t.app.apiRoutes.filter((x) => !x.public)) {
      const res = await t.anonymous().request(r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answers 403 on every guarded route to each role without the permission', async () => {
    let checked = 0;
    for (const r of t.app.apiRoutes.filter((x) => !x.public)) {
      for (const role of ROLES) {
        const user = actors.get(role)!;
        const actor = { ...user, organizationId: user.organization.id, organizationKind: user.organization.kind, departmentId: user.department?.id ?? null };
        if (can(actor, ...r.policy!)) continue;
        const res = await clients.get(role)!.request(r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
        expect(res.status, `${role}: ${r.method} ${r.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

// Written out by hand, independent of the policy code: what each role may reach.
describe('the access matrix', () => {
  const matrix: [string, Role[], Role[]][] = [
    ['/api/users', ['admin'], ['procurator', 'department_head', 'chief_prosecutor', 'agency_liaison', 'agency_leader', 'analyst', 'observer', 'criminal_prosecutor']],
    ['/api/organizations', ['admin'], ['procurator', 'agency_liaison', 'observer']],
    ['/api/audit', ['admin', 'chief_prosecutor'], ['procurator', 'department_head', 'agency_liaison', 'analyst', 'observer']],
    ['/api/directory', ['procurator', 'department_head', 'chief_prosecutor', 'criminal_prosecutor', 'analyst', 'admin', 'observer'], ['agency_liaison', 'agency_leader']],
    ['/api/my-organization', ['agency_liaison', 'agency_leader'], ['procurator', 'admin', 'analyst']],
    ['/api/me/work', [...ROLES], []],
    ['/api/joint-meetings', ['procurator', 'department_head', 'chief_prosecutor', 'agency_liaison', 'agency_leader'], ['admin', 'analyst', 'criminal_prosecutor', 'observer']],
    ['/api/knowledge/charge-rules', ['procurator', 'department_head', 'chief_prosecutor', 'criminal_prosecutor', 'analyst', 'admin'], ['agency_liaison', 'agency_leader', 'observer']],
    ['/api/cases/assignees', ['procurator', 'department_head', 'chief_prosecutor', 'observer'], ['admin', 'analyst', 'criminal_prosecutor', 'agency_liaison', 'agency_leader']],
    ['/api/clues.xlsx', ['procurator', 'department_head', 'chief_prosecutor', 'observer', 'criminal_prosecutor', 'agency_liaison', 'agency_leader'], ['admin', 'analyst']],
    ['/api/cases.xlsx', ['procurator', 'department_head', 'chief_prosecutor', 'observer'], ['admin', 'analyst', 'criminal_prosecutor', 'agency_liaison', 'agency_leader']],
    ['/api/indicators', ['procurator', 'department_head', 'chief_prosecutor', 'observer', 'agency_liaison', 'agency_leader'], ['admin', 'analyst', 'criminal_prosecutor']],
    ['/api/imports', ['analyst', 'agency_liaison', 'admin'], ['procurator', 'department_head', 'chief_prosecutor', 'criminal_prosecutor', 'agency_leader', 'observer']],
    ['/api/assessment-reports', ['procurator', 'department_head', 'chief_prosecutor', 'observer', 'agency_liaison', 'agency_leader', 'admin'], ['analyst', 'criminal_prosecutor']],
  ];
  for (const [url, allowed, denied] of matrix) {
    it(`GET ${url}`, async () => {
      for (const role of allowed) expect((await clients.get(role)!.get(url)).status, `${role} ${url}`).toBe(200);
      for (const role of denied) expect((await clients.get(role)!.get(url)).status, `${role} ${url}`).toBe(403);
    });
  }

  it('gives the justice bureau read access to the directory but no administration', async () => {
    const justice = await t.loginAs('justice_observer');
    expect((await justice.get('/api/directory')).status).toBe(200);
    expect((await justice.get('/api/users')).status).toBe(403);
  });
});
