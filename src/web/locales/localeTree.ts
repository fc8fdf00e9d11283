/**
 * Locale files as lists of [dotted key, text], for the tests that keep zh-CN and en-US in step.
 * (Test support only: the app reads the JSON through i18next.)
 */
import fs from 'node:fs';
import path from 'node:path';

export type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, text]. */
export function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

/** The interpolation variables of a text, e.g. "{{count}} 条" → "count". */
export function variables(text: string): string {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join();
}

/** The `ns:` keys the .tsx files of a page folder ask for by name, once per use. */
export function keysUsedIn(dir: string, namespace: string): string[] {
  const source = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  return [...source.matchAll(new RegExp(`'${namespace}:([\\w.]+)'`, 'g'))].map((m) => m[1]);
}
