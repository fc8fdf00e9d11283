/**
 * Compiles a model document to one SQL query for a warehouse dialect. Every value (parameters,
 * constants, reference data, as_of) is a bound parameter; every identifier is a column of a
 * registered dataset kind or a table name the registry gave. A document that names an unknown
 * dataset, column, parameter or reference, or compares values of different types, is refused
 * with the path of the offending part before any SQL exists.
 */
import { idValidColumn, type ColumnType, type KindDefinition } from '../domain/datasetKinds.js';
import { addDays, addMonths, isIsoDate } from '../domain/calendar/isoDate.js';
import type { Dialect, SqlType } from './dialects.js';
import { COMPARISONS, type Condition, type Expression, type Link, type ModelDocument, type Offset, type Rule } from './document.js';

export interface DatasetTable {
  kind: KindDefinition;
  /** The warehouse table of the version to read, as the dataset registry names it. */
  table: string;
  /** Its schema, where the warehouse keeps datasets apart (PostgreSQL: `warehouse`). */
  schema?: string;
}
export type DatasetResolver = (kind: string) => DatasetTable | undefined;

export interface CompileInput {
  document: ModelDocument;
  dialect: Dialect;
  datasets: DatasetResolver;
  asOf: string;
  /** Parameter values overriding the document's defaults (already typed, or strings from a CLI). */
  parameters?: Record<string, unknown>;
}

export interface CompiledModel {
  sql: string;
  countSql: string;
  params: unknown[];
  parameters: Record<string, string | number>;
  /** Rules in document order; result column i+1 of a hit row belongs to rule i. */
  rules: { id: string; kind: Rule['kind']; hasSummary: boolean }[];
}

export interface CompileProblem {
  path: string;
  message: string;
}

export class ModelCompileError extends Error {
  constructor(readonly problems: CompileProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  }
}

type ProbableLink = Extract<Link, { identity: 'name_birth' | 'fuzzy_name' }>;

const COLUMN_SQL_TYPE: Record<ColumnType, SqlType> = { id: 'text', name: 'text', text: 'text', enum: 'text', month: 'month', date: 'date', money: 'money', decimal: 'decimal', int: 'int' };
const NUMERIC: SqlType[] = ['int', 'decimal', 'money'];
const compatible = (a: SqlType, b: SqlType) => a === b || (NUMERIC.includes(a) && NUMERIC.includes(b));

/**
 * A 文号 with its year brackets unified and spaces removed: agencies and courts write
 * 京朝市监罚〔2025〕12号, [2025], (2025) or 【2025】 for the same decision (full-width forms are
 * already folded at import). The same SQL on DuckDB and PostgreSQL; both sides of a link get it.
 */
const documentNumber = (expression: string) => `replace(replace(translate(${expression}, '[]［］()（）【】', '〔〕〔〕〔〕〔〕〔〕'), ' ', ''), '　', '')`;

interface Scope {
  alias: string;
  /** isName: a person name normalized at import, with its pinyin in `<column>_pinyin`. */
  columns: Map<string, { type: SqlType; isId: boolean; isName?: boolean }>;
}
interface Compiled {
  sql: string;
  type: SqlType;
  /** Known at compile time (as_of and its offsets): lets month_of() be computed in JavaScript. */
  constantDate?: string;
  /** Already reported; its type says nothing, so no follow-up type errors. */
  failed?: boolean;
}
interface Scopes {
  row?: Scope;
  subject?: Scope;
}

function kindScope(alias: string, kind: KindDefinition): Scope {
  const columns = new Map<string, { type: SqlType; isId: boolean; isName?: boolean }>();
  columns.set('_line', { type: 'int', isId: false });
  for (const c of kind.columns) {
    columns.set(c.name, c.type === 'name' ? { type: 'text', isId: false, isName: true } : { type: COLUMN_SQL_TYPE[c.type], isId: c.type === 'id' });
    if (c.type === 'id') columns.set(idValidColumn(c), { type: 'bool', isId: false });
  }
  return { alias, columns };
}

class Compiler {
  readonly params: unknown[] = [];
  readonly problems: CompileProblem[] = [];
  readonly values: Record<string, string | number> = {};

