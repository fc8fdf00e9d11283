import { describe, expect, it } from 'vitest';
import { BUILT_IN_MODELS } from './builtins.js';
import { compileModel, ModelCompileError } from './compiler.js';
import { duckdb, postgres } from './dialects.js';
import { modelDocument, type ModelDocument } from './document.js';
import { explainModel } from './explain.js';
import { fixtureWarehouse } from './fixtureWarehouse.js';
import { PROBABLE_AS_OF, PROBABLE_DATA, PROBABLE_EXPECTED, PROBABLE_MODEL, RECIPIENTS } from './probableLinks.fixture.js';
import { runCompiled } from './runner.js';

type Evidence = Record<string, unknown>;

async function run(document: ModelDocument = PROBABLE_MODEL) {
  const w = await fixtureWarehouse(PROBABLE_DATA, [RECIPIENTS]);
  try {
    return await runCompiled(w, compileModel({ document, dialect: duckdb, datasets: w.datasets, asOf: PROBABLE_AS_OF }));
  } finally {
    w.close();
  }
}

/** The model with its first rule's link replaced. */
function withLink(link: Record<string, unknown>): unknown {
  const doc = structuredClone(PROBABLE_MODEL) as unknown as { rules: { link: unknown }[] };
  doc.rules = [{ ...doc.rules[0], link }];
  return doc;
}

describe('probable identity links on DuckDB', () => {
  it('finds exactly the expected subjects by name_birth and fuzzy_name', async () => {
    const { hits, subjects } = await run();
    expect(subjects).toBe(10);
    expect(Object.fromEntries(hits.map((h) => [h.subjectKey, h.rules]))).toEqual(PROBABLE_EXPECTED);
  });

  it('marks every probable evidence row with its link, a probable confidence and, for fuzzy_name, the similarity', async () => {
    const { hits } = await run();
    const byKey = new Map(hits.map((h) => [h.subjectKey, h]));
    const [nameBirth] = byKey.get('S01')!.evidence['dead-name-birth'] as Evidence[];
    expect(nameBirth).toMatchObject({ name: '张三', _link: 'name_birth', _confidence: 'probable' });
    expect(nameBirth).not.toHaveProperty('_similarity');
    const [sameSound] = byKey.get('S04')!.evidence['dead-fuzzy'] as Evidence[];
    expect(sameSound).toMatchObject({ name: '章建国', _link: 'fuzzy_name', _confidence: 'probable' });
    expect(Number(sameSound._similarity)).toBe(1);
    const [close] = byKey.get('S09')!.evidence['dead-fuzzy'] as Evidence[];
    expect(close).toMatchObject({ name: '张三', _link: 'fuzzy_name' });
    expect(Number(close._similarity)).toBe(0.9);
  });

  it('links a traditional-character name to its simplified form and unifies middle dots', async () => {
    const { hits } = await run();
    const byKey = new Map(hits.map((h) => [h.subjectKey, h]));
    expect((byKey.get('S03')!.evidence['dead-name-birth'] as Evidence[])[0]).toMatchObject({ name: '陈伟' });
    expect((byKey.get('S10')!.evidence['dead-name-birth'] as Evidence[])[0]).toMatchObject({ name: '阿依古丽·买买提' });
  });

  it('works on subjects whose columns are mapped (a mapped name brings its pinyin along)', async () => {
    const doc = structuredClone(PROBABLE_MODEL) as unknown as { subject: unknown; rules: { link: Record<string, unknown> }[] };
    doc.subject = {
      sources: [{ dataset: 'assistance_recipients', columns: { file_no: { col: 'case_no' }, person: { col: 'name' }, pid: { col: 'id_number' }, born: { col: 'birth_date' } } }],
      key: ['file_no'],
      id_number: 'pid',
      name: 'person',
    };
    for (const r of doc.rules) Object.assign(r.link, { subject_name: 'person', subject_id: 'pid', subject_birth: 'born' });
    const { hits } = await run(modelDocument.parse(doc));
    expect(Object.fromEntries(hits.map((h) => [h.subjectKey, h.rules]))).toEqual(PROBABLE_EXPECTED);
    expect(hits.find((h) => h.subjectKey === 'S04')!.subject[0]).toMatchObject({ person: '张建国', person_pinyin: 'zhang jian guo' });
  });

  it('never links two different valid ID numbers, even with the same name and birth date', async () => {
    const { hits } = await run();
    expect(hits.find((h) => h.subjectKey === 'S02')).toBeUndefined();
  });

  it('takes the birth date from a valid ID number when the side has no birth-date column', async () => {
    // The death records have no birth-date column: every hit above took the date from their IDs.
    // Without the ID column to take it from, the other side has no birth date and nothing links.
    const doc = modelDocument.parse(withLink({ identity: 'name_birth', subject_name: 'name', subject_birth: 'birth_date', other_name: 'name' }));
    expect(() => compileModel({ document: doc, dialect: duckdb, datasets: (k) => (k === 'death_records' ? { kind: { kind: 'death_records', label: '', columns: [{ name: 'name', type: 'name', required: true, aliases: [] }] }, table: 't' } : { kind: RECIPIENTS, table: 'r' }), asOf: PROBABLE_AS_OF })).toThrow(
      /rules\[0\]\.link\.other_birth: the dataset needs a birth-date column or an ID-number column/,
    );
  });
});

