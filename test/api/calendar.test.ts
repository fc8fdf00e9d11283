import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClock } from '../../src/server/commands/caseClocks.js';
import { fileCase, registerClue } from '../../src/server/commands/clues.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

/** A made-up 2027 schedule for the test only — not the State Council's notice. */
const FIXTURE_2027 = {
  year: 2027,
  notice: { title: '测试用2027年节假日安排（非官方）', number: '测试〔2026〕1号', issuedOn: '2026-11-01' },
  holidays: [
    { festivals: ['元旦'], first: '2027-01-01', last: '2027-01-03', days: 3, adjustedWorkingDays: [] },
    { festivals: ['春节'], first: '2027-02-05', last: '2027-02-11', days: 7, adjustedWorkingDays: [] },
    { festivals: ['清明节'], first: '2027-04-03', last: '2027-04-05', days: 3, adjustedWorkingDays: [] },
    { festivals: ['劳动节'], first: '2027-05-01', last: '2027-05-05', days: 5, adjustedWorkingDays: [] },
    { festivals: ['端午节'], first: '2027-06-09', last: '2027-06-11', days: 3, adjustedWorkingDays: [] },
    { festivals: ['中秋节'], first: '2027-09-15', last: '2027-09-17', days: 3, adjustedWorkingDays: [] },
    { festivals: ['国庆节'], first: '2027-10-01', last: '2027-10-07', days: 7, adjustedWorkingDays: [] },
  ],
};

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
