import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInKind } from '../domain/datasetKinds';
import { idCheckChar } from '../domain/idNumber';
import { DelimitedParser, type DelimitedRecord } from './delimitedParser';
import { StartedWorkers } from './parallelRead';
import { readRows, startWorkersFor, type ReadOptions } from './pipeline';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-ingest-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const id = (body17: string) => body17 + idCheckChar(body17);
const ID1 = id('11010519900101123');
const ID2 = id('11010519851231002');

/** Reads a file and returns the report with the stored rows as objects (values as CSV text). */
async function read(file: string, kind: string, options: Partial<ReadOptions> = {}) {
  const chunks: Buffer[] = [];
  const report = await readRows(file, { kind: builtInKind(kind)!, ...options }, async (chunk) => {
    chunks.push(Buffer.from(chunk));
  });
  const parser = new DelimitedParser(',', 1_000_000);
  const records: DelimitedRecord[] = [];
  parser.push(Buffer.concat(chunks).toString('utf8'), records);
  parser.end(records);
  const rows = records.map((r) => Object.fromEntries(report.columns.map((c, i) => [c.name, r.cells[i] === '' ? null : r.cells[i]])));
  return { report, rows };
}

const TENANTS_CSV = [
  '2024年朝阳区公租房承租人名单',
  '合同编号,承租人身份证号,承租人姓名,房屋编号,房屋地址,起租日期,止租日期,状态,联系电话',
  `GZF-001,${ID1},张三,U-1,"朝阳区建国路1号,2单元",2021/3/5,,在租,13800000000`,
  `GZF-002,${ID2.slice(0, 17)}0,李四,U-2,,2021年4月1日,2024-03-31,已退租,`,
  `GZF-003,${ID1},王五,U-3,,2021-13-01,,在押,`,
  '',
  `GZF-004,${ID2},"欧阳""小""娜",U-4,"多行
地址",20210501,,在租,`,
].join('\r\n');

