import crypto from 'node:crypto';
import http from 'node:http';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/isoDate.js';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { withAssessmentSnapshot } from '../../src/server/indicators/assessment.js';
import { ASSESSMENT_COLUMNS, type AssessmentColumn } from '../../src/server/indicators/assessmentPeriod.js';
import { generateMonthlyReport } from '../../src/server/indicators/assessmentReports.js';
import { itemSheetName, SUMMARY_SHEET } from '../../src/server/indicators/assessmentXlsx.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * The streamed assessment export on 20,000 items made with set-based SQL in 2024 (more than the
 * 5,000-row batches the sheets are read in). Every item's outcome follows from its index i; the
 * expected flags are computed below in plain JavaScript from the same rules, independently of the
 * SQL.
 */
let t: TestApp;
let head: Client;
const N = 20_000;
const PREFIX = '京朝检行压';
const numberOf = (i: number) => `${PREFIX}〔2024〕${i}号`;
/** Two items get hostile numbers: one a spreadsheet would run, one that is markup in XML. */
const FORMULA = '=SUM(A1:A9)';
const MARKUP = `${PREFIX}<&>"〔2024〕号`;
const agencies: { id: string; short: string }[] = [];

interface Reply {
  replied: string;
  evaluation: string | null;
  evaluatedOn: string | null;
  penalty: boolean;
}
interface Item {
  i: number;
  number: string;
  agency: string;
  type: 'procuratorial_opinion' | 'procuratorial_suggestion';
  state: 'served' | 'withdrawn';
  received: string;
  due: string;
  replies: Reply[];
}

/** The generator's rules, mirrored by the SQL in beforeAll. */
function item(i: number): Item {
  const type = i % 3 === 0 ? 'procuratorial_suggestion' : 'procuratorial_opinion';
  const received = addDays('2024-01-01', i % 360);
  const replies: Reply[] = [];
  if (i % 10 < 6) {
    const replied = addDays(received, i % 90);
    const evaluation = [null, 'adopted', 'partially_adopted', 'not_adopted'][i % 4];
    replies.push({ replied, evaluation, evaluatedOn: evaluation ? addDays(replied, i % 30) : null, penalty: type === 'procuratorial_opinion' && i % 2 === 0 });
    // every 50th: a second, later reply, adopted the next day, without a penalty
    if (i % 50 === 0) replies.push({ replied: addDays(replied, 10), evaluation: 'adopted', evaluatedOn: addDays(replied, 11), penalty: false });
  }
  return { i, number: numberOf(i), agency: agencies[i % agencies.length]?.id, type, state: i % 97 === 0 ? 'withdrawn' : 'served', received, due: addDays(received, 60), replies };
}

/** The flags from the definitions of docs/assessment.md. */
function flags(g: Item, asOf: string): Record<AssessmentColumn, boolean> {
  const known = g.replies.filter((r) => r.replied <= asOf);
  const first = known.length ? known.map((r) => r.replied).sort()[0] : null;
  const latest = known.length ? [...known].sort((a, b) => (a.replied < b.replied ? 1 : -1))[0] : null;
  const evaluation = latest && latest.evaluatedOn && latest.evaluatedOn <= asOf ? latest.evaluation : null;
  return {
    received: true,
    replied: first !== null,
    on_time: first !== null && first <= g.due,
    adopted: evaluation === 'adopted',
    rectified: (evaluation === 'adopted' || evaluation === 'partially_adopted') && (g.type === 'procuratorial_suggestion' || latest!.penalty),
    overdue: g.state === 'served' && g.due < asOf && first === null,
  };
}

let items: Item[] = [];
const expectedCount = (asOf: string, c: AssessmentColumn, agency?: string) => items.filter((g) => (!agency || g.agency === agency) && flags(g, asOf)[c]).length;

