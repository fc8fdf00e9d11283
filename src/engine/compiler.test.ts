import { describe, expect, it } from 'vitest';
import { builtInKind } from '../domain/datasetKinds.js';
import { builtInModel } from './builtins.js';
import { compileModel, ModelCompileError, type CompileInput } from './compiler.js';
import { duckdb, postgres } from './dialects.js';
import { modelDocument, modelJsonSchema, type ModelDocument } from './document.js';

const datasets: CompileInput['datasets'] = (kind) => {
  const def = builtInKind(kind);
  return def ? { kind: def, table: `ds_${kind}` } : undefined;
};
const base = () => structuredClone(builtInModel('public-housing-misuse')!) as ModelDocument;
const problemsOf = (document: ModelDocument, extra: Partial<CompileInput> = {}) => {
  try {
    compileModel({ document, dialect: duckdb, datasets, asOf: '2026-06-30', ...extra });
  } catch (err) {
    if (err instanceof ModelCompileError) return err.problems;
    throw err;
  }
  return [];
};

describe('compiling a model document', () => {
  it('binds every value as a parameter: no constant of the document appears in the SQL', () => {
    const { sql, params } = compileModel({ document: builtInModel('occupational-ban')!, dialect: postgres, datasets, asOf: '2026-06-30' });
    expect(sql).not.toContain('猥亵');
    expect(sql).not.toContain('2026-06-30');
    expect(sql).not.toContain("'education'");
    expect(params).toContain('猥亵儿童罪');
    expect(params).toContain('2026-06-30');
    expect(sql).toContain('"ds_criminal_judgments"');
  });

  it('keeps hostile text in values, where it cannot become SQL', () => {
    const doc = base();
    doc.rules[0].where = { left: { col: 'status' }, op: '=', right: "valid'; DROP TABLE users; --" };
    const { sql, params } = compileModel({ document: doc, dialect: duckdb, datasets, asOf: '2026-06-30' });
    expect(sql).not.toContain('DROP TABLE');
    expect(params).toContain("valid'; DROP TABLE users; --");
  });

  it('refuses identifiers that are not columns of the dataset, with the path', () => {
    const doc = base();
    doc.rules[1].where = { left: { col: 'price"; DROP TABLE x; --' }, op: '>', right: 1 };
    expect(() => modelDocument.parse(doc)).toThrow(/snake_case/);
    doc.rules[1].where = { left: { col: 'sale_price' }, op: '>', right: 1 };
    expect(problemsOf(doc)).toEqual([{ path: 'rules[1].where.left.col', message: 'unknown dataset column "sale_price"' }]);
  });

  it('reports unknown datasets, parameters, references and subject columns precisely', () => {
    const doc = base();
    doc.rules[0].dataset = 'land_registry';
    doc.rules[2].where = { left: { col: 'registered_capital' }, op: '>=', right: { param: 'capital' } };
    doc.rules[3].where = { left: { subject: 'income' }, op: '>', right: 0 };
    doc.rules[4].evidence = ['name', 'cell'];
    expect(problemsOf(doc)).toEqual([
      { path: 'rules[0].dataset', message: 'no dataset of kind "land_registry" is available' },
      { path: 'rules[2].where.right.param', message: 'unknown parameter "capital"' },
      { path: 'rules[3].where.left.subject', message: 'unknown subject column "income"' },
      { path: 'rules[4].evidence[1]', message: 'unknown dataset column "cell"' },
    ]);
  });

  it('refuses comparisons of different types and malformed literals', () => {
    const doc = base();
    doc.rules[0].where = { left: { col: 'registered_on' }, op: '<=', right: 'yesterday' };
    doc.rules[1].where = { left: { col: 'purchase_price' }, op: '>=', right: { as_of: true } };
    const problems = problemsOf(doc);
    expect(problems).toEqual([
      { path: 'rules[0].where.right', message: '"yesterday" is not a valid date' },
      { path: 'rules[1].where.right', message: 'type date does not match money' },
    ]);
  });

  it('refuses an exact_id link on a column that holds no ID numbers', () => {
    const doc = base();
    doc.rules[0].link = { identity: 'exact_id', subject: 'contract_no', other: 'owner_id_number' };
    expect(problemsOf(doc)).toEqual([{ path: 'rules[0].link.subject', message: '"contract_no" is not an ID-number column of the subject' }]);
  });

  it('checks parameter values against their type and bounds', () => {
    expect(problemsOf(base(), { parameters: { detained_days: '400', vacancy_kwh: 'ten', nonsense: 1 } })).toEqual([
      { path: 'parameters.nonsense', message: 'the model has no parameter "nonsense"' },
      { path: 'parameters.detained_days', message: '400 is outside 1 … 365' },
      { path: 'parameters.vacancy_kwh', message: '"ten" is not a valid decimal' },
    ]);
  });

  it('rejects a malformed document with the path of the problem', () => {
    const bad = { ...base(), rules: [{ ...base().rules[0], kind: 'guess' }] };
    const result = modelDocument.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['rules', 0, 'kind']);
  });

  it('publishes a JSON Schema generated from the validator', () => {
    const schema = modelJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['format', 'subject', 'rules', 'parameters', 'references']));
  });
});
