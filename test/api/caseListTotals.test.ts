import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP } from '../../src/server/presenters/cases.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * List totals at scale (bench/cases.ts): counted up to COUNT_CAP, known without counting when a
 * page is not full, exact below the cap. The rows are written straight into the database — a
 * thousand cases through the commands would only slow the test down.
 */
let t: TestApp;
let procurator: Client;
let head: Client;

const MANY = COUNT_CAP + 50;

beforeAll(async () => {
  t = await createTestApp();
  procurator = await t.loginAs('procurator1');
  head = await t.loginAs('head1');
  const db = new pg.Client(t.ownerUrl);
  await db.connect();
  try {
    const { rows } = await db.query(`
      SELECT (SELECT id FROM organizations WHERE kind = 'procuratorate' LIMIT 1) AS procuratorate,
             (SELECT id FROM organizations WHERE kind = 'agency' ORDER BY name LIMIT 1) AS agency,
             (SELECT id FROM users WHERE username = 'procurator1') AS procurator`);
    const { procuratorate, agency, procurator: procuratorId } = rows[0];
    // 25 cases titled 总数测试甲n, the rest 总数测试乙n; each with a reply clock long overdue.
    await db.query(
      `INSERT INTO cases (procuratorate_id, number, kind, state, title, agency_id, procurator_id, registered_on)
       SELECT $1, '京朝检行反受〔2020〕' || i || '号', 'reverse_connection', 'under_review',
              '总数测试' || CASE WHEN i <= 25 THEN '甲' ELSE '乙' END || i, $2, $3, DATE '2020-03-01' + i % 30
       FROM generate_series(1, $4::int) AS i`,
      [procuratorate, agency, procuratorId, MANY],
    );
    await db.query(
      `INSERT INTO case_clocks (case_id, code, events, due_on)
       SELECT id, 'reverse_connection_review', jsonb_build_array(jsonb_build_object('type', 'start', 'on', registered_on)), registered_on + 14
       FROM cases WHERE title LIKE '总数测试%'`,
    );
    await db.query(
      `INSERT INTO clues (procuratorate_id, number, source, status, title, submitted_by_organization_id, received_on, created_by_name)
       SELECT $1, '京朝检行线〔2020〕' || i || '号', 'manual', 'received', '总数测试线索' || i, $1, DATE '2020-03-01', '测试'
       FROM generate_series(1, $2::int) AS i`,
      [procuratorate, MANY],
    );
  } finally {
    await db.end();
  }
});
afterAll(() => t.close());

function ok(res: { status: number; body: unknown }) {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { total: number; totalCapped: boolean; items: unknown[] };
}

describe('list totals', () => {
  it('stop counting at COUNT_CAP and say so', async () => {
    const cases = ok(await procurator.get(`/api/cases?q=${encodeURIComponent('总数测试')}`));
    expect(cases).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(cases.items).toHaveLength(20);
    expect(ok(await head.get('/api/clues?status=received'))).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(ok(await head.get('/api/cases/overdue'))).toMatchObject({ total: COUNT_CAP, totalCapped: true });
  });

  it('are exact below the cap, on full pages, the last page and past the end', async () => {
    const q = encodeURIComponent('总数测试甲');
    const first = ok(await procurator.get(`/api/cases?q=${q}`));
    expect(first).toMatchObject({ total: 25, totalCapped: false });
    expect(first.items).toHaveLength(20);
    const last = ok(await procurator.get(`/api/cases?q=${q}&page=2`));
    expect(last).toMatchObject({ total: 25, totalCapped: false });
    expect(last.items).toHaveLength(5);
    expect(ok(await procurator.get(`/api/cases?q=${q}&page=3`))).toMatchObject({ total: 25, totalCapped: false, items: [] });
    // 甲1 and 甲10–甲19: one page, not full.
    expect(ok(await procurator.get(`/api/cases?q=${encodeURIComponent('总数测试甲1')}`))).toMatchObject({ total: 11, totalCapped: false });
    expect(ok(await procurator.get(`/api/cases?q=${encodeURIComponent('无此案件')}`))).toMatchObject({ total: 0, totalCapped: false, items: [] });
  });
});
