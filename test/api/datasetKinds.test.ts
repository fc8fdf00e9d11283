import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

const id = (body17: string) => body17 + idCheckChar(body17);
const ID1 = id('11010519900101123');
const ID2 = id('11010519851231002');

/** 社区矫正人员: a kind no agency export of the built-in list covers. */
const COMMUNITY_CORRECTIONS = {
  kind: 'community_corrections',
  label: '社区矫正人员',
  columns: [
    { name: 'id_number', type: 'id', required: true, aliases: ['身份证号', '公民身份号码'] },
    { name: 'name', type: 'name', required: true, aliases: ['姓名', '矫正对象'] },
    { name: 'start_date', type: 'date', required: true, aliases: ['入矫日期', '矫正开始日期'] },
    { name: 'end_date', type: 'date', required: false, aliases: ['解矫日期', '矫正结束日期'] },
    {
      name: 'correction_type',
      type: 'enum',
      required: true,
      aliases: ['矫正类别'],
      values: [
        { value: 'probation', labels: ['缓刑'] },
        { value: 'parole', labels: ['假释'] },
        { value: 'temporary_release', labels: ['暂予监外执行', '监外执行'] },
      ],
    },
  ],
};

const CSV = [
  '公民身份号码,矫正对象,矫正类别,入矫日期,解矫日期,联系电话',
  `${ID1},张三,缓刑,2023/3/5,,13800001111`,
  `${ID2},李四,暂予监外执行,2022年4月1日,2024-03-31,`,
  `${ID1},王五,管制,2023-06-01,,`,
].join('\r\n');


