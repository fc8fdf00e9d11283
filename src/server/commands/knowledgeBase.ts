import type { IsoDate } from '../../domain/calendar/isoDate.js';
import { BUILT_IN_CHARGE_RULES } from '../../domain/knowledgeBase/builtInChargeRules.js';
import { proposeForCharge, type RuleProposal } from '../../domain/knowledgeBase/propose.js';
import type { AgencySector } from '../../domain/knowledgeBase/sectors.js';
import type { ChargeRule } from '../../domain/knowledgeBase/types.js';
import { chargeRuleProblems } from '../../domain/knowledgeBase/validate.js';
import type { OrganizationKind } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import { AppError, conflict, fieldError, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import { systemContext, type CommandContext, type Trx } from './context.js';

const UNIQUE_VIOLATION = '23505';

/** A rule as stored: its content and the version it is. */
export interface StoredRule {
  rule: ChargeRule;
  version: number;
  builtIn: boolean;
  changeNote: string | null;
  createdBy: string;
  createdAt: Date;
  retiredAt: Date | null;
}

type RuleRow = { rule_code: string; version: number; content: ChargeRule; built_in: boolean; change_note: string | null; created_by_name: string; created_at: Date; retired_at: Date | null };

function stored(row: RuleRow): StoredRule {
  return {
    rule: { ...row.content, code: row.rule_code },
    version: row.version,
    builtIn: row.built_in,
    changeNote: row.change_note,
    createdBy: row.created_by_name,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

const RULE_COLUMNS = ['rule_code', 'version', 'content', 'built_in', 'change_note', 'created_by_name', 'created_at', 'retired_at'] as const;

function rowValues(rule: ChargeRule) {
  return { rule_code: rule.code, content: JSON.stringify(rule), effective_from: rule.effectiveFrom, effective_to: rule.effectiveTo };
}

/**
 * Puts the built-in rows of DOMAIN §9 into the knowledge base the first time JianXing sees them.
 * A rule already there (edited or not) is left alone, so running it again changes nothing.
 */
export async function ensureKnowledgeBase(db: Db): Promise<void> {
  await db
    .insertInto('charge_rules')
    .values(BUILT_IN_CHARGE_RULES.map((rule) => ({ ...rowValues(rule), version: 1, built_in: true, change_note: 'built-in', created_by_name: 'system' })))
    .onConflict((oc) => oc.columns(['rule_code', 'version']).doNothing())
    .execute();
}

/** The current version of every rule, in the order of the built-in table, then new rules by code. */
export async function currentRules(db: Db | Trx): Promise<StoredRule[]> {
  const rows = await db.selectFrom('charge_rules').select(RULE_COLUMNS).where('retired_at', 'is', null).execute();
  const order = new Map(BUILT_IN_CHARGE_RULES.map((r, i) => [r.code, i]));
  const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
  return rows.map(stored).sort((a, b) => rank(a.rule.code) - rank(b.rule.code) || a.rule.code.localeCompare(b.rule.code));
}

export async function currentRule(db: Db | Trx, code: string): Promise<StoredRule | null> {
  const row = await db.selectFrom('charge_rules').select(RULE_COLUMNS).where('rule_code', '=', code).where('retired_at', 'is', null).executeTakeFirst();
  return row ? stored(row) : null;
}

/** Every version of a rule, newest first. */
export async function ruleHistory(db: Db, code: string): Promise<StoredRule[]> {
  const rows = await db.selectFrom('charge_rules').select(RULE_COLUMNS).where('rule_code', '=', code).orderBy('version', 'desc').execute();
  return rows.map(stored);
}

/** 400 with one field error per problem. */
function validate(rule: ChargeRule): void {
  const problems = chargeRuleProblems(rule);
  if (problems.length === 0) return;
  throw new AppError(400, 'validation', problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
    fields: problems.map((p) => ({ path: p.path, code: 'custom', message: p.message, params: { reason: 'invalid_charge_rule' } })),
  });
}

/** Adds a rule the built-in table does not have (version 1). */
export async function createChargeRule(db: Db, ctx: CommandContext, rule: ChargeRule, changeNote: string | null): Promise<StoredRule> {
  validate(rule);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('charge_rules')
      .values({ ...rowValues(rule), version: 1, change_note: changeNote, created_by: ctx.actor?.id ?? null, created_by_name: ctx.actorName })
      .execute()
      .catch((err) => {
        throw (err as { code?: string }).code === UNIQUE_VIOLATION ? fieldError('code', 'code_taken', `A rule "${rule.code}" exists`) : err;
      });
    await recordAudit(trx, ctx, { action: 'charge_rule.create', recordType: 'charge_rule', recordId: rule.code, details: { version: 1, charge: rule.charge, sectors: rule.sectors, changeNote } });
    return (await currentRule(trx, rule.code))!;
  });
}

/**
 * Saves an edited rule as the next version. `version` is the one the editor started from: if
 * someone saved in between, nothing is written (409). The previous version is retired, not changed.
 */
export async function updateChargeRule(db: Db, ctx: CommandContext, code: string, edit: { version: number; rule: ChargeRule; changeNote: string | null }): Promise<StoredRule> {
  if (edit.rule.code !== code) throw fieldError('code', 'code_changed', 'A rule keeps its code; create a new rule instead');
  validate(edit.rule);
  return db.transaction().execute(async (trx) => {
    const before = await currentRule(trx, code);
    if (!before) throw notFound('Charge rule');
    if (before.version !== edit.version) throw conflict({ code, version: before.version });
    // Retiring is the lock: of two editors starting from the same version only one retires it.
    const retired = await trx
      .updateTable('charge_rules')
      .set({ retired_at: new Date() })
      .where('rule_code', '=', code)
      .where('version', '=', before.version)
      .where('retired_at', 'is', null)
      .returning('version')
      .executeTakeFirst();
    if (!retired) throw conflict({ code, version: before.version });
    const version = before.version + 1;
    await trx
      .insertInto('charge_rules')
      .values({ ...rowValues(edit.rule), version, built_in: before.builtIn, change_note: edit.changeNote, created_by: ctx.actor?.id ?? null, created_by_name: ctx.actorName })
      .execute();
    await recordAudit(trx, ctx, { action: 'charge_rule.update', recordType: 'charge_rule', recordId: code, details: { version, previousVersion: before.version, changeNote: edit.changeNote } });
    return (await currentRule(trx, code))!;
  });
}

