/**
 * One source record → one row of canonical values, or the reasons it is rejected. Every rule
 * lives in src/domain (ID numbers, names, dates, amounts, enums); this module only applies the
 * rule of each column's type and keeps the accounting: a row is either stored or rejected with
 * its line, column and reason, and an invalid ID keeps its row but is flagged and warned about.
 * A name also gets its pinyin, stored beside it for display and fuzzy matching.
 */
import type { ColumnDefinition, KindDefinition } from '../domain/datasetKinds';
import { normalizeIdNumber } from '../domain/idNumber';
import { normalizedNamePinyin, normalizePersonName } from '../domain/personName';
import {
  normalizeText,
  parseDate,
  parseDecimal,
  parseEnum,
  parseInteger,
  parseMoney,
  parseMonth,
  type CellValue,
  type ParseResult,
} from '../domain/values';
import type { HeaderColumn } from './header';
import type { SourceRecord } from './readers';
import { storedColumns, type StoredColumn } from './tableLayout';

export type StoredValue = string | number | boolean | null;

export interface RowIssue {
  line: number;
  /** The canonical column, the header of an extra column, or null for the record as a whole. */
  column: string | null;
  /** A stable code: required, invalid_date, unknown_enum_value, too_long, invalid_id_checksum … */
  reason: string;
  /** The offending input, shortened. */
  value?: string;
}

export interface IssueSink {
  error(issue: RowIssue): void;
  warning(issue: RowIssue): void;
}

/** Cells longer than this reject their row: no register field is this long, and a runaway
 * value (a whole document pasted into a cell) must not reach the warehouse. */
export const MAX_CELL_CHARS = 32_768;
const MAX_ISSUE_VALUE_CHARS = 200;

type Parse = (cell: CellValue) => ParseResult<StoredValue>;

/** A cell as text, for text-like columns: dates from spreadsheets as YYYY-MM-DD. */
function cellText(cell: CellValue): string | number | null | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  return cell;
}

const text: Parse = (cell) => {
  const value = normalizeText(cellText(cell));
  return value === null ? { ok: false, reason: 'empty', text: '' } : { ok: true, value };
};

const name: Parse = (cell) => {
  const raw = cellText(cell);
  const value = normalizePersonName(raw === null || raw === undefined ? null : String(raw));
  return value === null ? { ok: false, reason: 'empty', text: '' } : { ok: true, value };
};

function parserFor(column: ColumnDefinition): Parse {
  switch (column.type) {
    case 'text':
      return text;
    case 'name':
      return name;
    case 'date':
      return parseDate;
    case 'month':
      return parseMonth;
    case 'money':
      return parseMoney;
    case 'decimal':
      return parseDecimal;
    case 'int':
      return parseInteger;
    case 'enum': {
      const spec = { values: column.values ?? [] };
      return (cell) => parseEnum(cell, spec);
    }
    case 'id':
      throw new Error('ID columns are normalized with their validity flag');
  }
}

/** Registers repeat the same months, statuses and amounts over and over: remembering the parse
 * of recent strings saves most of the work. The cache is dropped when full. Text, names, ID
 * numbers, dates and decimals are cheaper to normalize again than to look up (parseDate and
 * parseDecimal read the usual notations from character codes; a lookup among tens of thousands
 * of distinct dates misses the processor's caches). */
const MEMO_ENTRIES = 65_536;
const MEMO_TYPES = new Set<ColumnDefinition['type']>(['month', 'money', 'int', 'enum']);

function memoize(parse: Parse): Parse {
  const memo = new Map<string, ParseResult<StoredValue>>();
  return (cell) => {
    if (typeof cell !== 'string') return parse(cell);
    let result = memo.get(cell);
    if (result === undefined) {
      result = parse(cell);
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(cell, result);
    }
    return result;
  };
}

function shorten(value: CellValue): string {
  const s = cellText(value);
  const t = s === null || s === undefined ? '' : String(s).trim();
  return t.length > MAX_ISSUE_VALUE_CHARS ? `${t.slice(0, MAX_ISSUE_VALUE_CHARS)}…` : t;
}

function issue(line: number, column: string | null, reason: string, value?: CellValue): RowIssue {
  return value === undefined ? { line, column, reason } : { line, column, reason, value: shorten(value) };
}

/** Could be whitespace as String.prototype.trim sees it. */
function maybeSpace(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x205f) || code === 0x3000 || code === 0xfeff;
}

function isBlank(cell: CellValue): boolean {
  if (typeof cell !== 'string') return cell === null || cell === undefined;
  // Most cells start with a visible character: no need to trim them.
  return cell.length === 0 || (maybeSpace(cell.charCodeAt(0)) && cell.trim() === '');
}

interface ColumnPlan {
  column: ColumnDefinition;
  /** Position of the column in the source record, -1 when the file lacks the (optional) column. */
  cell: number;
  /** Position of the value (and of the ID validity flag) in the stored row. */
  out: number;
  validOut: number;
  /** Position of the name's pinyin in the stored row, -1 for other columns. */
  pinyinOut: number;
  parse: Parse | null;
  /** Text and name columns, normalized in line (the same rules as `text` and `name` above). */
  textual: 'text' | 'name' | null;
  seen: Set<string> | null;
}

