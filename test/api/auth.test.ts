import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/db/seed.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('stores passwords as argon2id hashes', async () => {
    const row = await t.database.db.selectFrom('users').select('password_hash').where('username', '=', 'procurator1').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.password_hash).not.toContain(DEMO_PASSWORD);
  });

  it('sets an httpOnly, SameSite=Strict session cookie and returns the session', async () => {
    const c = t.anonymous();
    const res = await c.post('/api/auth/login', { username: 'procurator1', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/jx_sid=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.body.user.username).toBe('procurator1');
    expect(res.body.user.organization.name).toBe('北京市朝阳区人民检察院');
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const session = await c.get('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.user.roles).toEqual(['procurator']);
  });

  it('answers unknown users and wrong passwords identically', async () => {
    const wrong = await t.anonymous().post('/api/auth/login', { username: 'procurator2', password: 'Wrong-pass-1' });
    const unknown = await t.anonymous().post('/api/auth/login', { username: 'nobody-here', password: 'Wrong-pass-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_credentials');
    expect({ ...wrong.body, requestId: null }).toEqual({ ...unknown.body, requestId: null });
  });

  it('locks an account after five failures, even against the right password, and an admin can unlock it', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous(`10.0.0.${i}`).post('/api/auth/login', { username: 'head1', password: `bad-${i}-pass` })).status).toBe(401);
    }
    const locked = await t.anonymous().post('/api/auth/login', { username: 'head1', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('locked');
    const admin = await t.loginAs('admin');
    const users = await admin.get('/api/users?q=head1');
    expect(users.body.items[0].locked).toBe(true);
    expect((await admin.post(`/api/users/${users.body.items[0].id}/unlock`)).status).toBe(204);
    expect((await t.anonymous().post('/api/auth/login', { username: 'head1', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('locks unknown usernames the same way, so a lockout reveals nothing', async () => {
    for (let i = 0; i < 5; i++) await t.anonymous(`10.0.1.${i}`).post('/api/auth/login', { username: 'ghost', password: 'whatever1' });
    const res = await t.anonymous().post('/api/auth/login', { username: 'ghost', password: 'whatever1' });
    expect(res.status).toBe(429);
    expect(res.body.error).toBe('locked');
  });

  it('rate-limits login attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      statuses.push((await t.anonymous('10.9.9.9').post('/api/auth/login', { username: `probe${i}`, password: 'x1234567' })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });

  it('ends the session at logout', async () => {
    const c = await t.loginAs('procurator2');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    c.cookie = cookie;
    expect((await c.get('/api/auth/session')).status).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses state-changing requests without the token or with a wrong one', async () => {
    const c = await t.loginAs('observer1');
    const token = c.csrfToken;
    c.csrfToken = null;
    const missing = await c.patch('/api/me', { locale: 'en-US' });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toBe('csrf');
    c.csrfToken = 'x'.repeat(43);
    expect((await c.patch('/api/me', { locale: 'en-US' })).status).toBe(403);
    c.csrfToken = token;
    expect((await c.patch('/api/me', { locale: 'en-US' })).status).toBe(200);
  });

  it('does not accept a login posted as a cross-site form', async () => {
    const res = await t.anonymous().request('POST', '/api/auth/login', undefined, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
  });
});

describe('own password', () => {
  it('requires the current password and a strong new one, and ends the other sessions', async () => {
    const first = await t.loginAs('analyst1');
    const second = await t.loginAs('analyst1');
    const wrongCurrent = await second.put('/api/me/password', { currentPassword: 'nope-1234', newPassword: 'NewPass-2027' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.fields[0]).toMatchObject({ path: 'currentPassword', params: { reason: 'wrong_password' } });
    const weak = await second.put('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.fields[0]).toMatchObject({ path: 'newPassword', params: { reason: 'password_weak' } });
    expect((await second.put('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'NewPass-2027' })).status).toBe(204);
    expect((await second.get('/api/auth/session')).status).toBe(200);
    expect((await first.get('/api/auth/session')).status).toBe(401);
    expect((await t.anonymous().post('/api/auth/login', { username: 'analyst1', password: DEMO_PASSWORD })).status).toBe(401);
    await t.loginAs('analyst1', 'NewPass-2027');
  });

  it('makes a user whose password an admin reset change it at the next sign-in', async () => {
    const admin = await t.loginAs('admin');
    const { body } = await admin.get('/api/users?q=procurator2');
    expect((await admin.post(`/api/users/${body.items[0].id}/reset-password`, { newPassword: 'Temp-pass-99' })).status).toBe(204);
    const user = await t.loginAs('procurator2', 'Temp-pass-99');
    expect((await user.get('/api/auth/session')).body.user.mustChangePassword).toBe(true);
  });
});

describe('database roles', () => {
  it('the application connects as its own role, not as a superuser', async () => {
    const { rows } = await sql<{ user: string; superuser: boolean }>`SELECT current_user AS user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`.execute(t.database.db);
    expect(rows[0]).toEqual({ user: 'jianxing_app', superuser: false });
  });
});
