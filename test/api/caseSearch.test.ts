import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * The case list's search box (`GET /api/cases?q=`) over case numbers, titles and names: a piece
 * of the number from its start, one from its middle (year and serial, any brackets), a serial
 * alone, and words of a title or a name (presenters/caseSearch.ts, migration 0012_case_search).
 * And an agency's overdue list, read from the agency on each clock (kept by the database when a
 * clock is written or its case changes agency). The cases are written straight into the
 * database, in years no demo case has.
 */
let t: TestApp;
let procurator: Client;

const CASES: [number: string, title: string, subject: string | null][] = [
  ['京朝检行反受〔2019〕12号', '王小明盗窃罪不起诉案件反向衔接', '王小明'],
  ['京朝检行反受〔2019〕123号', '李四危险驾驶罪不起诉案件反向衔接', '李四'],
  ['京朝检行反受〔2019〕112号', '赵六诈骗罪不起诉案件反向衔接', '赵六'],
  ['京朝检行监立〔2019〕12号', '区住建委违法建设未依法拆除', null],
  ['京朝检行反受〔2018〕12号', '张三盗窃罪不起诉案件反向衔接', '张三'],
  ['京朝检行监立［2018］7号', '区教委校外培训机构监管缺位', null],
];

beforeAll(async () => {
  t = await createTestApp();
  procurator = await t.loginAs('procurator1');
  const db = new pg.Client(t.ownerUrl);
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT id FROM organizations WHERE kind = 'procuratorate' LIMIT 1`);
    for (const [number, title, subject] of CASES) {
      await db.query(
        `INSERT INTO cases (procuratorate_id, number, kind, state, title, subject_name, registered_on)
         VALUES ($1, $2, CASE WHEN $2 LIKE '%监立%' THEN 'illegal_act' ELSE 'reverse_connection' END, 'under_review', $3, $4, DATE '2019-06-01')`,
        [rows[0].id, number, title, subject],
      );
    }
  } finally {
    await db.end();
  }
});
afterAll(() => t.close());

/** The numbers found, limited to this test's cases (the demo's are of other years). */
async function found(q: string): Promise<string[]> {
  const res = await procurator.get(`/api/cases?q=${encodeURIComponent(q)}&pageSize=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { number: string }[])
    .map((c) => c.number)
    .filter((n) => /201[89]/.test(n))
    .sort();
}

const sorted = (numbers: string[]) => [...numbers].sort();

describe('case search', () => {
  it('finds a number from its start: the text before the year, the year and the start of the serial', async () => {
    expect(await found('京朝检行反受〔2019〕12')).toEqual(sorted(['京朝检行反受〔2019〕123号', '京朝检行反受〔2019〕12号']));
    expect(await found('京朝检行反受〔2019〕12号')).toEqual(sorted(['京朝检行反受〔2019〕12号']));
    expect(await found('京朝检行监立〔2019〕')).toEqual(sorted(['京朝检行监立〔2019〕12号']));
    expect(await found('京朝检行反受〔2020〕12')).toEqual([]);
  });

  it('finds a number from its middle, whatever brackets or digits were typed', async () => {
    const twelveOf2019 = ['京朝检行监立〔2019〕12号', '京朝检行反受〔2019〕12号'];
    expect(await found('〔2019〕12号')).toEqual(sorted(twelveOf2019));
    expect(await found('(2019)12号')).toEqual(sorted(twelveOf2019));
    expect(await found('（２０１９）１２号')).toEqual(sorted(twelveOf2019));
    expect(await found('2019〕12')).toEqual(sorted(['京朝检行监立〔2019〕12号', '京朝检行反受〔2019〕123号', '京朝检行反受〔2019〕12号']));
    expect(await found('反受〔2019〕1')).toEqual(sorted(['京朝检行反受〔2019〕112号', '京朝检行反受〔2019〕123号', '京朝检行反受〔2019〕12号']));
    expect(await found('〔2018〕')).toEqual(sorted(['京朝检行监立［2018］7号', '京朝检行反受〔2018〕12号']));
    expect(await found('〔2018〕7号')).toEqual(sorted(['京朝检行监立［2018］7号']));
  });

  it('finds a serial typed alone in every year and type, not the serials that merely contain it', async () => {
    const twelve = ['京朝检行监立〔2019〕12号', '京朝检行反受〔2018〕12号', '京朝检行反受〔2019〕12号'];
    expect(await found('12')).toEqual(sorted(twelve));
    expect(await found('12号')).toEqual(sorted(twelve));
    expect(await found('１２')).toEqual(sorted(twelve));
    expect(await found('123')).toEqual(sorted(['京朝检行反受〔2019〕123号']));
    expect(await found('7')).toEqual(sorted(['京朝检行监立［2018］7号']));
  });

  it('finds words of a title or a name, and a word of the number', async () => {
    expect(await found('盗窃')).toEqual(sorted(['京朝检行反受〔2018〕12号', '京朝检行反受〔2019〕12号']));
    expect(await found('违法建设')).toEqual(sorted(['京朝检行监立〔2019〕12号']));
    expect(await found('小明')).toEqual(sorted(['京朝检行反受〔2019〕12号']));
    expect(await found('监立')).toEqual(sorted(['京朝检行监立［2018］7号', '京朝检行监立〔2019〕12号']));
    // LIKE's wildcards are text like any other
    expect(await found('%')).toEqual([]);
    expect(await found('盗_罪')).toEqual([]);
  });
});

