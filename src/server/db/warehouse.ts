import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from './index.js';

/**
 * The warehouse holds shared datasets and runs models. DuckDB (a file under the data directory)
 * by default; with JIANXING_WAREHOUSE=postgres the datasets live in the PostgreSQL server.
 */
export interface Warehouse {
  kind: 'duckdb' | 'postgres';
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

class DuckDbWarehouse implements Warehouse {
  readonly kind = 'duckdb' as const;
  constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  async ping(): Promise<boolean> {
    try {
      const r = await this.connection.runAndReadAll('SELECT 42 AS answer');
      return Number(r.getRowObjectsJS()[0]?.answer) === 42;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

class PostgresWarehouse implements Warehouse {
  readonly kind = 'postgres' as const;
  constructor(private readonly db: Db) {}

  async ping(): Promise<boolean> {
    try {
      await sql`SELECT 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {}
}

export function warehouseFile(dataDir: string): string {
  return path.join(dataDir, 'warehouse.duckdb');
}

export async function openWarehouse(config: Config, db: Db): Promise<Warehouse> {
  if (config.warehouse === 'postgres') return new PostgresWarehouse(db);
  fs.mkdirSync(config.dataDir, { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(warehouseFile(config.dataDir));
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message)) {
      throw new Error(`the warehouse ${warehouseFile(config.dataDir)} is in use by another process (is JianXing already running?)`);
    }
    throw err;
  }
  return new DuckDbWarehouse(instance, await instance.connect());
}
