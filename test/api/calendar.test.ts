import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClock } from '../../src/server/commands/caseClocks.js';
import { fileCase, registerClue } from '../../src/server/commands/clues.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { fixtureSchedule2027 } from '../helpers/holidayFixture.js';

const FIXTURE_2027 = fixtureSchedule2027('测试〔2026〕1号');

let t: TestApp;
let caseId: string;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const ctx = systemContext('test');
  const agencyId = (await db.selectFrom('organizations').select('id').where('kind', '=', 'agency').executeTakeFirstOrThrow()).id;
  const { clue } = await registerClue(db, ctx, { source: 'manual', title: '跨年期限', receivedOn: '2026-11-02' });
  caseId = (await fileCase(db, ctx, clue.id, { version: clue.version, kind: 'illegal_act', agencyId, registeredOn: '2026-11-02' })).id;
  // A suggestion received on 2026-11-20: its 2-month reply period ends in 2027.
  await db.transaction().execute((trx) => startClock(trx, caseId, 'suggestion_reply', '2026-11-20'));
});
afterAll(() => t.close());

describe('holiday schedules', () => {
  it('a clock that runs into a year without a loaded schedule has no due date, and says why', async () => {
    const head = await t.loginAs('head1');
    const c = (await head.get(`/api/cases/${caseId}`)).body;
    const reply = c.clocks.find((k: { code: string }) => k.code === 'suggestion_reply');
    expect(reply.due).toBeNull();
    expect(reply.status).toEqual({ status: 'unknown', problem: 'calendar_year_not_loaded:2027' });
    // The 3-month illegal-act clock from 2026-11-02 ends 2027-02-02, also unknown.
    expect(c.clocks.find((k: { code: string }) => k.code === 'illegal_act_case').due).toBeNull();
  });

  it('only an administrator loads a schedule, and a wrong one is refused with its problems', async () => {
    const head = await t.loginAs('head1');
    expect((await head.post('/api/calendar/schedules', { schedule: FIXTURE_2027 })).status).toBe(403);
    const admin = await t.loginAs('admin');
    const broken = { ...FIXTURE_2027, holidays: FIXTURE_2027.holidays.map((h) => (h.festivals[0] === '春节' ? { ...h, days: 8 } : h)) };
    const res = await admin.post('/api/calendar/schedules', { schedule: broken });
    expect(res.status).toBe(422);
    expect(res.body.problems.join(' ')).toContain('春节');
  });

  it('loading next year recomputes the open clocks', async () => {
    const admin = await t.loginAs('admin');
    const res = await admin.post('/api/calendar/schedules', { schedule: FIXTURE_2027 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.coveredYears).toContain(2027);
    expect(res.body.clocksRecomputed).toBe(2);
    const c = (await (await t.loginAs('head1')).get(`/api/cases/${caseId}`)).body;
    expect(c.clocks.find((k: { code: string }) => k.code === 'suggestion_reply').due).toBe('2027-01-20');
    // 2027-02-02 is a Tuesday, a working day in the fixture.
    expect(c.clocks.find((k: { code: string }) => k.code === 'illegal_act_case').due).toBe('2027-02-02');
    expect((await admin.post('/api/calendar/schedules', { schedule: FIXTURE_2027 })).status).toBe(422); // already loaded
    expect((await admin.post('/api/calendar/schedules', { schedule: FIXTURE_2027, replace: true })).status).toBe(201);
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('action', '=', 'calendar.load_schedule').execute();
    expect(audit).toHaveLength(2);
  });
});
