import type { ModelDocument } from './document.js';

export type Locale = 'zh-CN' | 'en-US';

const LABELS = {
  'zh-CN': { subject: '监督对象', key: '对象标识', rules: '规则', params: '参数', basis: '法律依据', refs: '参考数据', kinds: { match: '存在匹配记录', absent: '不存在匹配记录', aggregate: '汇总比较' } },
  'en-US': { subject: 'Subject', key: 'Subject key', rules: 'Rules', params: 'Parameters', basis: 'Legal basis', refs: 'Reference data', kinds: { match: 'a matching row exists', absent: 'no matching row exists', aggregate: 'an aggregate comparison' } },
} as const;

/** The model in plain words, as an investigator reads it: what is checked, why, with which settings. */
export function explainModel(doc: ModelDocument, locale: Locale, parameters: Record<string, string | number> = {}): string {
  const l = LABELS[locale];
  const lines = [`${doc.title[locale]} (${doc.id} v${doc.version})`, '', doc.description[locale]];
  if (doc.legal_basis) lines.push('', `${l.basis}: ${doc.legal_basis[locale]}`);
  lines.push('', `${l.subject}: ${doc.subject.sources.map((s) => s.dataset).join(' + ')}; ${l.key}: ${doc.subject.key.join(':')}`);
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
  }
  return lines.join('\n');
}
