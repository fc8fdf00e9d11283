import { idCheckChar } from '../../domain/idNumber.js';
import type { FixtureRows } from '../fixtureWarehouse.js';

/** Inline datasets for one built-in model and the exact hits (subject_key → rule ids) it must give. */
export interface ModelFixture {
  model: string;
  asOf: string;
  subjects: number;
  data: FixtureRows;
  expected: Record<string, string[]>;
}

/** An 18-digit resident ID with a correct check character. */
export const id = (body17: string) => body17 + idCheckChar(body17);

/** The same digits as full-width characters, as some exports write them. */
export const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The 15-digit first-generation form of an 18-digit ID born in the 1900s. */
export const firstGeneration = (id18: string) => id18.slice(0, 6) + id18.slice(8, 17);
