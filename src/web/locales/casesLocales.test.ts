import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATES } from '../../domain/cases/documentFlow';
import { CASE_ACTIONS, CASE_KINDS, CASE_STATES, CLUE_SOURCES, CLUE_STATUSES, NON_PROSECUTION_KINDS, REPLY_RESULTS } from '../../domain/cases/lifecycle';
import { CHECKLIST_ITEMS } from '../../domain/cases/reviewForm';
import { CLOCK_CODES, PAUSE_REASONS } from '../../domain/deadlines/clocks';
import { SUSPENSION_GROUNDS } from '../../domain/documents/templates';
import { DOCUMENT_TYPES, SUGGESTION_KINDS } from '../../domain/documents/types';
import enUS from './en-US/cases.json';
import zhCN from './zh-CN/cases.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));
}

/** English plural forms (`_one`, `_other`) stand for the one Chinese key. */
const singular = (key: string) => key.replace(/_(one|other)$/, '');
const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort().join();

describe('the cases namespace', () => {
  const zh = leaves(zhCN);
  const en = leaves(enUS);

  it('has the same keys in both languages, none empty, with the same variables', () => {
    expect([...new Set(en.map(([key]) => singular(key)))].sort()).toEqual(zh.map(([key]) => key).sort());
    const zhText = new Map(zh);
    for (const [key, text] of en) {
      expect(text.trim(), key).not.toBe('');
      expect(variables(text), key).toBe(variables(zhText.get(singular(key))!));
    }
    for (const [key, text] of zh) expect(text.trim(), key).not.toBe('');
  });

  it('names every code of the domain in both languages', () => {
    const groups: [string, readonly string[]][] = [
      ['sources', CLUE_SOURCES],
      ['clueStatuses', CLUE_STATUSES],
      ['kinds', CASE_KINDS],
      ['states', [...CASE_STATES.reverse_connection, ...CASE_STATES.illegal_act]],
      ['actions', CASE_ACTIONS],
      ['documentTypes', DOCUMENT_TYPES],
      ['documentStates', DOCUMENT_STATES],
      ['suggestionKinds', SUGGESTION_KINDS],
      ['clockCodes', CLOCK_CODES],
      ['pauseReasons', PAUSE_REASONS],
      ['suspensionGrounds', SUSPENSION_GROUNDS],
      ['replyResults', REPLY_RESULTS],
      ['nonProsecutionKinds', NON_PROSECUTION_KINDS],
      ['checklist', CHECKLIST_ITEMS],
      ['checklistHints', CHECKLIST_ITEMS],
      ['clockStatuses', ['running', 'due_soon', 'overdue', 'paused', 'stopped', 'unknown']],
      ['transferStatuses', ['on_time', 'late', 'pending', 'overdue', 'not_computable']],
    ];
    for (const [group, codes] of groups) {
      for (const code of codes) {
        expect((zhCN as unknown as Record<string, Record<string, string>>)[group]?.[code], `zh-CN ${group}.${code}`).toBeTruthy();
        expect((enUS as unknown as Record<string, Record<string, string>>)[group]?.[code], `en-US ${group}.${code}`).toBeTruthy();
      }
    }
  });
});
