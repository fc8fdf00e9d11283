import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from './db/embedded.js';

/** data/jianxing.pid names the server process that owns the data directory. */
export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'jianxing.pid');
}

/** The pid of a live JianXing server on this data directory, if any. A dead owner's file is stale. */
export function runningServerPid(dataDir: string): number | null {
  const file = lockFile(dataDir);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  try {
    // A recycled pid of an unrelated process does not count as a running server.
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node') ? pid : null;
  } catch {
    return pid;
  }
}

export function acquireInstanceLock(dataDir: string): () => void {
  const other = runningServerPid(dataDir);
  if (other) throw new Error(`JianXing is already running on ${dataDir} (pid ${other})`);
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  fs.writeFileSync(file, String(process.pid));
  return () => {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
  };
}
