import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    prepare: (app) =>
      app.get('/api/test/boom', { config: { public: true } }, async () => {
        throw new Error('secret internal detail: password=hunter2');
      }),
  });
});
afterAll(() => t.close());

describe('system endpoints and error handling', () => {
  it('answers /api/health with the version and the state of PostgreSQL and the warehouse', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), postgres: { ok: true }, warehouse: { ok: true } });
  });

  it('describes every API route in the OpenAPI document', async () => {
    const res = await t.anonymous().get('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(res.body.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = t.app.apiRoutes.filter((r) => !r.url.startsWith('/api/test/'));
    for (const r of routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
  });

  it('sends security headers with a strict Content-Security-Policy', async () => {
    const res = await t.anonymous().get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API routes with 404', async () => {
    const res = await t.anonymous().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });

  it('answers a server error with its request id and without internals', async () => {
    const res = await t.anonymous().get('/api/test/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal', message: 'Internal server error', requestId: res.headers['x-request-id'] });
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.anonymous().request('POST', '/api/auth/login', undefined, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
  });
});
