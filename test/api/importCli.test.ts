import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/index.js';
import { warehouseFile } from '../../src/server/db/warehouse.js';

/**
 * `jianxing import` as a user runs it: a real process on a fresh data directory (the command
 * starts its own embedded PostgreSQL), including one killed in the middle of an import.
 */
const BIN = path.resolve('bin/jianxing.mjs');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-cli-'));
// Run as root, embedded PostgreSQL initializes its directory as the postgres user.
fs.chmodSync(root, 0o755);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const id = (body17: string) => body17 + idCheckChar(body17);
const HEADER = '不动产权证号,权利人证件号,权利人,坐落,建筑面积,登记日期,权属状态';
const row = (i: number, date = '2021-03-05') => `京(2021)第${i}号,${id(`110105${1950 + (i % 50)}0101${String(i % 1000).padStart(3, '0')}`)},张三,朝阳区${i}号,${50 + (i % 100)}.5,${date},有效`;

function file(name: string, content: string | Buffer): string {
  const p = path.join(root, name);
  fs.writeFileSync(p, content);
  return p;
}

function jianxing(args: string[], dataDir: string) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, JIANXING_WAREHOUSE: 'duckdb' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('jianxing import', () => {
  const dataDir = path.join(root, 'data');

  it('imports a GBK CSV and prints the --json report of DATA-SPEC §4', () => {
    const csv = file('property.csv', iconv.encode([HEADER, row(1), row(2, '2021-02-30'), row(3)].join('\r\n'), 'gbk'));
    const r = jianxing(['import', 'property_registrations', csv, '--json'], dataDir);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      kind: 'property_registrations',
      dataset: 'property_registrations',
      version: 1,
      rows_read: 3,
      rows_imported: 2,
      rows_rejected: 1,
      warnings: [],
      errors: [{ line: 3, column: 'registered_on', reason: 'impossible_date' }],
      encoding: 'gb18030',
    });
    expect(report.rows_read).toBe(report.rows_imported + report.rows_rejected);

    const again = JSON.parse(jianxing(['import', 'property_registrations', csv, '--dataset', '不动产 2024', '--json'], dataDir).stdout);
    expect(again).toMatchObject({ dataset: '不动产 2024', version: 1 });
    expect(JSON.parse(jianxing(['import', 'property_registrations', csv, '--json'], dataDir).stdout)).toMatchObject({ version: 2 });
  }, 120_000);

  it('imports nothing with --strict when a row is rejected, and says why in one line', () => {
    const csv = file('strict.csv', [HEADER, row(1), row(2, 'not a date')].join('\n'));
    const r = jianxing(['import', 'property_registrations', csv, '--strict', '--dataset', 'strict', '--json'], dataDir);
    expect(r.status).not.toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ status: 'failed', version: null, rows_read: 2, rows_imported: 0, rows_rejected: 2, errors: [{ line: 3, column: 'registered_on', reason: 'invalid_date' }] });
    expect(report.rows_read).toBe(report.rows_imported + report.rows_rejected);
    expect(r.stderr).toBe('jianxing: 1 row(s) rejected; in strict mode nothing is imported\n');
  }, 120_000);

  it.each([
    [['import', 'no_such_kind', 'x.csv'], /^jianxing: unknown dataset kind "no_such_kind" \(kinds: public_housing_tenants, /],
    [['import', 'death_records', '/nonexistent/file.csv'], /^jianxing: no such file: \/nonexistent\/file.csv\n$/],
    [['import', 'death_records', 'x.csv', '--encoding', 'big5'], /^jianxing: unknown encoding "big5"/],
  ])('refuses bad arguments: %j', (args, message) => {
    fs.writeFileSync(path.join(root, 'x.csv'), 'a');
    const r = spawnSync(process.execPath, [BIN, ...args.map((a) => (a === 'x.csv' ? path.join(root, a) : a)), '--data-dir', dataDir], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses an empty file with one line', () => {
    const r = jianxing(['import', 'death_records', file('empty.csv', '')], dataDir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('jianxing: the file is empty\n');
  }, 120_000);

  it('does not touch the warehouse of a running server', () => {
    const busy = path.join(root, 'busy');
    fs.mkdirSync(busy);
    // This test process stands in for a server that owns the data directory.
    fs.writeFileSync(path.join(busy, 'jianxing.pid'), String(process.pid));
    const r = jianxing(['import', 'death_records', file('d.csv', '身份证号,姓名,死亡日期\n')], busy);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^jianxing: JianXing is running on .* \(pid \d+\) and holds the warehouse: upload the file in the web app/);
    expect(fs.existsSync(warehouseFile(busy))).toBe(false);
  });

  it('leaves no visible partial version when killed in the middle of an import', async () => {
    const killDir = path.join(root, 'killed');
    const lines = [HEADER];
    for (let i = 0; i < 600_000; i++) lines.push(row(i));
    const big = file('big.csv', lines.join('\n'));

    const child = spawn(process.execPath, [BIN, 'import', 'property_registrations', big, '--data-dir', killDir], { env: { ...process.env, JIANXING_WAREHOUSE: 'duckdb' } });
    const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    // The import has begun once its source file is kept; give it a moment to be well inside.
    const sources = path.join(killDir, 'sources');
    const deadline = Date.now() + 60_000;
    while (!(fs.existsSync(sources) && fs.readdirSync(sources).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGKILL');
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    expect(output).toBe('');

    // The next run recovers: the killed import is marked failed, its rows are gone, and the new
    // import is version 1.
    const next = jianxing(['import', 'property_registrations', file('small.csv', [HEADER, row(1)].join('\n')), '--json'], killDir);
    expect(next.status, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ version: 1, rows_imported: 1 });

    const database = await openDatabase(loadConfig({ dataDir: killDir }), { poolSize: 1 });
    try {
      const versions = await database.db.selectFrom('dataset_versions').select(['status', 'version', 'failure', 'warehouse_table']).orderBy('started_at').execute();
      expect(versions).toEqual([
        { status: 'failed', version: null, failure: expect.stringContaining('interrupted'), warehouse_table: null },
        { status: 'committed', version: 1, failure: null, warehouse_table: expect.stringMatching(/^ds_/) },
      ]);
      const instance = await DuckDBInstance.create(warehouseFile(killDir));
      const connection = await instance.connect();
      const tables = (await connection.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'ds%'`)).getRowObjectsJS().map((r) => r.table_name);
      connection.closeSync();
      instance.closeSync();
      expect(tables).toEqual([versions[1].warehouse_table]);
    } finally {
      await database.close();
    }
    expect(fs.readdirSync(path.join(killDir, 'tmp'))).toEqual([]);
  }, 180_000);
});
