import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from './cells.js';

describe('neutralizeFormula', () => {
  it('defuses text that a spreadsheet would evaluate', () => {
    for (const s of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) expect(neutralizeFormula(s)).toBe(`'${s}`);
  });
  it('leaves ordinary text and numbers alone', () => {
    expect(neutralizeFormula('张三')).toBe('张三');
    expect(neutralizeFormula('a=b')).toBe('a=b');
    expect(neutralizeFormula(-12.5)).toBe(-12.5);
    expect(neutralizeFormula(null)).toBe(null);
  });
});
