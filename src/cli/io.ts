import { openDatabase, type Database } from '../server/db/index.js';
import { readPostmasterPid } from '../server/db/embedded.js';
import type { Config } from '../server/config.js';
import { runningServerPid } from '../server/instanceLock.js';

/** A failure the user caused or can fix: printed as one line, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(rows: Record<string, unknown>[]) {
  if (!rows.length) {
    process.stdout.write('(none)\n');
    return;
  }
  const keys = Object.keys(rows[0]);
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const cell = (v: unknown) => (Array.isArray(v) ? v.join(',') : v === null || v === undefined ? '' : String(v));
  const widths = keys.map((k) => Math.max(width(k), ...rows.map((r) => width(cell(r[k])))));
  const line = (vals: string[]) => vals.map((v, i) => v + ' '.repeat(widths[i] - width(v))).join('  ').trimEnd();
  process.stdout.write(`${line(keys)}\n${rows.map((r) => line(keys.map((k) => cell(r[k])))).join('\n')}\n`);
}

/**
 * Opens the system of record for a CLI command. When a JianXing server is running on the same
 * data directory, the command talks to that server's PostgreSQL instead of starting another.
 */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  let existingPort: number | undefined;
  if (!config.databaseUrl && runningServerPid(config.dataDir)) {
    existingPort = readPostmasterPid(config.dataDir)?.port;
  }
  const database = await openDatabase(config, { existingPort, poolSize: 2 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
