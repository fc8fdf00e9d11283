/**
 * The assessment report's files and the stored monthly reports: generation (once per month,
 * by the job), agency sign-off, publication. Who sees what is decided here and in the route:
 * the procuratorate sees every report; the justice bureau only published ones; an agency its own
 * row of each report (to confirm it), never the file, which lists every agency.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { sql } from 'kysely';
import { recordAudit } from '../commands/audit.js';
import { systemContext, type CommandContext } from '../commands/context.js';
import type { Db } from '../db/index.js';
import type { StoredAssessmentFigures } from '../db/schemaAssessment.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import { can, type Actor } from '../policies/policy.js';
import {
  assessmentTableWithOverdue,
  withAssessmentSnapshot,
  type AssessmentFilter,
  type AssessmentItemRow,
  type AssessmentSnapshot,
  type AssessmentTable,
} from './assessment.js';
import { assessmentDocx, type ReportHeading } from './assessmentDocx.js';
import { previousMonthPeriod, type AssessmentColumn } from './assessmentPeriod.js';
import { writeAssessmentWorkbook } from './assessmentXlsx.js';

export type SignOffMode = 'required' | 'none';

/**
 * JIANXING_ASSESSMENT_SIGNOFF: `required` (default) — a report is published once every agency
 * with items in it has confirmed its figures, or by the admin with a reason; `none` — the
 * procuratorate publishes without confirmations.
 */
export function signOffMode(env: NodeJS.ProcessEnv = process.env): SignOffMode {
  const value = env.JIANXING_ASSESSMENT_SIGNOFF?.trim().toLowerCase();
  if (!value || value === 'required') return 'required';
  if (value === 'none') return 'none';
  throw new Error(`JIANXING_ASSESSMENT_SIGNOFF must be "required" or "none", not ${JSON.stringify(value)}`);
}

/** The issuer (the procuratorate) and the main recipient (the justice bureau) of the narrative. */
async function reportHeading(db: Db, dated: string): Promise<ReportHeading> {
  const orgs = await db.selectFrom('organizations').select(['name', 'kind']).where('kind', 'in', ['procuratorate', 'justice_bureau']).where('active', '=', true).orderBy('created_at').execute();
  return {
    issuer: orgs.find((o) => o.kind === 'procuratorate')?.name ?? '人民检察院',
    recipient: orgs.find((o) => o.kind === 'justice_bureau')?.name ?? null,
    dated,
  };
}

/**
 * The live XLSX, streamed: resolves once the items are snapshotted and the table counted (a
 * failure until then is an ordinary error response) with the stream, which the workbook is then
 * written into as the client reads it; a later failure destroys the stream (the download breaks
 * off rather than ending in a truncated file that looks whole).
 */
export async function assessmentXlsxStream(db: Db, f: AssessmentFilter, today: string): Promise<{ table: AssessmentTable; stream: Readable }> {
  const stream = new PassThrough({ highWaterMark: 1 << 20 });
  let counted!: (table: AssessmentTable) => void;
  const ready = new Promise<AssessmentTable>((resolve) => (counted = resolve));
  const written = withAssessmentSnapshot(db, f, async (snapshot) => {
    counted(snapshot.table);
    await writeAssessmentWorkbook(stream, snapshot.table, (column) => snapshot.items(column), today);
  });
  written.catch((err: Error) => stream.destroy(err));
  const table = await Promise.race([ready, written.then(() => ready)]);
  return { table, stream };
}

export async function assessmentDocxFile(db: Db, f: AssessmentFilter, today: string): Promise<Buffer> {
  const [{ table, overdue }, heading] = await Promise.all([assessmentTableWithOverdue(db, f), reportHeading(db, today)]);
  return assessmentDocx(table, overdue, heading);
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

interface StoredFile {
  bytes: Buffer;
  sha256: string;
}

/** The workbook from a snapshot, collected for the database row, its SHA-256 computed as it is written. */
async function xlsxFile(snapshot: AssessmentSnapshot, today: string): Promise<StoredFile> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const hash = crypto.createHash('sha256');
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    chunks.push(chunk);
  });
  const ended = once(out, 'end');
  await writeAssessmentWorkbook(out, snapshot.table, (column) => snapshot.items(column), today);
  await ended;
  return { bytes: Buffer.concat(chunks), sha256: hash.digest('hex') };
}

async function allItems(snapshot: AssessmentSnapshot, column: AssessmentColumn): Promise<AssessmentItemRow[]> {
  const items: AssessmentItemRow[] = [];
  for await (const batch of snapshot.items(column)) items.push(...batch);
  return items;
}

