import { afterAll, beforeAll, expect, it } from 'vitest';
import { CsvEncoder } from '../../src/ingest/csvOutput.js';
import type { StoredValue } from '../../src/ingest/normalizeRow.js';
import type { StoredColumn } from '../../src/ingest/tableLayout.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

/**
 * DuckDB's load path: CsvEncoder's bytes go in with every CSV option fixed (no detection, '\n'
 * records), and DuckDB works on fewer threads while a table loads, its own setting coming back
 * after the last load.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ warehouse: 'duckdb' });
});
afterAll(() => t.close());

const COLUMNS: StoredColumn[] = [
  { name: '_line', type: 'line' },
  { name: 'note', type: 'text' },
  { name: 'valid', type: 'bool' },
  { name: 'area', type: 'decimal' },
  { name: 'on_day', type: 'date' },
  { name: 'extra', type: 'json' },
];

const threads = async () => Number((await t.warehouse.query(`SELECT current_setting('threads') AS threads`, []))[0].threads);

function csv(rows: StoredValue[][]): Buffer {
  const encoder = new CsvEncoder(1024);
  for (const row of rows) encoder.add(row);
  return Buffer.concat(encoder.flush());
}

it('loads values with line breaks, carriage returns, quotes and delimiters exactly', async () => {
  const notes = ['a\nb', 'a\r\nb', 'ends with CR\r', '\r', '"quoted", and, commas', '  spaces  ', '张三\n李四', 'x'.repeat(3000)];
  const rows: StoredValue[][] = notes.map((note, i) => [i + 2, note, i % 2 === 0, i === 3 ? null : `${i}.5`, i === 4 ? null : `2026-01-${String(i + 1).padStart(2, '0')}`, i === 1 ? '{"备注":"a\\nb"}' : null]);
  rows.push([100, null, null, null, null, null]);
  const load = await t.warehouse.loadTable('ds_00000000000000000000000000000001', COLUMNS);
  await load.append(csv(rows));
  await load.publish();
  const stored = await t.warehouse.query(
    'SELECT _line, note, valid, CAST(area AS VARCHAR) AS area, CAST(on_day AS VARCHAR) AS on_day, CAST(extra AS VARCHAR) AS extra FROM ds_00000000000000000000000000000001 ORDER BY _line',
    [],
  );
  expect(stored).toEqual(
    rows.map(([line, note, valid, area, day, extra]) => ({
      _line: line,
      note,
      valid,
      area: area === null ? null : String(Number(area)),
      on_day: day,
      extra,
    })),
  );
});

it('runs DuckDB on fewer threads while tables load and restores its setting after the last one', async () => {
  await t.warehouse.query('SET threads = 3', []);
  const first = await t.warehouse.loadTable('ds_00000000000000000000000000000002', COLUMNS);
  const during = await threads();
  expect(during).toBeLessThan(3);
  const second = await t.warehouse.loadTable('ds_00000000000000000000000000000003', COLUMNS);
  await first.append(csv([[2, 'one', true, '1', '2026-01-01', null]]));
  await first.publish();
  // The second load is still running.
  expect(await threads()).toBe(during);
  await second.abort();
  expect(await threads()).toBe(3);
  // A failed load restores it too.
  const failing = await t.warehouse.loadTable('ds_00000000000000000000000000000004', COLUMNS);
  expect(await threads()).toBe(during);
  await failing.append(csv([[2, 'not a date', true, '1', 'yesterday', null]]));
  await expect(failing.publish()).rejects.toThrow();
  expect(await threads()).toBe(3);
  expect(await t.warehouse.datasetTables()).not.toContain('ds_00000000000000000000000000000004');
});
