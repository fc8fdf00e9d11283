import { describe, expect, it } from 'vitest';
import { type DiffLine, diffStats, foldUnchanged, lineDiff } from './diff';

/** The diff in the unified style: ' ', '-' or '+' then the line. */
function unified(diff: DiffLine[]): string[] {
  return diff.map((line) => `${{ same: ' ', removed: '-', added: '+' }[line.kind]}${line.text}`);
}

describe('lineDiff', () => {
  it('keeps identical texts as unchanged lines', () => {
    expect(unified(lineDiff('a\nb\nc', 'a\nb\nc'))).toEqual([' a', ' b', ' c']);
    expect(lineDiff('', '')).toEqual([]);
  });

  it('shows a changed line as removed then added, with both line numbers', () => {
    const diff = lineDiff('a\nb\nc', 'a\nB\nc');
    expect(unified(diff)).toEqual([' a', '-b', '+B', ' c']);
    expect(diff[1]).toEqual({ kind: 'removed', text: 'b', oldNumber: 2 });
    expect(diff[2]).toEqual({ kind: 'added', text: 'B', newNumber: 2 });
    expect(diff[3]).toEqual({ kind: 'same', text: 'c', oldNumber: 3, newNumber: 3 });
  });

  it('finds the longest common subsequence, not just a common head and tail', () => {
    // LCS of ABCBDAB and BDCABA has length 4.
    const diff = lineDiff('A\nB\nC\nB\nD\nA\nB', 'B\nD\nC\nA\nB\nA');
    expect(diff.filter((line) => line.kind === 'same')).toHaveLength(4);
    expect(diffStats(diff)).toEqual({ removed: 3, added: 2 });
    // Reading the old side of the diff gives the old text back, the new side the new text.
    expect(diff.filter((l) => l.kind !== 'added').map((l) => l.text).join('')).toBe('ABCBDAB');
    expect(diff.filter((l) => l.kind !== 'removed').map((l) => l.text).join('')).toBe('BDCABA');
  });

  it('handles insertions and deletions at either end and empty texts', () => {
    expect(unified(lineDiff('b\nc', 'a\nb\nc\nd'))).toEqual(['+a', ' b', ' c', '+d']);
    expect(unified(lineDiff('a\nb', ''))).toEqual(['-a', '-b']);
    expect(unified(lineDiff('', 'a'))).toEqual(['+a']);
  });

  it('diffs two pretty-printed model documents line by line', () => {
    const v1 = { id: 'm', version: 1, parameters: { days: { type: 'int', default: 180 } } };
    const v2 = { id: 'm', version: 2, parameters: { days: { type: 'int', default: 200 } } };
    const diff = lineDiff(JSON.stringify(v1, null, 2), JSON.stringify(v2, null, 2));
    expect(unified(diff).filter((line) => !line.startsWith(' '))).toEqual([
      '-  "version": 1,',
      '+  "version": 2,',
      '-      "default": 180',
      '+      "default": 200',
    ]);
  });
});

describe('foldUnchanged', () => {
  it('keeps the context around changes and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const view = foldUnchanged(lineDiff(before, after), 2);
    expect(view.map((item) => (item.kind === 'folded' ? `…${item.count}` : item.line.text))).toEqual([
      '…7',
      'line 8',
      'line 9',
      'line 10',
      'line ten',
      'line 11',
      'line 12',
      '…8',
    ]);
  });

  it('folds nothing away when nothing is far from a change', () => {
    expect(foldUnchanged(lineDiff('a', 'b'))).toEqual([
      { kind: 'line', line: { kind: 'removed', text: 'a', oldNumber: 1 } },
      { kind: 'line', line: { kind: 'added', text: 'b', newNumber: 1 } },
    ]);
  });
});
