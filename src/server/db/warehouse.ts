import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBListValue, DuckDBStructValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Config } from '../config.js';
import { parallelWorkers } from '../../ingest/parallelRead.js';
import type { StoredColumn, StoredType } from '../../ingest/tableLayout.js';
import { POSTGRES_WAREHOUSE_FUNCTIONS } from '../../engine/dialects.js';
import type { Database } from './index.js';

/**
 * The warehouse holds shared datasets and runs models. DuckDB (a file under the data directory)
 * by default; with JIANXING_WAREHOUSE=postgres the datasets live in the PostgreSQL server, in
 * the schema `warehouse`. Each dataset version is one table, loaded under a staging name and
 * renamed when complete, so a table under its final name always holds a whole import.
 */
export interface Warehouse {
  kind: 'duckdb' | 'postgres';
  /** Where dataset tables live (PostgreSQL keeps them in a schema of their own). */
  datasetSchema?: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Runs SQL with $1… parameters; values come back as plain JS values (numbers, strings,
   * booleans, null), dates and decimals as text. */
  query(sql: string, params: unknown[], options?: { signal?: AbortSignal }): Promise<Record<string, unknown>[]>;
  /** Creates the staging table of `name` and returns its loader. */
  loadTable(name: string, columns: StoredColumn[]): Promise<TableLoad>;
  dropTable(name: string): Promise<void>;
  /** Every dataset table, staging ones included, for recovery after a crash. */
  datasetTables(): Promise<string[]>;
  queryRows(name: string, columns: StoredColumn[], query: RowQuery): Promise<RowPage>;
}

export interface TableLoad {
  /** Adds rows encoded by CsvEncoder (whole rows per chunk). */
  append(csv: Buffer): Promise<void>;
  /** Renames the staging table to its final name: the rows become readable all at once. */
  publish(): Promise<void>;
  /** Drops the staging table. */
  abort(): Promise<void>;
}

/** Rows matching any of the conditions (all rows without conditions), in file order. */
export interface RowQuery {
  anyOf?: { column: string; op: 'contains' | 'equals'; value: string }[];
  limit: number;
  offset: number;
}

export type StoredRow = Record<string, string | number | boolean | null>;

export interface RowPage {
  total: number;
  rows: StoredRow[];
}

const TABLE_PREFIX = 'ds_';
const STAGING_SUFFIX = '_loading';

/** The table of a dataset version: its id without dashes, so a valid identifier. */
export function datasetTableName(versionId: string): string {
  return `${TABLE_PREFIX}${versionId.replace(/-/g, '')}`;
}

/** A dataset table as SQL may name it in `Warehouse.query`: quoted, and schema-qualified where
 * the warehouse keeps datasets in a schema of their own. Names come from the registry only. */
export function tableReference(warehouse: Pick<Warehouse, 'datasetSchema'>, table: string): string {
  return warehouse.datasetSchema ? `${quoteId(warehouse.datasetSchema)}.${quoteId(table)}` : quoteId(table);
}

export function stagingTableName(name: string): string {
  return `${name}${STAGING_SUFFIX}`;
}

/** The version id a table (final or staging) belongs to, or null for other tables. */
export function versionOfTable(table: string): string | null {
  const m = /^ds_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})(?:_loading)?$/.exec(table);
  return m ? m.slice(1).join('-') : null;
}

