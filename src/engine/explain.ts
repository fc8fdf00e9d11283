import type { COMPARISONS, Condition, Expression, Link, ModelDocument, Offset } from './document.js';

export type Locale = 'zh-CN' | 'en-US';

const LABELS = {
  'zh-CN': { subject: '监督对象', key: '对象标识', rules: '规则', params: '参数', basis: '法律依据', refs: '参考数据', filter: '对象条件', where: '条件', kinds: { match: '存在匹配记录', absent: '不存在匹配记录', aggregate: '汇总比较' } },
  'en-US': { subject: 'Subject', key: 'Subject key', rules: 'Rules', params: 'Parameters', basis: 'Legal basis', refs: 'Reference data', filter: 'Subject filter', where: 'Condition', kinds: { match: 'a matching row exists', absent: 'no matching row exists', aggregate: 'an aggregate comparison' } },
} as const;

const WORDS = {
  'zh-CN': {
    subjectColumn: (c: string) => `监督对象的 ${c}`,
    param: (p: string) => `参数 ${p}`,
    asOf: '基准日',
    monthOf: (x: string) => `${x} 的月份`,
    daysBetween: (a: string, b: string) => `${a} 至 ${b} 的天数`,
    lookup: (t: string, k: string) => `参考表 ${t}[${k}]`,
    shift: (amount: string, unit: 'months' | 'days', negative: boolean, first: boolean) => `${first ? '' : '、再'}${negative ? '减' : '加'} ${amount} ${unit === 'months' ? '个月' : '天'}`,
    and: ' 且 ',
    or: ' 或 ',
    not: (x: string) => `并非（${x}）`,
    in: (x: string, values: string, negated: boolean) => `${x} ${negated ? '不属于' : '属于'} ${values}`,
    list: (name: string) => `参考清单 ${name}`,
    isNull: (x: string, negated: boolean) => `${x} ${negated ? '不为空' : '为空'}`,
  },
  'en-US': {
    subjectColumn: (c: string) => `the subject's ${c}`,
    param: (p: string) => `parameter ${p}`,
    asOf: 'as_of',
    monthOf: (x: string) => `month of ${x}`,
    daysBetween: (a: string, b: string) => `days from ${a} to ${b}`,
    lookup: (t: string, k: string) => `reference table ${t}[${k}]`,
    shift: (amount: string, unit: 'months' | 'days', negative: boolean, first: boolean) => `${first ? '' : ', then'} ${negative ? 'minus' : 'plus'} ${amount} ${unit}`,
    and: ' and ',
    or: ' or ',
    not: (x: string) => `not (${x})`,
    in: (x: string, values: string, negated: boolean) => `${x} ${negated ? 'not in' : 'in'} ${values}`,
    list: (name: string) => `reference list ${name}`,
    isNull: (x: string, negated: boolean) => `${x} ${negated ? 'is not empty' : 'is empty'}`,
  },
} as const;

/** A date shifted by months, then days: "decided_on 加 6 个月、再加 3 个月" / "decided_on plus 6 months, then plus 3 months". */
function shifts(base: string, e: { offset_days?: Offset; offset_months?: Offset }, locale: Locale): string {
  const w = WORDS[locale];
  let out = base;
  let first = true;
  for (const unit of ['months', 'days'] as const) {
    const offset = unit === 'months' ? e.offset_months : e.offset_days;
    if (offset === undefined) continue;
    for (const step of Array.isArray(offset) ? offset : [offset]) {
      const negative = typeof step === 'number' && step < 0;
      const amount = typeof step === 'number' ? String(Math.abs(step)) : step.param;
      out += `${first && locale === 'zh-CN' ? ' ' : ''}${w.shift(amount, unit, negative, first)}`;
      first = false;
    }
  }
  return out;
}

/** An expression of a model document in words. */
export function describeExpression(e: Expression, locale: Locale): string {
  const w = WORDS[locale];
  if (typeof e === 'string') return `"${e}"`;
  if (typeof e === 'number' || typeof e === 'boolean') return String(e);
  if ('col' in e) return shifts(e.col, e, locale);
  if ('subject' in e) return shifts(w.subjectColumn(e.subject), e, locale);
  if ('param' in e) return w.param(e.param);
  if ('as_of' in e) return shifts(w.asOf, e, locale);
  if ('month_of' in e) return w.monthOf(describeExpression(e.month_of, locale));
  if ('lookup' in e) return w.lookup(e.lookup, describeExpression(e.key, locale));
  if ('fn' in e) {
    if (e.fn === 'days_between') return w.daysBetween(describeExpression(e.args[0], locale), describeExpression(e.args[1], locale));
    return `${e.fn}(${e.args.map((a) => describeExpression(a, locale)).join(', ')})`;
  }
  return `(${describeExpression(e.args[0], locale)} ${e.op} ${describeExpression(e.args[1], locale)})`;
}

