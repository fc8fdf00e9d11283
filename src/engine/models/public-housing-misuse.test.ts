import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInModel } from '../builtins.js';
import { compileModel } from '../compiler.js';
import { duckdb } from '../dialects.js';
import { fixtureWarehouse, type FixtureWarehouse } from '../fixtureWarehouse.js';
import { runCompiled, type Hit } from '../runner.js';
import { A, X, publicHousingFixture } from './public-housing-misuse.fixture.js';

let w: FixtureWarehouse;
let hits: Hit[];

beforeAll(async () => {
  w = await fixtureWarehouse(publicHousingFixture.data);
  const compiled = compileModel({ document: builtInModel('public-housing-misuse')!, dialect: duckdb, datasets: w.datasets, asOf: '2026-06-30' });
  ({ hits } = await runCompiled(w, compiled));
});
afterAll(() => w.close());

describe('public-housing-misuse: evidence and parameters', () => {
  it('carries the evidence rows, the subject and the normalized ID', () => {
    const hit = hits.find((h) => h.subjectKey === 'GZF-01')!;
    expect(hit.idNumber).toBe(A);
    expect(hit.name).toBe('张三');
    expect(hit.evidence['owns-property']).toEqual([
      expect.objectContaining({ certificate_no: '京(2026)朝阳不动产权第0001号', registered_on: '2026-06-30', status: 'valid' }),
    ]);
    expect(hit.subject[0]).toMatchObject({ contract_no: 'GZF-01', unit_id: 'U01' });
    const vacant = hits.find((h) => h.subjectKey === 'GZF-18')!;
    expect(vacant.summaries.vacant).toEqual({ value: 6 });
    expect(vacant.evidence.vacant).toHaveLength(12);
    const lower = hits.find((h) => h.subjectKey === 'GZF-04')!;
    expect(lower.idNumber).toBe(X);
  });

  it('follows its parameters: a lower vehicle threshold and fewer empty months fire more', async () => {
    const compiled = compileModel({
      document: builtInModel('public-housing-misuse')!,
      dialect: duckdb,
      datasets: w.datasets,
      asOf: '2026-06-30',
      parameters: { vehicle_price_threshold: '149999.99', vacancy_months: 5, detained_days: 179 },
    });
    const { hits: more } = await runCompiled(w, compiled);
    const keys = more.map((h) => h.subjectKey);
    expect(keys).toEqual(expect.arrayContaining(['GZF-10', 'GZF-19', 'GZF-16']));
  });

  it('gives the same hits when run twice', async () => {
    const compiled = compileModel({ document: builtInModel('public-housing-misuse')!, dialect: duckdb, datasets: w.datasets, asOf: '2026-06-30' });
    expect((await runCompiled(w, compiled)).hits).toEqual(hits);
  });
});