describe('validation of probable links', () => {
  it.each([[0], [-0.1], [1.01], [2]])('rejects a fuzzy_name threshold of %s (outside (0, 1])', (threshold) => {
    const result = modelDocument.safeParse(withLink({ identity: 'fuzzy_name', subject_name: 'name', other_name: 'name', threshold, blocking: 'birth_date' }));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]?.path.join('.')).toContain('rules.0.link');
  });

  it('accepts a threshold of exactly 1 and rejects an unknown blocking key', () => {
    expect(modelDocument.safeParse(withLink({ identity: 'fuzzy_name', subject_name: 'name', other_name: 'name', other_id: 'id_number', threshold: 1, blocking: 'birth_date' })).success).toBe(true);
    expect(modelDocument.safeParse(withLink({ identity: 'fuzzy_name', subject_name: 'name', other_name: 'name', threshold: 0.9, blocking: 'surname' })).success).toBe(false);
  });

  it('refuses columns of the wrong kind with the path of the link', async () => {
    const w = await fixtureWarehouse(PROBABLE_DATA, [RECIPIENTS]);
    try {
      const compile = (link: Record<string, unknown>) => compileModel({ document: modelDocument.parse(withLink(link)), dialect: duckdb, datasets: w.datasets, asOf: PROBABLE_AS_OF });
      const problems = (link: Record<string, unknown>) => {
        try {
          compile(link);
          return [];
        } catch (err) {
          return (err as ModelCompileError).problems.map((p) => p.path);
        }
      };
      expect(problems({ identity: 'name_birth', subject_name: 'case_no', subject_birth: 'birth_date', other_name: 'name', other_id: 'id_number' })).toEqual(['rules[0].link.subject_name']);
      expect(problems({ identity: 'name_birth', subject_name: 'name', subject_birth: 'case_no', other_name: 'name', other_id: 'death_date' })).toEqual(['rules[0].link.subject_birth', 'rules[0].link.other_id']);
      expect(problems({ identity: 'fuzzy_name', subject_name: 'name', subject_birth: 'birth_date', other_name: 'name', other_id: 'id_number', threshold: 0.9, blocking: 'region_code' })).toEqual(['rules[0].link.subject_id']);
    } finally {
      w.close();
    }
  });

  it('binds the threshold and link names as values, in both dialects', () => {
    for (const dialect of [duckdb, postgres]) {
      const compiled = compileModel({ document: PROBABLE_MODEL, dialect, datasets: (k) => (k === 'death_records' ? { kind: { kind: 'death_records', label: '', columns: [{ name: 'id_number', type: 'id', required: true, aliases: [] }, { name: 'name', type: 'name', required: true, aliases: [] }, { name: 'death_date', type: 'date', required: true, aliases: [] }] }, table: 'd' } : { kind: RECIPIENTS, table: 'r' }), asOf: PROBABLE_AS_OF });
      expect(compiled.params).toEqual(expect.arrayContaining([0.8, 0.95, 'name_birth', 'fuzzy_name', 'probable']));
      expect(compiled.sql).not.toMatch(/0\.8|0\.95|'probable'|'fuzzy_name'/);
    }
  });
});

describe('built-in models', () => {
  it('use only exact_id or key links, never a probable one', () => {
    const links = BUILT_IN_MODELS.flatMap((m) => m.rules.map((r) => ({ model: m.id, rule: r.id, link: 'identity' in r.link ? r.link.identity : 'key' })));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => l.link !== 'exact_id' && l.link !== 'key')).toEqual([]);
  });
});

describe('explaining probable links', () => {
  it('says which rules link by a probable strategy', () => {
    expect(explainModel(PROBABLE_MODEL, 'zh-CN')).toContain('可能匹配：姓名相似度（拼音与汉字）≥ 0.95，按出生日期分块');
    expect(explainModel(PROBABLE_MODEL, 'zh-CN')).toContain('可能匹配：姓名与出生日期相同');
    expect(explainModel(PROBABLE_MODEL, 'en-US')).toContain('probable match: name similarity (pinyin and characters) ≥ 0.8, blocked by region code');
  });
});
