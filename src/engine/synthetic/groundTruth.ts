/**
 * The expected hits of the six built-in models on the demo data, recorded while the data is
 * planted (never by running the models), and the near misses planted beside them.
 */
import { builtInModel } from '../builtins.js';

export interface NearMiss {
  subject_key: string;
  rule: string;
  why: string;
}

export interface ModelTruth {
  as_of: string;
  /** subject_key → rule ids in the model's order. */
  hits: Record<string, string[]>;
  /** Records built to come close to a rule without meeting it; the subject does not have that
   * rule among its hits. */
  near_misses: NearMiss[];
}

export type GroundTruthFile = Record<string, ModelTruth>;

export class GroundTruth {
  private readonly hits = new Map<string, Map<string, Set<string>>>();
  private readonly misses = new Map<string, NearMiss[]>();
  private readonly ruleOrder = new Map<string, string[]>();

  constructor(
    private readonly asOf: string,
    models: readonly string[],
  ) {
    for (const id of models) {
      const model = builtInModel(id);
      if (!model) throw new Error(`unknown built-in model ${id}`);
      this.ruleOrder.set(id, model.rules.map((r) => r.id));
      this.hits.set(id, new Map());
      this.misses.set(id, []);
    }
  }

  private check(model: string, rule: string) {
    if (!this.ruleOrder.get(model)?.includes(rule)) throw new Error(`${model} has no rule ${rule}`);
  }

  hit(model: string, subjectKey: string, rule: string) {
    this.check(model, rule);
    const subjects = this.hits.get(model)!;
    let rules = subjects.get(subjectKey);
    if (!rules) subjects.set(subjectKey, (rules = new Set()));
    rules.add(rule);
  }

  nearMiss(model: string, subjectKey: string, rule: string, why: string) {
    this.check(model, rule);
    this.misses.get(model)!.push({ subject_key: subjectKey, rule, why });
  }

  toJSON(): GroundTruthFile {
    const out: GroundTruthFile = {};
    for (const [model, order] of this.ruleOrder) {
      const subjects = this.hits.get(model)!;
      const hits: Record<string, string[]> = {};
      for (const key of [...subjects.keys()].sort(compare)) hits[key] = order.filter((r) => subjects.get(key)!.has(r));
      // A near miss beside a planted hit of the same rule proves nothing about that rule.
      const near_misses = this.misses
        .get(model)!
        .filter((m) => !subjects.get(m.subject_key)?.has(m.rule))
        .sort((a, b) => compare(a.rule, b.rule) || compare(a.subject_key, b.subject_key) || compare(a.why, b.why));
      out[model] = { as_of: this.asOf, hits, near_misses };
    }
    return out;
  }
}

/** Code-unit order: the same on every machine and locale. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
