import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysUsedIn, leaves } from '../../locales/localeTree';
import { CASE_KINDS } from '../../../domain/cases/lifecycle';
import zhCN from '../../locales/zh-CN/indicators.json';
import enMain from '../../locales/en-US.json';
import zhMain from '../../locales/zh-CN.json';

describe('the indicators namespace', () => {
  const zh = leaves(zhCN);

  it('has every key the page asks for, each case kind, and the menu label', () => {
    const used = keysUsedIn(path.dirname(new URL(import.meta.url).pathname), 'indicators');
    expect(used.length).toBeGreaterThan(20);
    const known = new Set(zh.map(([key]) => key));
    expect([...new Set(used)].filter((key) => !known.has(key))).toEqual([]);
    for (const kind of CASE_KINDS) expect(known.has(`kinds.${kind}`), kind).toBe(true);
    expect(zhMain.menu.indicators).toBe('考核指标');
    expect(enMain.menu.indicators).toBe('Indicators');
  });
});
