import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/isoDate.js';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { ASSESSMENT_COLUMNS, COLUMN_DEFINITIONS, type AssessmentColumn } from '../../src/server/indicators/assessmentPeriod.js';
import { generateMonthlyReport } from '../../src/server/indicators/assessmentReports.js';
import { itemSheetName, SUMMARY_SHEET } from '../../src/server/indicators/assessmentXlsx.js';
import { scheduleMonthlyAssessment } from '../../src/server/jobs/monthlyAssessment.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * The assessment report on two data sets: the demo register (2026, hand-counted) and 80 items
 * generated here in 2025 with known outcomes, whose expected counts are computed below in plain
 * JavaScript, independently of the SQL.
 */
let t: TestApp;
let head: Client;
const org: Record<string, string> = {};
const orgId = (fragment: string) => Object.entries(org).find(([name]) => name.includes(fragment))![1];
const shortName: Record<string, string> = {};

interface Generated {
  number: string;
  agency: string;
  type: 'procuratorial_opinion' | 'procuratorial_suggestion';
  state: 'served' | 'withdrawn';
  received: string;
  due: string;
  replied: string | null;
  evaluation: 'adopted' | 'partially_adopted' | 'not_adopted' | null;
  evaluatedOn: string | null;
  penalty: string | null;
}
const generated: Generated[] = [];
const GEN_QUERY = 'from=2025-01-01&to=2025-12-31&asOf=2026-01-15';
const GEN_AS_OF = '2026-01-15';
/** A document number that a spreadsheet would run as a formula. */
const HOSTILE = '=HYPERLINK("http://evil.example","x")';

/** The expected flags of a generated item, straight from the definitions in docs/assessment.md. */
function expectedFlags(g: Generated): Record<AssessmentColumn, boolean> {
  const replied = g.replied !== null && g.replied <= GEN_AS_OF;
  const evaluated = replied && g.evaluatedOn !== null && g.evaluatedOn <= GEN_AS_OF ? g.evaluation : null;
  return {
    received: true,
    replied,
    on_time: replied && g.replied! <= g.due,
    adopted: evaluated === 'adopted',
    rectified: (evaluated === 'adopted' || evaluated === 'partially_adopted') && (g.type === 'procuratorial_suggestion' || g.penalty !== null),
    overdue: g.state === 'served' && g.due < GEN_AS_OF && !replied,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedDemoCases(db);
  for (const o of await db.selectFrom('organizations').select(['id', 'name', 'short_name']).execute()) {
    org[o.name] = o.id;
    shortName[o.id] = o.short_name;
  }
  const agencies = ['公安局朝阳分局', '交通支队', '市场监督', '住房和城乡', '人力资源'].map(orgId);
  const cases = await db.selectFrom('cases').select('id').orderBy('number').execute();
  // A small deterministic generator (no Math.random: the same data on every run).
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let i = 0; i < 80; i++) {
    const type = i % 3 === 0 ? 'procuratorial_suggestion' : 'procuratorial_opinion';
    const received = addDays('2025-01-06', rand(340));
    const due = addDays(received, 61);
    const replied = rand(10) < 7 ? addDays(received, 5 + rand(90)) : null;
    const evaluation = replied && rand(10) < 7 ? (['adopted', 'partially_adopted', 'not_adopted'] as const)[rand(3)] : null;
    generated.push({
      number: i === 0 ? HOSTILE : `京朝检行生〔2025〕${i}号`,
      agency: agencies[rand(agencies.length)],
      type,
      state: rand(20) === 0 ? 'withdrawn' : 'served',
      received,
      due,
      replied,
      evaluation,
      evaluatedOn: evaluation ? addDays(replied!, 3 + rand(20)) : null,
      penalty: type === 'procuratorial_opinion' && replied && rand(2) === 0 ? '罚款' : null,
    });
  }
  for (const [i, g] of generated.entries()) {
    const caseId = cases[i % cases.length].id;
    const doc = await db
      .insertInto('documents')
      .values({ case_id: caseId, type: g.type, state: g.state, recipient_id: g.agency, content: '{}', number: g.number, drafted_by_name: '生成', served_on: g.received, received_on: g.received })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('case_clocks').values({ case_id: caseId, document_id: doc.id, code: g.type === 'procuratorial_opinion' ? 'opinion_reply' : 'suggestion_reply', events: '[]', due_on: g.due }).execute();
    if (g.replied) {
      await db
        .insertInto('replies')
        .values({
          document_id: doc.id,
          case_id: caseId,
          organization_id: g.agency,
          result: g.evaluation ?? 'adopted',
          summary: '已处理',
          penalty_type: g.penalty,
          replied_on: g.replied,
          submitted_by_name: '生成',
          evaluation: g.evaluation,
          evaluated_on: g.evaluatedOn,
        })
        .execute();
    }
  }
  head = await t.loginAs('head1');
});
afterAll(() => t.close());