const QUERY = 'from=2024-01-01&to=2024-12-31&asOf=2025-01-15';
const AS_OF = '2025-01-15';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedDemoCases(db);
  const orgs = await db.selectFrom('organizations').select(['id', 'short_name']).where('kind', '=', 'agency').where('active', '=', true).orderBy('name').execute();
  agencies.push(...orgs.slice(0, 5).map((o) => ({ id: o.id, short: o.short_name })));
  const caseIds = (await db.selectFrom('cases').select('id').orderBy('number').execute()).map((c) => c.id);
  items = Array.from({ length: N }, (_, i) => item(i));

  // Set-based: 20,000 documents, their reply clocks, their replies (a second one for every 50th).
  await sql`
    INSERT INTO documents (case_id, type, state, recipient_id, content, number, drafted_by_name, served_on, received_on)
    SELECT (${caseIds}::uuid[])[1 + i % ${caseIds.length}],
           CASE WHEN i % 3 = 0 THEN 'procuratorial_suggestion' ELSE 'procuratorial_opinion' END,
           CASE WHEN i % 97 = 0 THEN 'withdrawn' ELSE 'served' END,
           (${agencies.map((a) => a.id)}::uuid[])[1 + i % ${agencies.length}],
           '{}', ${PREFIX} || '〔2024〕' || i || '号', '生成', date '2024-01-01' + i % 360, date '2024-01-01' + i % 360
    FROM generate_series(0, ${N - 1}) i`.execute(db);
  const generated = sql`(SELECT d.*, substring(d.number FROM '〔2024〕(\\d+)号')::int AS i FROM documents d WHERE d.number LIKE ${`${PREFIX}%`}) g`;
  await sql`
    INSERT INTO case_clocks (case_id, document_id, code, events, due_on)
    SELECT g.case_id, g.id, CASE WHEN g.type = 'procuratorial_opinion' THEN 'opinion_reply' ELSE 'suggestion_reply' END, '[]', g.received_on + 60
    FROM ${generated}`.execute(db);
  await sql`
    INSERT INTO replies (document_id, case_id, organization_id, result, summary, penalty_type, replied_on, submitted_by_name, evaluation, evaluated_on)
    SELECT g.id, g.case_id, g.recipient_id, coalesce(e.evaluation, 'adopted'), '已处理',
           CASE WHEN g.type = 'procuratorial_opinion' AND g.i % 2 = 0 THEN '罚款' END,
           g.received_on + g.i % 90, '生成', e.evaluation, CASE WHEN e.evaluation IS NOT NULL THEN g.received_on + g.i % 90 + g.i % 30 END
    FROM ${generated}
    CROSS JOIN LATERAL (SELECT (ARRAY[NULL, 'adopted', 'partially_adopted', 'not_adopted'])[1 + g.i % 4] AS evaluation) e
    WHERE g.i % 10 < 6`.execute(db);
  await sql`
    INSERT INTO replies (document_id, case_id, organization_id, result, summary, replied_on, submitted_by_name, submitted_at, evaluation, evaluated_on)
    SELECT g.id, g.case_id, g.recipient_id, 'adopted', '整改完毕', g.received_on + g.i % 90 + 10, '生成', now() + interval '1 minute', 'adopted', g.received_on + g.i % 90 + 11
    FROM ${generated}
    WHERE g.i % 10 < 6 AND g.i % 50 = 0`.execute(db);

  // Statistics as autovacuum would have them at this size (the plans are set-based: hash and
  // merge joins over all items; with a bulk insert not yet analyzed the planner expects one row).
  // (as the owner: the app's role may not analyze)
  const owner = new pg.Client(t.ownerUrl);
  await owner.connect();
  await owner.query('ANALYZE documents, case_clocks, replies');
  await owner.end();

  // The hostile numbers: item 1 (any sheet) and an overdue item (it is in the DOCX annex too).
  const overdueItem = items.find((g) => flags(g, AS_OF).overdue)!;
  for (const [g, number] of [
    [items[1], FORMULA],
    [overdueItem, MARKUP],
  ] as const) {
    await db.updateTable('documents').set({ number }).where('number', '=', g.number).execute();
    g.number = number;
  }
  head = await t.loginAs('head1');
}, 120_000);
afterAll(() => t.close());

async function download(url: string): Promise<{ bytes: Buffer; headers: Record<string, unknown> }> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: head.cookie! } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return { bytes: res.rawPayload, headers: res.headers };
}

interface Book {
  names: string[];
  summary: Map<string, Record<AssessmentColumn, number>>;
  sheets: Record<AssessmentColumn, { number: string; agency: string; received: string }[]>;
}

