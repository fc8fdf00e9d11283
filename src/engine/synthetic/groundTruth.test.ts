/**
 * The demo data end to end: generated at a small scale, read through the real import pipeline
 * into DuckDB tables in the warehouse layout, and run through the six built-in models, which
 * must find exactly the planted hits (precision and recall 1.0 against ground-truth.json).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtInKind } from '../../domain/datasetKinds.js';
import { normalizePersonName } from '../../domain/personName.js';
import { readRows, type ReadReport } from '../../ingest/pipeline.js';
import { storedColumns, type StoredType } from '../../ingest/tableLayout.js';
import { BUILT_IN_MODELS } from '../builtins.js';
import { compileModel, type DatasetResolver } from '../compiler.js';
import { duckdb } from '../dialects.js';
import { runCompiled, type WarehouseQuery } from '../runner.js';
import { generateDemoData, GenerateOptionsError, GROUND_TRUTH_FILE, MANIFEST_FILE, type Manifest } from './generate.js';
import type { GroundTruthFile } from './groundTruth.js';
import { ID_NOISES, NAME_NOISES, TRADITIONAL_PAIRS } from './noise.js';

const SCALE = 200;

/** The column types of the DuckDB warehouse (src/server/db/warehouse.ts). */
const DUCKDB_TYPES: Record<StoredType, string> = { line: 'BIGINT', text: 'VARCHAR', date: 'DATE', decimal: 'DOUBLE', money: 'DECIMAL(18,2)', int: 'BIGINT', bool: 'BOOLEAN', json: 'JSON' };

let dir: string;
let loadDir: string;
let manifest: Manifest;
let truth: GroundTruthFile;
let instance: DuckDBInstance;
let connection: DuckDBConnection;
const reports: Record<string, ReadReport> = {};

const tableOf = (kind: string) => `ds_${kind}`;

/** Reads one file with the importer and loads what it stores the way the DuckDB warehouse
 * does: the stored layout as CSV, through COPY. */
async function importFile(kind: string, file: string): Promise<ReadReport> {
  const def = builtInKind(kind)!;
  const table = tableOf(kind);
  await connection.run(`CREATE TABLE "${table}" (${storedColumns(def).map((c) => `"${c.name}" ${DUCKDB_TYPES[c.type]}`).join(', ')})`);
  const chunks: Buffer[] = [];
  const report = await readRows(file, { kind: def, fileName: file }, async (chunk) => {
    chunks.push(chunk);
  });
  const csv = path.join(loadDir, `${kind}.csv`);
  fs.writeFileSync(csv, Buffer.concat(chunks));
  await connection.run(`COPY "${table}" FROM '${csv}' (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '')`);
  return report;
}

const warehouse: WarehouseQuery = {
  async query(sql, params) {
    const reader = await connection.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  },
};
const datasets: DatasetResolver = (kind) => {
  const def = builtInKind(kind);
  return def && manifest.datasets[kind] ? { kind: def, table: tableOf(kind) } : undefined;
};

const pairsOf = (hits: Record<string, string[]>) => new Set(Object.entries(hits).flatMap(([key, rules]) => rules.map((r) => `${key} ${r}`)));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianxing-demo-'));
  loadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianxing-demo-load-'));
  await generateDemoData({ outDir: dir, scale: SCALE });
  manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'));
  truth = JSON.parse(fs.readFileSync(path.join(dir, GROUND_TRUTH_FILE), 'utf8'));
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  for (const [kind, entry] of Object.entries(manifest.datasets)) reports[kind] = await importFile(kind, path.join(dir, entry.file));
}, 60_000);