export interface RowNormalizer {
  columns: StoredColumn[];
  /** The stored values of a record, written into `into` when given (saving an allocation per
   * row); null when the record is rejected (its issues went to the sink) and 'blank' for a
   * record without any value, which is not a row at all. */
  normalize(record: SourceRecord, issues: IssueSink, into?: StoredValue[]): StoredValue[] | null | 'blank';
}

export function createRowNormalizer(kind: KindDefinition, header: HeaderColumn[]): RowNormalizer {
  const columns = storedColumns(kind);
  const position = new Map(columns.map((c, i) => [c.name, i]));
  const cellOf = new Map(header.filter((h) => h.column !== null).map((h) => [h.column!, h.index]));
  const pinyinOutOf = new Map(columns.flatMap((c, i) => (c.pinyinOf ? [[c.pinyinOf.name, i] as const] : [])));
  const plans: ColumnPlan[] = kind.columns.map((column) => ({
    column,
    cell: cellOf.get(column.name) ?? -1,
    out: position.get(column.name)!,
    validOut: column.type === 'id' ? position.get(`${column.name}_valid`)! : -1,
    pinyinOut: pinyinOutOf.get(column.name) ?? -1,
    parse: column.type === 'id' ? null : MEMO_TYPES.has(column.type) ? memoize(parserFor(column)) : parserFor(column),
    textual: column.type === 'text' || column.type === 'name' ? column.type : null,
    seen: column.unique ? new Set() : null,
  }));
  const uniquePlans = plans.filter((p) => p.seen !== null);
  const extras = header.filter((h) => h.column === null);
  const extraOut = columns.length - 1;
  const width = header.length;

  function normalize(record: SourceRecord, issues: IssueSink, into?: StoredValue[]): StoredValue[] | null | 'blank' {
    const { line, cells } = record;
    if (record.problem) {
      issues.error({ line, column: null, reason: record.problem });
      return null;
    }
    if (isBlank(cells[0]) && cells.every(isBlank) && !record.extra) return 'blank';
    let errors: RowIssue[] | undefined;
    // Warnings about a row that is rejected anyway would only be noise.
    let warnings: RowIssue[] | undefined;
    for (let i = width; i < cells.length; i++) {
      if (!isBlank(cells[i])) {
        // More fields than headers: usually an unquoted delimiter inside a value, which shifts
        // every later field into the wrong column.
        (errors ??= []).push(issue(line, null, 'too_many_fields', `${cells.length} fields for ${width} headers`));
        break;
      }
    }
    const values: StoredValue[] = into ? into.fill(null) : new Array(columns.length).fill(null);
    values[0] = line;
    for (const plan of plans) {
      const cell = plan.cell < 0 ? null : cells[plan.cell];
      const columnName = plan.column.name;
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) {
        (errors ??= []).push(issue(line, columnName, 'too_long', cell));
        continue;
      }
      if (plan.parse === null) {
        const id = normalizeIdNumber(cell instanceof Date ? null : cell);
        if (id.value === null) {
          if (plan.column.required) (errors ??= []).push(issue(line, columnName, 'required'));
          continue;
        }
        values[plan.out] = id.value;
        values[plan.validOut] = id.valid;
        if (!id.valid) (warnings ??= []).push(issue(line, columnName, `invalid_id_${id.reason}`, id.value));
        continue;
      }
      if (plan.textual !== null) {
        // Text and names: no result object per cell (they are most of a register's cells).
        const raw = cellText(cell);
        const value = plan.textual === 'name' ? normalizePersonName(raw === null || raw === undefined ? null : String(raw)) : normalizeText(raw);
        if (value === null) {
          if (plan.column.required) (errors ??= []).push(issue(line, columnName, 'required'));
          continue;
        }
        if (plan.seen?.has(value)) {
          (errors ??= []).push(issue(line, columnName, 'duplicate_value', cell));
          continue;
        }
        values[plan.out] = value;
        if (plan.pinyinOut >= 0) values[plan.pinyinOut] = normalizedNamePinyin(value);
        continue;
      }
      const result = plan.parse(cell);
      if (!result.ok) {
        if (result.reason !== 'empty') (errors ??= []).push(issue(line, columnName, result.reason, cell));
        else if (plan.column.required) (errors ??= []).push(issue(line, columnName, 'required'));
        continue;
      }
      if (plan.seen?.has(String(result.value))) {
        (errors ??= []).push(issue(line, columnName, 'duplicate_value', cell));
        continue;
      }
      values[plan.out] = result.value;
      if (plan.pinyinOut >= 0) values[plan.pinyinOut] = normalizedNamePinyin(result.value as string);
    }
    let extra: Record<string, CellValue> | undefined = record.extra;
    for (const h of extras) {
      const cell = cells[h.index];
      if (isBlank(cell)) continue;
      if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) (errors ??= []).push(issue(line, h.header, 'too_long', cell));
      else (extra ??= {})[h.header] = typeof cell === 'string' ? cell.trim() : cellText(cell);
    }
    if (errors) {
      for (const e of errors) issues.error(e);
      return null;
    }
    if (warnings) for (const w of warnings) issues.warning(w);
    if (extra) values[extraOut] = JSON.stringify(extra);
    // Only a stored row claims its unique values.
    for (const plan of uniquePlans) if (values[plan.out] !== null) plan.seen!.add(String(values[plan.out]));
    return values;
  }

  return { columns, normalize };
}
