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

  it('refuses a document-number comparison on columns that are not text, naming the key', () => {
    const doc = structuredClone(builtInModel('non-litigation-enforcement')!) as ModelDocument;
    doc.rules[0].link = { key: [{ subject: 'decided_on', other: 'filed_on', normalize: 'document_number' }] };
    expect(problemsOf(doc)).toEqual([{ path: 'rules[0].link.key[0].normalize', message: 'document numbers are text columns' }]);
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

  it('shifts date columns of the row and the subject by bound offsets, in both dialects', () => {
    for (const dialect of [duckdb, postgres]) {
      const { sql, params } = compileModel({ document: builtInModel('non-litigation-enforcement')!, dialect, datasets, asOf: '2026-06-30', parameters: { litigation_months: 7, application_months: 2 } });
      // Months are shifted one step after the other: 6 and then 3 months, not 9 at once.
      const months = dialect === duckdb ? /to_months\(CAST\(CAST\(\$(\d+) AS BIGINT\) AS INTEGER\)\)/g : /make_interval\(months => CAST\(CAST\(\$(\d+) AS bigint\) AS integer\)\)/g;
      const bound = [...sql.matchAll(months)].map((m) => params[Number(m[1]) - 1]);
      expect(bound, dialect.name).toEqual([7, 2, 7, 2]);
      expect(sql).toMatch(dialect === duckdb ? /CAST\(CAST\(o\."decided_on" \+ to_months/ : /CAST\(CAST\(o\."decided_on" \+ make_interval/);
      expect(sql).toMatch(dialect === duckdb ? /CAST\(CAST\(s\."decided_on" \+ to_months/ : /CAST\(CAST\(s\."decided_on" \+ make_interval/);
    }
    const doc = base();
    doc.rules[3].where = { left: { col: 'death_date', offset_days: [-30, 1], offset_months: 2 }, op: '<=', right: { subject: 'lease_start', offset_days: 5 } };
    const { sql, params } = compileModel({ document: doc, dialect: postgres, datasets, asOf: '2026-06-30' });
    expect(sql).toMatch(/\(\(CAST\(o\."death_date" \+ make_interval\(months => CAST\(CAST\(\$\d+ AS bigint\) AS integer\)\) AS date\) \+ CAST\(CAST\(\$\d+ AS bigint\) AS integer\)\) \+ CAST/);
    expect(sql).not.toContain('-30');
    expect(params).toEqual(expect.arrayContaining([2, -30, 1, 5]));
  });

  it('refuses offsets on columns that are not dates and offsets from unknown or non-int parameters', () => {
    const doc = base();
    doc.rules[0].where = { left: { col: 'area_m2', offset_days: 1 }, op: '>', right: 1 };
    doc.rules[3].where = { left: { col: 'death_date', offset_months: [{ param: 'months' }, { param: 'vehicle_price_threshold' }] }, op: '<=', right: { as_of: true } };
    expect(problemsOf(doc)).toEqual([
      { path: 'rules[0].where.left', message: 'offset_days and offset_months need a date column, got decimal' },
      { path: 'rules[3].where.left.offset_months[0].param', message: 'unknown parameter "months"' },
      { path: 'rules[3].where.left.offset_months[1].param', message: 'parameter "vehicle_price_threshold" is not an int' },
    ]);
    const malformed = { ...base(), rules: [{ ...base().rules[0], where: { left: { col: 'registered_on', offset_days: 1.5 }, op: '<=', right: { as_of: true } } }] };
    expect(modelDocument.safeParse(malformed).success).toBe(false);
  });

  it('publishes a JSON Schema generated from the validator', () => {
    const schema = modelJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['format', 'subject', 'rules', 'parameters', 'references']));
  });
});
