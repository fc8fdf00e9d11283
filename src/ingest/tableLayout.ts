/**
 * How a dataset version is stored in the warehouse: one table per version with the kind's
 * columns in canonical form, a validity flag after each ID column, the pinyin after each name
 * column, the source line of each row, and the file's other columns as one JSON object.
 */
import { idValidColumn, namePinyinColumn, type ColumnDefinition, type KindDefinition } from '../domain/datasetKinds';

export type StoredType = 'line' | 'text' | 'date' | 'decimal' | 'money' | 'int' | 'bool' | 'json';

export interface StoredColumn {
  name: string;
  type: StoredType;
  /** The kind's column this holds (or flags, for an ID validity column). */
  source?: ColumnDefinition;
  /** Derived at import from the `name` column it follows: its pinyin ("zhang san"). Carries no
   * `source`, so it is labelled by its own name and never masked or parsed as the name. */
  pinyinOf?: ColumnDefinition;
}

/** Canonical forms: dates as YYYY-MM-DD, months as YYYY-MM text (sortable, and what the models
 * compare), amounts as exact decimals. */
const STORED_TYPE: Record<ColumnDefinition['type'], StoredType> = {
  id: 'text',
  name: 'text',
  text: 'text',
  enum: 'text',
  month: 'text',
  date: 'date',
  money: 'money',
  decimal: 'decimal',
  int: 'int',
};

export const LINE_COLUMN = '_line';
export const EXTRA_COLUMN = 'extra';

export function storedColumns(kind: KindDefinition): StoredColumn[] {
  const columns: StoredColumn[] = [{ name: LINE_COLUMN, type: 'line' }];
  for (const column of kind.columns) {
    columns.push({ name: column.name, type: STORED_TYPE[column.type], source: column });
    if (column.type === 'id') columns.push({ name: idValidColumn(column), type: 'bool', source: column });
    if (column.type === 'name') columns.push({ name: namePinyinColumn(column), type: 'text', pinyinOf: column });
  }
  columns.push({ name: EXTRA_COLUMN, type: 'json' });
  return columns;
}
