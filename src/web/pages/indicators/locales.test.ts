import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_KINDS } from '../../../domain/cases/lifecycle';
import enUS from '../../locales/en-US/indicators.json';
import zhCN from '../../locales/zh-CN/indicators.json';
import enMain from '../../locales/en-US.json';
import zhMain from '../../locales/zh-CN.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

describe('the indicators namespace', () => {
  const zh = leaves(zhCN);
  const en = new Map(leaves(enUS));

  it('has the same keys, no empty texts and the same variables in both languages', () => {
    expect([...en.keys()].sort()).toEqual(zh.map(([key]) => key).sort());
    expect([...zh, ...en].filter(([, text]) => text.trim() === '')).toEqual([]);
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join();
    expect(zh.filter(([key, text]) => variables(text) !== variables(en.get(key) ?? '')).map(([key]) => key)).toEqual([]);
  });

  it('has every key the page asks for, each case kind, and the menu label', () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const source = fs.readdirSync(dir).filter((f) => f.endsWith('.tsx')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const used = [...source.matchAll(/'indicators:([\w.]+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(20);
    const known = new Set(zh.map(([key]) => key));
    expect([...new Set(used)].filter((key) => !known.has(key))).toEqual([]);
    for (const kind of CASE_KINDS) expect(known.has(`kinds.${kind}`), kind).toBe(true);
    expect(zhMain.menu.indicators).toBe('考核指标');
    expect(enMain.menu.indicators).toBe('Indicators');
  });
});
