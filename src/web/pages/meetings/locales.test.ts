import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysUsedIn, leaves } from '../../locales/localeTree';
import zhCN from '../../locales/zh-CN/meetings.json';

describe('the meetings namespace', () => {
  const zh = leaves(zhCN);

  it('has every key the meeting pages ask for by name', () => {
    const used = keysUsedIn(path.dirname(new URL(import.meta.url).pathname), 'meetings');
    expect(used.length).toBeGreaterThan(50);
    const known = new Set(zh.map(([key]) => key));
    expect([...new Set(used)].filter((key) => !known.has(key))).toEqual([]);
  });
});
