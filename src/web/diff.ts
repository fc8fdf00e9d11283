/** One line of a line diff: kept, or only in the old text, or only in the new one. */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  /** 1-based line number in the old text (same, removed). */
  oldNumber?: number;
  /** 1-based line number in the new text (same, added). */
  newNumber?: number;
}

/** Beyond this many table cells the middle part is shown as replaced, not aligned. */
const MAX_CELLS = 25_000_000;

function lines(text: string): string[] {
  return text === '' ? [] : text.split(/\r?\n/);
}

/**
 * The line diff of two texts by longest common subsequence: every line of both texts appears
 * once, in order; within a changed stretch the removed lines come before the added ones.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = lines(before);
  const b = lines(after);
  // The common head and tail need no table: documents usually differ in a few places.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i], oldNumber: i + 1, newNumber: i + 1 });

  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const oldAt = (i: number) => ({ text: a[head + i], oldNumber: head + i + 1 });
  const newAt = (j: number) => ({ text: b[head + j], newNumber: head + j + 1 });
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    for (let i = 0; i < n; i++) out.push({ kind: 'removed', ...oldAt(i) });
    for (let j = 0; j < m; j++) out.push({ kind: 'added', ...newAt(j) });
  } else {
    // lcs[i][j]: length of the longest common subsequence of the middles' suffixes from i and j.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[head + i] === b[head + j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] === b[head + j]) {
        out.push({ kind: 'same', text: a[head + i], oldNumber: head + i + 1, newNumber: head + j + 1 });
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
        out.push({ kind: 'removed', ...oldAt(i) });
        i++;
      } else {
        out.push({ kind: 'added', ...newAt(j) });
        j++;
      }
    }
  }

  for (let k = tail; k > 0; k--) {
    out.push({ kind: 'same', text: a[a.length - k], oldNumber: a.length - k + 1, newNumber: b.length - k + 1 });
  }
  return out;
}

/** What a diff view shows: changed lines with some context, long unchanged stretches folded. */
export type DiffView = { kind: 'line'; line: DiffLine } | { kind: 'folded'; count: number };

export function foldUnchanged(diff: DiffLine[], context = 3): DiffView[] {
  const near = new Array<boolean>(diff.length).fill(false);
  diff.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(diff.length - 1, index + context); k++) near[k] = true;
  });
  const view: DiffView[] = [];
  let folded = 0;
  diff.forEach((line, index) => {
    if (near[index]) {
      if (folded) view.push({ kind: 'folded', count: folded });
      folded = 0;
      view.push({ kind: 'line', line });
    } else {
      folded++;
    }
  });
  if (folded) view.push({ kind: 'folded', count: folded });
  return view;
}

/** How many lines a diff adds and removes. */
export function diffStats(diff: DiffLine[]): { added: number; removed: number } {
  return {
    added: diff.filter((line) => line.kind === 'added').length,
    removed: diff.filter((line) => line.kind === 'removed').length,
  };
}
