import path from 'node:path';
import { builtInKind } from '../../domain/datasetKinds.js';
import { BUILT_IN_MODELS } from '../../engine/builtins.js';
import { generateDemoData } from '../../engine/synthetic/generate.js';
import { systemContext } from '../commands/context.js';
import { createDataset, importDataset, type ImportDeps } from '../commands/datasets.js';
import { runModel } from '../commands/models.js';

/** Which demo organization hands over which dataset (null: a source outside the demo, e.g. the utility). */
const OWNERS: Record<string, string | null> = {
  public_housing_tenants: '区住建委',
  property_registrations: '区住建委',
  vehicle_registrations: '朝阳交通支队',
  driver_licenses: '朝阳交通支队',
  business_registrations: '区市场监管局',
  admin_penalties: '区市场监管局',
  death_records: '朝阳公安分局',
  detention_records: '朝阳公安分局',
  practitioners: '区教委',
  social_benefit_payments: '区人社局',
  non_prosecution_decisions: '朝阳区检察院',
  criminal_judgments: '朝阳法院',
  court_enforcement_filings: '朝阳法院',
  utility_usage: null,
};

export const DEMO_SCALE = 200;

/**
 * The demo's shared data: synthetic files for every built-in kind (mixed formats and identity
 * noise), imported through the same pipeline as real uploads, then one run of each built-in model,
 * so a new user finds datasets, versions, rejected rows and hits to review.
 */
export async function seedDemoDatasets(deps: ImportDeps, log: (line: string) => void): Promise<void> {
  const { db, dataDir } = deps;
  const existing = await db.selectFrom('datasets').select('id').limit(1).execute();
  if (existing.length) return;
  const ctx = systemContext('demo-seed');
  const sources = path.join(dataDir, 'demo-sources');
  const { manifest } = await generateDemoData({ outDir: sources, scale: DEMO_SCALE });
  const orgs = await db.selectFrom('organizations').select(['id', 'short_name']).execute();
  for (const [kind, report] of Object.entries(manifest.datasets)) {
    const owner = OWNERS[kind] ?? null;
    const datasetId = await createDataset(db, ctx, {
      kind,
      name: kind,
      ownerOrganizationId: orgs.find((o) => o.short_name === owner)?.id ?? null,
      legalBasis: 'agreement',
      legalBasisNote: '朝阳区府检联动工作协议（演示数据）',
    });
    const outcome = await importDataset(deps, ctx, { datasetId, kind: builtInKind(kind)!, file: path.join(sources, report.file), fileName: report.file });
    log(`demo dataset ${kind}: ${outcome.status}, ${outcome.report?.rowsImported ?? 0} rows, ${outcome.report?.rowsRejected ?? 0} rejected`);
  }
  for (const model of BUILT_IN_MODELS) {
    const run = await runModel(db, deps.warehouse, ctx, { modelId: model.id, asOf: manifest.as_of });
    log(`demo run ${model.id}: ${run.hits.length} hits`);
  }
}