/** Both files from one snapshot of the items, so they and the stored figures agree. */
async function assessmentFiles(db: Db, f: AssessmentFilter, today: string): Promise<{ table: AssessmentTable; xlsx: StoredFile; docx: StoredFile }> {
  const heading = await reportHeading(db, today);
  return withAssessmentSnapshot(db, f, async (snapshot) => {
    const xlsx = await xlsxFile(snapshot, today);
    const docx = await assessmentDocx(snapshot.table, await allItems(snapshot, 'overdue'), heading);
    return { table: snapshot.table, xlsx, docx: { bytes: docx, sha256: sha256(docx) } };
  });
}

function storedFigures(t: AssessmentTable): StoredAssessmentFigures {
  const { rates: _rates, ...total } = t.total;
  return {
    rows: t.rows.map((r) => ({ agencyId: r.agencyId, agencyName: r.agencyName, received: r.received, replied: r.replied, on_time: r.on_time, adopted: r.adopted, rectified: r.rectified, overdue: r.overdue })),
    total,
  };
}

/**
 * The previous month's report, generated once: `today` is the China date. Returns null when the
 * month's report already exists (a second run, another instance that got there first).
 */
export async function generateMonthlyReport(db: Db, today: string): Promise<{ id: string; month: string; ms: number } | null> {
  const started = performance.now();
  const period = previousMonthPeriod(today);
  const existing = await db.selectFrom('assessment_reports').select('id').where('period_month', '=', period.month).executeTakeFirst();
  if (existing) return null;
  const files = await assessmentFiles(db, { from: period.from, to: period.to, asOf: period.asOf, agencyId: null }, today);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('assessment_reports')
      .values({
        period_month: period.month,
        period_from: period.from,
        period_to: period.to,
        as_of: period.asOf,
        figures: JSON.stringify(storedFigures(files.table)),
        xlsx: files.xlsx.bytes,
        xlsx_sha256: files.xlsx.sha256,
        docx: files.docx.bytes,
        docx_sha256: files.docx.sha256,
      })
      .onConflict((oc) => oc.column('period_month').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    await recordAudit(trx, systemContext('assessment-job'), {
      action: 'assessment_report.generate',
      recordType: 'assessment_report',
      recordId: inserted.id,
      details: { month: period.month, from: period.from, to: period.to, asOf: period.asOf, xlsxBytes: files.xlsx.bytes.length, docxBytes: files.docx.bytes.length },
    });
    return { id: inserted.id, month: period.month, ms: Math.round(performance.now() - started) };
  });
}

/** Agencies that must confirm: those with items in the report. */
const signers = (figures: StoredAssessmentFigures) => figures.rows.filter((r) => r.received > 0);

export type Audience = 'procuratorate' | 'justice_bureau' | 'agency';
export function audienceOf(actor: Actor): Audience {
  if (actor.organizationKind === 'agency') return 'agency';
  return actor.organizationKind === 'justice_bureau' ? 'justice_bureau' : 'procuratorate';
}

/** The reports the actor may see, newest month first, shaped for them. */
export async function listReports(db: Db, actor: Actor) {
  const audience = audienceOf(actor);
  let query = db
    .selectFrom('assessment_reports')
    .select(['id', 'period_month', 'period_from', 'period_to', 'as_of', 'generated_at', 'state', 'figures', 'xlsx_sha256', 'docx_sha256', 'published_at', 'published_by_name', 'publish_override_reason', 'version'])
    .select((eb) => [sql<number>`octet_length(${eb.ref('xlsx')})`.as('xlsx_bytes'), sql<number>`octet_length(${eb.ref('docx')})`.as('docx_bytes')])
    .orderBy('period_month', 'desc');
  if (audience === 'justice_bureau') query = query.where('state', '=', 'published');
  const reports = await query.execute();
  const signoffs = reports.length
    ? await db
        .selectFrom('assessment_report_signoffs')
        .select(['report_id', 'organization_id', 'confirmed_by_name', 'confirmed_at'])
        .where('report_id', 'in', reports.map((r) => r.id))
        .execute()
    : [];
  const mode = signOffMode();
  return reports.map((r) => {
    const confirmed = signoffs.filter((s) => s.report_id === r.id);
    const rows = audience === 'agency' ? r.figures.rows.filter((row) => row.agencyId === actor.organizationId) : r.figures.rows;
    const pending = mode === 'required' ? signers(r.figures).filter((s) => !confirmed.some((c) => c.organization_id === s.agencyId)) : [];
    return {
      id: r.id,
      month: r.period_month,
      from: r.period_from,
      to: r.period_to,
      asOf: r.as_of,
      generatedAt: r.generated_at,
      state: r.state,
      version: r.version,
      rows,
      total: audience === 'agency' ? null : r.figures.total,
      files: audience === 'agency' ? null : { xlsx: { bytes: Number(r.xlsx_bytes), sha256: r.xlsx_sha256 }, docx: { bytes: Number(r.docx_bytes), sha256: r.docx_sha256 } },
      signOff: {
        mode,
        confirmations: (audience === 'agency' ? confirmed.filter((c) => c.organization_id === actor.organizationId) : confirmed).map((c) => ({
          agencyId: c.organization_id,
          by: c.confirmed_by_name,
          at: c.confirmed_at,
        })),
        pendingAgencies: audience === 'procuratorate' ? pending.map((p) => ({ id: p.agencyId, name: p.agencyName })) : [],
        mayConfirm: audience === 'agency' && r.state === 'draft' && rows.some((row) => row.received > 0) && !confirmed.some((c) => c.organization_id === actor.organizationId),
      },
      published: r.published_at ? { at: r.published_at, by: r.published_by_name, overrideReason: r.publish_override_reason } : null,
    };
  });
}

