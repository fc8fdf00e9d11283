import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/engine/compiler.js';
import { duckdb, postgres } from '../../src/engine/dialects.js';
import { fixtureWarehouse, postgresFixtureWarehouse } from '../../src/engine/fixtureWarehouse.js';
import { PROBABLE_AS_OF, PROBABLE_DATA, PROBABLE_EXPECTED, PROBABLE_MODEL, RECIPIENTS } from '../../src/engine/probableLinks.fixture.js';
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

/** Decimals print differently per engine (1 vs 1.000): compare them as numbers. */
const normalize = (v: unknown) => JSON.parse(JSON.stringify(v), (_k, x) => (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x) ? Number(x) : x));

describe('probable identity links on the PostgreSQL warehouse dialect', () => {
  it('name_birth and fuzzy_name give the same hits, evidence and similarities as on DuckDB', async () => {
    const w = await postgresFixtureWarehouse(client, PROBABLE_DATA, 'fx_probable_', [RECIPIENTS]);
    const onPostgres = await runCompiled(w, compileModel({ document: PROBABLE_MODEL, dialect: postgres, datasets: w.datasets, asOf: PROBABLE_AS_OF }));
    expect(onPostgres.subjects).toBe(10);
    expect(Object.fromEntries(onPostgres.hits.map((h) => [h.subjectKey, h.rules]))).toEqual(PROBABLE_EXPECTED);

    const duck = await fixtureWarehouse(PROBABLE_DATA, [RECIPIENTS]);
    const onDuckDb = await runCompiled(duck, compileModel({ document: PROBABLE_MODEL, dialect: duckdb, datasets: duck.datasets, asOf: PROBABLE_AS_OF }));
    duck.close();
    expect(normalize(onPostgres.hits)).toEqual(normalize(onDuckDb.hits));
    const s09 = onPostgres.hits.find((h) => h.subjectKey === 'S09')!;
    expect(normalize(s09.evidence['dead-fuzzy'])).toEqual([expect.objectContaining({ name: '张三', _link: 'fuzzy_name', _confidence: 'probable', _similarity: 0.9 })]);
  });

  it('the warehouse similarity counts UTF-8 bytes exactly as DuckDB does', async () => {
    const pairs = [
      ['zhang san', 'zhang shan'],
      ['张三', '张四'],
      ['阿依古丽·买买提', '阿依古丽买买提'],
      ['wang xiao ming', 'wang wu'],
      ['', 'abc'],
    ];
    const duck = await fixtureWarehouse({});
    for (const [a, b] of pairs) {
      const { rows } = await client.query(`SELECT ${postgres.textSimilarity('$1::text', '$2::text')} AS s`, [a, b]);
      const [onDuck] = await duck.query(`SELECT ${duckdb.textSimilarity('CAST($1 AS VARCHAR)', 'CAST($2 AS VARCHAR)')} AS s`, [a, b]);
      expect(rows[0].s, `${a} / ${b}`).toBe(onDuck.s);
    }
    duck.close();
  });
});
