/**
 * Small in-memory DuckDB warehouses for model tests: each dataset is a table laid out as the
 * importer stores it (canonical columns, `<id>_valid` flags, `_line`), filled from inline rows
 * whose IDs and names go through the same normalization an import applies.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { builtInKind, idValidColumn, type KindDefinition } from '../domain/datasetKinds.js';
import { normalizeIdNumber } from '../domain/idNumber.js';
import { normalizePersonName } from '../domain/personName.js';
import type { DatasetResolver } from './compiler.js';
import type { WarehouseQuery } from './runner.js';

const SQL_TYPE = { id: 'VARCHAR', name: 'VARCHAR', text: 'VARCHAR', enum: 'VARCHAR', month: 'VARCHAR', date: 'DATE', money: 'DECIMAL(18,2)', decimal: 'DECIMAL(18,4)', int: 'BIGINT' } as const;

export type FixtureRows = Record<string, Record<string, string | number | null>[]>;

export interface FixtureWarehouse extends WarehouseQuery {
  datasets: DatasetResolver;
  close(): void;
}

export async function fixtureWarehouse(data: FixtureRows): Promise<FixtureWarehouse> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const tables = new Map<string, KindDefinition>();
  for (const [kindName, rows] of Object.entries(data)) {
    const kind = builtInKind(kindName);
    if (!kind) throw new Error(`unknown kind ${kindName}`);
    const columns = kind.columns.flatMap((c) => (c.type === 'id' ? [`"${c.name}" VARCHAR`, `"${idValidColumn(c)}" BOOLEAN`] : [`"${c.name}" ${SQL_TYPE[c.type]}`]));
    await connection.run(`CREATE TABLE "fx_${kindName}" (_line BIGINT, ${columns.join(', ')})`);
    let line = 1;
    for (const row of rows) {
      line++;
      const values: (string | number | boolean | null)[] = [line];
      for (const c of kind.columns) {
        const raw = row[c.name] ?? null;
        if (c.type === 'id') {
          const id = normalizeIdNumber(raw === null ? null : String(raw));
          values.push(id.value, id.valid);
        } else if (c.type === 'name') values.push(raw === null ? null : normalizePersonName(String(raw)));
        else values.push(raw);
      }
      const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
      await connection.run(`INSERT INTO "fx_${kindName}" VALUES (${placeholders})`, values as never);
    }
    tables.set(kindName, kind);
  }
  return {
    datasets: (kind) => {
      const def = tables.get(kind) ?? builtInKind(kind);
      if (!def) return undefined;
      return { kind: def, table: `fx_${kind}` };
    },
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