describe('readRows on real files', () => {
  it('imports a GBK CSV with a title line, keeps good rows and rejects bad ones with line, column and reason', async () => {
    const { report, rows } = await read(write('tenants.csv', iconv.encode(TENANTS_CSV, 'gbk')), 'public_housing_tenants');
    expect(report).toMatchObject({ format: 'csv', encoding: 'gb18030', delimiter: ',', headerLine: 2, rowsRead: 4, rowsImported: 3, rowsRejected: 1, complete: true });
    expect(report.rowsRead).toBe(report.rowsImported + report.rowsRejected);
    expect(report.errors).toEqual([
      { line: 5, column: 'lease_start', reason: 'impossible_date', value: '2021-13-01' },
      { line: 5, column: 'status', reason: 'unknown_enum_value', value: '在押' },
    ]);
    expect(report.warnings).toEqual([{ line: 4, column: 'tenant_id_number', reason: 'invalid_id_checksum', value: `${ID2.slice(0, 17)}0` }]);
    expect(rows.map((r) => [r._line, r.contract_no, r.tenant_id_number_valid, r.tenant_name, r.address, r.lease_start, r.status])).toEqual([
      ['3', 'GZF-001', 'true', '张三', '朝阳区建国路1号,2单元', '2021-03-05', 'active'],
      ['4', 'GZF-002', 'false', '李四', null, '2021-04-01', 'terminated'],
      ['7', 'GZF-004', 'true', '欧阳"小"娜', '多行\n地址', '2021-05-01', 'active'],
    ]);
    expect(JSON.parse(rows[0].extra!)).toEqual({ 联系电话: '13800000000' });
  });

  it('imports a UTF-16LE tab-separated file with BOM ("Unicode text" from Excel)', async () => {
    const text = '房屋编号\t月份\t用电量（千瓦时）\r\nU-1\t2024年3月\t12.5\r\nU-1\t202404\t1,024\r\n';
    const file = write('usage.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { report, rows } = await read(file, 'utility_usage');
    expect(report).toMatchObject({ encoding: 'utf16le', delimiter: '\t', rowsImported: 2 });
    expect(rows.map((r) => [r.unit_id, r.month, r.kwh])).toEqual([
      ['U-1', '2024-03', '12.5'],
      ['U-1', '2024-04', '1024'],
    ]);
  });

  it('honours an encoding given by the user', async () => {
    const file = write('deaths-gbk.csv', iconv.encode(`身份证号,姓名,死亡日期\n${ID1},張三,2024-01-02\n`, 'gbk'));
    const { report, rows } = await read(file, 'death_records', { encoding: 'gbk' });
    expect(report.encoding).toBe('gbk');
    expect(rows[0]).toMatchObject({ name: '张三', death_date: '2024-01-02' });
  });

  it('imports the first sheet of an XLSX workbook, or the one named, with date and number cells', async () => {
    const wb = new ExcelJS.Workbook();
    const deaths = wb.addWorksheet('死亡登记');
    deaths.addRow(['2024年死亡人员名单']);
    deaths.addRow(['身份证号', '姓名', '死亡日期', '备注']);
    deaths.addRow([ID1, { richText: [{ text: '张' }, { text: '三' }] }, new Date(Date.UTC(2024, 0, 2)), { formula: '1+1', result: 2 }]);
    deaths.addRow([ID2, '李四', 45000, null]);
    deaths.addRow([ID2, '王五', '2024-02-30', null]);
    const other = wb.addWorksheet('用电');
    other.addRow(['房屋编号', '月份', '用电量']);
    other.addRow(['U-9', '2024-03', 7]);
    const file = path.join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(file);

    const { report, rows } = await read(file, 'death_records');
    expect(report).toMatchObject({ format: 'xlsx', encoding: null, sheet: '死亡登记', headerLine: 2, rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    expect(rows.map((r) => [r._line, r.name, r.death_date, r.extra])).toEqual([
      ['3', '张三', '2024-01-02', '{"备注":2}'],
      ['4', '李四', '2023-03-15', null],
    ]);
    expect(report.errors).toEqual([{ line: 5, column: 'death_date', reason: 'impossible_date', value: '2024-02-30' }]);

    const usage = await read(file, 'utility_usage', { sheet: '用电' });
    expect(usage.rows).toEqual([expect.objectContaining({ unit_id: 'U-9', month: '2024-03', kwh: '7' })]);
    await expect(read(file, 'utility_usage', { sheet: '电费' })).rejects.toMatchObject({ code: 'sheet_not_found', message: 'no sheet named "电费" (sheets: 死亡登记, 用电)' });
  });

  it('imports JSON lines, keeping keys that appear later and rejecting lines that are not objects', async () => {
    const file = write(
      'drivers.jsonl',
      [
        JSON.stringify({ 身份证号: ID1, 姓名: '张三', 状态: '正常', 准驾车型: 'C1' }),
        '',
        JSON.stringify({ 身份证号: ID2, 姓名: '李四', 状态: '吊销', 档案编号: 123 }),
        '[1,2]',
        '{"broken": ',
      ].join('\n'),
    );
    const { report, rows } = await read(file, 'driver_licenses');
    expect(report).toMatchObject({ format: 'jsonl', rowsRead: 4, rowsImported: 2, rowsRejected: 2 });
    expect(rows.map((r) => [r._line, r.status, r.license_class, r.extra])).toEqual([
      ['1', 'valid', 'C1', null],
      ['3', 'revoked', null, '{"档案编号":123}'],
    ]);
    expect(report.errors).toEqual([
      { line: 4, column: null, reason: 'invalid_json' },
      { line: 5, column: null, reason: 'invalid_json' },
    ]);
  });

  it('previews: stops after maxRows and keeps a sample of stored rows', async () => {
    const { report } = await read(write('preview.csv', TENANTS_CSV), 'public_housing_tenants', { maxRows: 2, sampleRows: 1 });
    expect(report).toMatchObject({ rowsRead: 2, complete: false });
    expect(report.sample).toHaveLength(1);
    expect(report.sample[0][1]).toBe('GZF-001');
  });
});

describe('readRows on bad input: one clear error', () => {
  const attempt = (name: string, content: string | Buffer, kind = 'death_records') => read(write(name, content), kind);

  it.each([
    ['an empty file', 'empty.csv', '', 'empty_file', 'the file is empty'],
    ['blank lines only', 'blank.csv', '\n\n  \n', 'empty_file', 'the file has no rows'],
    ['a header without rows', 'header.csv', '身份证号,姓名,死亡日期\n', 'empty_file', 'the file has a header but no data rows'],
    ['no recognizable header', 'noheader.csv', 'a,b,c\n1,2,3\n', 'no_header', /^no recognizable header in the first 10 rows: expected the columns of death_records/],
    ['a duplicate header', 'dup.csv', '身份证号,姓名,死亡日期,姓名\n', 'duplicate_header', 'the header "姓名" appears twice (columns 2 and 4)'],
    ['a missing required column', 'missing.csv', '身份证号,姓名\n1,2\n', 'missing_columns', 'required column missing: death_date (死亡日期)'],
  ])('%s', async (_label, name, content, code, message) => {
    await expect(attempt(name, content)).rejects.toMatchObject({ code, message: typeof message === 'string' ? message : expect.stringMatching(message) });
  });

  it('a binary file', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    await expect(attempt('random.bin', bytes)).rejects.toMatchObject({ code: 'binary_file' });
    await expect(attempt('fake.csv', Buffer.from('%PDF-1.4\n%\xff\xfe'))).rejects.toMatchObject({ code: 'binary_file' });
  });

  it('a quote never closed, which would swallow the rest of the file', async () => {
    const content = `身份证号,姓名,死亡日期\n${ID1},"张三,2024-01-01\n${'x,y,z\n'.repeat(800_000)}`;
    await expect(attempt('open-quote.csv', content)).rejects.toMatchObject({ code: 'record_too_large', message: expect.stringMatching(/^line 2: a record longer than/) });
    // The same when the file is cut into blocks for the worker threads.
    await expect(read(write('open-quote-parallel.csv', content), 'death_records', { parallel: true })).rejects.toMatchObject({
      code: 'record_too_large',
      message: expect.stringMatching(/^line 2: a record longer than/),
    });
  });

  it('a cancelled import', async () => {
    const controller = new AbortController();
    controller.abort();
    const content = `身份证号,姓名,死亡日期\n${`${ID1},张三,2024-01-01\n`.repeat(100_000)}`;
    await expect(read(write('cancel.csv', content), 'death_records', { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('parallel import', () => {
  it('gives the same rows, counts and issues as one thread, in file order', async () => {
    const lines = ['不动产权证号,权利人证件号,权利人,坐落,建筑面积,登记日期,权属状态'];
    for (let i = 0; i < 20_000; i++) {
      const owner = i % 97 === 0 ? `${ID1.slice(0, 17)}0` : i % 2 ? ID1 : ID2;
      const address = i % 50 === 0 ? `"北京市朝阳区""某""路\n${i}号"` : `北京市朝阳区建国路${i}号`;
      const date = i % 333 === 0 ? '2024-02-30' : `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`;
      lines.push(`京(2021)第${i}号,${owner},張三${i % 7},${address},${50 + (i % 100)}.5,${date},${i % 3 ? '有效' : '注销'}`);
    }
    const file = write('property.csv', iconv.encode(lines.join('\r\n'), 'gbk'));
    const sequential = await read(file, 'property_registrations', { parallel: false });
    const parallel = await read(file, 'property_registrations', { parallel: true });
    expect(parallel.report).toEqual(sequential.report);
    expect(parallel.rows).toEqual(sequential.rows);
    expect(sequential.report).toMatchObject({ rowsRead: 20_000, rowsRejected: 61, warningsTotal: 206 });
    expect(sequential.rows.at(-1)).toMatchObject({ _line: String(20_000 + 1 + 400) });

    // Workers started before the read (as importDataset does while it copies the file) are
    // taken by it and give the same result.
    const workers = new StartedWorkers();
    const prestarted = await read(file, 'property_registrations', { parallel: true, workers });
    expect(workers.take()).toBeNull();
    expect(prestarted.report).toEqual(sequential.report);
    expect(prestarted.rows).toEqual(sequential.rows);
  });

  it('starts workers ahead only for large delimited files of kinds without unique columns, and ends unused ones', async () => {
    const kind = builtInKind('property_registrations')!;
    const small = write('ahead-small.csv', '不动产权证号,权利人证件号,权利人\n京(2021)第1号,,张三\n');
    expect(startWorkersFor(small, { kind, fileName: 'ahead-small.csv' })).toBeNull();
    expect(startWorkersFor(small, { kind, fileName: 'ahead-small.csv', parallel: false })).toBeNull();
    const unique = builtInKind('public_housing_tenants')!;
    expect(unique.columns.some((c) => c.unique)).toBe(true);
    expect(startWorkersFor(small, { kind: unique, fileName: 'ahead-small.csv', parallel: true })).toBeNull();
    expect(startWorkersFor(write('ahead-book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])), { kind, fileName: 'ahead-book.xlsx', parallel: true })).toBeNull();
    expect(startWorkersFor(write('ahead-rows.jsonl', '{"a":1}\n'), { kind, fileName: 'ahead-rows.jsonl', parallel: true })).toBeNull();
    expect(startWorkersFor(path.join(dir, 'ahead-missing.csv'), { kind, fileName: 'ahead-missing.csv', parallel: true })).toBeNull();

    const started = startWorkersFor(small, { kind, fileName: 'ahead-small.csv', parallel: true })!;
    expect(started).toBeInstanceOf(StartedWorkers);
    const workers = started.take()!;
    expect(workers.length).toBeGreaterThanOrEqual(2);
    await Promise.all(workers.map((w) => w.terminate()));
    // Not taken: dispose() ends them.
    const unused = new StartedWorkers(1);
    const [worker] = (unused as unknown as { workers: Worker[] }).workers;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await unused.dispose();
    await exited;
    expect(unused.take()).toBeNull();
  });
});

describe('parallel import of other encodings and delimiters', () => {
  /** A file of several blocks: quoted fields with delimiters and line breaks, CRLF, a BOM
   * character starting a line in mid-file, and an empty line now and then. */
  function propertyLines(delimiter: string): string[] {
    const lines = [['不动产权证号', '权利人证件号', '权利人', '坐落', '建筑面积', '登记日期', '权属状态'].join(delimiter)];
    for (let i = 0; i < 60_000; i++) {
      if (i % 997 === 0) lines.push('');
      const address = i % 37 === 0 ? `"北京市${delimiter}朝阳区""某""路\r\n${i}号"` : `北京市朝阳区建国路${i}号院`;
      const name = i % 1001 === 0 ? '\uFEFF张三' : i % 3 ? '張偉' : '李明';
      lines.push([`京(2021)第${i}号`, i % 2 ? ID1 : ID2, name, address, `${50 + (i % 100)}.5`, `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, i % 3 ? '有效' : '注销'].join(delimiter));
    }
    return lines;
  }

  it.each([
    ['UTF-8 with a BOM', 'utf8-bom.csv', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(propertyLines(',').join('\r\n'), 'utf8')])],
    ['GBK with |', 'gbk-pipe.csv', () => iconv.encode(propertyLines('|').join('\n'), 'gbk')],
    ['GBK with tabs', 'gbk-tab.tsv', () => iconv.encode(propertyLines('\t').join('\r\n'), 'gbk')],
    ['UTF-16LE', 'utf16.csv', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(propertyLines(',').join('\r\n'), 'utf16le')])],
  ])('%s: the same rows, counts and issues as one thread', async (_label, name, content) => {
    const file = write(name, content());
    expect(fs.statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
    const sequential = await read(file, 'property_registrations', { parallel: false });
    const parallel = await read(file, 'property_registrations', { parallel: true });
    expect(parallel.report).toEqual(sequential.report);
    expect(parallel.rows).toEqual(sequential.rows);
    expect(sequential.report.rowsRead).toBe(60_000);
    // The BOM starting the file is not part of the first header.
    expect(sequential.report.header[0].header).toBe('不动产权证号');
  }, 60_000);
});
