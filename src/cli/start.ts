import type { Handler } from './main.js';
import { ensureWebBuilt } from './webBuild.js';
import { startServer } from '../server/start.js';

export const startCommand: Handler = async (_args, _values, config) => {
  await ensureWebBuilt((line) => process.stdout.write(`${line}\n`));
  const server = await startServer(config);
  process.stdout.write(`JianXing is running at ${server.url} (data: ${config.dataDir})\n`);
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal} received, shutting down…\n`);
    server.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
};
