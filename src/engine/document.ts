/**
 * The supervision model document (大数据法律监督模型), format `jianxing.model/v1`: a readable JSON
 * document that names a subject dataset, the rules that make a subject a hit, typed parameters,
 * editable reference lists and tables, and the evidence to show. JianXing compiles it to SQL
 * (see compiler.ts); the JSON Schema published in docs/ is generated from this validator.
 */
import { z } from 'zod';

const text = z.object({ 'zh-CN': z.string().min(1), 'en-US': z.string().min(1) }).strict();
const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case');
const ruleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case');

export const PARAMETER_TYPES = ['int', 'decimal', 'money', 'date', 'text'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

const parameter = z
  .object({
    type: z.enum(PARAMETER_TYPES),
    default: z.union([z.number(), z.string()]),
    min: z.number().optional(),
    max: z.number().optional(),
    title: text,
  })
  .strict();

const literal = z.union([z.string(), z.number(), z.boolean()]);

/** A shift of a date column: whole days or months, a parameter's value, or a list of these
 * applied one after another (6 months and then 3 months is not always 9 months: a day the month
 * lacks becomes its last day, 民法典 art. 202). */
export type OffsetStep = number | { param: string };
export type Offset = OffsetStep | OffsetStep[];

export type Expression =
  | string
  | number
  | boolean
  | { col: string; offset_days?: Offset; offset_months?: Offset }
  | { subject: string; offset_days?: Offset; offset_months?: Offset }
  | { param: string }
  | { as_of: true; offset_days?: number; offset_months?: number }
  | { month_of: Expression }
  | { fn: 'coalesce' | 'least' | 'greatest'; args: Expression[] }
  | { fn: 'days_between'; args: [Expression, Expression] }
  | { op: '+' | '-'; args: [Expression, Expression] }
  | { lookup: string; key: Expression };

const offsetStep = z.union([z.number().int(), z.object({ param: identifier }).strict()]);
const offset = z.union([offsetStep, z.array(offsetStep).min(1)]);

export const expression: z.ZodType<Expression> = z.lazy(() =>
  z.union([
    literal,
    z.object({ col: identifier, offset_days: offset.optional(), offset_months: offset.optional() }).strict(),
    z.object({ subject: identifier, offset_days: offset.optional(), offset_months: offset.optional() }).strict(),
    z.object({ param: identifier }).strict(),
    z.object({ as_of: z.literal(true), offset_days: z.number().int().optional(), offset_months: z.number().int().optional() }).strict(),
    z.object({ month_of: expression }).strict(),
    z.object({ fn: z.enum(['coalesce', 'least', 'greatest']), args: z.array(expression).min(1) }).strict(),
    z.object({ fn: z.literal('days_between'), args: z.tuple([expression, expression]) }).strict(),
    z.object({ op: z.enum(['+', '-']), args: z.tuple([expression, expression]) }).strict(),
    z.object({ lookup: identifier, key: expression }).strict(),
  ]),
) as z.ZodType<Expression>;

export const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='] as const;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { left: Expression; op: (typeof COMPARISONS)[number]; right: Expression }
  | { left: Expression; op: 'in' | 'not_in'; right: (string | number)[] | { list: string } }
  | { left: Expression; op: 'is_null' | 'not_null' };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
    z.object({ left: expression, op: z.enum(COMPARISONS), right: expression }).strict(),
    z.object({ left: expression, op: z.enum(['in', 'not_in']), right: z.union([z.array(z.union([z.string(), z.number()])).min(1), z.object({ list: identifier }).strict()]) }).strict(),
    z.object({ left: expression, op: z.enum(['is_null', 'not_null']) }).strict(),
  ]),
) as z.ZodType<Condition>;

/**
 * The columns a probable identity link compares (DATA-SPEC §2): the person's name on both sides,
 * and where the birth date comes from — a date column, or else the side's valid ID number. The ID
 * columns also decide where the link applies at all: two valid ID numbers are either the same
 * person (exact_id finds them) or different people, so only pairs where at least one side has no
 * valid ID are linked.
 */
const probableSides = {
  subject_name: identifier,
  other_name: identifier,
  subject_id: identifier.optional(),
  other_id: identifier.optional(),
  subject_birth: identifier.optional(),
  other_birth: identifier.optional(),
};

export const FUZZY_BLOCKING = ['birth_date', 'region_code'] as const;

