import fs from 'node:fs';
import path from 'node:path';
import { WEB_ROOT } from '../server/app.js';

const WEB_SRC = path.resolve(import.meta.dirname, '../web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist/web is missing or older than its sources (first start, or after a pull). */
export async function ensureWebBuilt(log: (line: string) => void): Promise<void> {
  const index = path.join(WEB_ROOT, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(WEB_SRC)) return;
  log('building the web app (first start or changed sources)…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve(import.meta.dirname, '../../vite.config.ts'), logLevel: 'warn' });
}
