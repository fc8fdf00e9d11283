import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaves, variables, type Tree } from './localeTree';

const here = path.dirname(new URL(import.meta.url).pathname);
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(here, file), 'utf8')) as Tree;

/** The main files and every namespace file (zh-CN/<ns>.json beside en-US/<ns>.json). */
const pairs: [string, Tree, Tree][] = [
  ['main', read('zh-CN.json'), read('en-US.json')],
  ...fs.readdirSync(path.join(here, 'zh-CN')).map((file): [string, Tree, Tree] => [file.replace(/\.json$/, ''), read(`zh-CN/${file}`), read(`en-US/${file}`)]),
];

describe.each(pairs)('locale files: %s', (_name, zhCN, enUS) => {
  const zh = leaves(zhCN);
  const zhText = new Map(zh);
  /** An English plural form (`_one`, `_other`) stands for the one Chinese key without it. */
  const chineseKey = (key: string) => (zhText.has(key) ? key : key.replace(/_(one|other)$/, ''));
  const en = leaves(enUS).map(([key, text]): [string, string, string] => [key, chineseKey(key), text]);

  it('have exactly the same keys', () => {
    expect([...new Set(en.map(([, key]) => key))].sort()).toEqual(zh.map(([key]) => key).sort());
  });

  it('have no empty texts', () => {
    expect([...zh, ...en.map(([key, , text]) => [key, text])].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    expect(en.filter(([, key, text]) => variables(text) !== variables(zhText.get(key) ?? '')).map(([key]) => key)).toEqual([]);
  });
});