/** How a key link may normalize both sides before comparing them. */
export const KEY_NORMALIZATIONS = ['document_number'] as const;

/** How rows of another dataset belong to a subject (DATA-SPEC §2). */
const link = z.union([
  z.object({ identity: z.literal('exact_id'), subject: identifier, other: identifier }).strict(),
  /** Equal values of key columns; `normalize: "document_number"` compares 文号 with their year
   * brackets unified (〔2025〕 = [2025] = (2025) = 【2025】) and spaces removed. */
  z.object({ key: z.array(z.object({ subject: identifier, other: identifier, normalize: z.enum(KEY_NORMALIZATIONS).optional() }).strict()).min(1) }).strict(),
  /** Equal normalized names and equal birth dates: a probable match, shown as such. */
  z.object({ identity: z.literal('name_birth'), ...probableSides }).strict(),
  /** Name similarity (pinyin and characters) of at least `threshold` among rows sharing the
   * blocking key: for exploration, a probable match, shown as such. */
  z
    .object({
      identity: z.literal('fuzzy_name'),
      ...probableSides,
      threshold: z.number().gt(0, 'must be above 0').lte(1, 'must be at most 1'),
      blocking: z.enum(FUZZY_BLOCKING),
    })
    .strict(),
]);

/** The identity strategies that give probable, not certain, matches. */
export const PROBABLE_IDENTITIES = ['name_birth', 'fuzzy_name'] as const;

const ruleBase = {
  id: ruleId,
  title: text,
  description: text,
  dataset: identifier,
  link,
  where: condition.optional(),
  evidence: z.array(identifier).min(1),
};

const matchRule = z.object({ ...ruleBase, kind: z.literal('match'), summary: z.record(identifier, z.object({ fn: z.enum(['count', 'sum', 'min', 'max']), column: identifier.optional() }).strict()).optional() }).strict();
const absentRule = z.object({ ...ruleBase, kind: z.literal('absent') }).strict();
const aggregateRule = z
  .object({
    ...ruleBase,
    kind: z.literal('aggregate'),
    aggregate: z.object({ fn: z.enum(['count', 'count_distinct', 'sum', 'min', 'max']), column: identifier.optional() }).strict(),
    compare: z.object({ op: z.enum(COMPARISONS), right: expression }).strict(),
    /** Only subjects with at least one linked row at all are judged (a data gap is not a finding). */
    require_any: z.boolean().optional(),
    /** Which linked rows to show as evidence; defaults to the rows counted. */
    evidence_where: condition.optional(),
  })
  .strict();

export const rule = z.discriminatedUnion('kind', [matchRule, absentRule, aggregateRule]);

const subjectSource = z
  .object({
    dataset: identifier,
    where: condition.optional(),
    /** For subjects drawn from several datasets: subject column → expression over this dataset's row. */
    columns: z.record(identifier, expression).optional(),
  })
  .strict();

export const modelDocument = z
  .object({
    format: z.literal('jianxing.model/v1'),
    id: ruleId,
    version: z.number().int().min(1),
    title: text,
    description: text,
    legal_basis: text.optional(),
    subject: z
      .object({
        sources: z.array(subjectSource).min(1),
        /** Subject columns joined by ':' make subject_key. */
        key: z.array(identifier).min(1),
        /** The subject column with the person's resident ID number (shown normalized). */
        id_number: identifier.optional(),
        name: identifier.optional(),
      })
      .strict(),
    parameters: z.record(identifier, parameter).default({}),
    references: z
      .record(
        identifier,
        z.union([
          z.object({ type: z.literal('list'), title: text, values: z.array(z.string()).min(1) }).strict(),
          z.object({ type: z.literal('table'), title: text, value_type: z.enum(['int', 'decimal', 'money']), rows: z.array(z.object({ key: z.string(), value: z.number() }).strict()).min(1) }).strict(),
        ]),
      )
      .default({}),
    rules: z.array(rule).min(1),
  })
  .strict();

export type ModelDocument = z.infer<typeof modelDocument>;
export type Rule = z.infer<typeof rule>;
export type Link = Rule['link'];

/** The published JSON Schema of the format, generated from the validator above. */
export function modelJsonSchema(): unknown {
  return z.toJSONSchema(modelDocument, { target: 'draft-2020-12', unrepresentable: 'any' });
}
