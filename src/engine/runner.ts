import { compileModel, type CompiledModel, type CompileInput } from './compiler.js';

/** One supervision lead: the subject, the rules that fired and the rows that show why. */
export interface Hit {
  subjectKey: string;
  idNumber: string | null;
  name: string | null;
  rules: string[];
  evidence: Record<string, Record<string, unknown>[]>;
  /** Per rule: aggregate values (e.g. the count of months, the total paid). */
  summaries: Record<string, Record<string, unknown>>;
  /** The subject's own rows (several when it is drawn from several datasets). */
  subject: Record<string, unknown>[];
}

/**
 * What the runner needs of a warehouse: run a parameterised query and return plain rows. A
 * warehouse that can stop a query midway honours `signal` (it rejects once the signal aborts);
 * one that cannot ignores it, and the runner stops before its next query instead.
 */
export interface WarehouseQuery {
  query(sql: string, params: unknown[], options?: { signal?: AbortSignal }): Promise<Record<string, unknown>[]>;
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/** Reads the hit rows of a compiled model (all its rules, or the one rule of a staged part). */
function hitsOf(compiled: CompiledModel, rows: Record<string, unknown>[]): Hit[] {
  return rows.map((row): Hit => {
    const hit: Hit = { subjectKey: String(row.subject_key), idNumber: (row.id_number as string) ?? null, name: (row.name as string) ?? null, rules: [], evidence: {}, summaries: {}, subject: json(row.subject_ev) ?? [] };
    compiled.rules.forEach((rule, i) => {
      if (!row[`fired_${i}`]) return;
      hit.rules.push(rule.id);
      hit.evidence[rule.id] = json(row[`ev_${i}`]) ?? [];
      if (rule.hasSummary) hit.summaries[rule.id] = json(row[`summary_${i}`]) ?? {};
    });
    return hit;
  });
}

async function countSubjects(warehouse: WarehouseQuery, compiled: CompiledModel, signal?: AbortSignal): Promise<number> {
  const [count] = await warehouse.query(compiled.countSql, compiled.params.slice(0, countParams(compiled)), { signal });
  return Number(count.subjects);
}

/** Runs a compiled model as one query (all rules at once). */
export async function runCompiled(warehouse: WarehouseQuery, compiled: CompiledModel): Promise<{ hits: Hit[]; subjects: number }> {
  const rows = await warehouse.query(compiled.sql, compiled.params);
  return { hits: hitsOf(compiled, rows), subjects: await countSubjects(warehouse, compiled) };
}

/** The count query uses only the subject's parameters, which are bound first. */
function countParams(compiled: CompiledModel): number {
  const used = [...compiled.countSql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  return used.length ? Math.max(...used) : 0;
}

/**
 * A model compiled for a run in stages: the whole model (its parameters, the subject count) and
 * one query per rule — the same model with only that rule — so a long run can say which rule it
 * is at and stop between rules.
 */
export interface StagedModel {
  whole: CompiledModel;
  rules: { id: string; compiled: CompiledModel }[];
}

export function compileStaged(input: CompileInput): StagedModel {
  const whole = compileModel(input);
  const rules = input.document.rules.map((rule) => ({ id: rule.id, compiled: compileModel({ ...input, document: { ...input.document, rules: [rule] } }) }));
  return { whole, rules };
}

/** Thrown when a run is stopped by its signal. */
export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RunCancelled';
  }
}

export interface StagedHooks {
  signal?: AbortSignal;
  /** Before counting the subjects. */
  onSubjects?(): Promise<void> | void;
  /** Before the query of rule `index` (1-based) of `total`, with the subjects and the hits so far. */
  onRule?(step: { index: number; total: number; id: string; subjects: number; hits: number }): Promise<void> | void;
}

/**
 * Runs a staged model: the subject count, then each rule's query in document order, merging the
 * hits by subject. The result equals `runCompiled` on the whole model (runner.test.ts).
 */
export async function runStaged(warehouse: WarehouseQuery, staged: StagedModel, hooks: StagedHooks = {}): Promise<{ hits: Hit[]; subjects: number }> {
  const { signal } = hooks;
  const check = () => {
    if (signal?.aborted) throw new RunCancelled();
  };
  check();
  await hooks.onSubjects?.();
  check();
  const subjects = await countSubjects(warehouse, staged.whole, signal);
  const bySubject = new Map<string, Hit>();
  for (const [i, rule] of staged.rules.entries()) {
    check();
    await hooks.onRule?.({ index: i + 1, total: staged.rules.length, id: rule.id, subjects, hits: bySubject.size });
    check();
    const rows = await warehouse.query(rule.compiled.sql, rule.compiled.params, { signal });
    for (const hit of hitsOf(rule.compiled, rows)) {
      const known = bySubject.get(hit.subjectKey);
      if (!known) {
        bySubject.set(hit.subjectKey, hit);
        continue;
      }
      known.rules.push(...hit.rules);
      Object.assign(known.evidence, hit.evidence);
      Object.assign(known.summaries, hit.summaries);
    }
  }
  check();
  const hits = [...bySubject.values()].sort((a, b) => (a.subjectKey < b.subjectKey ? -1 : a.subjectKey > b.subjectKey ? 1 : 0));
  return { hits, subjects };
}
