/**
 * Brings non-prosecution decisions into the clue register (DOMAIN.md process 1: every
 * non-prosecution is reviewed): automatically after each import of a `non_prosecution_decisions`
 * dataset, and on demand from the newest version. Already registered decisions are skipped, so
 * running it twice changes nothing. The transfer date is the day the decisions reach the register.
 */
import type { Db } from '../db/index.js';
import { tableReference, type Warehouse } from '../db/warehouse.js';
import { today } from '../today.js';
import { procuratorateFor, registerNonProsecutionDecisions } from './clues.js';
import type { CommandContext } from './context.js';
import { resolveDatasets } from './models.js';

const isoDay = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

async function readDecisions(warehouse: Warehouse, table: string) {
  // The table name comes from the dataset registry, never from a request.
  const rows = await warehouse.query(`SELECT decision_no, procuratorate, id_number, name, charge, kind, decided_on, facts FROM ${tableReference(warehouse, table)} ORDER BY decided_on, decision_no`, []);
  return rows.map((r) => ({
    decision_no: String(r.decision_no),
    procuratorate: (r.procuratorate as string | null) ?? null,
    id_number: (r.id_number as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    charge: String(r.charge),
    kind: String(r.kind),
    decided_on: isoDay(r.decided_on)!,
    facts: (r.facts as string | null) ?? null,
  }));
}

/** After an import: the rows of the version just committed. */
export async function registerImportedDecisions(db: Db, warehouse: Warehouse, ctx: CommandContext, table: string) {
  const procuratorateId = await procuratorateFor(db, ctx);
  return registerNonProsecutionDecisions(db, ctx, procuratorateId, await readDecisions(warehouse, table), today());
}

/** On demand: the newest version of the (single) non-prosecution dataset. */
export async function syncNonProsecutionClues(db: Db, warehouse: Warehouse, ctx: CommandContext, procuratorateId: string) {
  const { tables, problems } = await resolveDatasets(db, warehouse, ['non_prosecution_decisions']);
  const table = tables.get('non_prosecution_decisions');
  if (!table) return { read: 0, created: 0, alreadyRegistered: 0, problem: problems[0]?.message ?? 'no dataset' };
  const decisions = await readDecisions(warehouse, table.table);
  return { ...(await registerNonProsecutionDecisions(db, ctx, procuratorateId, decisions, today())), problem: null, dataset: table.dataset, datasetVersion: table.version };
}