  constructor(
    private readonly input: CompileInput,
    private readonly d: Dialect,
  ) {}

  fail(path: string, message: string): Compiled {
    this.problems.push({ path, message });
    return { sql: 'NULL', type: 'text', failed: true };
  }

  bind(value: unknown, type: SqlType): string {
    this.params.push(value);
    return this.d.param(this.params.length, type);
  }

  /** A literal of the given type, checked the way an import would check it. */
  literal(value: string | number | boolean, type: SqlType, path: string): Compiled {
    const ok =
      type === 'date' ? typeof value === 'string' && isIsoDate(value)
      : type === 'month' ? typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)
      : type === 'bool' ? typeof value === 'boolean'
      : type === 'int' ? Number.isInteger(value)
      : NUMERIC.includes(type) ? typeof value === 'number' && Number.isFinite(value)
      : typeof value === 'string';
    if (!ok) return this.fail(path, `${JSON.stringify(value)} is not a valid ${type}`);
    return { sql: this.bind(value, type), type };
  }

  column(scope: Scope | undefined, name: string, path: string, what: string): Compiled {
    if (!scope) return this.fail(path, `${what} columns cannot be used here`);
    const c = scope.columns.get(name);
    if (!c) return this.fail(path, `unknown ${what} column "${name}"`);
    return { sql: `${scope.alias}.${this.d.quote(name)}`, type: c.type };
  }

  expression(e: Expression, scopes: Scopes, path: string, hint?: SqlType): Compiled {
    if (typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean') {
      const type = hint ?? (typeof e === 'string' ? 'text' : typeof e === 'boolean' ? 'bool' : Number.isInteger(e) ? 'int' : 'decimal');
      return this.literal(e, type, path);
    }
    if ('col' in e) return this.shifted(this.column(scopes.row, e.col, `${path}.col`, 'dataset'), e, path);
    if ('subject' in e) return this.shifted(this.column(scopes.subject, e.subject, `${path}.subject`, 'subject'), e, path);
    if ('param' in e) {
      const def = this.input.document.parameters[e.param];
      if (!def) return this.fail(`${path}.param`, `unknown parameter "${e.param}"`);
      return { sql: this.bind(this.values[e.param], def.type), type: def.type };
    }
    if ('as_of' in e) {
      const date = addDays(addMonths(this.input.asOf, e.offset_months ?? 0), e.offset_days ?? 0);
      return { sql: this.bind(date, 'date'), type: 'date', constantDate: date };
    }
    if ('month_of' in e) {
      const inner = this.expression(e.month_of, scopes, `${path}.month_of`, 'date');
      if (inner.failed) return inner;
      if (inner.type !== 'date') return this.fail(`${path}.month_of`, `month_of needs a date, got ${inner.type}`);
      if (inner.constantDate) {
        this.params.pop(); // the date itself is not needed, only its month
        return { sql: this.bind(inner.constantDate.slice(0, 7), 'month'), type: 'month' };
      }
      return { sql: this.d.monthOf(inner.sql), type: 'month' };
    }
    if ('lookup' in e) {
      const ref = this.input.document.references[e.lookup];
      if (!ref || ref.type !== 'table') return this.fail(`${path}.lookup`, `unknown reference table "${e.lookup}"`);
      const key = this.expression(e.key, scopes, `${path}.key`, 'text');
      if (key.type !== 'text') return this.fail(`${path}.key`, 'reference tables are keyed by text');
      const rows = ref.rows.map((r) => `(${this.bind(r.key, 'text')}, ${this.bind(r.value, ref.value_type)})`).join(', ');
      return { sql: `(SELECT ref.v FROM (VALUES ${rows}) AS ref(k, v) WHERE ref.k = ${key.sql})`, type: ref.value_type };
    }
    if ('fn' in e) {
      if (e.fn === 'days_between') {
        const [a, b] = e.args.map((arg, i) => this.expression(arg, scopes, `${path}.args[${i}]`, 'date'));
        if (a.failed || b.failed) return { ...a, failed: true };
        if (a.type !== 'date' || b.type !== 'date') return this.fail(path, 'days_between needs two dates');
        return { sql: this.d.daysBetween(a.sql, b.sql), type: 'int' };
      }
      const args = this.typedList(e.args.map((a, i): [Expression, string] => [a, `${path}.args[${i}]`]), scopes);
      return { sql: `${e.fn.toUpperCase()}(${args.map((a) => a.sql).join(', ')})`, type: args[0]?.type ?? 'text' };
    }
    if ('op' in e) {
      const [a, b] = this.typedList(e.args.map((arg, i): [Expression, string] => [arg, `${path}.args[${i}]`]), scopes);
      if (a.failed || b.failed) return { ...a, failed: true };
      if (!NUMERIC.includes(a.type) || !NUMERIC.includes(b.type)) return this.fail(path, `${e.op} needs numbers`);
      return { sql: `(${a.sql} ${e.op} ${b.sql})`, type: a.type };
    }
    return this.fail(path, 'unknown expression');
  }

  /**
   * A date column shifted by `offset_months`, then by `offset_days`: each a whole number, an int
   * parameter, or a list of these applied one after another (bound values, never SQL text).
   */
  shifted(base: Compiled, e: { offset_days?: Offset; offset_months?: Offset }, path: string): Compiled {
    if (e.offset_days === undefined && e.offset_months === undefined) return base;
    if (base.failed) return base;
    if (base.type !== 'date') return this.fail(path, `offset_days and offset_months need a date column, got ${base.type}`);
    let sql = base.sql;
    let failed = false;
    for (const unit of ['offset_months', 'offset_days'] as const) {
      const offset = e[unit];
      if (offset === undefined) continue;
      const steps = Array.isArray(offset) ? offset : [offset];
      steps.forEach((step, i) => {
        const at = Array.isArray(offset) ? `${path}.${unit}[${i}]` : `${path}.${unit}`;
        let amount: string;
        if (typeof step === 'number') amount = this.bind(step, 'int');
        else {
          const def = this.input.document.parameters[step.param];
          if (!def || def.type !== 'int') {
            this.fail(`${at}.param`, def ? `parameter "${step.param}" is not an int` : `unknown parameter "${step.param}"`);
            failed = true;
            return;
          }
          amount = this.bind(this.values[step.param], 'int');
        }
        sql = unit === 'offset_months' ? this.d.addMonths(sql, amount) : this.d.addDays(sql, amount);
      });
    }
    return failed ? { sql, type: 'date', failed } : { sql, type: 'date' };
  }

  /** Compiles expressions that must share one type; literals take the type of the others. */
  typedList(items: [Expression, string][], scopes: Scopes): Compiled[] {
    const isLiteral = (e: Expression) => typeof e !== 'object';
    const firstTyped = items.findIndex(([e]) => !isLiteral(e));
    const anchor = firstTyped >= 0 ? this.expression(items[firstTyped][0], scopes, items[firstTyped][1]) : undefined;
    const hint = anchor?.failed ? undefined : anchor?.type;
    const out = items.map(([e, path], i) => (i === firstTyped ? anchor! : this.expression(e, scopes, path, hint)));
    const reference = out.find((c) => !c.failed);
    out.forEach((c, i) => {
      if (reference && !c.failed && !compatible(c.type, reference.type)) this.fail(items[i][1], `type ${c.type} does not match ${reference.type}`);
    });
    return out;
  }

  condition(c: Condition, scopes: Scopes, path: string): string {
    if ('all' in c) return `(${c.all.map((x, i) => this.condition(x, scopes, `${path}.all[${i}]`)).join(' AND ')})`;
    if ('any' in c) return `(${c.any.map((x, i) => this.condition(x, scopes, `${path}.any[${i}]`)).join(' OR ')})`;
    if ('not' in c) return `(NOT ${this.condition(c.not, scopes, `${path}.not`)})`;
    if (c.op === 'is_null' || c.op === 'not_null') {
      const left = this.expression(c.left, scopes, `${path}.left`);
      return `(${left.sql} IS ${c.op === 'is_null' ? '' : 'NOT '}NULL)`;
    }
    if (c.op === 'in' || c.op === 'not_in') {
      const left = this.expression(c.left, scopes, `${path}.left`);
      let values: (string | number)[];
      if (Array.isArray(c.right)) values = c.right;
      else {
        const ref = this.input.document.references[c.right.list];
        if (!ref || ref.type !== 'list') {
          this.fail(`${path}.right.list`, `unknown reference list "${c.right.list}"`);
          return 'FALSE';
        }
        values = ref.values;
      }
      const items = values.map((v, i) => (left.failed ? 'NULL' : this.literal(v, left.type, `${path}.right[${i}]`).sql));
      return `(${left.sql} ${c.op === 'in' ? 'IN' : 'NOT IN'} (${items.join(', ')}))`;
    }
    const comparison = c as Extract<Condition, { op: (typeof COMPARISONS)[number] }>;
    const [left, right] = this.typedList([[comparison.left, `${path}.left`], [comparison.right, `${path}.right`]], scopes);
    return `(${left.sql} ${comparison.op === '!=' ? '<>' : comparison.op} ${right.sql})`;
  }

  link(link: Link, subject: Scope, row: Scope, path: string): string {
    const s = subject.alias;
    const o = row.alias;
    if ('identity' in link && link.identity !== 'exact_id') return this.probableLink(link, subject, row, path);
    if ('identity' in link) {
      const sc = subject.columns.get(link.subject);
      const oc = row.columns.get(link.other);
      if (!sc?.isId) this.fail(`${path}.subject`, `"${link.subject}" is not an ID-number column of the subject`);
      if (!oc?.isId) this.fail(`${path}.other`, `"${link.other}" is not an ID-number column of the dataset`);
      const q = this.d.quote;
      // DATA-SPEC §2: only valid 18-digit numbers take part in an exact match.
      return `${s}.${q(link.subject)} = ${o}.${q(link.other)} AND ${s}.${q(`${link.subject}_valid`)} AND ${o}.${q(`${link.other}_valid`)}`;
    }
    return link.key
      .map((k, i) => {
        const a = this.column(subject, k.subject, `${path}.key[${i}].subject`, 'subject');
        const b = this.column(row, k.other, `${path}.key[${i}].other`, 'dataset');
        if (!compatible(a.type, b.type)) this.fail(`${path}.key[${i}]`, `cannot link ${a.type} to ${b.type}`);
        if (k.normalize === 'document_number') {
          if (a.type !== 'text' || b.type !== 'text') this.fail(`${path}.key[${i}].normalize`, 'document numbers are text columns');
          return `${documentNumber(a.sql)} = ${documentNumber(b.sql)}`;
        }
        return `${a.sql} = ${b.sql}`;
      })
      .join(' AND ');
  }

  /**
   * name_birth and fuzzy_name (DATA-SPEC §2): only pairs where at least one side has no valid ID
   * number (two valid numbers are the same person, found by exact_id, or different people).
   * Birth dates come from the side's birth-date column, else from its valid ID number; the region
   * code of fuzzy_name blocking is the first six digits of an 18-character ID number, valid or
   * not (a mistyped number usually keeps its region).
   */
  probableLink(link: ProbableLink, subject: Scope, row: Scope, path: string): string {
    const q = this.d.quote;
    const side = (scope: Scope, prefix: 'subject' | 'other') => {
      const at = (field: string) => `${path}.${prefix}_${field}`;
      const what = prefix === 'subject' ? 'the subject' : 'the dataset';
      const ref = (name: string) => `${scope.alias}.${q(name)}`;
      const name = link[`${prefix}_name`];
      if (!scope.columns.get(name)?.isName) this.fail(at('name'), `"${name}" is not a person-name column of ${what}`);
      const id = link[`${prefix}_id`];
      if (id !== undefined && !scope.columns.get(id)?.isId) this.fail(at('id'), `"${id}" is not an ID-number column of ${what}`);
      const birth = link[`${prefix}_birth`];
      if (birth !== undefined && scope.columns.get(birth)?.type !== 'date') this.fail(at('birth'), `"${birth}" is not a date column of ${what}`);
      const valid = id === undefined ? 'FALSE' : `coalesce(${ref(`${id}_valid`)}, FALSE)`;
      const fromId = id === undefined ? undefined : `CASE WHEN ${valid} THEN CAST(substr(${ref(id)}, 7, 4) || '-' || substr(${ref(id)}, 11, 2) || '-' || substr(${ref(id)}, 13, 2) AS DATE) END`;
      const birthSql = birth !== undefined && fromId ? `coalesce(${ref(birth)}, ${fromId})` : birth !== undefined ? ref(birth) : fromId;
      const needsBirth = link.identity === 'name_birth' || link.blocking === 'birth_date';
      if (needsBirth && birthSql === undefined) this.fail(at('birth'), `${what} needs a birth-date column or an ID-number column to take the birth date from`);
      if (link.identity === 'fuzzy_name' && link.blocking === 'region_code' && id === undefined) this.fail(at('id'), `blocking by region code needs an ID-number column of ${what}`);
      const region = id === undefined ? 'NULL' : `CASE WHEN length(${ref(id)}) = 18 THEN substr(${ref(id)}, 1, 6) END`;
      return { name: ref(name), valid, birth: birthSql ?? 'NULL', region };
    };
    const a = side(subject, 'subject');
    const b = side(row, 'other');
    const notTwoValidIds = `NOT (${a.valid} AND ${b.valid})`;
    if (link.identity === 'name_birth') return `${a.name} = ${b.name} AND ${a.birth} = ${b.birth} AND ${notTwoValidIds}`;
    const block = link.blocking === 'birth_date' ? `${a.birth} = ${b.birth}` : `${a.region} = ${b.region}`;
    this.params.push(link.threshold);
    return `${block} AND ${notTwoValidIds} AND ${this.nameSimilarity(link, subject, row)} >= ${this.d.doubleParam(this.params.length)}`;
  }

  /** The better of the pinyin and the character similarity of the two names. */
  nameSimilarity(link: ProbableLink, subject: Scope, row: Scope): string {
    const q = this.d.quote;
    const s = (name: string) => `${subject.alias}.${q(name)}`;
    const o = (name: string) => `${row.alias}.${q(name)}`;
    const pinyin = this.d.textSimilarity(s(`${link.subject_name}_pinyin`), o(`${link.other_name}_pinyin`));
    const characters = this.d.textSimilarity(s(link.subject_name), o(link.other_name));
    return `greatest(${pinyin}, ${characters})`;
  }

  /** What a probable link adds to each evidence row: how the row was linked, and how sure that is. */
  linkEvidence(link: Link, subject: Scope, row: Scope): [string, string][] {
    if (!('identity' in link) || link.identity === 'exact_id') return [];
    const pairs: [string, string][] = [
      ['_link', this.bind(link.identity, 'text')],
      ['_confidence', this.bind('probable', 'text')],
    ];
    if (link.identity === 'fuzzy_name') pairs.push(['_similarity', `CAST(${this.nameSimilarity(link, subject, row)} AS DECIMAL(6,3))`]);
    return pairs;
  }

  dataset(kind: string, path: string): (DatasetTable & { ref: string }) | undefined {
    const table = this.input.datasets(kind);
    if (!table) {
      this.problems.push({ path, message: `no dataset of kind "${kind}" is available` });
      return undefined;
    }
    const ref = table.schema ? `${this.d.quote(table.schema)}.${this.d.quote(table.table)}` : this.d.quote(table.table);
    return { ...table, ref };
  }

  resolveParameters() {
    const { document, parameters = {} } = this.input;
    for (const name of Object.keys(parameters)) {
      if (!document.parameters[name]) this.problems.push({ path: `parameters.${name}`, message: `the model has no parameter "${name}"` });
    }
    for (const [name, def] of Object.entries(document.parameters)) {
      const raw = parameters[name] ?? def.default;
      const path = `parameters.${name}`;
      let value: string | number = raw as string | number;
      if (def.type === 'date' || def.type === 'text') {
        value = String(raw);
        if (def.type === 'date' && !isIsoDate(value)) this.problems.push({ path, message: `${JSON.stringify(raw)} is not a date (YYYY-MM-DD)` });
      } else {
        value = typeof raw === 'number' ? raw : Number(String(raw).trim());
        if (!Number.isFinite(value) || String(raw).trim() === '' || (def.type === 'int' && !Number.isInteger(value))) {
          this.problems.push({ path, message: `${JSON.stringify(raw)} is not a valid ${def.type}` });
        } else if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
          this.problems.push({ path, message: `${value} is outside ${def.min ?? '−∞'} … ${def.max ?? '∞'}` });
        }
      }
      this.values[name] = value;
    }
  }
}

