/** The SQL that differs between the two warehouses; everything else the compiler writes is common. */
export type SqlType = 'text' | 'date' | 'month' | 'money' | 'decimal' | 'int' | 'bool';

export interface Dialect {
  name: 'duckdb' | 'postgres';
  /** A bound parameter ($n) cast to its type, so comparisons never depend on implicit casts. */
  param(index: number, type: SqlType): string;
  quote(identifier: string): string;
  monthOf(dateSql: string): string;
  daysBetween(fromSql: string, toSql: string): string;
  jsonObject(pairs: [string, string][]): string;
  jsonAgg(valueSql: string, orderBySql: string): string;
  emptyJsonArray: string;
}

const quote = (identifier: string) => {
  // Identifiers come from the dataset registry and are checked there; this is a second wall.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier)) throw new Error(`unsafe identifier ${identifier}`);
  return `"${identifier}"`;
};
const jsonKey = (key: string) => `'${quote(key).slice(1, -1)}'`;

const DUCKDB_TYPES: Record<SqlType, string> = { text: 'VARCHAR', date: 'DATE', month: 'VARCHAR', money: 'DECIMAL(18,2)', decimal: 'DECIMAL(18,4)', int: 'BIGINT', bool: 'BOOLEAN' };
const POSTGRES_TYPES: Record<SqlType, string> = { text: 'text', date: 'date', month: 'text', money: 'numeric(18,2)', decimal: 'numeric(18,4)', int: 'bigint', bool: 'boolean' };

export const duckdb: Dialect = {
  name: 'duckdb',
  param: (i, type) => `CAST($${i} AS ${DUCKDB_TYPES[type]})`,
  quote,
  monthOf: (d) => `strftime(${d}, '%Y-%m')`,
  daysBetween: (a, b) => `date_diff('day', ${a}, ${b})`,
  jsonObject: (pairs) => `json_object(${pairs.map(([k, v]) => `${jsonKey(k)}, ${v}`).join(', ')})`,
  // json_group_array is a macro and takes no ORDER BY; list() is a true aggregate.
  jsonAgg: (v, order) => `to_json(list(${v} ORDER BY ${order}))`,
  emptyJsonArray: `CAST('[]' AS JSON)`,
};

export const postgres: Dialect = {
  name: 'postgres',
  param: (i, type) => `CAST($${i} AS ${POSTGRES_TYPES[type]})`,
  quote,
  monthOf: (d) => `to_char(${d}, 'YYYY-MM')`,
  daysBetween: (a, b) => `((${b}) - (${a}))`,
  jsonObject: (pairs) => `json_build_object(${pairs.map(([k, v]) => `${jsonKey(k)}, ${v}`).join(', ')})`,
  jsonAgg: (v, order) => `json_agg(${v} ORDER BY ${order})`,
  emptyJsonArray: `'[]'::json`,
};

export const DIALECTS = { duckdb, postgres } as const;
