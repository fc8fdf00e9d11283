/**
 * Reading the rows of a hit: what a column is called and holds (from the dataset kinds), how a
 * value is shown, and which values an evidence row shares with the subject.
 */
import { builtInKind, type ColumnDefinition, columnLabel } from '../domain/datasetKinds';
import type { EvidenceRow, LocalizedText, ModelDocument } from './api/models';
import type { Format } from './format';
import type { Locale } from './i18n';

/** Bookkeeping columns of evidence rows, shown apart from the data. */
export const SOURCE_COLUMN = '_source';
export const LINE_COLUMN = '_line';

export function localized(text: LocalizedText | undefined, locale: Locale): string {
  return text ? (text[locale] ?? text['zh-CN']) : '';
}

/** "owner_id_number" → "Owner ID number". */
export function humanize(name: string): string {
  const words = name.split('_').map((word) => (word === 'id' ? 'ID' : word === 'uscc' ? 'USCC' : word));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function kindColumn(kind: string | undefined, name: string): ColumnDefinition | undefined {
  return kind ? builtInKind(kind)?.columns.find((column) => column.name === name) : undefined;
}

/**
 * The dataset column a subject column comes from: the same name, or the column a source's
 * `columns` mapping reads it from (subjects drawn from several datasets).
 */
export function subjectColumn(document: ModelDocument | undefined, source: string | undefined, name: string): ColumnDefinition | undefined {
  const mapping = document?.subject.sources.find((s) => s.dataset === source)?.columns;
  const expression = mapping?.[name];
  if (mapping && expression !== undefined) {
    return typeof expression === 'object' && expression !== null && 'col' in expression ? kindColumn(source, expression.col) : undefined;
  }
  return kindColumn(source, name);
}

/**
 * The columns of a subject row worth showing, in the order the dataset kind (or the source's
 * mapping) lists them; bookkeeping columns and the validity flags of ID columns are left out.
 */
export function subjectColumnNames(document: ModelDocument | undefined, source: string | undefined, row: EvidenceRow): string[] {
  const mapping = document?.subject.sources.find((s) => s.dataset === source)?.columns;
  const order = mapping ? Object.keys(mapping) : (source ? builtInKind(source)?.columns.map((column) => column.name) : undefined) ?? [];
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? order.length : index;
  };
  return Object.keys(row)
    .filter((name) => !name.startsWith('_'))
    .filter((name) => !(name.endsWith('_valid') && typeof row[name] === 'boolean'))
    .sort((a, b) => rank(a) - rank(b));
}

/** A column's heading: its Chinese label in Chinese, its name in words otherwise. */
export function columnTitle(column: ColumnDefinition | undefined, name: string, locale: Locale): string {
  if (locale === 'zh-CN' && column) return columnLabel(column);
  return humanize(name);
}

/** Values in the form they are compared: trimmed text, numbers as written. Blank is no value. */
export function comparable(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * Whether a column's values say who or what a row is about (ID numbers, names, keys such as
 * unit_id). Statuses, dates and amounts are left out: equal values there are coincidence.
 * A column of unknown type counts, so user-defined kinds still show their links.
 */
export function identifies(column: ColumnDefinition | undefined): boolean {
  return !column || column.type === 'id' || column.type === 'name' || column.type === 'text';
}

/** The values of the subject's identifying columns: an evidence cell equal to one is a link. */
export function subjectValues(rows: EvidenceRow[], columnOf: (row: EvidenceRow, name: string) => ColumnDefinition | undefined): Set<string> {
  const values = new Set<string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      if (name.startsWith('_') || !identifies(columnOf(row, name))) continue;
      const text = comparable(value);
      if (text !== null) values.add(text);
    }
  }
  return values;
}

/** Whether a cell shows a value the subject has (masked ID numbers compare as shown on both sides). */
export function matchesSubject(values: ReadonlySet<string>, column: ColumnDefinition | undefined, value: unknown): boolean {
  if (!identifies(column)) return false;
  const text = comparable(value);
  return text !== null && values.has(text);
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export type ValueKind = ColumnDefinition['type'] | 'count';

/** A value as the language writes it, by the type of its column; blank is "—". */
export function formatValue(value: unknown, type: ValueKind | undefined, format: Format, locale: Locale, column?: ColumnDefinition): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value);
  const number = asNumber(value);
  switch (type) {
    case 'money':
      return number === null ? String(value) : format.money(number);
    case 'decimal':
    case 'int':
    case 'count':
      return number === null ? String(value) : format.number(number);
    case 'date':
      return format.date(String(value).slice(0, 10));
    case 'month':
      return format.month(String(value).slice(0, 7));
    case 'enum': {
      const option = column?.values?.find((v) => v.value === value);
      return locale === 'zh-CN' && option ? (option.labels[0] ?? option.value) : String(value);
    }
    default:
      return typeof value === 'number' ? format.number(value) : String(value);
  }
}

/**
 * What a rule's summary value is: counts are whole numbers, sums and extremes have the type of
 * the column they read (an amount of money is money).
 */
export function summaryKind(document: ModelDocument | undefined, ruleId: string, name: string): { type: ValueKind | undefined; column?: ColumnDefinition; fn?: string; of?: string } {
  const rule = document?.rules.find((r) => r.id === ruleId);
  if (!rule) return { type: undefined };
  const spec = rule.kind === 'aggregate' && name === 'value' ? rule.aggregate : rule.kind === 'match' ? rule.summary?.[name] : undefined;
  if (!spec) return { type: undefined };
  if (spec.fn === 'count' || spec.fn === 'count_distinct') return { type: 'count', fn: spec.fn, of: spec.column };
  const column = spec.column ? kindColumn(rule.dataset, spec.column) : undefined;
  return { type: column?.type, column, fn: spec.fn, of: spec.column };
}

/** The dataset kinds a model reads: its subject's and its rules'. */
export function kindsOf(document: ModelDocument): string[] {
  return [...new Set([...document.subject.sources.map((s) => s.dataset), ...document.rules.map((r) => r.dataset)])];
}