/** A condition of a model document in words. */
export function describeCondition(c: Condition, locale: Locale, nested = false): string {
  const w = WORDS[locale];
  const group = (parts: Condition[], joiner: string) => {
    const text = parts.map((p) => describeCondition(p, locale, true)).join(joiner);
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  if ('all' in c) return group(c.all, w.and);
  if ('any' in c) return group(c.any, w.or);
  if ('not' in c) return w.not(describeCondition(c.not, locale));
  const left = describeExpression(c.left, locale);
  if (c.op === 'is_null' || c.op === 'not_null') return w.isNull(left, c.op === 'not_null');
  if (c.op === 'in' || c.op === 'not_in') {
    const values = Array.isArray(c.right) ? `[${c.right.map((v) => describeExpression(v, locale)).join(', ')}]` : w.list(c.right.list);
    return w.in(left, values, c.op === 'not_in');
  }
  const comparison = c as Extract<Condition, { op: (typeof COMPARISONS)[number] }>;
  const op = comparison.op === '!=' ? '≠' : comparison.op === '<=' ? '≤' : comparison.op === '>=' ? '≥' : comparison.op;
  return `${left} ${op} ${describeExpression(comparison.right, locale)}`;
}

const PROBABLE_WORDS = {
  'zh-CN': {
    nameBirth: '可能匹配：姓名与出生日期相同（至少一方无有效身份证号），需人工核实',
    fuzzy: (t: number, block: string) => `可能匹配：姓名相似度（拼音与汉字）≥ ${t}，按${block}分块（至少一方无有效身份证号），仅供排查，需人工核实`,
    blocking: { birth_date: '出生日期', region_code: '身份证号地区码' },
  },
  'en-US': {
    nameBirth: 'probable match: same name and birth date (at least one side without a valid ID number), to be verified',
    fuzzy: (t: number, block: string) => `probable match: name similarity (pinyin and characters) ≥ ${t}, blocked by ${block} (at least one side without a valid ID number), for exploration, to be verified`,
    blocking: { birth_date: 'birth date', region_code: 'region code' },
  },
} as const;

/** How a rule links rows when that is not certain (DATA-SPEC §2), or null for exact links. */
export function describeProbableLink(link: Link, locale: Locale): string | null {
  if (!('identity' in link) || link.identity === 'exact_id') return null;
  const w = PROBABLE_WORDS[locale];
  return link.identity === 'name_birth' ? w.nameBirth : w.fuzzy(link.threshold, w.blocking[link.blocking]);
}

/** The model in plain words, as an investigator reads it: what is checked, why, with which settings. */
export function explainModel(doc: ModelDocument, locale: Locale, parameters: Record<string, string | number> = {}): string {
  const l = LABELS[locale];
  const lines = [`${doc.title[locale]} (${doc.id} v${doc.version})`, '', doc.description[locale]];
  if (doc.legal_basis) lines.push('', `${l.basis}: ${doc.legal_basis[locale]}`);
  lines.push('', `${l.subject}: ${doc.subject.sources.map((s) => s.dataset).join(' + ')}; ${l.key}: ${doc.subject.key.join(':')}`);
  for (const source of doc.subject.sources) if (source.where) lines.push(`  ${l.filter} (${source.dataset}): ${describeCondition(source.where, locale)}`);
  const params = Object.entries(doc.parameters);
  if (params.length) {
    lines.push('', `${l.params}:`);
    for (const [name, def] of params) lines.push(`  ${def.title[locale]} (${name}) = ${parameters[name] ?? def.default}`);
  }
  const refs = Object.entries(doc.references);
  if (refs.length) {
    lines.push('', `${l.refs}:`);
    for (const [name, ref] of refs) {
      const content = ref.type === 'list' ? ref.values.join('、') : ref.rows.map((r) => `${r.key}=${r.value}`).join(', ');
      lines.push(`  ${ref.title[locale]} (${name}): ${content}`);
    }
  }
  lines.push('', `${l.rules}:`);
  for (const rule of doc.rules) {
    lines.push(`  [${rule.id}] ${rule.title[locale]} — ${rule.dataset}, ${l.kinds[rule.kind]}`, `      ${rule.description[locale]}`);
    if (rule.where) lines.push(`      ${l.where}: ${describeCondition(rule.where, locale)}`);
    const probable = describeProbableLink(rule.link, locale);
    if (probable) lines.push(`      ${probable}`);
    if ('key' in rule.link) {
      for (const k of rule.link.key.filter((k) => k.normalize === 'document_number')) {
        lines.push(
          locale === 'zh-CN'
            ? `      文号比对：${k.subject} 与 ${k.other} 统一年份括号（〔〕、[]、()、【】）并去除空格后比较`
            : `      Document numbers: ${k.subject} and ${k.other} are compared with their year brackets unified (〔〕, [], (), 【】) and spaces removed`,
        );
      }
    }
  }
  return lines.join('\n');
}
