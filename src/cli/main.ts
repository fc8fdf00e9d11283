import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../server/config.js';
import { auditCommand } from './audit.js';
import { backupCommand, restoreCommand } from './backup.js';
import { demoCommand } from './demo.js';
import { importCommand } from './import.js';
import { modelsCommand } from './models.js';
import { CliError } from './io.js';
import { orgsCommand } from './orgs.js';
import { startCommand } from './start.js';
import { usersCommand } from './users.js';

const USAGE = `jianxing — 检行 command line

  jianxing start [--port N] [--no-demo]
  jianxing users add <username> --name NAME --org ORG --roles r1,r2 [--department DEPT] [--password P]
  jianxing users list [--json]
  jianxing users reset-password <username> [--password P]
  jianxing orgs list [--json]
  jianxing audit verify [--json]
  jianxing import <kind> <file> [--dataset NAME] [--org ORG] [--sheet NAME] [--encoding auto|utf8|gbk|gb18030|utf16le] [--strict] [--json]
  jianxing models list [--json]
  jianxing models explain <model-id> [--locale zh-CN|en-US]
  jianxing models run <model-id> [--as-of YYYY-MM-DD] [--param name=value]... [--json]
  jianxing demo generate --out DIR [--scale N] [--seed S] [--as-of YYYY-MM-DD] [--json]
  jianxing backup <file>
  jianxing restore <file>

Common options: --data-dir DIR (or JIANXING_DATA_DIR; default ./data), --json`;

export type Handler = (args: string[], values: Record<string, string | string[] | boolean | undefined>, config: Config) => Promise<void>;

const commands: Record<string, Handler> = {
  start: startCommand,
  users: usersCommand,
  orgs: orgsCommand,
  audit: auditCommand,
  import: importCommand,
  models: modelsCommand,
  demo: demoCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-demo': { type: 'boolean' },
      json: { type: 'boolean' },
      name: { type: 'string' },
      org: { type: 'string' },
      roles: { type: 'string' },
      department: { type: 'string' },
      password: { type: 'string' },
      dataset: { type: 'string' },
      sheet: { type: 'string' },
      encoding: { type: 'string' },
      strict: { type: 'boolean' },
      'as-of': { type: 'string' },
      param: { type: 'string', multiple: true },
      locale: { type: 'string' },
      out: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const handler = commands[command];
  if (!handler) throw new CliError(`unknown command "${command}" (see jianxing --help)`);
  const config = loadConfig({
    ...(values['data-dir'] && { dataDir: values['data-dir'] }),
    ...(values.port && { port: Number(values.port) }),
    ...(values['no-demo'] && { seedDemo: false }),
  });
  await handler(rest, values, config);
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`jianxing: ${err instanceof CliError ? err.message : err.message || String(err)}\n`);
  if (!(err instanceof CliError) && process.env.JIANXING_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(err instanceof CliError ? err.exitCode : 1);
});