async function download(client: Client, url: string, contentType: string): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url, headers: client.cookie ? { cookie: client.cookie } : {} });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(contentType);
  return res.rawPayload;
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface ReadWorkbook {
  summary: Map<string, Record<AssessmentColumn, number>>;
  header: string[];
  sheets: Record<AssessmentColumn, Record<string, string>[]>;
  allText: string[];
}

async function readWorkbook(bytes: Buffer): Promise<ReadWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const allText: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => allText.push(String(c.value)))));
  const ws = wb.getWorksheet(SUMMARY_SHEET)!;
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (String(row.getCell(1).value).startsWith('被监督单位')) headerRow = n;
  });
  expect(headerRow).toBeGreaterThan(0);
  const header = (ws.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const summary = new Map<string, Record<AssessmentColumn, number>>();
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    summary.set(String(row.getCell(1).value), Object.fromEntries(ASSESSMENT_COLUMNS.map((c, i) => [c, Number(row.getCell(2 + i).value)])) as Record<AssessmentColumn, number>);
  }
  const sheets = Object.fromEntries(
    ASSESSMENT_COLUMNS.map((c) => {
      const sheet = wb.getWorksheet(itemSheetName(c))!;
      const names = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      const rows: Record<string, string>[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) rows.push(Object.fromEntries(names.map((name, i) => [name.split(' ')[0], String(row.getCell(i + 1).value ?? '')])));
      });
      return [c, rows];
    }),
  ) as Record<AssessmentColumn, Record<string, string>[]>;
  return { summary, header, sheets, allText };
}

/** Every number of the summary equals the count of its sheet's lines for that agency. */
function expectSummaryMatchesSheets(book: ReadWorkbook) {
  for (const c of ASSESSMENT_COLUMNS) {
    expect(book.summary.get('合计 total')![c], `total ${c}`).toBe(book.sheets[c].length);
    for (const [agency, counts] of book.summary) {
      if (agency === '合计 total') continue;
      expect(counts[c], `${agency} ${c}`).toBe(book.sheets[c].filter((row) => row['被监督单位'] === agency).length);
    }
  }
}