function subjectSql(c: Compiler, document: ModelDocument, d: Dialect): { rowsSql: string; scope: Scope } | undefined {
  const { sources, key } = document.subject;
  const mapped = sources.some((s) => s.columns);
  if (mapped && sources.some((s) => !s.columns)) {
    c.problems.push({ path: 'subject.sources', message: 'either every source maps its columns or none does' });
    return undefined;
  }
  if (!mapped && sources.length > 1) {
    c.problems.push({ path: 'subject.sources', message: 'a subject drawn from several datasets must map their columns' });
    return undefined;
  }
  const selects: string[] = [];
  let scope: Scope | undefined;
  const usesPinyin = document.rules.some((r) => 'identity' in r.link && r.link.identity === 'fuzzy_name');
  sources.forEach((source, i) => {
    const path = `subject.sources[${i}]`;
    const table = c.dataset(source.dataset, `${path}.dataset`);
    if (!table) return;
    const row = kindScope('o', table.kind);
    const columns: [string, Compiled & { isId: boolean; isName?: boolean }][] = source.columns
      ? Object.entries(source.columns).map(([name, expr]) => {
          const compiled = c.expression(expr, { row }, `${path}.columns.${name}`);
          const isId = typeof expr === 'object' && 'col' in expr && !!row.columns.get(expr.col)?.isId;
          const isName = typeof expr === 'object' && 'col' in expr && !('offset_days' in expr || 'offset_months' in expr) && !!row.columns.get(expr.col)?.isName;
          return [name, { ...compiled, isId, isName }];
        })
      : [...row.columns.entries()].filter(([n]) => n !== '_line').map(([name, col]) => [name, { sql: `o.${d.quote(name)}`, type: col.type, isId: col.isId, isName: col.isName }]);
    // A mapped ID column brings its validity flag along, so exact_id links work on it; a name
    // brings its pinyin when a fuzzy_name link compares it (only then: tables imported before
    // names had a pinyin column still run every other model).
    const withFlags = columns.flatMap(([name, col]) => {
      const entry: [string, Compiled & { isId: boolean; isName?: boolean }] = [name, col];
      const mapped = source.columns?.[name] as { col: string } | undefined;
      if (col.isName && usesPinyin) {
        return [entry, [`${name}_pinyin`, { sql: `o.${d.quote(`${mapped?.col ?? name}_pinyin`)}`, type: 'text' as SqlType, isId: false }] as [string, Compiled & { isId: boolean; isName?: boolean }]];
      }
      if (!source.columns || !col.isId) return [entry];
      const expr = source.columns[name] as { col: string };
      return [entry, [`${name}_valid`, { sql: `o.${d.quote(`${expr.col}_valid`)}`, type: 'bool' as SqlType, isId: false }] as [string, Compiled & { isId: boolean; isName?: boolean }]];
    });
    const thisScope: Scope = { alias: 's', columns: new Map(withFlags.map(([n, col]) => [n, { type: col.type, isId: col.isId, isName: col.isName }])) };
    if (scope) {
      const names = (sc: Scope) => [...sc.columns.keys()].sort().join(',');
      if (names(scope) !== names(thisScope)) c.problems.push({ path: `${path}.columns`, message: 'every source must map the same subject columns' });
    } else scope = thisScope;
    const where = source.where ? c.condition(source.where, { row }, `${path}.where`) : 'TRUE';
    const keySql = key.map((k) => {
      const col = withFlags.find(([n]) => n === k);
      if (!col) c.problems.push({ path: 'subject.key', message: `"${k}" is not a subject column` });
      return col ? `CAST(${col[1].sql} AS VARCHAR)` : 'NULL';
    });
    const list = withFlags.map(([n, col]) => `${col.sql} AS ${d.quote(n)}`).join(', ');
    selects.push(`SELECT concat_ws(':', ${keySql.join(', ')}) AS subject_key, ${c.bind(source.dataset, 'text')} AS _source, o._line AS _line, ${list} FROM ${table.ref} o WHERE ${where}`);
  });
  if (!scope || c.problems.length) return undefined;
  for (const field of ['id_number', 'name'] as const) {
    const col = document.subject[field];
    if (col && !scope.columns.has(col)) c.problems.push({ path: `subject.${field}`, message: `"${col}" is not a subject column` });
  }
  return { rowsSql: selects.join('\nUNION ALL\n'), scope };
}

