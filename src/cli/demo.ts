import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateDemoData, GenerateOptionsError, MANIFEST_FILE } from '../engine/synthetic/generate.js';
import { CliError, printJson } from './io.js';
import type { Handler } from './main.js';

const USAGE = `usage: jianxing demo generate --out DIR [--scale N] [--seed S] [--as-of YYYY-MM-DD] [--json]`;
/** Tenants by default: enough for every planted case several times over, generated in seconds. */
const DEFAULT_SCALE = 1000;

const option = (values: Parameters<Handler>[1], name: string): string | undefined => {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new CliError(`--${name} needs a value (${USAGE})`);
  return value;
};

function parseScale(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SCALE;
  if (!/^\d+$/.test(raw)) throw new CliError(`--scale must be a whole number of tenants, got "${raw}"`);
  return Number(raw);
}

/** Generating into a directory that holds something else would mix the demo files into it. */
function checkOutDir(dir: string) {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new CliError(`${dir} exists and is not a directory`);
  const entries = fs.readdirSync(dir);
  if (entries.length && !entries.includes(MANIFEST_FILE)) throw new CliError(`${dir} is not empty and holds no earlier demo data: choose an empty directory`);
}

export const demoCommand: Handler = async (args, values) => {
  if (args[0] !== 'generate' || args.length !== 1) throw new CliError(USAGE);
  const out = option(values, 'out');
  if (!out) throw new CliError(`--out DIR is required (${USAGE})`);
  const dir = path.resolve(out);
  const scale = parseScale(option(values, 'scale'));
  const seed = option(values, 'seed') ?? DEFAULT_SEED;
  const asOf = option(values, 'as-of') ?? DEFAULT_AS_OF;
  checkOutDir(dir);

  let result: Awaited<ReturnType<typeof generateDemoData>>;
  try {
    result = await generateDemoData({ outDir: dir, scale, seed, asOf });
  } catch (err) {
    if (err instanceof GenerateOptionsError) throw new CliError(err.message);
    throw err;
  }
  const { manifest, truth } = result;
  const datasets = Object.values(manifest.datasets);
  const rows = datasets.reduce((n, d) => n + d.rows, 0);
  const malformed = datasets.reduce((n, d) => n + d.malformed.length, 0);
  const hits = Object.fromEntries(Object.entries(truth).map(([model, t]) => [model, Object.values(t.hits).reduce((n, rules) => n + rules.length, 0)]));
  const nearMisses = Object.values(truth).reduce((n, t) => n + t.near_misses.length, 0);
  if (values.json) {
    printJson({ out: dir, seed, scale, as_of: asOf, files: datasets.length, rows, malformed_rows: malformed, planted_hits: hits, near_misses: nearMisses });
    return;
  }
  const planted = Object.values(hits).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `wrote ${datasets.length} datasets (${rows.toLocaleString('en')} rows, ${malformed} malformed) and the ground truth of ${Object.keys(truth).length} models (${planted} planted hits, ${nearMisses} near misses) to ${dir} — seed ${seed}, scale ${scale}, as of ${asOf}\n`,
  );
};
