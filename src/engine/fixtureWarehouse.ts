/**
 * Small warehouses for model tests (in-memory DuckDB, or a PostgreSQL schema): each dataset is a
 * table laid out as the importer stores it (canonical columns, `<id>_valid` flags, `<name>_pinyin`,
 * `_line`), filled from inline rows whose IDs and names go through the same normalization an
 * import applies. Kinds are the built-in ones, or definitions the test passes (custom kinds).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type pg from 'pg';
import { builtInKind, idValidColumn, namePinyinColumn, type ColumnType, type KindDefinition } from '../domain/datasetKinds.js';
import { normalizeIdNumber } from '../domain/idNumber.js';
import { namePinyin, normalizePersonName } from '../domain/personName.js';
import type { DatasetResolver } from './compiler.js';
import { POSTGRES_WAREHOUSE_FUNCTIONS } from './dialects.js';
import type { WarehouseQuery } from './runner.js';

export type FixtureRows = Record<string, Record<string, string | number | null>[]>;

export interface FixtureWarehouse extends WarehouseQuery {
  datasets: DatasetResolver;
  close(): void | Promise<void>;
}

type Value = string | number | boolean | null;
const DUCKDB_TYPE: Record<ColumnType, string> = { id: 'VARCHAR', name: 'VARCHAR', text: 'VARCHAR', enum: 'VARCHAR', month: 'VARCHAR', date: 'DATE', money: 'DECIMAL(18,2)', decimal: 'DECIMAL(18,4)', int: 'BIGINT' };
const POSTGRES_TYPE: Record<ColumnType, string> = { id: 'text', name: 'text', text: 'text', enum: 'text', month: 'text', date: 'date', money: 'numeric(18,2)', decimal: 'numeric(18,4)', int: 'bigint' };

function layout(kindName: string, rows: FixtureRows[string], types: Record<ColumnType, string>, boolType: string, custom: KindDefinition[]) {
  const kind = custom.find((k) => k.kind === kindName) ?? builtInKind(kindName);
  if (!kind) throw new Error(`unknown kind ${kindName}`);
  const columns = [
    '_line BIGINT',
    ...kind.columns.flatMap((c) =>
      c.type === 'id' ? [`"${c.name}" ${types.id}`, `"${idValidColumn(c)}" ${boolType}`]
      : c.type === 'name' ? [`"${c.name}" ${types.name}`, `"${namePinyinColumn(c)}" ${types.name}`]
      : [`"${c.name}" ${types[c.type]}`],
    ),
  ];
  const values = rows.map((row, i): Value[] => [
    i + 2, // line 1 is the header
    ...kind.columns.flatMap((c): Value[] => {
      const raw = row[c.name] ?? null;
      if (c.type === 'id') {
        const id = normalizeIdNumber(raw === null ? null : String(raw));
        return [id.value, id.valid];
      }
      if (c.type === 'name') return raw === null ? [null, null] : [normalizePersonName(String(raw)), namePinyin(String(raw))];
      return [raw];
    }),
  ]);
  return { kind, columns, values };
}

function resolver(tables: Map<string, KindDefinition>, prefix: string): DatasetResolver {
  return (kind) => {
    const def = tables.get(kind);
    return def ? { kind: def, table: `${prefix}${kind}` } : undefined;
  };
}

export async function fixtureWarehouse(data: FixtureRows, kinds: KindDefinition[] = []): Promise<FixtureWarehouse> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const tables = new Map<string, KindDefinition>();
  for (const [kindName, rows] of Object.entries(data)) {
    const { kind, columns, values } = layout(kindName, rows, DUCKDB_TYPE, 'BOOLEAN', kinds);
    await connection.run(`CREATE TABLE "fx_${kindName}" (${columns.join(', ')})`);
    for (const row of values) await connection.run(`INSERT INTO "fx_${kindName}" VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row as never);
    tables.set(kindName, kind);
  }
  return {
    datasets: resolver(tables, 'fx_'),
    async query(sql, params) {
      const reader = await connection.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The same fixture in PostgreSQL, with tables named `<prefix><kind>` in the client's database. */
export async function postgresFixtureWarehouse(client: pg.Client, data: FixtureRows, prefix: string, kinds: KindDefinition[] = []): Promise<FixtureWarehouse> {
  const tables = new Map<string, KindDefinition>();
  // What opening a PostgreSQL warehouse creates (the similarity of fuzzy_name links).
  await client.query(POSTGRES_WAREHOUSE_FUNCTIONS);
  for (const [kindName, rows] of Object.entries(data)) {
    const { kind, columns, values } = layout(kindName, rows, POSTGRES_TYPE, 'boolean', kinds);
    await client.query(`CREATE TABLE "${prefix}${kindName}" (${columns.join(', ')})`);
    for (const row of values) await client.query(`INSERT INTO "${prefix}${kindName}" VALUES (${row.map((_, i) => `$${i + 1}`).join(', ')})`, row);
    tables.set(kindName, kind);
  }
  return {
    datasets: resolver(tables, prefix),
    async query(sql, params) {
      return (await client.query(sql, params)).rows;
    },
    close() {},
  };
}
