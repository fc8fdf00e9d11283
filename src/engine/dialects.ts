/** The SQL that differs between the two warehouses; everything else the compiler writes is common. */
export type SqlType = 'text' | 'date' | 'month' | 'money' | 'decimal' | 'int' | 'bool';

export interface Dialect {
  name: 'duckdb' | 'postgres';
  /** A bound parameter ($n) cast to its type, so comparisons never depend on implicit casts. */
  param(index: number, type: SqlType): string;
  quote(identifier: string): string;
  monthOf(dateSql: string): string;
  daysBetween(fromSql: string, toSql: string): string;
  /** A date shifted by whole months (a day the month lacks becomes its last day), as a date. */
  addMonths(dateSql: string, monthsSql: string): string;
  /** A date shifted by whole days, as a date. */
  addDays(dateSql: string, daysSql: string): string;
  jsonObject(pairs: [string, string][]): string;
  jsonAgg(valueSql: string, orderBySql: string): string;
  emptyJsonArray: string;
  /** A bound parameter ($n) as a double, for similarity thresholds. */
  doubleParam(index: number): string;
  /** Levenshtein similarity of two texts, 1 − distance / longer length, counted in UTF-8 bytes
   * (what DuckDB's levenshtein counts; PostgreSQL computes the same with NAME_SIMILARITY_SQL). */
  textSimilarity(a: string, b: string): string;
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
  // DATE + INTERVAL is a TIMESTAMP in DuckDB; month intervals clamp to the month's last day.
  addMonths: (d, n) => `CAST(${d} + to_months(CAST(${n} AS INTEGER)) AS DATE)`,
  addDays: (d, n) => `CAST(${d} + to_days(CAST(${n} AS INTEGER)) AS DATE)`,
  jsonObject: (pairs) => `json_object(${pairs.map(([k, v]) => `${jsonKey(k)}, ${v}`).join(', ')})`,
  // json_group_array is a macro and takes no ORDER BY; list() is a true aggregate.
  jsonAgg: (v, order) => `to_json(list(${v} ORDER BY ${order}))`,
  emptyJsonArray: `CAST('[]' AS JSON)`,
  doubleParam: (i) => `CAST($${i} AS DOUBLE)`,
  textSimilarity: (a, b) => `(1.0 - CAST(levenshtein(${a}, ${b}) AS DOUBLE) / greatest(strlen(${a}), strlen(${b}), 1))`,
};

export const postgres: Dialect = {
  name: 'postgres',
  param: (i, type) => `CAST($${i} AS ${POSTGRES_TYPES[type]})`,
  quote,
  monthOf: (d) => `to_char(${d}, 'YYYY-MM')`,
  daysBetween: (a, b) => `((${b}) - (${a}))`,
  // date + interval is a timestamp in PostgreSQL; month intervals clamp to the month's last day.
  addMonths: (d, n) => `CAST(${d} + make_interval(months => CAST(${n} AS integer)) AS date)`,
  addDays: (d, n) => `(${d} + CAST(${n} AS integer))`,
  jsonObject: (pairs) => `json_build_object(${pairs.map(([k, v]) => `${jsonKey(k)}, ${v}`).join(', ')})`,
  jsonAgg: (v, order) => `json_agg(${v} ORDER BY ${order})`,
  emptyJsonArray: `'[]'::json`,
  doubleParam: (i) => `CAST($${i} AS double precision)`,
  textSimilarity: (a, b) => `warehouse.jx_text_similarity(${a}, ${b})`,
};

/**
 * What the PostgreSQL warehouse needs beyond plain SQL, created when it opens (idempotent): the
 * text similarity of fuzzy_name links. fuzzystrmatch is not on every PostgreSQL-compatible server
 * and counts characters, so the function counts UTF-8 bytes in PL/pgSQL exactly as DuckDB does:
 * both warehouses then find the same pairs.
 */
export const POSTGRES_WAREHOUSE_FUNCTIONS = `
CREATE OR REPLACE FUNCTION warehouse.jx_byte_levenshtein(a text, b text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  x bytea := convert_to(a, 'UTF8');
  y bytea := convert_to(b, 'UTF8');
  m integer := length(x);
  n integer := length(y);
  prev integer[];
  cur integer[];
BEGIN
  IF m = 0 THEN RETURN n; END IF;
  IF n = 0 THEN RETURN m; END IF;
  prev := ARRAY(SELECT generate_series(0, n));
  FOR i IN 1..m LOOP
    cur := ARRAY[i];
    FOR j IN 1..n LOOP
      cur := cur || least(prev[j + 1] + 1, cur[j] + 1, prev[j] + CASE WHEN get_byte(x, i - 1) = get_byte(y, j - 1) THEN 0 ELSE 1 END);
    END LOOP;
    prev := cur;
  END LOOP;
  RETURN prev[n + 1];
END
$fn$;
CREATE OR REPLACE FUNCTION warehouse.jx_text_similarity(a text, b text) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT 1.0::double precision - warehouse.jx_byte_levenshtein(a, b)::double precision / greatest(octet_length(a), octet_length(b), 1)
$fn$;
`;

export const DIALECTS = { duckdb, postgres } as const;
