import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

/** A cancelled model run stops its DuckDB query midway (connection.interrupt), not at the next stage. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ warehouse: 'duckdb' });
});
afterAll(() => t.close());

it('interrupts a running DuckDB query when its signal aborts', async () => {
  const controller = new AbortController();
  const started = performance.now();
  // Tens of seconds of work on this machine if left alone.
  const running = t.warehouse.query('SELECT count(*) AS n FROM range(20000000000) t(x) WHERE x % 7 = 3', [], { signal: controller.signal });
  setTimeout(() => controller.abort(), 300);
  await expect(running).rejects.toThrow(/interrupt/i);
  expect(performance.now() - started).toBeLessThan(5000);
  // The warehouse goes on answering.
  expect(await t.warehouse.query('SELECT 42 AS answer', [])).toEqual([{ answer: 42 }]);
});

it('refuses to start a query whose signal has already aborted', async () => {
  const controller = new AbortController();
  controller.abort();
  await expect(t.warehouse.query('SELECT 1 AS one', [], { signal: controller.signal })).rejects.toThrow(/cancelled/);
});