function assertTableName(name: string) {
  if (versionOfTable(name) === null) throw new Error(`not a dataset table name: ${name}`);
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface Dialect {
  types: Record<StoredType, string>;
  /** How a column is selected so that it arrives as a JSON-friendly value. */
  select(column: StoredColumn): string;
  asText: (expr: string) => string;
}

/** Measurements (areas, kWh) as doubles: DuckDB parses DECIMAL(38,x) three times slower, and
 * nothing sums them to the cent. Money stays exact. */
const DUCKDB: Dialect = {
  types: { line: 'BIGINT', text: 'VARCHAR', date: 'DATE', decimal: 'DOUBLE', money: 'DECIMAL(18,2)', int: 'BIGINT', bool: 'BOOLEAN', json: 'JSON' },
  select: (c) => {
    const id = quoteId(c.name);
    if (c.type === 'line' || c.type === 'int') return `CAST(${id} AS DOUBLE) AS ${id}`;
    if (c.type === 'date' || c.type === 'money' || c.type === 'json') return `CAST(${id} AS VARCHAR) AS ${id}`;
    return id;
  },
  asText: (expr) => `CAST(${expr} AS VARCHAR)`,
};

const POSTGRES: Dialect = {
  types: { line: 'bigint', text: 'text', date: 'date', decimal: 'double precision', money: 'numeric(18,2)', int: 'bigint', bool: 'boolean', json: 'jsonb' },
  select: (c) => {
    const id = quoteId(c.name);
    if (c.type === 'line' || c.type === 'int') return `${id}::double precision AS ${id}`;
    if (c.type === 'date' || c.type === 'money' || c.type === 'json') return `${id}::text AS ${id}`;
    return id;
  },
  asText: (expr) => `${expr}::text`,
};

function createTableSql(dialect: Dialect, qualifiedName: string, columns: StoredColumn[], columnSuffix: (c: StoredColumn) => string = () => ''): string {
  return `CREATE TABLE ${qualifiedName} (${columns.map((c) => `${quoteId(c.name)} ${dialect.types[c.type]}${columnSuffix(c)}`).join(', ')})`;
}

/**
 * The compression of an imported table's string columns in DuckDB, chosen instead of analysed:
 * left to itself DuckDB tries every method on every segment it writes, which cost about 1 s of
 * CPU per million rows of a property register (a third of the warehouse's share of an import)
 * for a file only about 8 % smaller (measured 45 against 49 MiB). Columns of few distinct values
 * (enumerations, months) take a dictionary, the others FSST, which is what the analysis picks
 * for names, addresses and numbers anyway.
 */
function duckDbCompression(column: StoredColumn): string {
  if (column.type !== 'text' && column.type !== 'json') return '';
  const fewValues = !column.pinyinOf && (column.source?.type === 'enum' || column.source?.type === 'month');
  return ` USING COMPRESSION ${fewValues ? 'dictionary' : 'fsst'}`;
}

/** SELECT … and SELECT count(*) for a page of rows, with their parameters. */
function rowQuerySql(dialect: Dialect, qualifiedName: string, columns: StoredColumn[], query: RowQuery) {
  const params: string[] = [];
  const known = new Set(columns.map((c) => c.name));
  const conditions = (query.anyOf ?? []).map((cond) => {
    if (!known.has(cond.column)) throw new Error(`unknown column ${cond.column}`);
    params.push(cond.op === 'contains' ? likePattern(cond.value) : cond.value);
    const column = dialect.asText(quoteId(cond.column));
    // Both dialects number their parameters $1, $2 …
    return cond.op === 'contains' ? `${column} ILIKE $${params.length} ESCAPE '\\'` : `${column} = $${params.length}`;
  });
  const where = conditions.length ? ` WHERE ${conditions.join(' OR ')}` : '';
  return {
    params,
    count: `SELECT count(*) AS total FROM ${qualifiedName}${where}`,
    rows: `SELECT ${columns.map(dialect.select).join(', ')} FROM ${qualifiedName}${where} ORDER BY "_line" LIMIT ${Math.trunc(query.limit)} OFFSET ${Math.trunc(query.offset)}`,
  };
}

/** A DuckDB value as a plain JS value: BIGINT as a number, lists and structs as arrays and
 * objects, dates, timestamps and decimals as their SQL text. */
function plainDuckValue(value: DuckDBValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBListValue) return value.items.map(plainDuckValue);
  if (value instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, plainDuckValue(v)]));
  return String(value);
}

/**
 * The columns of a layout that a table has: versions imported before a derived column existed
 * (the pinyin of names) lack it and are still read, without it.
 */
