/**
 * Numbers for clues, cases and documents from the procuratorate's pattern (DOMAIN.md §8), e.g.
 * 京朝检行建〔2026〕3号. A serial is taken inside the transaction that needs it: the counter row
 * stays locked until that transaction ends, so concurrent approvals get consecutive serials and a
 * rolled-back one gives its serial back — never reused, never skipped.
 */
import { sql } from 'kysely';
import { DEFAULT_DOCUMENT_TYPE_CODES, DEFAULT_NUMBER_PATTERN, formatDocumentNumber, validateNumberPattern } from '../../domain/documents/numbering.js';
import type { Db } from '../db/index.js';
import { AppError, conflict } from '../errors.js';
import { recordAudit } from './audit.js';
import type { CommandContext, Trx } from './context.js';

/** Codes in numbers. Documents use their 文书类型代码; clue and case registers their own. */
export const DEFAULT_TYPE_CODES: Record<string, string> = {
  clue: '线',
  reverse_connection: '反受',
  illegal_act: '监立',
  litigation: '诉监受',
  ...(Object.fromEntries(Object.entries(DEFAULT_DOCUMENT_TYPE_CODES).filter(([, code]) => code !== null)) as Record<string, string>),
};

export interface NumberingSettings {
  provinceCode: string;
  procuratorateCode: string;
  departmentCode: string;
  pattern: string;
  typeCodes: Record<string, string>;
  redHeader: boolean;
  /** null until the procuratorate saves its own settings (the defaults apply). */
  version?: number | null;
}

/** The procuratorate's settings, or defaults read from its code (京朝 → 京 + 朝). */
export async function numberingSettings(trx: Trx | Db, procuratorateId: string): Promise<NumberingSettings> {
  const row = await trx.selectFrom('numbering_settings').selectAll().where('procuratorate_id', '=', procuratorateId).executeTakeFirst();
  if (row) {
    return {
      provinceCode: row.province_code,
      procuratorateCode: row.procuratorate_code,
      departmentCode: row.department_code,
      pattern: row.pattern,
      typeCodes: { ...DEFAULT_TYPE_CODES, ...row.type_codes },
      redHeader: row.red_header,
      version: row.version,
    };
  }
  const org = await trx.selectFrom('organizations').select(['code', 'short_name']).where('id', '=', procuratorateId).executeTakeFirstOrThrow();
  const code = org.code ?? org.short_name.slice(0, 2);
  return {
    provinceCode: code.slice(0, 1),
    procuratorateCode: code.slice(1) || code,
    departmentCode: '行',
    pattern: DEFAULT_NUMBER_PATTERN,
    typeCodes: DEFAULT_TYPE_CODES,
    redHeader: true,
    version: null,
  };
}

/** Takes `count` consecutive serials for (procuratorate, type, year); returns the first. */
export async function takeSerials(trx: Trx, procuratorateId: string, type: string, year: number, count = 1): Promise<number> {
  const { rows } = await sql<{ last_serial: number }>`
    INSERT INTO document_serials (procuratorate_id, type, year, last_serial)
    VALUES (${procuratorateId}, ${type}, ${year}, ${count})
    ON CONFLICT (procuratorate_id, type, year) DO UPDATE SET last_serial = document_serials.last_serial + ${count}
    RETURNING last_serial`.execute(trx);
  return rows[0].last_serial - count + 1;
}

export interface AllocatedNumber {
  number: string;
  year: number;
  serial: number;
}

export async function allocateNumbers(trx: Trx, procuratorateId: string, type: string, year: number, count = 1): Promise<AllocatedNumber[]> {
  const settings = await numberingSettings(trx, procuratorateId);
  const typeCode = settings.typeCodes[type];
  if (!typeCode) throw new AppError(422, 'no_number_code', `no number code is configured for ${type}`);
  const first = await takeSerials(trx, procuratorateId, type, year, count);
  return Array.from({ length: count }, (_, i) => ({
    year,
    serial: first + i,
    number: formatDocumentNumber(settings.pattern, {
      province: settings.provinceCode,
      procuratorate: settings.procuratorateCode,
      department: settings.departmentCode,
      type: typeCode,
      year,
      serial: first + i,
    }),
  }));
}

export async function allocateNumber(trx: Trx, procuratorateId: string, type: string, year: number): Promise<AllocatedNumber> {
  return (await allocateNumbers(trx, procuratorateId, type, year, 1))[0];
}

export interface NumberingSettingsInput extends NumberingSettings {
  version: number | null;
}

/** A procuratorate's number pattern and codes; the pattern is checked before it is stored. */
export async function saveNumberingSettings(db: Db, ctx: CommandContext, procuratorateId: string, input: NumberingSettingsInput) {
  const check = validateNumberPattern(input.pattern);
  if (!check.valid) throw new AppError(422, 'invalid_pattern', check.message, { problems: check.problems });
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('numbering_settings').selectAll().where('procuratorate_id', '=', procuratorateId).forUpdate().executeTakeFirst();
    if ((existing?.version ?? null) !== input.version) throw conflict(existing ? await numberingSettings(trx, procuratorateId) : null);
    const values = {
      province_code: input.provinceCode,
      procuratorate_code: input.procuratorateCode,
      department_code: input.departmentCode,
      pattern: input.pattern,
      type_codes: JSON.stringify(input.typeCodes),
      red_header: input.redHeader,
    };
    if (existing) await trx.updateTable('numbering_settings').set({ ...values, version: sql`version + 1` }).where('procuratorate_id', '=', procuratorateId).execute();
    else await trx.insertInto('numbering_settings').values({ procuratorate_id: procuratorateId, ...values }).execute();
    await recordAudit(trx, ctx, { action: 'numbering.update', recordType: 'organization', recordId: procuratorateId, details: { pattern: input.pattern } });
    return numberingSettings(trx, procuratorateId);
  });
}
