import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';

/** Every migration, in order. Names are permanent: they are recorded in kysely_migration. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};