async function presentColumns(warehouse: Warehouse, schema: string, table: string, columns: StoredColumn[]): Promise<StoredColumn[]> {
  if (!columns.some((c) => c.pinyinOf)) return columns;
  const rows = await warehouse.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [schema, table]);
  const present = new Set(rows.map((r) => String(r.column_name)));
  return columns.filter((c) => !c.pinyinOf || present.has(c.name));
}

async function pageOfRows(warehouse: Warehouse, sql: ReturnType<typeof rowQuerySql>, columns: StoredColumn[]): Promise<RowPage> {
  const [{ total }] = await warehouse.query(sql.count, sql.params);
  const rows = (await warehouse.query(sql.rows, sql.params)) as StoredRow[];
  // JSON columns arrive as text from both dialects.
  const json = columns.filter((c) => c.type === 'json').map((c) => c.name);
  for (const row of rows) for (const name of json) if (typeof row[name] === 'string') row[name] = JSON.parse(row[name] as string);
  return { total: Number(total), rows };
}

// ---------------------------------------------------------------------------------------------

/** Rows are handed to DuckDB in CSV files of about this size, each loaded while the next one is
 * being filled, so DuckDB's parsing runs on the other core beside the import. */
const DUCKDB_CHUNK_BYTES = 16 * 1024 * 1024;

class DuckDbTableLoad implements TableLoad {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private part = 0;
  private copying: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private closed = false;

  constructor(
    private readonly warehouse: DuckDbWarehouse,
    private readonly connection: DuckDBConnection,
    private readonly name: string,
  ) {}

  private get staging() {
    return stagingTableName(this.name);
  }

  async append(csv: Buffer): Promise<void> {
    this.pending.push(csv);
    this.pendingBytes += csv.length;
    if (this.pendingBytes >= DUCKDB_CHUNK_BYTES) await this.copyPending();
  }

  private async copyPending(): Promise<void> {
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    // One file loads while the next one fills; never more in flight.
    await this.copying;
    if (this.failure) throw this.failure;
    if (chunks.length === 0) return;
    const file = path.join(this.warehouse.tmpDir, `${this.staging}-${this.part++}.csv`);
    await fs.promises.writeFile(file, chunks);
    this.copying = this.connection
      // Every option given and nothing detected: the file is CsvEncoder's, and the columns are
      // the table's.
      .run(`COPY ${quoteId(this.staging)} FROM '${file.replace(/'/g, "''")}' (FORMAT csv, AUTO_DETECT false, HEADER false, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\\n', NULL '')`)
      .then(
        () => undefined,
        (err: unknown) => {
          this.failure = err;
        },
      )
      .finally(() => fs.promises.rm(file, { force: true }));
  }

  private async close() {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    await this.warehouse.endLoad();
  }

  async publish(): Promise<void> {
    try {
      await this.copyPending();
      await this.copying;
      if (this.failure) throw this.failure;
      await this.connection.run(`ALTER TABLE ${quoteId(this.staging)} RENAME TO ${quoteId(this.name)}`);
      await this.connection.run('COMMIT');
    } finally {
      // Closing a connection rolls back a transaction it left open.
      await this.close();
    }
  }

  async abort(): Promise<void> {
    await this.copying;
    await this.close();
    await this.warehouse.dropTable(this.staging);
  }
}

/** DuckDB's threads while a table loads: an import's worker threads keep the other cores busy
 * normalizing, and a COPY on two threads beside them took about 1.2 s more CPU per million rows
 * than on one (measured 2.9 against 1.6 s on 2 cores), for no shorter load. */
function duckDbLoadThreads(): number {
  return Math.max(1, os.availableParallelism() - parallelWorkers());
}

class DuckDbWarehouse implements Warehouse {
  readonly kind = 'duckdb' as const;
  /** Loads in progress, and DuckDB's threads setting from before the first of them. */
  private loads = 0;
  private threadsBeforeLoads: string | null = null;
  /** Changes of the threads setting, one after the other. */
  private threadsChange: Promise<void> = Promise.resolve();

  constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly tmpDir: string,
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

