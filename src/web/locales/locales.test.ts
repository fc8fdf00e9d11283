import { describe, expect, it } from 'vitest';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

describe('locale files', () => {
  const zh = leaves(zhCN);
  const en = leaves(enUS);

  it('have exactly the same keys', () => {
    expect(en.map(([key]) => key).sort()).toEqual(zh.map(([key]) => key).sort());
  });

  it('have no empty texts', () => {
    expect([...zh, ...en].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const english = new Map(en);
    const mismatched = zh.filter(([key, text]) => variables(text).join() !== variables(english.get(key) ?? '').join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});
