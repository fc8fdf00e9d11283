import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATES } from '../../domain/cases/documentFlow';
import { CASE_ACTIONS, CASE_KINDS, CASE_STATES, CLUE_SOURCES, CLUE_STATUSES, NON_PROSECUTION_KINDS, REPLY_RESULTS } from '../../domain/cases/lifecycle';
import { CHECKLIST_ITEMS } from '../../domain/cases/reviewForm';
import { CLOCK_CODES, PAUSE_REASONS } from '../../domain/deadlines/clocks';
import { SUSPENSION_GROUNDS } from '../../domain/documents/templates';
import { DOCUMENT_TYPES, SUGGESTION_KINDS } from '../../domain/documents/types';
import enUS from './en-US/cases.json';
import zhCN from './zh-CN/cases.json';

describe('the cases namespace', () => {
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