  /** Each load and query gets its own connection: DuckDB runs them concurrently (MVCC). */
  private async withConnection<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  }

  async loadTable(name: string, columns: StoredColumn[]): Promise<TableLoad> {
    assertTableName(name);
    fs.mkdirSync(this.tmpDir, { recursive: true });
    const connection = await this.instance.connect();
    try {
      await this.beginLoad(connection);
    } catch (err) {
      connection.closeSync();
      throw err;
    }
    try {
      // One transaction from the staging table's creation to its rename: the rows go straight
      // into the data file as row groups fill (not through the write-ahead log and a checkpoint
      // after every COPY, measured ≈ 8 % of DuckDB's work), and a process killed midway leaves
      // nothing at all behind.
      await connection.run('BEGIN TRANSACTION');
      await connection.run(createTableSql(DUCKDB, quoteId(stagingTableName(name)), columns, duckDbCompression));
    } catch (err) {
      connection.closeSync();
      await this.endLoad();
      throw err;
    }
    return new DuckDbTableLoad(this, connection, name);
  }

  /** Fewer DuckDB threads while any table loads (see duckDbLoadThreads); the setting is the
   * instance's, so it is restored when the last load ends. */
  private beginLoad(connection: DuckDBConnection): Promise<void> {
    const change = this.threadsChange.then(async () => {
      if (this.loads === 0) {
        const r = await connection.runAndReadAll(`SELECT current_setting('threads') AS threads`);
        this.threadsBeforeLoads = String(r.getRowObjectsJS()[0]?.threads);
        await connection.run(`SET threads = ${duckDbLoadThreads()}`);
      }
      this.loads++;
    });
    this.threadsChange = change.catch(() => {});
    return change;
  }

  endLoad(): Promise<void> {
    const change = this.threadsChange.then(async () => {
      if (--this.loads > 0 || this.threadsBeforeLoads === null) return;
      const threads = Number(this.threadsBeforeLoads);
      this.threadsBeforeLoads = null;
      if (Number.isInteger(threads) && threads > 0) await this.withConnection((c) => c.run(`SET threads = ${threads}`));
    });
    this.threadsChange = change.catch(() => {});
    return change;
  }

  async dropTable(name: string): Promise<void> {
    assertTableName(name);
    await this.withConnection((c) => c.run(`DROP TABLE IF EXISTS ${quoteId(name)}`));
  }

  async datasetTables(): Promise<string[]> {
    return this.withConnection(async (c) => {
      const r = await c.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_name LIKE 'ds\\_%' ESCAPE '\\'`);
      return r.getRowObjectsJS().map((row) => String(row.table_name));
    });
  }

  /** With a signal, aborting it interrupts the running query (a model run being cancelled). */
  async query(sql: string, params: unknown[], options: { signal?: AbortSignal } = {}): Promise<Record<string, unknown>[]> {
    const { signal } = options;
    return this.withConnection(async (c) => {
      if (signal?.aborted) throw new Error('query cancelled before it started');
      const interrupt = () => c.interrupt();
      signal?.addEventListener('abort', interrupt, { once: true });
      try {
        const rows = (await c.runAndReadAll(sql, params as DuckDBValue[])).getRowObjects();
        return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainDuckValue(v)])));
      } finally {
        signal?.removeEventListener('abort', interrupt);
      }
    });
  }

  async queryRows(name: string, columns: StoredColumn[], query: RowQuery): Promise<RowPage> {
    assertTableName(name);
    const present = await presentColumns(this, 'main', name, columns);
    return pageOfRows(this, rowQuerySql(DUCKDB, quoteId(name), present, query), present);
  }
}

// ---------------------------------------------------------------------------------------------

const SCHEMA = 'warehouse';
const qualified = (name: string) => `${SCHEMA}.${quoteId(name)}`;

class PostgresTableLoad implements TableLoad {
  private readonly copy: ReturnType<typeof copyFrom>;
  private failure: unknown = null;
  private released = false;

  constructor(
    private readonly warehouse: PostgresWarehouse,
    private readonly client: pg.PoolClient,
    private readonly name: string,
  ) {
    this.copy = client.query(copyFrom(`COPY ${qualified(stagingTableName(name))} FROM STDIN (FORMAT csv)`));
    this.copy.on('error', (err) => {
      this.failure = err;
    });
  }

  private release(discard = false) {
    if (this.released) return;
    this.released = true;
    this.client.release(discard);
  }

  async append(csv: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.copy.write(csv)) await once(this.copy, 'drain');
  }

  async publish(): Promise<void> {
    try {
      if (!this.failure) {
        const finished = new Promise((resolve) => this.copy.once('finish', resolve).once('close', resolve));
        this.copy.end();
        await finished;
      }
      if (this.failure) throw this.failure;
      await this.client.query(`ALTER TABLE ${qualified(stagingTableName(this.name))} RENAME TO ${quoteId(this.name)}`);
      this.release();
    } catch (err) {
      this.release(true);
      throw err;
    }
  }

  async abort(): Promise<void> {
    if (!this.released && !this.copy.destroyed && !this.copy.writableFinished) {
      // Destroying the stream sends CopyFail: the server rolls the COPY back.
      const closed = new Promise((resolve) => this.copy.once('close', resolve));
      this.copy.destroy(new Error('import aborted'));
      await closed;
    }
    this.release(true);
    await this.warehouse.dropTable(stagingTableName(this.name));
  }
}

class PostgresWarehouse implements Warehouse {
  readonly kind = 'postgres' as const;
  readonly datasetSchema = SCHEMA;
  constructor(private readonly pool: pg.Pool) {}

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async loadTable(name: string, columns: StoredColumn[]): Promise<TableLoad> {
    assertTableName(name);
    const client = await this.pool.connect();
    try {
      await client.query(createTableSql(POSTGRES, qualified(stagingTableName(name)), columns));
    } catch (err) {
      client.release();
      throw err;
    }
    return new PostgresTableLoad(this, client, name);
  }

  async dropTable(name: string): Promise<void> {
    assertTableName(name);
    await this.pool.query(`DROP TABLE IF EXISTS ${qualified(name)}`);
  }

  async datasetTables(): Promise<string[]> {
    const { rows } = await this.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'ds\\_%'`,
      [SCHEMA],
    );
    return rows.map((r) => r.table_name);
  }

  async query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return (await this.pool.query(sql, params)).rows;
  }

  async queryRows(name: string, columns: StoredColumn[], query: RowQuery): Promise<RowPage> {
    assertTableName(name);
    const present = await presentColumns(this, SCHEMA, name, columns);
    return pageOfRows(this, rowQuerySql(POSTGRES, qualified(name), present, query), present);
  }
}

