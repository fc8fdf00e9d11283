/**
 * What the planting code shares: the clock (as_of and its window), the random streams, the
 * people and numbers handed out so far, the ground truth, and where rows go.
 */
import type { SynthRow } from './formats.js';
import type { GroundTruth } from './groundTruth.js';
import type { Identifiers } from './identifiers.js';
import { ID_NOISES, type IdNoise } from './noise.js';
import type { People } from './people.js';
import type { Random } from './random.js';

export type Values = Record<string, string | null>;
export type RowOptions = Omit<SynthRow, 'values'>;

export interface PlantContext {
  scale: number;
  asOf: string;
  /** First day of the 365-day window ending on as_of (public-housing `detained`). */
  windowStart: string;
  asOfMonth: string;
  rng: Random;
  people: People;
  ids: Identifiers;
  truth: GroundTruth;
  emit(kind: string, values: Values, options?: RowOptions): void;
  /** The ID noise for the next planted link: every kind in turn. */
  linkNoise(): IdNoise;
  /** Lets the writers catch up; called between batches of subjects. */
  pump(): Promise<void>;
}

/** A way of planting one subject (a tenant, a practitioner …): a hit, a near miss, or a mix. */
export interface Variant<S> {
  name: string;
  /** Share of the population that gets this variant … */
  share: number;
  /** … but at least this many, so a small demo still has every case. */
  min: number;
  plant(ctx: PlantContext, subject: S): void;
}

/**
 * Which variant each member of a population gets (-1: none), shuffled. Every variant gets its
 * share of the population, and at least its minimum.
 */
export function deal(rng: Random, size: number, variants: readonly Variant<never>[], population: string): Int16Array {
  const slots = new Int16Array(size).fill(-1);
  let used = 0;
  variants.forEach((v, i) => {
    const n = Math.max(v.min, Math.round(v.share * size));
    if (used + n > size) throw new RangeError(`the ${population} (${size}) leave no room for "${v.name}": use a larger scale`);
    slots.fill(i, used, used + n);
    used += n;
  });
  rng.shuffle(slots);
  return slots;
}

/** Cycles through every kind of ID noise, so that planted links carry all of them. */
export function noiseCycle(): () => IdNoise {
  let i = 0;
  return () => ID_NOISES[i++ % ID_NOISES.length];
}

/** CNY with two decimals, from an amount in yuan. */
export const money = (yuan: number) => (Math.round(yuan * 100) / 100).toFixed(2);

/** A whole amount between lo and hi yuan, in steps of `step`. */
export const roundAmount = (rng: Random, lo: number, hi: number, step = 1) => money(lo + step * rng.int(Math.floor((hi - lo) / step) + 1));
