import { describe, expect, it } from 'vitest';
import enUS from './en-US/knowledge.json';
import zhCN from './zh-CN/knowledge.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));
}

describe('the knowledge namespace', () => {
  const zh = leaves(zhCN);
  const en = new Map(leaves(enUS));

  it('has the same keys, none empty, with the same variables in both languages', () => {
    expect([...en.keys()].sort()).toEqual(zh.map(([key]) => key).sort());
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join();
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(en.get(key)!.trim(), key).not.toBe('');
      expect(variables(en.get(key)!), key).toBe(variables(text));
    }
  });
});