// ---------------------------------------------------------------------------------------------

export function warehouseFile(dataDir: string): string {
  return path.join(dataDir, 'warehouse.duckdb');
}

export async function openWarehouse(config: Config, database: Database): Promise<Warehouse> {
  if (config.warehouse === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.appUrl, max: 5, idleTimeoutMillis: 10_000 });
    // An idle client losing its server (e.g. during shutdown) must not crash the process.
    pool.on('error', () => {});
    // Functions the compiled models call (fuzzy_name similarity). Replacing them needs their
    // owner: where another role created them already, they are used as they are.
    await pool.query(POSTGRES_WAREHOUSE_FUNCTIONS).catch(async (err: unknown) => {
      const { rows } = await pool.query(`SELECT to_regprocedure('warehouse.jx_text_similarity(text,text)') IS NOT NULL AS present`);
      if (!rows[0]?.present) throw err;
    });
    return new PostgresWarehouse(pool);
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(warehouseFile(config.dataDir), {
      // DuckDB would otherwise cache up to 80 % of the machine's memory; beyond this it works
      // from disk. Keeps an import of a million rows under 1 GiB of resident memory.
      memory_limit: process.env.JIANXING_DUCKDB_MEMORY ?? '512MB',
    });
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message)) {
      throw new Error(`the warehouse ${warehouseFile(config.dataDir)} is in use by another process (is JianXing already running?)`);
    }
    throw err;
  }
  return new DuckDbWarehouse(instance, await instance.connect(), path.join(config.dataDir, 'tmp'));
}
