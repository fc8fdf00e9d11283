import { describe, expect, it } from 'vitest';
import { builtInModel } from './builtins.js';
import { compileModel } from './compiler.js';
import { duckdb } from './dialects.js';
import { fixtureWarehouse } from './fixtureWarehouse.js';
import { MODEL_FIXTURES } from './models/index.fixtures.js';
import { compileStaged, runCompiled, RunCancelled, runStaged } from './runner.js';

describe('a run in stages (one query per rule)', () => {
  for (const fixture of MODEL_FIXTURES) {
    it(`${fixture.model}: finds the same hits, evidence and summaries as the one-query run, reporting each rule`, async () => {
      const w = await fixtureWarehouse(fixture.data);
      try {
        const input = { document: builtInModel(fixture.model)!, dialect: duckdb, datasets: w.datasets, asOf: fixture.asOf };
        const whole = await runCompiled(w, compileModel(input));
        const seen: string[] = [];
        const staged = await runStaged(w, compileStaged(input), { onRule: (s) => void seen.push(`${s.index}/${s.total} ${s.id}`) });
        expect(staged).toEqual(whole);
        expect(staged.hits.length).toBe(Object.keys(fixture.expected).length);
        const rules = input.document.rules;
        expect(seen).toEqual(rules.map((r, i) => `${i + 1}/${rules.length} ${r.id}`));
      } finally {
        w.close();
      }
    });
  }

  it('stops before the next query once its signal aborts', async () => {
    const fixture = MODEL_FIXTURES[0];
    const w = await fixtureWarehouse(fixture.data);
    try {
      const input = { document: builtInModel(fixture.model)!, dialect: duckdb, datasets: w.datasets, asOf: fixture.asOf };
      const controller = new AbortController();
      let queries = 0;
      const counting = { query: (sql: string, params: unknown[]) => (queries++, w.query(sql, params)) };
      const run = runStaged(counting, compileStaged(input), { signal: controller.signal, onRule: (s) => (s.index === 2 ? controller.abort() : undefined) });
      await expect(run).rejects.toBeInstanceOf(RunCancelled);
      expect(queries).toBe(2); // the subject count and rule 1
    } finally {
      w.close();
    }
  });
});
