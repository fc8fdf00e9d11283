import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, readPostmasterPid, superuserUrl } from '../../src/server/db/embedded.js';
import { DEMO_PASSWORD } from '../../src/server/db/seed.js';
import { loadSecrets } from '../../src/server/secrets.js';
import { cli, login, loginOnOwnConnection, startServerProcess, tempDataDir, type ServerProcess } from '../helpers/serverProcess.js';

const dataDir = tempDataDir('process');
let server: ServerProcess | undefined;

afterAll(async () => {
  if (server && server.proc.exitCode === null) {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function stop(signal: NodeJS.Signals) {
  server!.proc.kill(signal);
  return server!.exited;
}

describe('the jianxing server process', () => {
  it('starts on a fresh data directory, migrates, seeds the demo and prints the demo users', async () => {
    server = await startServerProcess(dataDir);
    expect(server.output()).toContain('Demo users (password for all: Jianxing@2026)');
    expect(server.output()).toContain('police_liaison');
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', postgres: { ok: true, embedded: true }, warehouse: { ok: true, kind: 'duckdb' } });
    expect((await login(server.url, 'procurator1', DEMO_PASSWORD)).status).toBe(200);
    // The web app is served with its client-side routes.
    const page = await fetch(`${server.url}/directory`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('refuses a second server on the same data directory with a clear message', async () => {
    const second = cli(dataDir, 'start', '--port', '0');
    expect(second.status).not.toBe(0);
    expect(second.stderr).toMatch(/already running on .* \(pid \d+\)/);
  });

  it('lets the CLI work beside the running server: users, orgs, audit verify', async () => {
    const add = cli(dataDir, 'users', 'add', 'cli_liaison', '--name', '测试联络员', '--org', '区教委', '--roles', 'agency_liaison', '--password', 'Cli-pass-2026');
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const list = JSON.parse(cli(dataDir, 'users', 'list', '--json').stdout);
    expect(list).toContainEqual(expect.objectContaining({ username: 'cli_liaison', organization: '区教委', roles: ['agency_liaison'] }));
    expect((await login(server!.url, 'cli_liaison', 'Cli-pass-2026')).status).toBe(200);
    const orgs = JSON.parse(cli(dataDir, 'orgs', 'list', '--json').stdout);
    expect(orgs.map((o: { shortName: string }) => o.shortName)).toContain('朝阳交通支队');
    const bad = cli(dataDir, 'users', 'add', 'x1', '--name', 'x', '--org', '不存在的单位', '--roles', 'observer');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('jianxing: no organization named "不存在的单位" (see jianxing orgs list)');
    const reset = cli(dataDir, 'users', 'reset-password', 'cli_liaison');
    expect(reset.stdout).toMatch(/temporary password: \S+/);
    const verify = cli(dataDir, 'audit', 'verify');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/audit log intact: \d+ events/);
  });

  it('writes a backup while serving', async () => {
    const backup = cli(dataDir, 'backup', path.join(dataDir, 'backup.jxb'));
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/backup written to .*: \d+ tables, \d+ rows/);
  });

  it('detects tampering with `jianxing audit verify` and exits non-zero', async () => {
    const { port } = readPostmasterPid(dataDir)!;
    const client = new pg.Client(superuserUrl(port, loadSecrets(dataDir).postgresPassword, 'jianxing'));
    await client.connect();
    await client.query('SET session_replication_role = replica');
    await client.query(`UPDATE audit_events SET actor_name = 'someone else' WHERE seq = 3`);
    await client.end();
    const verify = cli(dataDir, 'audit', 'verify');
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain('audit log TAMPERED');
    expect(verify.stdout).toContain('event 3: hash mismatch');
  });

  it('recovers after SIGKILL: the orphaned PostgreSQL and the stale pid file do not block the next start', async () => {
    const postmaster = readPostmasterPid(dataDir)!;
    expect(await stop('SIGKILL')).toBe('SIGKILL');
    expect(isAlive(postmaster.pid)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'jianxing.pid'))).toBe(true);
    // Request logging on, so the next test can see when its requests have reached the server.
    server = await startServerProcess(dataDir, { LOG_LEVEL: 'info' });
    expect(isAlive(postmaster.pid)).toBe(false);
    expect(cli(dataDir, 'users', 'add', 'after_backup', '--name', '备份后', '--org', '区教委', '--roles', 'agency_liaison', '--password', 'After-2026x').status).toBe(0);
    expect(server.output()).not.toContain('Demo users');
    expect((await login(server.url, 'cli_liaison', 'Cli-pass-2026')).status).toBe(401);
    expect((await login(server.url, 'procurator1', DEMO_PASSWORD)).status).toBe(200);
  });

  it('shuts down cleanly on SIGTERM: in-flight requests finish, PostgreSQL stops, the pid file goes', async () => {
    const postmaster = readPostmasterPid(dataDir)!;
    // Twelve argon2 checks keep the server busy for a few hundred milliseconds.
    const received = () => server!.output().split('\n').filter((l) => l.includes('"msg":"incoming request"') && l.includes('/api/auth/login')).length;
    const before = received();
    const inFlight = Array.from({ length: 12 }, (_, i) => loginOnOwnConnection(server!.url, i % 2 ? 'procurator1' : 'procurator2', DEMO_PASSWORD));
    const finishedAt: number[] = [];
    const statuses = Promise.all(inFlight.map((r) => r.status.then((s) => (finishedAt.push(Date.now()), s))));
    // Signal only once the server has taken in every request (its own log says so).
    while (received() < before + 12) await new Promise((r) => setTimeout(r, 5));
    const killedAt = Date.now();
    server!.proc.kill('SIGTERM');
    expect((await statuses).every((s) => s === 200)).toBe(true);
    // Some requests were still being served when the signal came, and they completed.
    expect(finishedAt.some((t) => t > killedAt)).toBe(true);
    expect(await server!.exited).toBe(0);
    expect(isAlive(postmaster.pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'jianxing.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('restores a backup into the stopped embedded database', async () => {
    const restore = cli(dataDir, 'restore', path.join(dataDir, 'backup.jxb'));
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toMatch(/restored .*: \d+ tables, \d+ rows/);
    // The backup predates the tampering and the password reset: the chain is intact again.
    expect(cli(dataDir, 'audit', 'verify').status).toBe(0);
    server = await startServerProcess(dataDir);
    const users = JSON.parse(cli(dataDir, 'users', 'list', '--json').stdout).map((u: { username: string }) => u.username);
    expect(users).toContain('cli_liaison');
    expect(users).not.toContain('after_backup');
    expect((await login(server.url, 'after_backup', 'After-2026x')).status).toBe(401);
    expect((await login(server.url, 'procurator1', DEMO_PASSWORD)).status).toBe(200);
  });

  it('refuses to restore while the server runs, and rejects a file that is not a backup', async () => {
    const busy = cli(dataDir, 'restore', path.join(dataDir, 'backup.jxb'));
    expect(busy.status).toBe(2);
    expect(busy.stderr).toMatch(/stop the JianXing server \(pid \d+\) before restoring/);
    await stop('SIGTERM');
    fs.writeFileSync(path.join(dataDir, 'junk.jxb'), 'not a backup');
    const junk = cli(dataDir, 'restore', path.join(dataDir, 'junk.jxb'));
    expect(junk.status).toBe(2);
    expect(junk.stderr).toMatch(/is not a JianXing backup/);
  });
});
