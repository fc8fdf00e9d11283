/**
 * `jianxing demo generate`: seeded synthetic data for every built-in dataset kind, with planted
 * violations of every rule of the six built-in models, near misses beside them, identity noise,
 * mixed file formats, and the ground truth. Same seed, scale and as_of → the same bytes.
 *
 *   DIR/<kind>.<ext>       one file per kind (formats.ts says which format and encoding)
 *   DIR/manifest.json      per kind: file, format, encoding, rows, malformed rows, invalid IDs, noise
 *   DIR/ground-truth.json  per model: as_of, hits { subject_key: [rule ids] }, near misses
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUILT_IN_KINDS } from '../../domain/datasetKinds.js';
import { BUILT_IN_MODELS } from '../builtins.js';
import { isIsoDate } from '../../domain/calendar/isoDate.js';
import { plantBackground, plantMalformed } from './background.js';
import { noiseCycle, type PlantContext } from './context.js';
import { monthOf, shiftDays } from './days.js';
import { plantDrunkDrivers } from './drunkDriving.js';
import { FILE_SPECS } from './formats.js';
import { GroundTruth, type GroundTruthFile } from './groundTruth.js';
import { Identifiers } from './identifiers.js';
import { plantPractitioners } from './occupationalBan.js';
import { plantPenalties } from './penalties.js';
import { plantNonLitigationEnforcement } from './nonLitigationEnforcement.js';
import { plantPensions } from './pension.js';
import { People } from './people.js';
import { plantTenants } from './publicHousing.js';
import { Random } from './random.js';
import { DatasetFile, type FileReport } from './writers.js';

export const DEFAULT_AS_OF = '2026-06-30';
export const DEFAULT_SEED = '1';
/** Below this the populations are too small to hold every planted case at least once. */
export const MIN_SCALE = 100;
/** An XLSX sheet holds 1,048,576 rows: practitioners (about half the scale) must fit in one. */
export const MAX_SCALE = 2_000_000;
export const MANIFEST_FILE = 'manifest.json';
export const GROUND_TRUTH_FILE = 'ground-truth.json';

export interface GenerateOptions {
  outDir: string;
  /** Number of public-housing tenants; the other registers are sized from it. */
  scale: number;
  seed?: string;
  asOf?: string;
}

export interface Manifest {
  generator: 'jianxing demo generate';
  seed: string;
  scale: number;
  as_of: string;
  ground_truth: string;
  datasets: Record<string, FileReport>;
}

export class GenerateOptionsError extends Error {}

function checkOptions(options: GenerateOptions): Required<GenerateOptions> {
  const { scale, seed = DEFAULT_SEED, asOf = DEFAULT_AS_OF } = options;
  if (!Number.isInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new GenerateOptionsError(`scale must be a whole number from ${MIN_SCALE} to ${MAX_SCALE.toLocaleString('en')}, got ${scale}`);
  }
  if (!isIsoDate(asOf)) throw new GenerateOptionsError(`as_of must be a date (YYYY-MM-DD), got "${asOf}"`);
  if (seed === '') throw new GenerateOptionsError('the seed must not be empty');
  return { outDir: options.outDir, scale, seed, asOf };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function generateDemoData(options: GenerateOptions): Promise<{ manifest: Manifest; truth: GroundTruthFile }> {
  const { outDir, scale, seed, asOf } = checkOptions(options);
  fs.mkdirSync(outDir, { recursive: true });

  const root = new Random(`jianxing-demo:${seed}`);
  const truth = new GroundTruth(asOf, BUILT_IN_MODELS.map((m) => m.id));
  const kinds = BUILT_IN_KINDS.map((k) => k.kind);
  const files = new Map<string, { file: DatasetFile; columns: Set<string>; required: string[] }>();
  for (const kind of BUILT_IN_KINDS) {
    const file = new DatasetFile(outDir, kind, FILE_SPECS[kind.kind], root.fork(`file:${kind.kind}`), asOf);
    await file.open();
    files.set(kind.kind, { file, columns: new Set(kind.columns.map((c) => c.name)), required: kind.columns.filter((c) => c.required).map((c) => c.name) });
  }

  const ctx: PlantContext = {
    scale,
    asOf,
    windowStart: shiftDays(asOf, -364),
    asOfMonth: monthOf(asOf),
    rng: root.fork('plant'),
    people: new People(root.fork('people')),
    ids: new Identifiers(root.fork('identifiers')),
    truth,
    linkNoise: noiseCycle(),
    // A planting mistake (a misspelt column, a required value left out) must not ship as data.
    emit(kind, values, rowOptions) {
      const target = files.get(kind);
      if (!target) throw new Error(`no dataset kind ${kind}`);
      for (const column in values) if (!target.columns.has(column)) throw new Error(`${kind} has no column ${column}`);
      for (const column of target.required) {
        if ((values[column] ?? null) === null && rowOptions?.defect?.column !== column) throw new Error(`${kind}.${column} is required`);
      }
      target.file.add({ values, ...rowOptions });
    },
    async pump() {
      for (const { file } of files.values()) await file.flush();
    },
  };

  await plantTenants(ctx);
  await plantPractitioners(ctx);
  await plantPensions(ctx);
  await plantDrunkDrivers(ctx);
  await plantPenalties(ctx);
  await plantNonLitigationEnforcement(ctx);
  await plantBackground(ctx);
  plantMalformed(ctx, kinds);

  const datasets: Record<string, FileReport> = {};
  for (const [kind, { file }] of files) datasets[kind] = await file.close();
  const manifest: Manifest = { generator: 'jianxing demo generate', seed, scale, as_of: asOf, ground_truth: GROUND_TRUTH_FILE, datasets };
  const truthFile = truth.toJSON();
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), json(manifest));
  fs.writeFileSync(path.join(outDir, GROUND_TRUTH_FILE), json(truthFile));
  return { manifest, truth: truthFile };
}