describe("an agency's overdue list", () => {
  it('lists the overdue replies owed by the agency, follows a case moved to another agency', async () => {
    const db = new pg.Client(t.ownerUrl);
    await db.connect();
    try {
      const orgs = (await db.query(`SELECT id, short_name FROM organizations WHERE short_name IN ('朝阳公安分局', '区市场监管局')`)).rows;
      const police = orgs.find((o) => o.short_name === '朝阳公安分局')!.id;
      const market = orgs.find((o) => o.short_name === '区市场监管局')!.id;
      const procuratorate = (await db.query(`SELECT id FROM organizations WHERE kind = 'procuratorate' LIMIT 1`)).rows[0].id;
      for (const [number, agency] of [['京朝检行监立〔2017〕1号', police], ['京朝检行监立〔2017〕2号', market]]) {
        const c = await db.query(
          `INSERT INTO cases (procuratorate_id, number, kind, state, title, agency_id, registered_on) VALUES ($1, $2, 'illegal_act', 'awaiting_reply', '逾期测试', $3, DATE '2017-03-01') RETURNING id`,
          [procuratorate, number, agency],
        );
        const d = await db.query(
          `INSERT INTO documents (case_id, type, state, recipient_id, content, drafted_by_name) VALUES ($1, 'procuratorial_suggestion', 'served', $2, '{}', '测试') RETURNING id`,
          [c.rows[0].id, agency],
        );
        // the reply owed by the agency, and the case's own review clock (not the agency's to answer)
        await db.query(
          `INSERT INTO case_clocks (case_id, document_id, code, events, due_on) VALUES ($1, $2, 'suggestion_reply', '[]', DATE '2017-05-01'), ($1, NULL, 'illegal_act_case', '[]', DATE '2017-04-01')`,
          [c.rows[0].id, d.rows[0].id],
        );
      }
      const owed = async (username: string) => {
        const res = await (await t.loginAs(username)).get('/api/cases/overdue?pageSize=200');
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return (res.body.items as { caseNumber: string; code: string }[]).filter((i) => i.caseNumber.includes('〔2017〕')).map((i) => `${i.caseNumber} ${i.code}`).sort();
      };
      expect(await owed('police_leader')).toEqual(['京朝检行监立〔2017〕1号 suggestion_reply']);
      expect(await owed('market_liaison')).toEqual(['京朝检行监立〔2017〕2号 suggestion_reply']);
      // the procuratorate's leaders see every overdue clock, the review clocks too
      expect(await owed('head1')).toHaveLength(4);

      await db.query(`UPDATE cases SET agency_id = $1 WHERE number = '京朝检行监立〔2017〕1号'`, [market]);
      expect(await owed('police_leader')).toEqual([]);
      expect(await owed('market_liaison')).toEqual(['京朝检行监立〔2017〕1号 suggestion_reply', '京朝检行监立〔2017〕2号 suggestion_reply']);
    } finally {
      await db.end();
    }
  });
});
