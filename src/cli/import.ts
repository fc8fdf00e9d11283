import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_ENCODINGS, type SourceEncoding } from '../ingest/encoding.js';
import type { ReadProgress } from '../ingest/pipeline.js';
import { systemContext } from '../server/commands/context.js';
import { allKinds, resolveKind } from '../server/commands/datasetKinds.js';
import { createDataset, importDataset, recoverInterruptedImports, type ImportOutcome } from '../server/commands/datasets.js';
import type { Db } from '../server/db/index.js';
import { openWarehouse } from '../server/db/warehouse.js';
import { runningServerPid } from '../server/instanceLock.js';
import { CliError, printJson, withDatabase } from './io.js';
import type { Handler } from './main.js';

const USAGE = `usage: jianxing import <kind> <file> [--dataset NAME] [--org ORG] [--sheet NAME] [--encoding auto|${SOURCE_ENCODINGS.join('|')}] [--strict] [--json]`;

/** Errors listed in the human-readable summary; --json carries them all (up to the stored cap). */
const ERRORS_SHOWN = 20;

function parseEncoding(value: unknown): SourceEncoding | undefined {
  if (value === undefined || value === 'auto') return undefined;
  if (!SOURCE_ENCODINGS.includes(value as SourceEncoding)) throw new CliError(`unknown encoding "${value}" (auto, ${SOURCE_ENCODINGS.join(', ')})`);
  return value as SourceEncoding;
}

/** The organization owning a dataset created from the command line: the one named, else the
 * procuratorate when there is exactly one (the usual installation), else none. */
async function ownerOrganization(db: Db, name: string | undefined): Promise<string | null> {
  if (name) {
    const org = await db.selectFrom('organizations').select('id').where((eb) => eb.or([eb('name', '=', name), eb('short_name', '=', name)])).executeTakeFirst();
    if (!org) throw new CliError(`no organization named "${name}" (see jianxing orgs list)`);
    return org.id;
  }
  const procuratorates = await db.selectFrom('organizations').select('id').where('kind', '=', 'procuratorate').limit(2).execute();
  return procuratorates.length === 1 ? procuratorates[0].id : null;
}

/** A one-line progress bar, redrawn in place on a terminal. */
function progressBar(stream: NodeJS.WriteStream) {
  const width = 30;
  return {
    update({ fraction, rowsRead }: ReadProgress) {
      const filled = Math.round(Math.min(1, fraction) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(fraction * 100)}%  ${rowsRead.toLocaleString('en')} rows`);
    },
    done() {
      stream.write(`\r${' '.repeat(width + 40)}\r`);
    },
  };
}

function jsonReport(kind: string, dataset: string, outcome: ImportOutcome) {
  const r = outcome.report;
  return {
    kind,
    dataset,
    version: outcome.version,
    status: outcome.status,
    ...(outcome.failure && { failure: outcome.failure.message, failure_code: outcome.failure.code }),
    rows_read: r?.rowsRead ?? 0,
    rows_imported: r?.rowsImported ?? 0,
    rows_rejected: r?.rowsRejected ?? 0,
    warnings: r?.warnings ?? [],
    warnings_total: r?.warningsTotal ?? 0,
    errors: r?.errors ?? [],
    errors_total: r?.errorsTotal ?? 0,
    format: r?.format ?? null,
    encoding: r?.encoding ?? null,
  };
}

function printSummary(kind: string, dataset: string, outcome: ImportOutcome) {
  const r = outcome.report;
  const lines: string[] = [];
  if (outcome.status === 'committed' && r) {
    lines.push(`imported ${r.rowsImported} of ${r.rowsRead} rows into ${kind} "${dataset}" as version ${outcome.version} (${r.rowsRejected} rejected, ${r.warningsTotal} warnings; ${r.format}${r.encoding ? `, ${r.encoding}` : ''})`);
  }
  const issues = [...(r?.errors ?? []).map((e) => ({ ...e, kind: 'rejected' })), ...(r?.warnings ?? []).map((w) => ({ ...w, kind: 'warning' }))];
  for (const issue of issues.slice(0, ERRORS_SHOWN)) {
    lines.push(`  line ${issue.line}${issue.column ? `, ${issue.column}` : ''}: ${issue.kind} — ${issue.reason}${issue.value ? ` (${issue.value})` : ''}`);
  }
  if (outcome.clues) {
    lines.push(
      'skipped' in outcome.clues
        ? `  not entered in the clue register: ${outcome.clues.skipped}`
        : `  clue register: ${outcome.clues.created} decisions registered for review, ${outcome.clues.alreadyRegistered} already there`,
    );
  }
  const more = (r?.errorsTotal ?? 0) + (r?.warningsTotal ?? 0) - Math.min(issues.length, ERRORS_SHOWN);
  if (more > 0) lines.push(`  … and ${more} more (use --json for the list)`);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

export const importCommand: Handler = async ([kindName, file, ...extra], values, config) => {
  if (!kindName || !file || extra.length) throw new CliError(USAGE);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`no such file: ${file}`);
  const encoding = parseEncoding(values.encoding);
  const datasetName = typeof values.dataset === 'string' && values.dataset.trim() ? values.dataset.trim() : kindName;
  const serverPid = runningServerPid(config.dataDir);
  if (serverPid && config.warehouse === 'duckdb') {
    // DuckDB admits one process per file, and the server holds it.
    throw new CliError(
      `JianXing is running on ${config.dataDir} (pid ${serverPid}) and holds the warehouse: upload the file in the web app or with POST /api/datasets/uploads, or stop the server first`,
    );
  }

  const { kind, outcome } = await withDatabase(config, async (database) => {
    // Built-in kinds, and the kinds users defined in the web app or with the API.
    const kind = await resolveKind(database.db, kindName);
    if (!kind) {
      const known = (await allKinds(database.db)).map((k) => k.definition.kind);
      throw new CliError(`unknown dataset kind "${kindName}" (kinds: ${known.join(', ')})`);
    }
    const warehouse = await openWarehouse(config, database).catch((err: Error) => {
      throw new CliError(err.message);
    });
    try {
      const deps = { db: database.db, warehouse, dataDir: config.dataDir };
      await recoverInterruptedImports(deps);
      const ctx = systemContext('cli');
      const existing = await database.db.selectFrom('datasets').select('id').where('kind', '=', kind.kind).where('name', '=', datasetName).executeTakeFirst();
      const datasetId =
        existing?.id ??
        (await createDataset(database.db, ctx, {
          kind: kind.kind,
          name: datasetName,
          ownerOrganizationId: await ownerOrganization(database.db, typeof values.org === 'string' ? values.org : undefined),
          legalBasis: 'other',
          legalBasisNote: 'imported from the command line',
        }));
      const bar = process.stderr.isTTY ? progressBar(process.stderr) : null;
      try {
        const outcome = await importDataset(deps, ctx, {
          datasetId,
          kind,
          file: path.resolve(file),
          fileName: path.basename(file),
          encoding,
          sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
          strict: !!values.strict,
          onProgress: bar ? (p) => bar.update(p) : undefined,
        });
        return { kind, outcome };
      } finally {
        bar?.done();
      }
    } finally {
      await warehouse.close();
    }
  });

  if (values.json) printJson(jsonReport(kind.kind, datasetName, outcome));
  else printSummary(kind.kind, datasetName, outcome);
  if (outcome.failure) throw new CliError(outcome.failure.message);
};
