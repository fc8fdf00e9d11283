import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/commands/audit.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Tampering as the database superuser would: with triggers off, the way an intruder with shell access could. */
async function tamper(statement: string, params: unknown[] = []) {
  const client = new pg.Client(t.ownerUrl);
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(statement, params);
  } finally {
    await client.end();
  }
}

describe('audit log', () => {
  it('records every change with who, when, what, which record and from where', async () => {
    const admin = await t.loginAs('admin');
    const orgs = await admin.get('/api/organizations?q=司法局');
    const org = orgs.body.items[0];
    await admin.patch(`/api/organizations/${org.id}`, { version: org.version, shortName: '朝阳区司法局' });
    const events = await admin.get(`/api/audit?recordType=organization&recordId=${org.id}`);
    const update = events.body.items.find((e: { action: string }) => e.action === 'organization.update');
    expect(update).toMatchObject({ actorName: '系统管理员', recordType: 'organization', recordId: org.id, clientIp: '127.0.0.1', details: { shortName: '朝阳区司法局' } });
    expect(new Date(update.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records views of unmasked personal data', async () => {
    const procurator = await t.loginAs('procurator1');
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'contact.view'`.execute(t.database.db);
    const directory = await procurator.get('/api/directory');
    const police = directory.body.organizations.find((o: { shortName: string }) => o.shortName === '朝阳公安分局');
    expect(police.contacts.some((c: { phone: string }) => c.phone === '13900020001')).toBe(true);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'contact.view'`.execute(t.database.db);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  it('masks phones for roles that do not need them, and does not log a view then', async () => {
    const observer = await t.loginAs('justice_observer');
    const directory = await observer.get('/api/directory');
    const phones = directory.body.organizations.flatMap((o: { contacts: { phone: string | null }[] }) => o.contacts.map((c) => c.phone)).filter(Boolean);
    expect(phones.length).toBeGreaterThan(5);
    for (const p of phones) expect(p).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('is refused UPDATE, DELETE and TRUNCATE through the application role', async () => {
    const db = t.database.db;
    await expect(sql`UPDATE audit_events SET action = 'x' WHERE seq = 1`.execute(db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`DELETE FROM audit_events WHERE seq = 1`.execute(db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`TRUNCATE audit_events`.execute(db)).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses UPDATE and DELETE even to the owner while the trigger is in force', async () => {
    const client = new pg.Client(t.ownerUrl);
    await client.connect();
    try {
      await expect(client.query("UPDATE audit_events SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it('verifies an intact chain, then detects an edited, a deleted and an inserted event', async () => {
    const intact = await verifyAuditChain(t.database.db);
    expect(intact.ok).toBe(true);
    expect(intact.events).toBeGreaterThan(20);

    await tamper(`UPDATE audit_events SET details = '{"username":"someone-else"}' WHERE seq = 5`);
    const edited = await verifyAuditChain(t.database.db);
    expect(edited.ok).toBe(false);
    expect(edited.problems).toContainEqual({ seq: 5, problem: 'hash_mismatch' });

    await tamper('DELETE FROM audit_events WHERE seq = 10');
    const deleted = await verifyAuditChain(t.database.db);
    expect(deleted.problems).toContainEqual({ seq: 11, problem: 'gap' });
    expect(deleted.problems).toContainEqual({ seq: 11, problem: 'broken_link' });

    // An inserted event copied from its neighbour, renumbered to fit, still breaks the links.
    await tamper(`UPDATE audit_events SET seq = seq + 1000000 WHERE seq > 14`);
    await tamper(`UPDATE audit_events SET seq = seq - 1000000 + 1 WHERE seq > 1000000`);
    await tamper(`INSERT INTO audit_events SELECT 15, occurred_at, actor_id, actor_name, 'user.create', record_type, record_id, client_ip, request_id, details, hash, md5(hash) || md5(hash) FROM audit_events WHERE seq = 14`);
    const inserted = await verifyAuditChain(t.database.db);
    expect(inserted.problems).toContainEqual({ seq: 15, problem: 'hash_mismatch' });
    expect(inserted.problems).toContainEqual({ seq: 16, problem: 'broken_link' });
  });

  it('serves the chain check to administrators over the API', async () => {
    const admin = await t.loginAs('admin');
    const res = await admin.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
  });
});