// ---------------------------------------------------------------------------------------------
// Organizations and their sectors

export interface SectorOrganization {
  id: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  active: boolean;
  sectors: AgencySector[];
}

/** Agencies and the justice bureau with their sectors (procuratorates have none). */
export async function organizationsWithSectors(db: Db | Trx, ids?: string[]): Promise<SectorOrganization[]> {
  let query = db.selectFrom('organizations').select(['id', 'name', 'short_name', 'kind', 'active']).where('kind', '!=', 'procuratorate').orderBy('name');
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const [orgs, sectors] = await Promise.all([query.execute(), db.selectFrom('organization_sectors').select(['organization_id', 'sector']).orderBy('sector').execute()]);
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    shortName: o.short_name,
    kind: o.kind,
    active: o.active,
    sectors: sectors.filter((s) => s.organization_id === o.id).map((s) => s.sector as AgencySector),
  }));
}

/** Replaces an organization's sectors. */
export async function setOrganizationSectors(db: Db, ctx: CommandContext, organizationId: string, sectors: AgencySector[]): Promise<SectorOrganization> {
  const wanted = [...new Set(sectors)].sort();
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').select(['id', 'kind']).where('id', '=', organizationId).forUpdate().executeTakeFirst();
    if (!org) throw notFound('Organization');
    if (org.kind === 'procuratorate') throw fieldError('organizationId', 'not_an_agency', 'Only agencies and the justice bureau belong to sectors');
    const before = (await trx.selectFrom('organization_sectors').select('sector').where('organization_id', '=', organizationId).orderBy('sector').execute()).map((r) => r.sector);
    await trx.deleteFrom('organization_sectors').where('organization_id', '=', organizationId).execute();
    if (wanted.length) await trx.insertInto('organization_sectors').values(wanted.map((sector) => ({ organization_id: organizationId, sector }))).execute();
    await recordAudit(trx, ctx, { action: 'organization.sectors_set', recordType: 'organization', recordId: organizationId, details: { before, after: wanted } });
    return (await organizationsWithSectors(trx, [organizationId]))[0];
  });
}

// ---------------------------------------------------------------------------------------------
// Proposals

export interface AgencyProposal {
  sector: AgencySector;
  /** Active organizations mapped to the sector; empty when none is (map one on the knowledge page). */
  organizations: { id: string; name: string; shortName: string }[];
}

export interface ChargeProposal extends RuleProposal {
  version: number;
  agencies: AgencyProposal[];
}

/**
 * The rules matching a charge, their provisions on the act date, and the local organizations of
 * each sector. A starting point the procurator edits (DOMAIN §3 item 10).
 */
export async function proposeAgencies(db: Db, chargeText: string, actDate: IsoDate | null): Promise<ChargeProposal[]> {
  const rules = await currentRules(db);
  const versions = new Map(rules.map((r) => [r.rule.code, r.version]));
  const proposals = proposeForCharge(
    rules.map((r) => r.rule),
    chargeText,
    actDate,
  );
  const sectors = [...new Set(proposals.flatMap((p) => p.rule.sectors))];
  const mapped = sectors.length
    ? await db
        .selectFrom('organization_sectors as s')
        .innerJoin('organizations as o', 'o.id', 's.organization_id')
        .select(['s.sector', 'o.id', 'o.name', 'o.short_name'])
        .where('s.sector', 'in', sectors)
        .where('o.active', '=', true)
        .orderBy('o.name')
        .execute()
    : [];
  return proposals.map((p) => ({
    ...p,
    version: versions.get(p.rule.code)!,
    agencies: p.rule.sectors.map((sector) => ({
      sector,
      organizations: mapped.filter((m) => m.sector === sector).map((m) => ({ id: m.id, name: m.name, shortName: m.short_name })),
    })),
  }));
}

// ---------------------------------------------------------------------------------------------
// Demo

/** The demo agencies of seed.ts by their sector. */
const DEMO_SECTORS: [string, AgencySector][] = [
  ['北京市公安局朝阳分局', 'public_security'],
  ['北京市公安局公安交通管理局朝阳交通支队', 'traffic_police'],
  ['北京市朝阳区市场监督管理局', 'market_regulation'],
  ['北京市朝阳区住房和城乡建设委员会', 'housing'],
  ['北京市朝阳区人力资源和社会保障局', 'human_resources'],
  ['北京市朝阳区教育委员会', 'education'],
  ['北京市朝阳区农业农村局', 'agriculture'],
];

/** Maps the demo agencies to their sectors, through the same command an editor uses. */
export async function seedDemoSectors(db: Db): Promise<void> {
  const orgs = await db.selectFrom('organizations').select(['id', 'name']).where('name', 'in', DEMO_SECTORS.map(([name]) => name)).execute();
  const ctx = systemContext('demo-seed');
  for (const [name, sector] of DEMO_SECTORS) {
    const org = orgs.find((o) => o.name === name);
    if (org) await setOrganizationSectors(db, ctx, org.id, [sector]);
  }
}