async function read(bytes: Buffer): Promise<Book> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const names = wb.worksheets.map((w) => w.name);
  const ws = wb.getWorksheet(SUMMARY_SHEET)!;
  const summary = new Map<string, Record<AssessmentColumn, number>>();
  let header = 0;
  ws.eachRow((row, n) => {
    if (String(row.getCell(1).value).startsWith('被监督单位')) header = n;
    else if (header && n > header) summary.set(String(row.getCell(1).value), Object.fromEntries(ASSESSMENT_COLUMNS.map((c, i) => [c, Number(row.getCell(2 + i).value)])) as Record<AssessmentColumn, number>);
  });
  const sheets = Object.fromEntries(
    ASSESSMENT_COLUMNS.map((c) => {
      const rows: Book['sheets'][AssessmentColumn] = [];
      wb.getWorksheet(itemSheetName(c))!.eachRow((row, n) => {
        if (n > 1) rows.push({ number: String(row.getCell(1).value), agency: String(row.getCell(4).value), received: String(row.getCell(5).value) });
      });
      return [c, rows];
    }),
  ) as Book['sheets'];
  return { names, summary, sheets };
}

describe('the streamed assessment XLSX on 20,000 items', () => {
  let book: Book;
  beforeAll(async () => {
    book = await read((await download(`/api/indicators/assessment.xlsx?${QUERY}`)).bytes);
  }, 120_000);

  it('has the summary first, then one sheet per column', () => {
    expect(book.names).toEqual([SUMMARY_SHEET, ...ASSESSMENT_COLUMNS.map(itemSheetName)]);
  });

  it('counts what the rules give, and each sheet holds exactly its count of rows, each item once', () => {
    const total = book.summary.get('合计 total')!;
    for (const c of ASSESSMENT_COLUMNS) {
      expect(total[c], c).toBe(expectedCount(AS_OF, c));
      expect(book.sheets[c].length, c).toBe(total[c]);
      expect(new Set(book.sheets[c].map((r) => r.number)).size, `${c} without duplicates`).toBe(total[c]);
      const expected = items.filter((g) => flags(g, AS_OF)[c]).map((g) => (g.number === FORMULA ? `'${FORMULA}` : g.number));
      expect(book.sheets[c].map((r) => r.number).sort(), c).toEqual(expected.sort());
      for (const a of agencies) {
        expect(book.summary.get(a.short)![c], `${a.short} ${c}`).toBe(expectedCount(AS_OF, c, a.id));
        expect(book.sheets[c].filter((r) => r.agency === a.short).length).toBe(book.summary.get(a.short)![c]);
      }
    }
    // the data exercises every column
    for (const c of ASSESSMENT_COLUMNS) expect(total[c], c).toBeGreaterThan(100);
    expect(total.received).toBe(N);
  });

  it('keeps the sheet order across batches: one block per agency, by receipt date within it', () => {
    for (const c of ASSESSMENT_COLUMNS) {
      const rows = book.sheets[c];
      const blocks = rows.filter((r, n) => n === 0 || r.agency !== rows[n - 1].agency).map((r) => r.agency);
      expect(new Set(blocks).size, `${c}: each agency in one block`).toBe(blocks.length);
      expect(rows.every((r, n) => n === 0 || r.agency !== rows[n - 1].agency || r.received >= rows[n - 1].received), c).toBe(true);
    }
  });

  it('neutralizes the formula', () => {
    expect(book.sheets.received.map((r) => r.number)).toContain(`'${FORMULA}`);
    expect(Object.values(book.sheets).flat().filter((r) => /^[=+\-@]/.test(r.number))).toEqual([]);
  });
});

describe('the items snapshot', () => {
  it('gives each column in batches of at most the batch size, in sequence, adding up to the count', async () => {
    const f = { from: '2024-01-01', to: '2024-12-31', asOf: AS_OF, agencyId: null };
    await withAssessmentSnapshot(t.database.db, f, async (snapshot) => {
      for (const c of ['received', 'overdue'] as const) {
        const sizes: number[] = [];
        const ids = new Set<string>();
        for await (const batch of snapshot.items(c, 3000)) {
          sizes.push(batch.length);
          for (const row of batch) {
            expect(row[c]).toBe(true);
            ids.add(row.id);
          }
        }
        expect(Math.max(...sizes)).toBeLessThanOrEqual(3000);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(snapshot.table.total[c]);
        expect(ids.size).toBe(snapshot.table.total[c]);
      }
      expect(sizes(snapshot.table.total.received)).toBeGreaterThan(6);
    });
    function sizes(n: number) {
      return Math.ceil(n / 3000);
    }
  });
});

