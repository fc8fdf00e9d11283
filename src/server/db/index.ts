import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { loadSecrets } from '../secrets.js';
import { startEmbeddedPostgres, superuserUrl, type EmbeddedServer } from './embedded.js';
import { migrations } from './migrations/index.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;

// PostgreSQL bigint (int8) and numeric arrive as strings by default; counts we read are small.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
/** A calendar date stays the YYYY-MM-DD it is: as a JS Date it would shift with the time zone. */
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export const APP_ROLE = 'jianxing_app';
export const DATABASE_NAME = 'jianxing';

export interface Database {
  db: Db;
  /** Where the database lives, for health reports and the CLI. */
  describe: { embedded: boolean; host: string; database: string };
  /** Connection string of the schema owner (embedded superuser or DATABASE_URL). */
  ownerUrl: string;
  /** Connection string the application uses (the PostgreSQL warehouse opens its own pool). */
  appUrl: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function createKysely<T = DB>(url: string, max = 10): Kysely<T> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 10_000 });
  // An idle client losing its server (e.g. during shutdown) must not crash the process.
  pool.on('error', () => {});
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
}

export async function migrate(ownerDb: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({
    db: ownerDb,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? error}`);
  }
}

/**
 * The application's role may read and write everything except history: it gets no UPDATE,
 * DELETE or TRUNCATE on audit_events (the trigger refuses them for everyone as a second wall).
 */
export async function grantAppRole(ownerDb: Kysely<unknown>, role: string): Promise<void> {
  const r = sql.id(role);
  await sql`GRANT USAGE ON SCHEMA public TO ${r}`.execute(ownerDb);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`.execute(ownerDb);
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`.execute(ownerDb);
  // With JIANXING_WAREHOUSE=postgres the app creates one table per dataset version here.
  await sql`GRANT USAGE, CREATE ON SCHEMA warehouse TO ${r}`.execute(ownerDb);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${r}`.execute(ownerDb);
  await sql`REVOKE ALL ON kysely_migration, kysely_migration_lock FROM ${r}`.execute(ownerDb);
  await sql`GRANT SELECT ON kysely_migration TO ${r}`.execute(ownerDb);
}

async function ensureEmbeddedDatabase(server: EmbeddedServer, dataDir: string, name: string) {
  const secrets = loadSecrets(dataDir);
  const admin = new pg.Client(server.superuserUrl);
  await admin.connect();
  try {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (role.rowCount === 0) {
      await admin.query(`CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${secrets.appPassword.replace(/'/g, "''")}'`);
    }
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (db.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return {
    ownerUrl: withDatabase(server.superuserUrl, name),
    appUrl: `postgres://${APP_ROLE}:${encodeURIComponent(secrets.appPassword)}@127.0.0.1:${server.port}/${name}`,
  };
}

export interface OpenOptions {
  /** Database name inside the embedded server (tests use one per file). */
  databaseName?: string;
  /** Connect to an embedded server that another process already runs on this port. */
  existingPort?: number;
  log?: (line: string) => void;
  poolSize?: number;
}

/** Opens the system of record: starts embedded PostgreSQL if needed, migrates, connects as the app role. */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  let server: EmbeddedServer | undefined;
  let ownerUrl: string;
  let appUrl: string;
  let appRole: string;
  if (config.databaseUrl) {
    ownerUrl = config.databaseUrl;
    appUrl = config.databaseAppUrl ?? config.databaseUrl;
    appRole = new URL(appUrl).username;
  } else {
    const name = options.databaseName ?? DATABASE_NAME;
    if (options.existingPort) {
      const secrets = loadSecrets(config.dataDir);
      server = { port: options.existingPort, superuserUrl: superuserUrl(options.existingPort, secrets.postgresPassword), stop: async () => {} };
    } else {
      server = await startEmbeddedPostgres(config.dataDir, options.log);
    }
    ({ ownerUrl, appUrl } = await ensureEmbeddedDatabase(server, config.dataDir, name));
    appRole = APP_ROLE;
  }
  const ownerDb = createKysely<unknown>(ownerUrl, 2);
  try {
    await migrate(ownerDb);
    if (appUrl !== ownerUrl) await grantAppRole(ownerDb, appRole);
  } finally {
    await ownerDb.destroy();
  }
  const db = createKysely(appUrl, options.poolSize ?? 20);
  const u = new URL(appUrl);
  return {
    db,
    ownerUrl,
    appUrl,
    describe: { embedded: !config.databaseUrl, host: `${u.hostname}:${u.port}`, database: u.pathname.slice(1) },
    async close() {
      await db.destroy();
      await server?.stop();
    },
  };
}