afterAll(() => {
  connection?.closeSync();
  instance?.closeSync();
  for (const d of [dir, loadDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('demo data through the importer', () => {
  it('has a file for every built-in kind in every accepted format and encoding', () => {
    expect(Object.keys(manifest.datasets)).toHaveLength(14);
    expect(manifest.datasets.court_enforcement_filings).toMatchObject({ format: 'xlsx', encoding: null });
    const formats = new Set(Object.values(manifest.datasets).map((d) => `${d.format}/${d.encoding}`));
    expect(formats).toEqual(new Set(['csv/gbk', 'csv/utf8-bom', 'csv/utf8', 'tsv/utf16le', 'xlsx/null', 'jsonl/utf8']));
  });

  it('rejects exactly the malformed rows, for the planted reason, and imports everything else', () => {
    for (const [kind, entry] of Object.entries(manifest.datasets)) {
      const report = reports[kind];
      expect(report.rowsRead, kind).toBe(entry.rows);
      expect(report.rowsImported, kind).toBe(entry.rows - entry.malformed.length);
      expect(entry.malformed.length, kind).toBeGreaterThan(0);
      const errors = report.errors.map((e) => ({ line: e.line, column: e.column, reason: e.reason }));
      expect(errors, kind).toEqual([...entry.malformed].sort((a, b) => a.line - b.line));
    }
  });

  it('flags only the deliberately mistyped IDs: every noisy spelling normalizes to a valid ID', () => {
    for (const [kind, entry] of Object.entries(manifest.datasets)) {
      const warnings = reports[kind].warnings.map((w) => ({ line: w.line, column: w.column, reason: w.reason }));
      expect(warnings, kind).toEqual(entry.invalid_ids.map((i) => ({ ...i, reason: 'invalid_id_checksum' })).sort((a, b) => a.line - b.line));
    }
  });

  it('carries every kind of identity noise', () => {
    for (const noise of [...ID_NOISES, ...NAME_NOISES]) {
      const total = Object.values(manifest.datasets).reduce((n, d) => n + d.noise[noise], 0);
      expect(total, noise).toBeGreaterThan(0);
    }
  });
});

describe('the six built-in models on the demo data', () => {
  it('are all judged', () => {
    expect(BUILT_IN_MODELS).toHaveLength(6);
    expect(Object.keys(truth).sort()).toEqual(BUILT_IN_MODELS.map((m) => m.id).sort());
  });

  for (const model of BUILT_IN_MODELS) {
    it(`${model.id}: precision and recall 1.0 against the ground truth`, async () => {
      const expected = truth[model.id];
      const compiled = compileModel({ document: model, dialect: duckdb, datasets, asOf: expected.as_of });
      const { hits } = await runCompiled(warehouse, compiled);
      const want = pairsOf(expected.hits);
      const got = pairsOf(Object.fromEntries(hits.map((h) => [h.subjectKey, h.rules])));
      const tp = [...got].filter((p) => want.has(p)).length;
      const fp = [...got].filter((p) => !want.has(p));
      const fn = [...want].filter((p) => !got.has(p));
      const precision = tp / (tp + fp.length);
      const recall = tp / (tp + fn.length);
      const listed = (label: string, pairs: string[]) => (pairs.length ? `\n  ${label}: ${pairs.slice(0, 10).join('; ')}${pairs.length > 10 ? ' …' : ''}` : '');
      const message = `${model.id}: TP ${tp}, FP ${fp.length}, FN ${fn.length}; precision ${precision}, recall ${recall}${listed('false positives', fp)}${listed('false negatives', fn)}`;
      expect({ precision, recall }, message).toEqual({ precision: 1, recall: 1 });
    });
  }
});

describe('the generator', () => {
  it('plants at least one hit and one near miss for every rule of every model', () => {
    for (const model of BUILT_IN_MODELS) {
      for (const rule of model.rules) {
        const hits = Object.values(truth[model.id].hits).filter((rules) => rules.includes(rule.id)).length;
        const misses = truth[model.id].near_misses.filter((m) => m.rule === rule.id).length;
        expect(hits, `${model.id} ${rule.id} hits`).toBeGreaterThan(0);
        expect(misses, `${model.id} ${rule.id} near misses`).toBeGreaterThan(0);
      }
    }
  });

  it('gives the same bytes for the same seed, whenever it runs, and other bytes for another seed', async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'jianxing-demo-'));
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'jianxing-demo-'));
    // Zip entries and workbook properties must not record when the files were written.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-03T12:34:56Z'));
    try {
      await generateDemoData({ outDir: again, scale: SCALE });
      await generateDemoData({ outDir: other, scale: SCALE, seed: '2' });
    } finally {
      vi.useRealTimers();
    }
    try {
      const names = fs.readdirSync(again).sort();
      expect(names).toEqual(fs.readdirSync(dir).sort());
      for (const name of names) expect(fs.readFileSync(path.join(again, name)).equals(fs.readFileSync(path.join(dir, name))), name).toBe(true);
      expect(fs.readFileSync(path.join(other, 'public_housing_tenants.csv')).equals(fs.readFileSync(path.join(dir, 'public_housing_tenants.csv')))).toBe(false);
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
      fs.rmSync(other, { recursive: true, force: true });
    }
  }, 30_000);

  it('writes traditional characters that normalize back to the simplified name', () => {
    for (const [simplified, traditional] of TRADITIONAL_PAIRS) expect(normalizePersonName(traditional), traditional).toBe(simplified);
  });

  it('refuses a scale too small for every planted case and a malformed as_of', async () => {
    await expect(generateDemoData({ outDir: dir, scale: 10 })).rejects.toThrow(GenerateOptionsError);
    await expect(generateDemoData({ outDir: dir, scale: SCALE, asOf: '2026-02-30' })).rejects.toThrow(/as_of/);
  });
});