describe('the assessment XLSX', () => {
  it('on generated data: every number equals its item list, and each list holds exactly the expected items', async () => {
    const book = await readWorkbook(await download(head, `/api/indicators/assessment.xlsx?${GEN_QUERY}`, XLSX));
    expect(book.header.slice(1, 7)).toEqual(COLUMN_DEFINITIONS.map((c) => `${c.zh} ${c.en}`));
    expectSummaryMatchesSheets(book);
    let nonEmpty = 0;
    for (const c of ASSESSMENT_COLUMNS) {
      const expected = generated.filter((g) => expectedFlags(g)[c]).map((g) => (g.number === HOSTILE ? `'${HOSTILE}` : g.number));
      expect(book.sheets[c].map((row) => row['文书编号']).sort(), c).toEqual(expected.sort());
      if (expected.length > 0 && expected.length < generated.length) nonEmpty++;
      // per agency as well, computed independently of the SQL
      for (const agency of new Set(generated.map((g) => g.agency))) {
        expect(book.summary.get(shortName[agency])![c], `${shortName[agency]} ${c}`).toBe(generated.filter((g) => g.agency === agency && expectedFlags(g)[c]).length);
      }
    }
    // the generated data exercises every column (none trivially empty or full but "received")
    expect(nonEmpty).toBe(ASSESSMENT_COLUMNS.length - 1);
  });

  it('neutralizes a value that would run as a formula and carries no ID numbers or case titles', async () => {
    const book = await readWorkbook(await download(head, `/api/indicators/assessment.xlsx?${GEN_QUERY}`, XLSX));
    expect(book.allText).toContain(`'${HOSTILE}`);
    expect(book.allText.filter((text) => /^[=+\-@]/.test(text))).toEqual([]);
    expect(book.allText.some((text) => /\d{17}[\dXx]/.test(text))).toBe(false);
    expect(book.allText.some((text) => text.includes('王建华'))).toBe(false);
  });

  it('on the demo register: the hand-counted figures, as at 26 Nov 2026', async () => {
    const book = await readWorkbook(await download(head, '/api/indicators/assessment.xlsx?from=2026-01-01&to=2026-12-31&asOf=2026-11-26', XLSX));
    expectSummaryMatchesSheets(book);
    // Opinions to traffic (replied 8 Jul, adopted, licence revoked) and police (due 19 Oct, silent;
    // another received 26 Oct, not yet due); suggestions to housing (partial reply, not evaluated)
    // and market (not adopted).
    expect(book.summary.get('合计 total')).toEqual({ received: 5, replied: 3, on_time: 3, adopted: 1, rectified: 1, overdue: 1 });
    expect(book.summary.get('朝阳交通支队')).toEqual({ received: 1, replied: 1, on_time: 1, adopted: 1, rectified: 1, overdue: 0 });
    expect(book.summary.get('朝阳公安分局')).toEqual({ received: 2, replied: 0, on_time: 0, adopted: 0, rectified: 0, overdue: 1 });
    // agencies without items are listed too, with zeros
    expect(book.summary.get('区教委')).toEqual({ received: 0, replied: 0, on_time: 0, adopted: 0, rectified: 0, overdue: 0 });
  });

  it('shows an agency only its own row and items; another agency is a 404', async () => {
    const police = await t.loginAs('police_liaison');
    const book = await readWorkbook(await download(police, `/api/indicators/assessment.xlsx?${GEN_QUERY}`, XLSX));
    expect([...book.summary.keys()]).toEqual(['朝阳公安分局', '合计 total']);
    for (const c of ASSESSMENT_COLUMNS) expect(book.sheets[c].every((row) => row['被监督单位'] === '朝阳公安分局')).toBe(true);
    expect(book.sheets.received.length).toBe(generated.filter((g) => g.agency === orgId('公安局朝阳分局')).length);
    expect((await police.get(`/api/indicators/assessment.xlsx?${GEN_QUERY}&agencyId=${orgId('市场监督')}`)).status).toBe(404);
    expect((await t.loginAs('criminal1').then((c) => c.get('/api/indicators/assessment.xlsx'))).status).toBe(403);
  });

  it('refuses a period that ends before it starts', async () => {
    expect((await head.get('/api/indicators/assessment.xlsx?from=2026-12-01&to=2026-01-01')).status).toBe(422);
    expect((await head.get('/api/indicators/assessment.docx?from=2026-13-01')).status).toBe(400);
  });
});

