import fs from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { APP_ROLE, DATABASE_NAME, grantAppRole, migrate } from '../server/db/index.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { migrations } from '../server/db/migrations/index.js';
import { runningServerPid } from '../server/instanceLock.js';
import { CliError, withDatabase } from './io.js';
import type { Handler } from './main.js';

const FORMAT = 'jianxing-backup';
const END_OF_DATA = '\\.';

interface Header {
  format: typeof FORMAT;
  formatVersion: 1;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

async function userTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_migration%'
      ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

async function write(out: NodeJS.WritableStream, chunk: string | Buffer) {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * A logical backup of the system of record, taken online from one consistent snapshot: a gzip
 * file holding a JSON header, then each table's rows in COPY text format.
 */
export const backupCommand: Handler = async ([file], _values, config) => {
  if (!file) throw new CliError('usage: jianxing backup <file>');
  const tmp = `${file}.partial`;
  await withDatabase(config, async (database) => {
    const client = new pg.Client(database.ownerUrl);
    await client.connect();
    const gz = zlib.createGzip();
    const done = new Promise<void>((resolve, reject) => gz.pipe(fs.createWriteStream(tmp)).on('finish', () => resolve()).on('error', reject));
    let rows = 0;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const tables = await userTables(client);
      const applied = await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name');
      const header: Header = { format: FORMAT, formatVersion: 1, createdAt: new Date().toISOString(), migrations: applied.rows.map((r) => r.name), tables };
      await write(gz, `${JSON.stringify(header)}\n`);
      for (const table of tables) {
        await write(gz, `#TABLE ${table}\n`);
        const stream = client.query(copyTo(`COPY ${pg.escapeIdentifier(table)} TO STDOUT`));
        for await (const chunk of stream) {
          rows += (chunk as Buffer).toString('utf8').split('\n').length - 1;
          await write(gz, chunk as Buffer);
        }
        await write(gz, `${END_OF_DATA}\n`);
      }
      await client.query('COMMIT');
      gz.end();
      await done;
      fs.renameSync(tmp, file);
      process.stdout.write(`backup written to ${file}: ${tables.length} tables, ${rows} rows\n`);
    } catch (err) {
      gz.destroy();
      fs.rmSync(tmp, { force: true });
      throw err;
    } finally {
      await client.end();
    }
  });
};

async function* readBackup(file: string) {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  yield* lines;
}

/**
 * Restores a backup into the embedded database, replacing its contents. The server must be
 * stopped. The schema is rebuilt to the backup's migration level, the rows are copied in one
 * transaction, then later migrations run, so a backup from an older version restores too.
 */
export const restoreCommand: Handler = async ([file], _values, config) => {
  if (!file || !fs.existsSync(file)) throw new CliError(`usage: jianxing restore <file> (file ${file ?? ''} not found)`);
  if (config.databaseUrl) throw new CliError('restore works on the embedded database; for an external PostgreSQL use its own tools (pg_restore)');
  const pid = runningServerPid(config.dataDir);
  if (pid) throw new CliError(`stop the JianXing server (pid ${pid}) before restoring`);

  const lines = readBackup(file)[Symbol.asyncIterator]();
  let header: Header;
  try {
    const first = await lines.next();
    header = JSON.parse(String(first.value));
  } catch {
    throw new CliError(`${file} is not a JianXing backup`);
  }
  if (header.format !== FORMAT) throw new CliError(`${file} is not a JianXing backup`);
  const unknown = header.migrations.filter((m) => !(m in migrations));
  if (unknown.length) throw new CliError(`the backup comes from a newer JianXing (migrations ${unknown.join(', ')}); upgrade first`);

  const server = await startEmbeddedPostgres(config.dataDir);
  try {
    const admin = new pg.Client(server.superuserUrl);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
    await admin.end();
    const url = new URL(server.superuserUrl);
    url.pathname = `/${DATABASE_NAME}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    // A connection cut when PostgreSQL stops at the end must not crash the command.
    pool.on('error', () => {});
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    const last = header.migrations.at(-1);
    if (last) {
      const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(last);
      if (error) throw error;
    }
    const client = await pool.connect();
    let rows = 0;
    try {
      await client.query('BEGIN');
      // Replica mode skips triggers and foreign-key checks while tables fill in any order.
      await client.query('SET LOCAL session_replication_role = replica');
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        const match = /^#TABLE (\w+)$/.exec(next.value);
        if (!match || !header.tables.includes(match[1])) throw new CliError(`corrupt backup near "${next.value.slice(0, 40)}"`);
        const copy = client.query(copyFrom(`COPY ${pg.escapeIdentifier(match[1])} FROM STDIN`));
        for (next = await lines.next(); !next.done && next.value !== END_OF_DATA; next = await lines.next()) {
          await write(copy, `${next.value}\n`);
          rows++;
        }
        if (next.done) throw new CliError('the backup is truncated');
        copy.end();
        await once(copy, 'finish');
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    await migrate(db);
    await grantAppRole(db, APP_ROLE);
    await db.destroy();
    process.stdout.write(`restored ${file}: ${header.tables.length} tables, ${rows} rows (backup of ${header.createdAt})\n`);
  } finally {
    await server.stop();
  }
};
