import type { CompiledModel } from './compiler.js';

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

/** What the runner needs of a warehouse: run a parameterised query and return plain rows. */
export interface WarehouseQuery {
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

export async function runCompiled(warehouse: WarehouseQuery, compiled: CompiledModel): Promise<{ hits: Hit[]; subjects: number }> {
  const rows = await warehouse.query(compiled.sql, compiled.params);
  const [count] = await warehouse.query(compiled.countSql, compiled.params.slice(0, countParams(compiled)));
  const hits = rows.map((row): Hit => {
    const hit: Hit = { subjectKey: String(row.subject_key), idNumber: (row.id_number as string) ?? null, name: (row.name as string) ?? null, rules: [], evidence: {}, summaries: {}, subject: json(row.subject_ev) ?? [] };
    compiled.rules.forEach((rule, i) => {
      if (!row[`fired_${i}`]) return;
      hit.rules.push(rule.id);
      hit.evidence[rule.id] = json(row[`ev_${i}`]) ?? [];
      if (rule.hasSummary) hit.summaries[rule.id] = json(row[`summary_${i}`]) ?? {};
    });
    return hit;
  });
  return { hits, subjects: Number(count.subjects) };
}

/** The count query uses only the subject's parameters, which are bound first. */
function countParams(compiled: CompiledModel): number {
  const used = [...compiled.countSql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  return used.length ? Math.max(...used) : 0;
}
