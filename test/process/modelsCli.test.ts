import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDataDir } from '../helpers/serverProcess.js';

const dataDir = tempDataDir('models-cli');
const demo = path.join(dataDir, 'demo');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the command line from files to hits (DATA-SPEC §4)', () => {
  it('generates demo files, imports them with `jianxing import`, and `models run --json` finds exactly the ground truth', () => {
    const generated = cli(dataDir, 'demo', 'generate', '--out', demo, '--scale', '100');
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(demo, 'manifest.json'), 'utf8'));
    const truth = JSON.parse(fs.readFileSync(path.join(demo, 'ground-truth.json'), 'utf8'));

    for (const kind of ['criminal_judgments', 'non_prosecution_decisions', 'driver_licenses']) {
      const imported = cli(dataDir, 'import', kind, path.join(demo, manifest.datasets[kind].file), '--json');
      expect(imported.status, imported.stderr).toBe(0);
      const report = JSON.parse(imported.stdout);
      expect(report).toMatchObject({ kind, dataset: kind, version: 1 });
      expect(report.rows_read).toBe(report.rows_imported + report.rows_rejected);
      expect(report.errors.map((e: { line: number }) => e.line).sort()).toEqual(manifest.datasets[kind].malformed.map((m: { line: number }) => m.line).sort());
    }

    const run = cli(dataDir, 'models', 'run', 'drunk-driving-license', '--as-of', truth['drunk-driving-license'].as_of, '--json');
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ model: 'drunk-driving-license', as_of: manifest.as_of, run_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const expected = truth['drunk-driving-license'].hits;
    expect(Object.fromEntries(result.hits.map((h: { subject_key: string; rules: string[] }) => [h.subject_key, h.rules]))).toEqual(expected);
    for (const hit of result.hits) expect(hit.id_number).toMatch(/^\d{17}[\dX]$/);
    expect(result.stats).toMatchObject({ hits: result.hits.length, subjects: expect.any(Number), elapsed_ms: expect.any(Number) });

    // A model that needs datasets not imported says which, in one line.
    const missing = cli(dataDir, 'models', 'run', 'pension-after-death', '--as-of', manifest.as_of);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('jianxing: datasets.death_records: no imported dataset of kind "death_records"; datasets.social_benefit_payments: no imported dataset of kind "social_benefit_payments"');
    const badParam = cli(dataDir, 'models', 'run', 'drunk-driving-license', '--param', 'grace_days=soon');
    expect(badParam.stderr.trim()).toBe('jianxing: parameters.grace_days: "soon" is not a valid int');
  });

  it('lists and explains the built-in models', () => {
    const list = JSON.parse(cli(dataDir, 'models', 'list', '--json').stdout);
    expect(list.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['public-housing-misuse', 'penalty-not-transferred']));
    const explain = cli(dataDir, 'models', 'explain', 'drunk-driving-license');
    expect(explain.stdout).toContain('[license-still-valid] 驾驶证仍为正常状态');
    expect(explain.stdout).toMatch(/-- SQL \(duckdb\)/);
  });
});