describe('the DOCX on 20,000 items', () => {
  it('annexes every overdue item, once, with markup in a number escaped', async () => {
    const { bytes } = await download(`/api/indicators/assessment.docx?${QUERY}`);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const overdue = expectedCount(AS_OF, 'overdue');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`超期未回复${overdue}件`);
    // every annexed number once: the generated ones and the escaped hostile one
    const listed = text.match(new RegExp(`${PREFIX}〔2024〕\\d+号`, 'g')) ?? [];
    expect(listed.length + 1).toBe(overdue);
    expect(new Set(listed).size).toBe(listed.length);
    expect(xml).toContain(`${PREFIX}&lt;&amp;&gt;"〔2024〕号`);
    expect(xml).not.toContain(MARKUP);
    // numbered 1..n, one row per item (plus the header)
    const annex = xml.slice(xml.indexOf('超期未回复文书清单'));
    expect(annex.match(/<w:tr>/g)!.length).toBe(overdue + 1);
  }, 60_000);
});

describe('a monthly report on 20,000 items', () => {
  it('stores files whose checksums match their bytes, with the figures of the period', async () => {
    const generated = await generateMonthlyReport(t.database.db, '2025-01-02');
    expect(generated?.month).toBe('2024-12');
    const row = await t.database.db
      .selectFrom('assessment_reports')
      .select(['id', 'xlsx', 'xlsx_sha256', 'docx', 'docx_sha256', 'figures'])
      .where('period_month', '=', '2024-12')
      .executeTakeFirstOrThrow();
    const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
    expect(sha(row.xlsx)).toBe(row.xlsx_sha256);
    expect(sha(row.docx)).toBe(row.docx_sha256);
    const stored = await read(row.xlsx);
    for (const c of ASSESSMENT_COLUMNS) {
      expect(stored.summary.get('合计 total')![c], c).toBe(expectedCount('2024-12-31', c));
      expect(stored.sheets[c].length, c).toBe(expectedCount('2024-12-31', c));
      expect(row.figures.total[c]).toBe(expectedCount('2024-12-31', c));
    }
    // the download is the stored bytes with their checksum
    const { bytes, headers } = await download(`/api/assessment-reports/${row.id}/xlsx`);
    expect(headers['x-content-sha256']).toBe(row.xlsx_sha256);
    expect(sha(bytes)).toBe(row.xlsx_sha256);
  }, 120_000);
});

describe('a download broken off', () => {
  it('holds the export while the client does not read, and ends it and its transaction when the client goes away', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const admin = new pg.Client(t.ownerUrl);
    await admin.connect();
    const waiting = async () =>
      (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`)).rows[0].n as number;
    const poll = async (done: (n: number) => boolean) => {
      let n = await waiting();
      for (let tries = 0; tries < 100 && !done(n); tries++) {
        await new Promise((r) => setTimeout(r, 100));
        n = await waiting();
      }
      return n;
    };
    try {
      // the client reads the first chunk, then stops reading
      const { req, status } = await new Promise<{ req: http.ClientRequest; status: number }>((resolve, reject) => {
        const req = http.get(`http://127.0.0.1:${port}/api/indicators/assessment.xlsx?${QUERY}`, { headers: { cookie: head.cookie! } }, (res) => {
          res.once('data', () => {
            res.pause();
            resolve({ req, status: res.statusCode! });
          });
        });
        req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      });
      expect(status).toBe(200);
      // streamed, not built first: the export waits for the client, its snapshot transaction open
      expect(await poll((n) => n > 0)).toBe(1);
      req.destroy();
      // the client gone, the export ends and its transaction with it (no reader left to wait for)
      expect(await poll((n) => n === 0)).toBe(0);
    } finally {
      await admin.end();
    }
    // and the app still answers
    expect((await head.get(`/api/indicators/assessment.xlsx?from=2024-01-01&to=2024-01-31&asOf=${AS_OF}`)).status).toBe(200);
  }, 60_000);
});
