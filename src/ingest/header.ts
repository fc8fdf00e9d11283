/**
 * Header → column mapping: which column of the file fills which canonical column of the kind.
 * Headers are compared after normalizeHeader (trimmed, no spaces, half-width, lower case), so
 * "身份证号 ", "身份 证号" and "ＩＤ_Number" all find their column; headers the kind does not
 * know are kept as raw attributes.
 */
import { columnLabel, type ColumnDefinition, type KindDefinition } from '../domain/datasetKinds';
import { normalizeHeader, type CellValue } from '../domain/values';
import { IngestError } from './errors';

export interface HeaderColumn {
  /** 0-based position in the file. */
  index: number;
  /** The header as written. */
  header: string;
  /** The canonical column it fills, or null when it is kept in `extra` under `header`. */
  column: string | null;
}

/** Replaces the detected mapping: header as written → canonical column, or null to keep the
 * header as a raw attribute. Headers not named keep their detected column. */
export type MappingOverride = Record<string, string | null>;

/** How many header rows to look at before giving up: exports often put a title and a date line
 * (e.g. "2024年公租房承租人名单", "导出时间：…") above the header. */
export const HEADER_SEARCH_ROWS = 10;

const headerIndexes = new WeakMap<KindDefinition, Map<string, ColumnDefinition>>();

/** normalized header → column, from each column's name and aliases. */
function headerIndex(kind: KindDefinition): Map<string, ColumnDefinition> {
  let index = headerIndexes.get(kind);
  if (!index) {
    index = new Map();
    for (const column of kind.columns) {
      for (const header of [column.name, ...column.aliases]) index.set(normalizeHeader(header), column);
    }
    headerIndexes.set(kind, index);
  }
  return index;
}

export function headerText(cell: CellValue): string {
  if (cell === null || cell === undefined) return '';
  return (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();
}

/** The kind columns a row's cells name. */
function namedColumns(kind: KindDefinition, cells: CellValue[]): Set<string> {
  const index = headerIndex(kind);
  const found = new Set<string>();
  for (const cell of cells) {
    const column = index.get(normalizeHeader(headerText(cell)));
    if (column) found.add(column.name);
  }
  return found;
}

/** How much a row looks like the kind's header: the number of its columns it names. */
export function headerScore(kind: KindDefinition, cells: CellValue[]): number {
  return namedColumns(kind, cells).size;
}

/** The kind whose columns a header names best, among those whose required columns it all names. */
export function detectKind(kinds: readonly KindDefinition[], cells: CellValue[]): KindDefinition | undefined {
  let best: { kind: KindDefinition; score: number } | undefined;
  for (const kind of kinds) {
    const named = namedColumns(kind, cells);
    if (!kind.columns.every((c) => !c.required || named.has(c.name))) continue;
    // More columns named wins; on a tie the kind with fewer columns fits tighter.
    const score = named.size;
    if (!best || score > best.score || (score === best.score && kind.columns.length < best.kind.columns.length)) best = { kind, score };
  }
  return best?.kind;
}

const describeColumn = (c: ColumnDefinition) => `${c.name} (${[columnLabel(c), ...c.aliases.slice(1)].join('/')})`;

/**
 * Maps each header cell to a column of the kind. One clear error when the header cannot be
 * trusted: a header written twice, two headers filling one column, a required column missing.
 * Empty header cells are skipped (their cells are kept under `column_<n>` when not empty).
 */
export function matchHeader(kind: KindDefinition, cells: CellValue[], override: MappingOverride = {}): HeaderColumn[] {
  const index = headerIndex(kind);
  const byName = new Map(kind.columns.map((c) => [c.name, c]));
  const overrides = new Map(Object.entries(override).map(([header, column]) => [normalizeHeader(header), column]));
  for (const column of overrides.values()) {
    if (column !== null && !byName.has(column)) throw new IngestError('unknown_column', `the mapping names a column "${column}" that ${kind.kind} does not have`);
  }
  const seen = new Map<string, number>();
  const filledBy = new Map<string, HeaderColumn>();
  const result: HeaderColumn[] = [];
  cells.forEach((cell, i) => {
    const header = headerText(cell);
    const key = normalizeHeader(header);
    if (key === '') {
      result.push({ index: i, header: `column_${i + 1}`, column: null });
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      throw new IngestError('duplicate_header', `the header "${header}" appears twice (columns ${first + 1} and ${i + 1})`);
    }
    seen.set(key, i);
    const column = overrides.has(key) ? overrides.get(key)! : (index.get(key)?.name ?? null);
    const entry = { index: i, header, column };
    if (column !== null) {
      const other = filledBy.get(column);
      if (other) {
        throw new IngestError(
          'duplicate_header',
          `the headers "${other.header}" (column ${other.index + 1}) and "${header}" (column ${i + 1}) both fill ${column}: map one of them to another column`,
        );
      }
      filledBy.set(column, entry);
    }
    result.push(entry);
  });
  const missing = kind.columns.filter((c) => c.required && !filledBy.has(c.name));
  if (missing.length) {
    throw new IngestError('missing_columns', `required column${missing.length > 1 ? 's' : ''} missing: ${missing.map(describeColumn).join(', ')}`);
  }
  return result;
}

/** The message for a file whose first rows name none of the kind's columns. */
export function noHeaderError(kind: KindDefinition): IngestError {
  const examples = kind.columns.filter((c) => c.required).slice(0, 3).map(columnLabel).join(', ');
  return new IngestError(
    'no_header',
    `no recognizable header in the first ${HEADER_SEARCH_ROWS} rows: expected the columns of ${kind.kind} (${kind.label}), e.g. ${examples}`,
  );
}
