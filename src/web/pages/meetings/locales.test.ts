import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import enUS from '../../locales/en-US/meetings.json';
import zhCN from '../../locales/zh-CN/meetings.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

describe('the meetings namespace', () => {
  const zh = leaves(zhCN);
  const en = new Map(leaves(enUS));

  it('has the same keys, no empty texts and the same variables in both languages', () => {
    expect([...en.keys()].sort()).toEqual(zh.map(([key]) => key).sort());
    expect([...zh, ...en].filter(([, text]) => text.trim() === '')).toEqual([]);
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join();
    expect(zh.filter(([key, text]) => variables(text) !== variables(en.get(key) ?? '')).map(([key]) => key)).toEqual([]);
  });

  it('has every key the meeting pages ask for by name', () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const source = fs.readdirSync(dir).filter((f) => f.endsWith('.tsx')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const used = [...source.matchAll(/'meetings:([\w.]+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(50);
    const known = new Set(zh.map(([key]) => key));
    expect([...new Set(used)].filter((key) => !known.has(key))).toEqual([]);
  });
});