/** One stored file, for those who may have it: the procuratorate, the justice bureau once published. */
export async function reportFile(db: Db, actor: Actor, id: string, kind: 'xlsx' | 'docx') {
  const audience = audienceOf(actor);
  const report = await db
    .selectFrom('assessment_reports')
    .select(['period_month', 'state'])
    .select(kind === 'xlsx' ? ['xlsx as bytes', 'xlsx_sha256 as sha256'] : ['docx as bytes', 'docx_sha256 as sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!report || audience === 'agency' || (audience === 'justice_bureau' && report.state !== 'published')) throw notFound('Assessment report');
  return { month: report.period_month, bytes: report.bytes, sha256: report.sha256 };
}

/** An agency confirms its own figures in a draft report. */
export async function confirmReport(db: Db, ctx: CommandContext, id: string) {
  const actor = ctx.actor!;
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom('assessment_reports').select(['id', 'state', 'figures', 'period_month']).where('id', '=', id).forUpdate().executeTakeFirst();
    // Only an agency with items in the report has figures to confirm.
    const own = report ? signers(report.figures).find((r) => r.agencyId === actor.organizationId) : undefined;
    if (!report || !own) throw notFound('Assessment report');
    if (report.state !== 'draft') throw new AppError(409, 'already_published', 'The report is already published');
    await trx
      .insertInto('assessment_report_signoffs')
      .values({ report_id: id, organization_id: actor.organizationId, confirmed_by: actor.id, confirmed_by_name: ctx.actorName })
      .onConflict((oc) => oc.columns(['report_id', 'organization_id']).doNothing())
      .execute();
    await recordAudit(trx, ctx, { action: 'assessment_report.confirm', recordType: 'assessment_report', recordId: id, details: { month: report.period_month, organizationId: actor.organizationId, figures: own } });
    return { id, confirmed: true };
  });
}

/**
 * Publishes a draft. With sign-off required every agency with items must have confirmed, unless
 * the admin publishes with a reason (kept on the report and in the audit log).
 */
export async function publishReport(db: Db, ctx: CommandContext, id: string, input: { version: number; overrideReason?: string | null }) {
  const actor = ctx.actor!;
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom('assessment_reports').select(['id', 'state', 'figures', 'version', 'period_month']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!report) throw notFound('Assessment report');
    if (report.version !== input.version || report.state !== 'draft') throw conflict({ id, version: report.version, state: report.state });
    const confirmed = await trx.selectFrom('assessment_report_signoffs').select('organization_id').where('report_id', '=', id).execute();
    const pending = signOffMode() === 'required' ? signers(report.figures).filter((s) => !confirmed.some((c) => c.organization_id === s.agencyId)) : [];
    const reason = input.overrideReason?.trim() || null;
    if (pending.length && !reason) {
      throw new AppError(422, 'signoff_pending', 'Agencies have not yet confirmed their figures', { pending: pending.map((p) => ({ id: p.agencyId, name: p.agencyName })) });
    }
    if (pending.length && !can(actor, 'indicator', 'publish_assessment_unconfirmed')) throw forbidden();
    await trx
      .updateTable('assessment_reports')
      .set({ state: 'published', published_at: new Date(), published_by: actor.id, published_by_name: ctx.actorName, publish_override_reason: pending.length ? reason : null, version: report.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'assessment_report.publish',
      recordType: 'assessment_report',
      recordId: id,
      details: { month: report.period_month, overrideReason: pending.length ? reason : null, unconfirmed: pending.map((p) => p.agencyName) },
    });
    return { id, state: 'published' as const, version: report.version + 1 };
  });
}
