import { CliError, printJson, withDatabase } from './io.js';
import type { Handler } from './main.js';
import { verifyAuditChain } from '../server/commands/audit.js';

export const auditCommand: Handler = async ([sub], values, config) => {
  if (sub !== 'verify') throw new CliError('usage: jianxing audit verify [--json]');
  const result = await withDatabase(config, ({ db }) => verifyAuditChain(db));
  if (values.json) printJson(result);
  else if (result.ok) process.stdout.write(`audit log intact: ${result.events} events, hash chain verified\n`);
  else {
    process.stdout.write(`audit log TAMPERED: ${result.problems.length} problem(s) in ${result.events} events\n`);
    for (const p of result.problems) process.stdout.write(`  event ${p.seq}: ${p.problem.replace('_', ' ')}\n`);
  }
  if (!result.ok) process.exitCode = 1;
};
