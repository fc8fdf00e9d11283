import { describe, expect, it } from 'vitest';
import { BUILT_IN_MODELS, builtInModel } from './builtins.js';
import { compileModel } from './compiler.js';
import { duckdb } from './dialects.js';
import { fixtureWarehouse } from './fixtureWarehouse.js';
import { MODEL_FIXTURES } from './models/index.fixtures.js';
import { runCompiled } from './runner.js';

describe('the six built-in models on DuckDB', () => {
  it('ships the five models of DATA-SPEC §3 and non-litigation enforcement supervision', () => {
    expect(BUILT_IN_MODELS.map((m) => m.id)).toEqual(['public-housing-misuse', 'occupational-ban', 'pension-after-death', 'drunk-driving-license', 'penalty-not-transferred', 'non-litigation-enforcement']);
    expect(MODEL_FIXTURES.map((f) => f.model)).toEqual(BUILT_IN_MODELS.map((m) => m.id));
  });

  for (const fixture of MODEL_FIXTURES) {
    it(`${fixture.model}: exactly the expected hits`, async () => {
      const w = await fixtureWarehouse(fixture.data);
      try {
        const compiled = compileModel({ document: builtInModel(fixture.model)!, dialect: duckdb, datasets: w.datasets, asOf: fixture.asOf });
        const { hits, subjects } = await runCompiled(w, compiled);
        expect(subjects).toBe(fixture.subjects);
        expect(Object.fromEntries(hits.map((h) => [h.subjectKey, h.rules]))).toEqual(fixture.expected);
      } finally {
        w.close();
      }
    });
  }
});
