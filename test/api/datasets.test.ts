import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

const id = (body17: string) => body17 + idCheckChar(body17);
const ID1 = id('11010519900101123');
const ID2 = id('11010519851231002');
const BAD_CHECKSUM = `${ID2.slice(0, 17)}${ID2[17] === '0' ? '1' : '0'}`;

const TENANTS = [
  '合同编号,承租人身份证号,承租人姓名,房屋编号,房屋地址,起租日期,止租日期,状态,联系电话',
  `GZF-001,${ID1},张三,U-1,朝阳区建国路1号,2021/3/5,,在租,13800001111`,
  `GZF-002,${BAD_CHECKSUM},李四,U-2,,2021年4月1日,2024-03-31,已退租,`,
  `GZF-003,${ID1},王五,U-3,,=1+1,,在押,`,
  `GZF-004,${ID2},趙六,U-4,,20210501,,在租,`,
].join('\r\n');


for (const warehouse of ['postgres', 'duckdb'] as const) {
  describe(`datasets through the API (${warehouse} warehouse)`, () => {
    let t: TestApp;
    let analyst: Client;
    let procurator: Client;
    let housing: Client;
    let police: Client;
    let observer: Client;

    beforeAll(async () => {
      t = await createTestApp({ warehouse });
      [analyst, procurator, housing, police, observer] = await Promise.all(
        ['analyst1', 'procurator1', 'housing_liaison', 'police_liaison', 'observer1'].map((u) => t.loginAs(u)),
      );
    });
    afterAll(() => t.close());

    const upload = (client: Client, name: string, content: Buffer | string, fields: Record<string, string> = {}) => client.upload('/api/datasets/uploads', { name, content }, fields);

    /** Uploads, commits (which starts an import job) and follows the job to its end: the answer
     * to the commit, and once it ran, the ended job and the dataset as the client sees it. */
    async function importFile(client: Client, name: string, content: Buffer | string, commit: Record<string, unknown>) {
      const preview = await upload(client, name, content);
      expect(preview.status, JSON.stringify(preview.body)).toBe(201);
      const started = await client.post(`/api/datasets/uploads/${preview.body.uploadId}/commit`, { kind: preview.body.kind, ...commit });
      if (started.status !== 202) return { status: started.status, body: started.body, job: null, dataset: null };
      let job = started.body.job;
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = (await client.get(`/api/imports/${started.body.jobId}`)).body;
      }
      const dataset = (await client.get(`/api/datasets/${job.datasetId}`)).body;
      return { status: started.status, body: started.body, job, dataset };
    }

    let tenantsId: string;

    it('previews an upload: detected encoding, kind and mapping, masked rows, rejected rows', async () => {
      const res = await upload(analyst, '公租房承租人.csv', iconv.encode(TENANTS, 'gbk'));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const p = res.body;
      expect(p).toMatchObject({
        fileName: '公租房承租人.csv',
        kind: 'public_housing_tenants',
        format: 'csv',
        encoding: 'gb18030',
        delimiter: ',',
        headerLine: 1,
        rowsScanned: 4,
        rowsImported: 3,
        rowsRejected: 1,
        complete: true,
        masked: true,
      });
      expect(p.header.map((h: { column: string | null }) => h.column)).toEqual([
        'contract_no', 'tenant_id_number', 'tenant_name', 'unit_id', 'address', 'lease_start', 'lease_end', 'status', null,
      ]);
      expect(p.rows[0]).toMatchObject({ contract_no: 'GZF-001', tenant_id_number: `${ID1.slice(0, 6)}********${ID1.slice(14)}`, tenant_name: '张三', lease_start: '2021-03-05', status: 'active', extra: { 联系电话: '138****1111' } });
      expect(p.rows[2]).toMatchObject({ tenant_name: '赵六' });
      expect(p.errors).toEqual([
        { line: 4, column: 'lease_start', reason: 'invalid_date', value: '=1+1' },
        { line: 4, column: 'status', reason: 'unknown_enum_value', value: '在押' },
      ]);
      expect(p.warnings).toEqual([{ line: 3, column: 'tenant_id_number', reason: 'invalid_id_checksum', value: expect.stringMatching(/^110105\*{8}\d{4}$/) }]);

      // The mapping is editable: keep the address as a raw attribute instead.
      const again = await analyst.post(`/api/datasets/uploads/${p.uploadId}/preview`, { kind: 'public_housing_tenants', mapping: { 房屋地址: null } });
      expect(again.status).toBe(200);
      expect(again.body.rows[0]).toMatchObject({ address: null, extra: { 房屋地址: '朝阳区建国路1号', 联系电话: '138****1111' } });

      // Someone else cannot use the upload.
      expect((await housing.post(`/api/datasets/uploads/${p.uploadId}/preview`, {})).status).toBe(404);
    });

    it('commits an upload as version 1 of a new dataset, with provenance and audit', async () => {
      const res = await importFile(analyst, 'tenants.csv', iconv.encode(TENANTS, 'gbk'), {
        dataset: { name: '2024年公租房承租人', legalBasis: 'agreement', legalBasisNote: '府检联动协议 2024-03' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.job).toMatchObject({ state: 'succeeded', rowsRead: 4, rowsImported: 3, rowsRejected: 1 });
      tenantsId = res.job.datasetId;
      expect(res.job.version).toMatchObject({ version: 1, status: 'committed', rowsRead: 4, rowsImported: 3, rowsRejected: 1, warningsCount: 1, errorsCount: 2, encoding: 'gb18030', fileName: 'tenants.csv', importer: '孙晓' });
      expect(res.job.version.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(res.dataset).toMatchObject({ kind: 'public_housing_tenants', name: '2024年公租房承租人', legalBasis: 'agreement', ownerOrganization: { name: '北京市朝阳区人民检察院' } });

      const audit = await t.database.db.selectFrom('audit_events').select(['action', 'details']).where('record_id', '=', tenantsId).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['dataset.create', 'dataset.import']);
      expect(audit[1].details).toMatchObject({ version: 1, rowsRead: 4, rowsImported: 3, rowsRejected: 1, sha256: res.job.version.sha256 });
    });

    it('lists datasets and versions for those who may see them', async () => {
      const list = await analyst.get('/api/datasets');
      expect(list.status).toBe(200);
      expect(list.body.items.map((d: { name: string }) => d.name)).toContain('2024年公租房承租人');
      expect(list.body.items[0].latestVersion).toMatchObject({ version: 1, rowsImported: 3 });
      expect((await procurator.get(`/api/datasets/${tenantsId}`)).body).toMatchObject({ versions: [{ version: 1 }], failedImports: [] });
      expect((await observer.get('/api/datasets')).status).toBe(403);
      // The housing bureau did not hand this over and does not see it.
      expect((await housing.get('/api/datasets')).body.items).toEqual([]);
      expect((await housing.get(`/api/datasets/${tenantsId}`)).status).toBe(404);
      expect((await housing.get(`/api/datasets/${tenantsId}/rows`)).status).toBe(404);
    });

    it('pages and searches rows, masked unless a procurator asks (and is audited)', async () => {
      const masked = await analyst.get(`/api/datasets/${tenantsId}/rows?page=1&pageSize=2`);
      expect(masked.status).toBe(200);
      expect(masked.body).toMatchObject({ version: 1, total: 3, masked: true });
      expect(masked.body.items.map((r: { _line: number }) => r._line)).toEqual([2, 3]);
      expect(masked.body.items[0].tenant_id_number).toBe(`${ID1.slice(0, 6)}********${ID1.slice(14)}`);
      expect(masked.body.items[1]).toMatchObject({ tenant_id_number_valid: false, lease_end: '2024-03-31', status: 'terminated' });

      expect((await analyst.get(`/api/datasets/${tenantsId}/rows?q=${encodeURIComponent('赵')}`)).body.items.map((r: { contract_no: string }) => r.contract_no)).toEqual(['GZF-004']);
      // A whole ID number finds its rows; a fragment of a masked number does not.
      expect((await analyst.get(`/api/datasets/${tenantsId}/rows?q=${ID2}`)).body.total).toBe(1);
      expect((await analyst.get(`/api/datasets/${tenantsId}/rows?q=${ID2.slice(6, 14)}`)).body.total).toBe(0);
      expect((await analyst.get(`/api/datasets/${tenantsId}/rows?unmasked=true`)).status).toBe(403);

      expect((await procurator.get(`/api/datasets/${tenantsId}/rows?unmasked=true&q=${ID1.slice(6, 14)}`)).status).toBe(400);
      const full = await procurator.get(`/api/datasets/${tenantsId}/rows?unmasked=true&reason=${encodeURIComponent('线索核查')}&q=${ID1.slice(6, 14)}`);
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject({ masked: false, total: 1, items: [{ tenant_id_number: ID1, extra: { 联系电话: '13800001111' } }] });
      const views = await t.database.db.selectFrom('audit_events').select(['action', 'actor_name', 'details']).where('action', '=', 'dataset.view_unmasked').execute();
      expect(views).toEqual([{ action: 'dataset.view_unmasked', actor_name: '李明', details: expect.objectContaining({ datasetId: tenantsId, what: 'rows', reason: '线索核查', q: ID1.slice(6, 14) }) }]);
    });

    it('downloads the error report as XLSX, with formulas neutralized and IDs masked', async () => {
      const dataset = (await analyst.get(`/api/datasets/${tenantsId}`)).body;
      const res = await analyst.request('GET', `/api/datasets/${tenantsId}/versions/${dataset.versions[0].id}/errors`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const raw = await t.app.inject({ method: 'GET', url: `/api/datasets/${tenantsId}/versions/${dataset.versions[0].id}/errors`, headers: { cookie: analyst.cookie! } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
      const rejected = wb.worksheets[0].getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
      expect(rejected).toEqual([
        [4, '起租日期 (lease_start)', 'invalid_date', "'=1+1"],
        [4, '状态 (status)', 'unknown_enum_value', '在押'],
      ]);
      const warnings = wb.worksheets[1].getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
      expect(warnings).toEqual([[3, '承租人身份证号 (tenant_id_number)', 'invalid_id_checksum', expect.stringMatching(/^110105\*{8}\d{4}$/)]]);
    });

    it('makes a new version on re-import; models read the newest', async () => {
      const res = await importFile(analyst, 'tenants-v2.csv', `${TENANTS.split('\r\n').slice(0, 2).join('\n')}\n`, { datasetId: tenantsId });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.job.version).toMatchObject({ version: 2, rowsImported: 1, encoding: 'utf8' });
      expect((await analyst.get(`/api/datasets/${tenantsId}/rows`)).body).toMatchObject({ version: 2, total: 1 });
      expect((await analyst.get(`/api/datasets/${tenantsId}/rows?version=1`)).body).toMatchObject({ version: 1, total: 3 });
    });

    it('imports nothing in strict mode when a row is rejected, and keeps the attempt apart', async () => {
      const res = await importFile(analyst, 'strict.csv', iconv.encode(TENANTS, 'gbk'), { datasetId: tenantsId, strict: true });
      expect(res.status).toBe(202);
      expect(res.job).toMatchObject({
        state: 'failed',
        failure: { reason: 'strict_rejected', message: '1 row(s) rejected; in strict mode nothing is imported' },
        version: { status: 'failed', version: null, rowsRead: 4, rowsImported: 0, rowsRejected: 4 },
      });
      const dataset = (await analyst.get(`/api/datasets/${tenantsId}`)).body;
      expect(dataset.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(dataset.failedImports).toEqual([expect.objectContaining({ status: 'failed', fileName: 'strict.csv' })]);
      expect((await analyst.get(`/api/datasets/${tenantsId}/rows`)).body.version).toBe(2);
    });

    it('lets an agency liaison import only into datasets of their own organization', async () => {
      const usage = '\uFEFF房屋编号\t月份\t用电量（千瓦时）\r\nU-1\t2024-03\t12.5\r\n';
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(usage.slice(1), 'utf16le')]);
      const own = await importFile(housing, 'usage.txt', utf16, { dataset: { name: '用电记录', legalBasis: 'agreement' } });
      expect(own.status, JSON.stringify(own.body)).toBe(202);
      expect(own.job.version).toMatchObject({ encoding: 'utf16le', delimiter: '\t', rowsImported: 1 });
      expect(own.dataset.ownerOrganization.name).toBe('北京市朝阳区住房和城乡建设委员会');

      const organizations = await t.database.db.selectFrom('organizations').select(['id', 'short_name']).execute();
      const procuratorate = organizations.find((o) => o.short_name === '朝阳区检察院')!.id;
      const foreign = await importFile(housing, 'usage.txt', utf16, { dataset: { name: '别人的', legalBasis: 'other', ownerOrganizationId: procuratorate } });
      expect(foreign.status).toBe(403);
      expect((await importFile(housing, 'tenants.csv', TENANTS, { datasetId: tenantsId })).status).toBe(404);

      expect((await housing.get('/api/datasets')).body.items.map((d: { name: string }) => d.name)).toEqual(['用电记录']);
      expect((await police.get('/api/datasets')).body.items).toEqual([]);
      // The procuratorate's analysts see what agencies hand over.
      expect((await analyst.get('/api/datasets?kind=utility_usage')).body.items.map((d: { name: string }) => d.name)).toEqual(['用电记录']);
    });

    it('imports XLSX and JSON lines through the same upload', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('死亡').addRows([
        ['身份证号', '姓名', '死亡日期'],
        [ID1, '张三', new Date(Date.UTC(2024, 0, 2))],
      ]);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      const deaths = await importFile(analyst, 'deaths.xlsx', xlsx, { dataset: { name: '死亡登记', legalBasis: 'investigation' } });
      expect(deaths.status, JSON.stringify(deaths.body)).toBe(202);
      expect(deaths.job.version).toMatchObject({ format: 'xlsx', sheet: '死亡', rowsImported: 1 });
      const lines = `${JSON.stringify({ 身份证明号码: ID1, 姓名: '张三', 状态: '正常' })}\n`;
      const licenses = await importFile(analyst, 'licenses.jsonl', lines, { dataset: { name: '驾驶证', legalBasis: 'investigation' } });
      expect(licenses.status, JSON.stringify(licenses.body)).toBe(202);
      expect((await analyst.get(`/api/datasets/${licenses.job.datasetId}/rows`)).body.items[0]).toMatchObject({ status: 'valid', name: '张三' });
    });

    it.each([
      ['an empty file', 'empty.csv', '', 'empty_file'],
      ['a binary file', 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'binary_file'],
      ['no recognizable header', 'a.csv', 'a,b,c\n1,2,3\n', 'unknown_kind'],
      ['duplicate headers', 'dup.csv', '身份证号,姓名,死亡日期,姓名\n1,2,3,4\n', 'duplicate_header'],
      ['a missing required column', 'missing.csv', '身份证号,姓名\n1,2\n', 'missing_columns'],
    ])('refuses %s with one clear message', async (_label, name, content, reason) => {
      const res = await upload(analyst, name, content, reason === 'duplicate_header' || reason === 'missing_columns' ? { kind: 'death_records' } : {});
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: 'invalid_file', reason });
      expect(res.body.message).not.toContain('\n');
    });

    it('refuses a file with no header for the kind chosen', async () => {
      const res = await upload(analyst, 'x.csv', 'a,b,c\n1,2,3\n', { kind: 'death_records' });
      expect(res.body).toMatchObject({ reason: 'no_header', message: expect.stringContaining('expected the columns of death_records (死亡登记), e.g. 身份证号, 姓名, 死亡日期') });
    });
  });
}