describe('the assessment DOCX', () => {
  it('unzips to a report with the title, the figures, the overdue agency and the overdue items annexed', async () => {
    const bytes = await download(head, '/api/indicators/assessment.docx?from=2026-01-01&to=2026-10-31&asOf=2026-11-26', DOCX);
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('北京市朝阳区行政检察与行政执法衔接工作情况报告（2026年1月—10月）');
    expect(text).toContain('共收到本院检察意见书、检察建议书5件');
    expect(text).toContain('已书面回复3件，其中按期回复3件；经本院评价采纳1件，整改落实1件；超期未回复1件');
    expect(text).toContain('回复率为75%');
    expect(text).toContain('朝阳公安分局（1件）存在回复期限届满仍未书面回复的情况');
    const overdue = await t.database.db
      .selectFrom('documents')
      .select('number')
      .where('type', '=', 'procuratorial_opinion')
      .where('recipient_id', '=', orgId('公安局朝阳分局'))
      .where('received_on', '<', '2026-09-01')
      .where('received_on', '>=', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(text).toContain('超期未回复文书清单');
    expect(text).toContain(overdue.number!);
    // GB/T 9704 fonts
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('仿宋_GB2312');
  });
});

describe('the monthly reports', () => {
  it('are generated once per month, however often the job runs', async () => {
    const db = t.database.db;
    const first = await generateMonthlyReport(db, '2026-11-01');
    expect(first?.month).toBe('2026-10');
    expect(await generateMonthlyReport(db, '2026-11-15')).toBeNull();
    // the scheduled job, twice, with a faked China date
    const logged: string[] = [];
    const log = { info: (_o: object, msg: string) => logged.push(msg), error: (err: unknown) => logged.push(`error ${String(err)}`) };
    for (let i = 0; i < 2; i++) {
      const job = scheduleMonthlyAssessment(db, log, () => '2026-11-20', 3_600_000);
      await job.stop();
    }
    expect(logged).toEqual([]);
    const rows = await db.selectFrom('assessment_reports').select(['period_month', 'period_from', 'period_to', 'as_of', 'state']).execute();
    expect(rows).toEqual([{ period_month: '2026-10', period_from: '2026-01-01', period_to: '2026-10-31', as_of: '2026-10-31', state: 'draft' }]);
    // a new month: a new report
    const job = scheduleMonthlyAssessment(db, log, () => '2026-12-02', 3_600_000);
    await job.stop();
    expect(logged).toEqual(['monthly assessment report generated']);
    expect((await db.selectFrom('assessment_reports').select('period_month').orderBy('period_month').execute()).map((r) => r.period_month)).toEqual(['2026-10', '2026-11']);
  });

  it('store the same figures as the live export for the period, with checksums', async () => {
    const list = (await head.get('/api/assessment-reports')).body.items;
    const october = list.find((r: { month: string }) => r.month === '2026-10');
    const res = await t.app.inject({ method: 'GET', url: `/api/assessment-reports/${october.id}/xlsx`, headers: { cookie: head.cookie! } });
    expect(res.statusCode).toBe(200);
    const crypto = await import('node:crypto');
    expect(res.headers['x-content-sha256']).toBe(crypto.createHash('sha256').update(res.rawPayload).digest('hex'));
    expect(october.files.xlsx.sha256).toBe(res.headers['x-content-sha256']);
    // small enough to keep in the row (bytea), as the migration assumes
    expect(october.files.xlsx.bytes + october.files.docx.bytes).toBeLessThan(200_000);
    const stored = await readWorkbook(res.rawPayload);
    const live = await readWorkbook(await download(head, '/api/indicators/assessment.xlsx?from=2026-01-01&to=2026-10-31&asOf=2026-10-31', XLSX));
    expect(stored.summary).toEqual(live.summary);
    expect(october.total).toEqual(Object.fromEntries(ASSESSMENT_COLUMNS.map((c) => [c, stored.summary.get('合计 total')![c]])));
    const docx = await t.app.inject({ method: 'GET', url: `/api/assessment-reports/${october.id}/docx`, headers: { cookie: head.cookie! } });
    expect(docx.headers['content-type']).toBe(DOCX);
  });

  it('reach the justice bureau only once published, after every agency with items confirmed or by the admin with a reason', async () => {
    const justice = await t.loginAs('justice_observer');
    const admin = await t.loginAs('admin');
    const reports = (await head.get('/api/assessment-reports')).body.items as any[];
    const october = reports.find((r) => r.month === '2026-10');
    const november = reports.find((r) => r.month === '2026-11');
    expect(october.signOff.pendingAgencies.map((a: { name: string }) => a.name).sort()).toEqual(['区住建委', '区市场监管局', '朝阳交通支队', '朝阳公安分局'].sort());

    // drafts: not for the justice bureau
    expect((await justice.get('/api/assessment-reports')).body.items).toEqual([]);
    expect((await justice.get(`/api/assessment-reports/${october.id}/xlsx`)).status).toBe(404);

    // an agency sees its own row only, confirms it, and never gets the all-agency file
    const police = await t.loginAs('police_leader');
    const policeView = (await police.get('/api/assessment-reports')).body.items.find((r: any) => r.id === october.id);
    expect(policeView.rows.map((r: any) => r.agencyName)).toEqual(['朝阳公安分局']);
    expect(policeView.total).toBeNull();
    expect(policeView.signOff.mayConfirm).toBe(true);
    expect((await police.get(`/api/assessment-reports/${october.id}/xlsx`)).status).toBe(404);
    expect((await police.post(`/api/assessment-reports/${october.id}/confirm`)).status).toBe(200);
    // an agency without items in the report has nothing to confirm
    expect((await (await t.loginAs('education_liaison')).post(`/api/assessment-reports/${october.id}/confirm`)).status).toBe(404);

    // the head may not publish before every agency confirmed, not even with a reason
    const refused = await head.post(`/api/assessment-reports/${october.id}/publish`, { version: october.version });
    expect(refused.status).toBe(422);
    expect(refused.body.pending.map((p: { name: string }) => p.name)).not.toContain('朝阳公安分局');
    expect((await head.post(`/api/assessment-reports/${october.id}/publish`, { version: october.version, overrideReason: '赶时间' })).status).toBe(403);
    // the admin may, with a reason, which is kept
    const published = await admin.post(`/api/assessment-reports/${october.id}/publish`, { version: october.version, overrideReason: '考核材料报送截止' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect((await admin.post(`/api/assessment-reports/${october.id}/publish`, { version: october.version })).status).toBe(409);

    const seen = (await justice.get('/api/assessment-reports')).body.items;
    expect(seen.map((r: any) => r.month)).toEqual(['2026-10']);
    expect(seen[0].published.overrideReason).toBe('考核材料报送截止');
    await download(justice, `/api/assessment-reports/${october.id}/xlsx`, XLSX);
    expect((await police.post(`/api/assessment-reports/${october.id}/confirm`)).status).toBe(409);

    // November: every agency with items confirms, then the head publishes without a reason
    for (const signer of november.signOff.pendingAgencies as { id: string }[]) {
      const user = await t.database.db
        .selectFrom('users')
        .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
        .select('username')
        .where('organization_id', '=', signer.id)
        .where('role', 'in', ['agency_liaison', 'agency_leader'])
        .executeTakeFirstOrThrow();
      expect((await (await t.loginAs(user.username)).post(`/api/assessment-reports/${november.id}/confirm`)).status).toBe(200);
    }
    expect((await head.get('/api/assessment-reports')).body.items.find((r: any) => r.id === november.id).signOff.pendingAgencies).toEqual([]);
    expect((await head.post(`/api/assessment-reports/${november.id}/publish`, { version: november.version })).status).toBe(200);
    expect((await justice.get('/api/assessment-reports')).body.items.map((r: any) => r.month)).toEqual(['2026-11', '2026-10']);
  });

  it('with JIANXING_ASSESSMENT_SIGNOFF=none are published by the procuratorate without confirmations', async () => {
    const db = t.database.db;
    await generateMonthlyReport(db, '2027-01-05');
    const december = (await head.get('/api/assessment-reports')).body.items.find((r: any) => r.month === '2026-12');
    expect((await head.post(`/api/assessment-reports/${december.id}/publish`, { version: december.version })).status).toBe(422);
    process.env.JIANXING_ASSESSMENT_SIGNOFF = 'none';
    try {
      expect((await head.post(`/api/assessment-reports/${december.id}/publish`, { version: december.version })).status).toBe(200);
    } finally {
      delete process.env.JIANXING_ASSESSMENT_SIGNOFF;
    }
    // procurators may read but not publish
    expect((await (await t.loginAs('procurator1')).post(`/api/assessment-reports/${december.id}/publish`, { version: 2 })).status).toBe(403);
  });
});
