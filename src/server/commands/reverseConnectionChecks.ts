/**
 * The review checklist of a reverse-connection case (DOMAIN §3) as far as it can be computed:
 * the pure checks of domain/reverseConnection, plus the person's earlier penalties looked up by ID
 * number in the shared `admin_penalties` data. Facts and flags for the procurator; nothing here
 * decides whether a penalty is due.
 */
import { BUILT_IN_HOLIDAY_CALENDAR } from '../../domain/calendar/holidayCalendar.js';
import type { IsoDate } from '../../domain/calendar/isoDate.js';
import type { DeadlineSettings } from '../../domain/deadlines/clocks.js';
import { maskIdNumber, normalizeIdNumber } from '../../domain/idNumber.js';
import {
  ageAtActCheck,
  limitationCheck,
  nonProsecutionKindCheck,
  priorPenaltyCheck,
  transferCheck,
  type AgeResult,
  type LimitationResult,
  type NonProsecutionKind,
  type NonProsecutionKindResult,
  type PenaltyRecord,
  type PriorPenaltyResult,
  type TransferResult,
} from '../../domain/reverseConnection/checks.js';
import type { Db } from '../db/index.js';
import { tableReference, versionOfTable, type Warehouse } from '../db/warehouse.js';
import { seesDataset } from '../policies/datasets.js';
import type { Actor } from '../policies/policy.js';
import { recordAudit } from './audit.js';
import type { CommandContext } from './context.js';
import { today } from '../today.js';

export interface ReviewCheckInput {
  /** The day the act was committed (or began, for a continuing act). */
  actDate: IsoDate;
  continuingActEndDate?: IsoDate | null;
  /** Touched life, health or financial security and did harm (5-year limitation). */
  severeHarm?: boolean;
  discoveryDate?: IsoDate | null;
  /** A limitation period set by another law, entered by the reviewer. */
  specialLimitation?: { months: number; basis: string } | null;
  /** The day the checks are made for (default today). */
  asOf?: IsoDate;
  /** The non-prosecuted person: 15 or 18 digits, any notation. */
  idNumber?: string | null;
  birthDate?: IsoDate | null;
  chargeText?: string | null;
  nonProsecution?: { kind: NonProsecutionKind; decisionDate?: IsoDate | null; transferredOn?: IsoDate | null } | null;
  settings?: {
    /** Leave conditional (minors') non-prosecutions out of the review (unconfirmed: default no). */
    excludeConditional?: boolean;
    /** Penalties decided within this many days after the act may be for the same act (default 30). */
    sameActWindowDays?: number;
    deadlines?: DeadlineSettings;
  };
}

/** A penalty found in a dataset version; `partyId` is the full number (presenters mask it). */
export interface FoundPenalty extends PenaltyRecord {
  partyId: string;
  partyName: string | null;
  amountInvolved: string | null;
  transferred: string | null;
  dataset: { id: string; name: string; version: number; versionId: string };
}

export type PriorPenaltyLookup =
  /** No ID number given, or one that is not valid: an invalid ID never takes part in a match (DATA-SPEC §2). */
  | { status: 'no_id_number' | 'invalid_id_number' }
  /** No admin_penalties dataset has been imported: not an error, the check simply has no data. */
  | { status: 'no_dataset' }
  /** There are such datasets, but none the viewer may read. */
  | { status: 'not_visible' }
  | {
      status: 'searched';
      datasets: FoundPenalty['dataset'][];
      /** Versions that could not be read, with the reason. */
      failed: (FoundPenalty['dataset'] & { reason: string })[];
      result: PriorPenaltyResult<FoundPenalty>;
    };

export interface ReviewChecks {
  asOf: IsoDate;
  /** The ID number as normalized (18 digits) when valid; presenters mask it. */
  idNumber: string | null;
  limitation: LimitationResult;
  age: AgeResult;
  nonProsecutionKind: NonProsecutionKindResult | null;
  /** Only with a decision date. */
  transfer: TransferResult | null;
  priorPenalties: PriorPenaltyLookup;
}

/** Who asks: their dataset visibility applies, and the lookup of a person is written to the audit log. */
export interface ReviewViewer {
  actor: Actor;
  ctx: CommandContext;
}


/** The newest committed version of each admin_penalties dataset, with what visibility needs. */
async function penaltyDatasets(db: Db) {
  const rows = await db
    .selectFrom('dataset_versions as v')
    .innerJoin('datasets as d', 'd.id', 'v.dataset_id')
    .select(['d.id as datasetId', 'd.name', 'd.owner_organization_id', 'd.visible_roles', 'd.visible_organization_ids', 'v.id as versionId', 'v.version', 'v.warehouse_table'])
    .where('d.kind', '=', 'admin_penalties')
    .where('v.status', '=', 'committed')
    .orderBy('v.version', 'desc')
    .execute();
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!newest.has(row.datasetId)) newest.set(row.datasetId, row);
  return [...newest.values()];
}

/** The forms a person's number may be stored in: 18 digits, and 15 for those born in the 1900s. */
function storedForms(id18: string): string[] {
  return id18.slice(6, 8) === '19' ? [id18, id18.slice(0, 6) + id18.slice(8, 17)] : [id18];
}

