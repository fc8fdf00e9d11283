import { builtInKind } from '../domain/datasetKinds.js';
import { compileModel, ModelCompileError } from '../engine/compiler.js';
import { DIALECTS } from '../engine/dialects.js';
import { explainModel, type Locale } from '../engine/explain.js';
import { systemContext } from '../server/commands/context.js';
import { currentModel, ensureBuiltInModels, kindsOf, resolveDatasets, runModel } from '../server/commands/models.js';
import { openWarehouse } from '../server/db/warehouse.js';
import type { RunProgress } from '../server/db/schemaModels.js';
import { AppError } from '../server/errors.js';
import { runningServerPid } from '../server/instanceLock.js';
import { listModels } from '../server/presenters/models.js';
import { today } from '../server/today.js';
import { CliError, printJson, printTable, withDatabase } from './io.js';
import type { Handler } from './main.js';

const USAGE = `usage:
  jianxing models list [--json]
  jianxing models explain <model-id> [--locale zh-CN|en-US]
  jianxing models run <model-id> [--as-of YYYY-MM-DD] [--param name=value]... [--json]`;

function parseParams(values: unknown): Record<string, string> {
  const list = Array.isArray(values) ? values : values ? [values] : [];
  return Object.fromEntries(
    list.map((p: string) => {
      const eq = p.indexOf('=');
      if (eq < 1) throw new CliError(`--param needs name=value, got "${p}"`);
      return [p.slice(0, eq), p.slice(eq + 1)];
    }),
  );
}

/** One line per stage on stderr, for a person watching a terminal (stdout keeps the result, or the JSON). */
function progressLine(progress: RunProgress): string | null {
  const seconds = `${(progress.elapsedMs / 1000).toFixed(1)} s`;
  switch (progress.stage) {
    case 'subjects':
      return `compiled; counting subjects… (${seconds})`;
    case 'rule':
      return `rule ${progress.rule!.index}/${progress.rule!.total} ${progress.rule!.id}: ${progress.subjects} subjects, ${progress.hits} hits so far (${seconds})`;
    case 'compare':
      return `comparing ${progress.hits} hits with the previous run… (${seconds})`;
    case 'write':
      return progress.written ? null : `writing ${progress.hits} hits… (${seconds})`;
    default:
      return null;
  }
}

/** Problems found in a model or its inputs, one per line, with where they are. */
function explainFailure(err: unknown): never {
  if (err instanceof AppError) {
    const fields = (err.extra.fields as { path: string; message: string }[] | undefined) ?? [];
    throw new CliError(fields.length ? fields.map((f) => `${f.path}: ${f.message}`).join('; ') : err.message);
  }
  throw err;
}

export const modelsCommand: Handler = async ([sub, id], values, config) => {
  if (sub === 'list') {
    return withDatabase(config, async ({ db }) => {
      await ensureBuiltInModels(db);
      const models = await listModels(db);
      if (values.json) return printJson(models.map((m) => ({ id: m.id, version: m.version, title: m.title, rules: m.rules.map((r) => r.id), builtIn: m.builtIn })));
      printTable(models.map((m) => ({ id: m.id, version: m.version, title: m.title['zh-CN'], rules: m.rules.map((r) => r.id) })));
    });
  }
  if (!id || (sub !== 'explain' && sub !== 'run')) throw new CliError(USAGE);
  const locale = (values.locale === 'en-US' ? 'en-US' : 'zh-CN') as Locale;
  const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : today();
  const parameters = parseParams(values.param);

  if (sub === 'explain') {
    return withDatabase(config, async (database) => {
      await ensureBuiltInModels(database.db);
      const doc = await currentModel(database.db, id).catch(() => {
        throw new CliError(`no model "${id}" (see jianxing models list)`);
      });
      process.stdout.write(`${explainModel(doc, locale, parameters)}\n\n`);
      // The SQL against the datasets the model would read now, or against placeholder tables.
      const dialect = DIALECTS[config.warehouse];
      const { tables } = await resolveDatasets(database.db, { kind: config.warehouse, datasetSchema: config.warehouse === 'postgres' ? 'warehouse' : undefined, query: async () => [] }, kindsOf(doc));
      try {
        const compiled = compileModel({
          document: doc,
          dialect,
          asOf,
          parameters,
          datasets: (kind) => tables.get(kind) ?? resolvePlaceholder(kind),
        });
        process.stdout.write(`-- SQL (${dialect.name}), parameters: ${JSON.stringify(compiled.params)}\n${compiled.sql}\n`);
      } catch (err) {
        if (err instanceof ModelCompileError) throw new CliError(err.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
        throw err;
      }
    });
  }

  const pid = runningServerPid(config.dataDir);
  if (pid) throw new CliError(`JianXing is running (pid ${pid}) and holds the warehouse: run the model from the web app or POST /api/models/${id}/runs`);
  await withDatabase(config, async (database) => {
    await ensureBuiltInModels(database.db);
    const warehouse = await openWarehouse(config, database);
    try {
      const onProgress = process.stderr.isTTY
        ? (progress: RunProgress) => {
            const line = progressLine(progress);
            if (line) process.stderr.write(`${line}\n`);
          }
        : undefined;
      const outcome = await runModel(database.db, warehouse, systemContext('cli'), { modelId: id, asOf, parameters }, { onProgress }).catch(explainFailure);
      if (values.json) {
        return printJson({
          model: outcome.model,
          model_version: outcome.modelVersion,
          as_of: outcome.asOf,
          run_id: outcome.runId,
          parameters: outcome.parameters,
          datasets: outcome.datasetVersions,
          hits: outcome.hits.map((h) => ({ subject_key: h.subjectKey, id_number: h.idNumber, name: h.name, rules: h.rules, change: h.change, evidence: h.evidence, summaries: h.summaries })),
          resolved: outcome.resolved,
          stats: { subjects: outcome.subjects, hits: outcome.hits.length, new: outcome.hits.filter((h) => h.change === 'new').length, resolved: outcome.resolved.length, elapsed_ms: outcome.elapsedMs },
        });
      }
      process.stdout.write(`${outcome.model} v${outcome.modelVersion} as of ${outcome.asOf}: ${outcome.hits.length} hits among ${outcome.subjects} subjects in ${outcome.elapsedMs} ms (run ${outcome.runId})\n`);
      printTable(outcome.hits.slice(0, 50).map((h) => ({ subject: h.subjectKey, name: h.name ?? '', rules: h.rules, change: h.change })));
      if (outcome.hits.length > 50) process.stdout.write(`… ${outcome.hits.length - 50} more (use --json)\n`);
    } finally {
      await warehouse.close();
    }
  });
};

/** Before any import, explain shows the SQL over tables named after the kinds. */
function resolvePlaceholder(kind: string) {
  const def = builtInKind(kind);
  return def && { kind: def, table: kind };
}