describe('custom dataset kinds through the API', () => {
  let t: TestApp;
  let analyst: Client;
  let procurator: Client;
  let housing: Client;

  beforeAll(async () => {
    t = await createTestApp();
    [analyst, procurator, housing] = await Promise.all(['analyst1', 'procurator1', 'housing_liaison'].map((u) => t.loginAs(u)));
  });
  afterAll(() => t.close());

  const upload = (client: Client, name: string, content: Buffer, fields: Record<string, string> = {}) => client.upload('/api/datasets/uploads', { name, content }, fields);

  let kindVersion: number;

  it('lets an analyst define a kind, audited, and lists it beside the built-in ones', async () => {
    const res = await analyst.post('/api/dataset-kinds', COMMUNITY_CORRECTIONS);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'community_corrections', label: '社区矫正人员', builtIn: false, version: 1, createdBy: '孙晓' });
    expect(res.body.columns.map((c: { label: string }) => c.label)).toEqual(['身份证号', '姓名', '入矫日期', '解矫日期', '矫正类别']);
    expect(res.body.definition.columns[4].values[2]).toEqual({ value: 'temporary_release', labels: ['暂予监外执行', '监外执行'] });
    kindVersion = res.body.version;

    const list = await procurator.get('/api/dataset-kinds');
    expect(list.status).toBe(200);
    const kinds = list.body.items as { kind: string; builtIn: boolean }[];
    expect(kinds.find((k) => k.kind === 'public_housing_tenants')).toMatchObject({ builtIn: true, version: null });
    expect(kinds.find((k) => k.kind === 'community_corrections')).toMatchObject({ builtIn: false, label: '社区矫正人员' });
    expect((await procurator.get('/api/dataset-kinds/community_corrections')).body).toMatchObject({ kind: 'community_corrections', version: 1 });
    expect((await procurator.get('/api/dataset-kinds/death_records')).body).toMatchObject({ kind: 'death_records', builtIn: true });
    // The thirteen kinds of DATA-SPEC §1 and the court's non-litigation enforcement filings (docs/court-enforcement.md).
    expect(kinds.filter((k) => k.builtIn)).toHaveLength(14);
    const filings = (await procurator.get('/api/dataset-kinds/court_enforcement_filings')).body;
    expect(filings).toMatchObject({ kind: 'court_enforcement_filings', builtIn: true, label: '法院非诉执行申请' });
    expect(filings.columns.map((c: { name: string }) => c.name)).toEqual(['filing_no', 'court', 'applicant_agency', 'penalty_decision_no', 'respondent_id', 'respondent_name', 'filed_on', 'ruling', 'ruled_on']);
    expect((await procurator.get('/api/dataset-kinds/no_such_kind')).status).toBe(404);

    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'record_type', 'actor_name']).where('record_id', '=', 'community_corrections').execute();
    expect(audit).toEqual([{ action: 'dataset_kind.create', record_type: 'dataset_kind', actor_name: '孙晓' }]);
  });

  it('detects the custom kind from a GBK file with Chinese alias headers and imports it', async () => {
    const preview = await upload(analyst, '社区矫正人员.csv', iconv.encode(CSV, 'gbk'));
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect(preview.body).toMatchObject({ kind: 'community_corrections', kindLabel: '社区矫正人员', encoding: 'gb18030', rowsScanned: 3, rowsImported: 2, rowsRejected: 1 });
    expect(preview.body.header.map((h: { column: string | null }) => h.column)).toEqual(['id_number', 'name', 'correction_type', 'start_date', 'end_date', null]);
    expect(preview.body.errors).toEqual([{ line: 4, column: 'correction_type', reason: 'unknown_enum_value', value: '管制' }]);

    const commit = await analyst.post(`/api/datasets/uploads/${preview.body.uploadId}/commit`, {
      kind: 'community_corrections',
      dataset: { name: '2024年社区矫正人员', legalBasis: 'agreement' },
    });
    // The commit starts an import job; it is done when the job leaves `running`.
    expect(commit.status, JSON.stringify(commit.body)).toBe(202);
    let job = commit.body.job;
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await analyst.get(`/api/imports/${commit.body.jobId}`)).body;
    }
    expect(job.version).toMatchObject({ version: 1, status: 'committed', rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    const dataset = (await analyst.get(`/api/datasets/${job.datasetId}`)).body;
    expect(dataset).toMatchObject({ kind: 'community_corrections', kindLabel: '社区矫正人员' });
    expect(dataset.columns.map((c: { name: string }) => c.name)).toEqual(['id_number', 'name', 'start_date', 'end_date', 'correction_type']);

    const rows = await procurator.get(`/api/datasets/${job.datasetId}/rows`);
    expect(rows.status).toBe(200);
    expect(rows.body.total).toBe(2);
    expect(rows.body.items[0]).toMatchObject({ name: '张三', start_date: '2023-03-05', correction_type: 'probation', extra: { 联系电话: '138****1111' } });
    expect(rows.body.items[1]).toMatchObject({ name: '李四', start_date: '2022-04-01', end_date: '2024-03-31', correction_type: 'temporary_release' });

    const list = await analyst.get('/api/datasets?kind=community_corrections');
    expect(list.body.items).toMatchObject([{ name: '2024年社区矫正人员', kindLabel: '社区矫正人员' }]);
  });

  it('uses a changed definition for the next import, with optimistic locking', async () => {
    const columns = COMMUNITY_CORRECTIONS.columns.map((c) =>
      c.name === 'correction_type' ? { ...c, values: [...c.values!, { value: 'public_surveillance', labels: ['管制'] }] } : c,
    );
    const changed = await analyst.patch('/api/dataset-kinds/community_corrections', { columns, version: kindVersion });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.version).toBe(kindVersion + 1);

    const stale = await analyst.patch('/api/dataset-kinds/community_corrections', { label: '社区矫正对象', version: kindVersion });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'conflict', current: { version: kindVersion + 1 } });

    const preview = await upload(analyst, 'again.csv', iconv.encode(CSV, 'gbk'), { kind: 'community_corrections' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    expect(preview.body).toMatchObject({ rowsImported: 3, rowsRejected: 0 });

    expect((await analyst.patch('/api/dataset-kinds/death_records', { label: 'x', version: 1 })).status).toBe(400);
    expect((await analyst.patch('/api/dataset-kinds/no_such_kind', { label: 'x', version: 1 })).status).toBe(404);
  });

  it('refuses invalid definitions with the path of each problem', async () => {
    const fieldsOf = async (body: unknown) => {
      const res = await analyst.post('/api/dataset-kinds', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return (res.body.fields as { path: string; message: string }[]).map((f) => f.path);
    };
    const base = { kind: 'school_staff', label: '学校教职工' };
    const idCol = { name: 'id_number', type: 'id', required: true, aliases: ['身份证号'] };
    expect(await fieldsOf({ ...base, columns: [idCol, { ...idCol, aliases: [] }] })).toEqual(['columns.1.name']);
    expect(await fieldsOf({ ...base, kind: 'SchoolStaff', columns: [idCol, { name: 'Staff Name', type: 'name', required: true, aliases: [] }] })).toEqual(['kind', 'columns.1.name']);
    expect(await fieldsOf({ ...base, columns: [idCol, { name: 'other_id', type: 'text', required: false, aliases: ['工号', '身份 证号'] }] })).toEqual(['columns.1.aliases.1']);
    expect(await fieldsOf({ ...base, kind: 'death_records', columns: [idCol] })).toEqual(['kind']);
    expect(await fieldsOf({ ...base, columns: [{ name: 'status', type: 'enum', required: false, aliases: [] }] })).toEqual(['columns.0.values']);
    expect(await fieldsOf({ ...base, columns: [{ ...idCol, type: 'number' }] })).toEqual(['columns.0.type']);
    // The name of a kind that exists is taken.
    expect(await fieldsOf(COMMUNITY_CORRECTIONS)).toEqual(['kind']);
  });

  it('lets only analysts define kinds', async () => {
    for (const client of [procurator, housing]) {
      expect((await client.post('/api/dataset-kinds', { ...COMMUNITY_CORRECTIONS, kind: 'other_kind' })).status).toBe(403);
      expect((await client.patch('/api/dataset-kinds/community_corrections', { label: 'x', version: 2 })).status).toBe(403);
    }
    expect((await t.anonymous().get('/api/dataset-kinds/community_corrections')).status).toBe(401);
  });
});