async function lookUpPenalties(db: Db, warehouse: Warehouse, id18: string, viewer?: ReviewViewer) {
  const all = await penaltyDatasets(db);
  if (all.length === 0) return { status: 'no_dataset' as const };
  const visible = viewer
    ? all.filter((d) => seesDataset(viewer.actor, { ownerOrganizationId: d.owner_organization_id, visibleRoles: d.visible_roles, visibleOrganizationIds: d.visible_organization_ids }))
    : all;
  if (visible.length === 0) return { status: 'not_visible' as const };
  const forms = storedForms(id18);
  const found: FoundPenalty[] = [];
  const datasets: FoundPenalty['dataset'][] = [];
  const failed: (FoundPenalty['dataset'] & { reason: string })[] = [];
  for (const d of visible) {
    const dataset = { id: d.datasetId, name: d.name, version: d.version!, versionId: d.versionId };
    const table = d.warehouse_table;
    if (!table || versionOfTable(table) === null) {
      failed.push({ ...dataset, reason: 'no warehouse table' });
      continue;
    }
    const qualified = tableReference(warehouse, table);
    const placeholders = forms.map((_, i) => `$${i + 1}`).join(', ');
    try {
      const rows = await warehouse.query(
        `SELECT "decision_no", "agency", "party_id", "party_name", "violation_code", CAST("amount_involved" AS VARCHAR) AS "amount_involved", CAST("fine" AS VARCHAR) AS "fine", CAST("decided_on" AS VARCHAR) AS "decided_on", "transferred" FROM ${qualified} WHERE upper("party_id") IN (${placeholders}) ORDER BY "decided_on"`,
        forms,
      );
      datasets.push(dataset);
      for (const r of rows) {
        // The party column is text (it also holds USCCs): confirm the number is the same person's.
        if (normalizeIdNumber(String(r.party_id)).value !== id18) continue;
        found.push({
          decisionNo: String(r.decision_no),
          agency: r.agency === null ? null : String(r.agency),
          violationCode: r.violation_code === null ? null : String(r.violation_code),
          decidedOn: r.decided_on === null ? null : String(r.decided_on).slice(0, 10),
          fine: r.fine === null ? null : String(r.fine),
          partyId: String(r.party_id),
          partyName: r.party_name === null ? null : String(r.party_name),
          amountInvolved: r.amount_involved === null ? null : String(r.amount_involved),
          transferred: r.transferred === null ? null : String(r.transferred),
          dataset,
        });
      }
    } catch (err) {
      failed.push({ ...dataset, reason: (err as Error).message });
    }
  }
  if (viewer) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, viewer.ctx, {
        action: 'person.penalty_lookup',
        recordType: 'person',
        recordId: null,
        details: { idNumber: maskIdNumber(id18), datasetVersions: datasets.map((d) => d.versionId), found: found.length },
      }),
    );
  }
  return { status: 'searched' as const, datasets, failed, found };
}

/**
 * Computes every check the input allows. Throws RangeError for dates that cannot be (an act
 * ending before it began); a missing penalty dataset is reported in the result, not thrown.
 * Pass `viewer` for requests: dataset visibility then applies and the lookup is audited.
 */
export async function computeReviewChecks(db: Db, warehouse: Warehouse, input: ReviewCheckInput, viewer?: ReviewViewer): Promise<ReviewChecks> {
  const asOf = input.asOf ?? today();
  const settings = input.settings ?? {};
  const limitation = limitationCheck({
    actDate: input.actDate,
    continuingActEndDate: input.continuingActEndDate,
    severeHarm: input.severeHarm ?? false,
    discoveryDate: input.discoveryDate,
    asOf,
    specialPeriod: input.specialLimitation,
  });
  const age = ageAtActCheck({ birthDate: input.birthDate, idNumber: input.idNumber, actDate: input.actDate });
  const np = input.nonProsecution ?? null;
  const nonProsecutionKind = np ? nonProsecutionKindCheck(np.kind, { excludeConditional: settings.excludeConditional }) : null;
  const transfer =
    np?.decisionDate != null
      ? transferCheck({ decisionDate: np.decisionDate, transferredOn: np.transferredOn ?? null, asOf, calendar: BUILT_IN_HOLIDAY_CALENDAR, settings: settings.deadlines })
      : null;

  const id = input.idNumber ? normalizeIdNumber(input.idNumber) : null;
  let priorPenalties: PriorPenaltyLookup;
  if (!id || id.value === null) priorPenalties = { status: 'no_id_number' };
  else if (!id.valid) priorPenalties = { status: 'invalid_id_number' };
  else {
    const lookup = await lookUpPenalties(db, warehouse, id.value, viewer);
    priorPenalties =
      lookup.status === 'searched'
        ? {
            status: 'searched',
            datasets: lookup.datasets,
            failed: lookup.failed,
            result: priorPenaltyCheck(lookup.found, {
              actDate: input.actDate,
              continuingActEndDate: input.continuingActEndDate,
              chargeText: input.chargeText,
              windowDays: settings.sameActWindowDays,
            }),
          }
        : lookup;
  }
  return { asOf, idNumber: id?.valid ? id.value : null, limitation, age, nonProsecutionKind, transfer, priorPenalties };
}