export function compileModel(input: CompileInput): CompiledModel {
  const { document, dialect: d } = input;
  if (!isIsoDate(input.asOf)) throw new ModelCompileError([{ path: 'as_of', message: `${input.asOf} is not a date (YYYY-MM-DD)` }]);
  const c = new Compiler(input, d);
  c.resolveParameters();
  const subject = subjectSql(c, document, d);
  if (!subject) throw new ModelCompileError(c.problems);
  const q = d.quote;
  const subjectColumns = [...subject.scope.columns.entries()];
  const grouped = subjectColumns.map(([n, col]) => (col.type === 'bool' ? `bool_or(${q(n)}) AS ${q(n)}` : `min(${q(n)}) AS ${q(n)}`)).join(', ');
  const ctes: string[] = [`subject_rows AS (\n${subject.rowsSql}\n)`, `subjects AS (SELECT subject_key, ${grouped} FROM subject_rows GROUP BY subject_key)`];
  const outputs: string[] = [];
  const joins: string[] = [];
  const fired: string[] = [];

  document.rules.forEach((rule, i) => {
    const path = `rules[${i}]`;
    const table = c.dataset(rule.dataset, `${path}.dataset`);
    if (!table) return;
    const row = kindScope('o', table.kind);
    const s = subject.scope;
    const scopes = { row, subject: s };
    const link = c.link(rule.link, s, row, `${path}.link`);
    const where = rule.where ? c.condition(rule.where, scopes, `${path}.where`) : 'TRUE';
    const evidenceColumns = rule.evidence.map((col, j) => c.column(row, col, `${path}.evidence[${j}]`, 'dataset'));
    const evidence = d.jsonAgg(d.jsonObject([['_line', 'o._line'], ...rule.evidence.map((col, j): [string, string] => [col, evidenceColumns[j].sql]), ...c.linkEvidence(rule.link, s, row)]), 'o._line');
    const from = `FROM subjects s JOIN ${table.ref} o ON ${link}`;
    const r = `r${i}`;
    let summary = false;
    if (rule.kind === 'match') {
      const summaries = Object.entries(rule.summary ?? {}).map(([name, agg]) => {
        const col = agg.column ? c.column(row, agg.column, `${path}.summary.${name}.column`, 'dataset').sql : 'o._line';
        return [name, agg.fn === 'count' ? `count(${col})` : `${agg.fn}(${col})`] as [string, string];
      });
      summary = summaries.length > 0;
      const summarySql = summary ? `, ${d.jsonObject(summaries)} AS summary` : '';
      ctes.push(`${r} AS (SELECT s.subject_key, ${evidence} AS ev${summarySql} ${from} WHERE ${where} GROUP BY s.subject_key)`);
    } else if (rule.kind === 'absent') {
      ctes.push(`${r} AS (SELECT s.subject_key, ${d.emptyJsonArray} AS ev FROM subjects s WHERE NOT EXISTS (SELECT 1 FROM ${table.ref} o WHERE ${link} AND ${where}))`);
    } else {
      const agg = rule.aggregate;
      if (agg.fn !== 'count' && !agg.column) c.problems.push({ path: `${path}.aggregate.column`, message: `${agg.fn} needs a column` });
      const col = agg.column ? c.column(row, agg.column, `${path}.aggregate.column`, 'dataset') : { sql: 'o._line', type: 'int' as SqlType };
      const value =
        agg.fn === 'count' ? `count(${col.sql})`
        : agg.fn === 'count_distinct' ? `count(DISTINCT ${col.sql})`
        : agg.fn === 'sum' ? `coalesce(sum(${col.sql}), 0)`
        : `${agg.fn}(${col.sql})`;
      const valueType: SqlType = agg.fn.startsWith('count') ? 'int' : col.type;
      const right = c.expression(rule.compare.right, { subject: s }, `${path}.compare.right`, valueType);
      if (!right.failed && !compatible(right.type, valueType)) c.problems.push({ path: `${path}.compare.right`, message: `type ${right.type} does not match ${valueType}` });
      const anyRow = rule.require_any ? ` AND EXISTS (SELECT 1 FROM ${table.ref} o WHERE ${link})` : '';
      const evidenceWhere = rule.evidence_where ? c.condition(rule.evidence_where, scopes, `${path}.evidence_where`) : where;
      ctes.push(`a${i} AS (SELECT s.subject_key, ${value} AS value FROM subjects s LEFT JOIN ${table.ref} o ON ${link} AND ${where} GROUP BY s.subject_key)`);
      ctes.push(`h${i} AS (SELECT a.subject_key, a.value FROM a${i} a JOIN subjects s ON s.subject_key = a.subject_key WHERE a.value ${rule.compare.op === '!=' ? '<>' : rule.compare.op} ${right.sql}${anyRow})`);
      ctes.push(
        `${r} AS (SELECT h.subject_key, ${d.jsonObject([['value', 'h.value']])} AS summary, coalesce(e.ev, ${d.emptyJsonArray}) AS ev FROM h${i} h LEFT JOIN ` +
          `(SELECT s.subject_key, ${evidence} AS ev FROM h${i} hh JOIN subjects s ON s.subject_key = hh.subject_key JOIN ${table.ref} o ON ${link} WHERE ${evidenceWhere} GROUP BY s.subject_key) e ON e.subject_key = h.subject_key)`,
      );
      summary = true;
    }
    outputs.push(`${r}.subject_key IS NOT NULL AS fired_${i}`, `${r}.ev AS ev_${i}`, summary ? `${r}.summary AS summary_${i}` : `NULL AS summary_${i}`);
    joins.push(`LEFT JOIN ${r} ON ${r}.subject_key = s.subject_key`);
    fired.push(`${r}.subject_key IS NOT NULL`);
  });
  if (c.problems.length) throw new ModelCompileError(c.problems);

  const idCol = document.subject.id_number ? `s.${q(document.subject.id_number)}` : 'NULL';
  const nameCol = document.subject.name ? `s.${q(document.subject.name)}` : 'NULL';
  const subjectEvidence = d.jsonAgg(d.jsonObject([['_source', 'r._source'], ['_line', 'r._line'], ...subjectColumns.map(([n]): [string, string] => [n, `r.${q(n)}`])]), 'r._source, r._line');
  ctes.push(`hits AS (SELECT s.subject_key, ${idCol} AS id_number, ${nameCol} AS name, ${outputs.join(', ')} FROM subjects s ${joins.join(' ')} WHERE ${fired.join(' OR ')})`);
  ctes.push(`subject_evidence AS (SELECT r.subject_key, ${subjectEvidence} AS ev FROM subject_rows r WHERE r.subject_key IN (SELECT subject_key FROM hits) GROUP BY r.subject_key)`);
  const withClause = `WITH ${ctes.join(',\n')}`;
  return {
    sql: `${withClause}\nSELECT h.*, se.ev AS subject_ev FROM hits h LEFT JOIN subject_evidence se ON se.subject_key = h.subject_key ORDER BY h.subject_key`,
    countSql: `WITH ${ctes.slice(0, 2).join(',\n')}\nSELECT count(*) AS subjects FROM subjects`,
    params: c.params,
    parameters: c.values,
    rules: document.rules.map((r) => ({ id: r.id, kind: r.kind, hasSummary: r.kind !== 'absent' && (r.kind === 'aggregate' || !!(r.kind === 'match' && r.summary)) })),
  };
}
