import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInModel } from '../../src/engine/builtins.js';
import { compileModel } from '../../src/engine/compiler.js';
import { duckdb, postgres } from '../../src/engine/dialects.js';
import { fixtureWarehouse, postgresFixtureWarehouse } from '../../src/engine/fixtureWarehouse.js';
import { MODEL_FIXTURES } from '../../src/engine/models/index.fixtures.js';
import { runCompiled } from '../../src/engine/runner.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let client: pg.Client;
beforeAll(async () => {
  t = await createTestApp();
  client = new pg.Client(t.ownerUrl);
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await t.close();
});

describe('the six built-in models on the PostgreSQL warehouse dialect', () => {
  for (const fixture of MODEL_FIXTURES) {
    it(`${fixture.model}: the same hits and evidence as on DuckDB`, async () => {
      const prefix = `fx_${fixture.model.replace(/-/g, '_')}_`;
      const w = await postgresFixtureWarehouse(client, fixture.data, prefix);
      const onPostgres = await runCompiled(w, compileModel({ document: builtInModel(fixture.model)!, dialect: postgres, datasets: w.datasets, asOf: fixture.asOf }));
      expect(onPostgres.subjects).toBe(fixture.subjects);
      expect(Object.fromEntries(onPostgres.hits.map((h) => [h.subjectKey, h.rules]))).toEqual(fixture.expected);

      const duck = await fixtureWarehouse(fixture.data);
      const onDuckDb = await runCompiled(duck, compileModel({ document: builtInModel(fixture.model)!, dialect: duckdb, datasets: duck.datasets, asOf: fixture.asOf }));
      duck.close();
      // Evidence agrees too, up to how each engine prints decimals (150000 vs 150000.00).
      const normalize = (v: unknown) => JSON.parse(JSON.stringify(v), (_k, x) => (typeof x === 'string' && /^-?\d+\.\d+$/.test(x) ? Number(x) : x));
      expect(normalize(onPostgres.hits)).toEqual(normalize(onDuckDb.hits));
    });
  }
});
