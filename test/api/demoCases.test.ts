import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo cases', () => {
  it('seed a living register through the real commands, once', async () => {
    expect(await seedDemoCases(t.database.db)).toBe(true);
    expect(await seedDemoCases(t.database.db)).toBe(false);
    const states = (await t.database.db.selectFrom('cases').select(['kind', 'state']).execute()).map((c) => `${c.kind}:${c.state}`);
    expect(new Set(states)).toEqual(
      new Set([
        'reverse_connection:closed',
        'reverse_connection:follow_up',
        'reverse_connection:awaiting_reply',
        'reverse_connection:under_review',
        'reverse_connection:suspended',
        'reverse_connection:registered',
        'reverse_connection:report_done',
        'illegal_act:reply_received',
        'illegal_act:follow_up',
        'illegal_act:investigating',
      ]),
    );
    const head = await t.loginAs('head1');
    const overdue = (await head.get('/api/cases/overdue')).body;
    expect(overdue.total).toBeGreaterThan(0);
    const chief = await t.loginAs('chief1');
    const work = (await chief.get('/api/me/work')).body.items;
    expect(work.some((w: { kind: string }) => w.kind === 'document.approval')).toBe(true);
    const traffic = await t.loginAs('traffic_liaison');
    const inbox = (await traffic.get('/api/inbox')).body;
    expect(inbox.items.map((i: { number: string }) => i.number)).toContain('京朝检行意〔2026〕1号');
    expect((await traffic.get('/api/inbox/summary')).body.items).toEqual([
      { type: 'procuratorial_opinion', received: 1, replied: 1, repliedOnTime: 1, open: 0, overdue: 0, adopted: 1, partiallyAdopted: 0, notAdopted: 0 },
    ]);
    const police = await t.loginAs('police_liaison');
    const policeFigures = (await police.get('/api/inbox/summary')).body.items;
    expect(policeFigures).toEqual([{ type: 'procuratorial_opinion', received: 2, replied: 0, repliedOnTime: 0, open: 1, overdue: 1, adopted: 0, partiallyAdopted: 0, notAdopted: 0 }]);
    expect((await police.get('/api/inbox/summary?from=2026-10-01')).body.items[0].received).toBe(1);
    const audit = await t.database.db.selectFrom('audit_events').select('actor_name').where('action', '=', 'document.approve').execute();
    expect(new Set(audit.map((a) => a.actor_name))).toEqual(new Set(['张建国', '陈志远']));
  });
});
