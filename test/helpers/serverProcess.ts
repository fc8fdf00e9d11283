import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/server/db/embedded.js';

const BIN = path.resolve('bin/jianxing.mjs');

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

export function tempDataDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `jx-${prefix}-`));
}

/** Starts `jianxing start` as a real process and waits until it serves HTTP. */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [BIN, 'start', '--data-dir', dataDir, '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const started = Date.now();
  while (!out.includes('JianXing is running')) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited early:\n${out}`);
    if (Date.now() - started > 90_000) throw new Error(`server did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Runs the CLI to completion. */
export function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return res;
}

/**
 * Sends a login on its own connection and resolves `sent` once the whole request is on the wire,
 * so a test knows the request reached the server before it signals the process.
 */
export function loginOnOwnConnection(url: string, username: string, password: string) {
  const body = JSON.stringify({ username, password });
  let markSent!: () => void;
  const sent = new Promise<void>((r) => (markSent = r));
  const status = new Promise<number>((resolve, reject) => {
    const req = http.request(`${url}/api/auth/login`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.on('finish', markSent);
    req.end(body);
  });
  return { sent, status };
}
