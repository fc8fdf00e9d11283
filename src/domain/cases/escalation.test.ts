import { describe, expect, it } from 'vitest';
import { answerDateProblems, answerOverdue, closingDateProblems, noticeDateProblems, noticeStatusAfter } from './escalation';
import { availableActions, CASE_KINDS, CASE_STATES, transition, TransitionRefused } from './lifecycle';

describe('escalation notices (通报)', () => {
  it('are possible in follow-up, in every kind of case, and leave the case where it is', () => {
    for (const kind of CASE_KINDS) {
      expect(transition(kind, 'follow_up', 'notify_escalation')).toBe('follow_up');
      const elsewhere = CASE_STATES[kind].filter((s) => s !== 'follow_up' && availableActions(kind, s).includes('notify_escalation'));
      expect(elsewhere, kind).toEqual([]);
    }
    expect(() => transition('illegal_act', 'awaiting_reply', 'notify_escalation')).toThrow(TransitionRefused);
  });

  it('go out after the document they report was served, and not in the future', () => {
    expect(noticeDateProblems({ sentOn: '2026-08-01', today: '2026-11-26', servedOn: ['2026-06-01', '2026-07-30'] })).toEqual([]);
    expect(noticeDateProblems({ sentOn: '2026-07-29', today: '2026-11-26', servedOn: ['2026-06-01', '2026-07-30'] }).map((p) => [p.field, p.reason])).toEqual([['sentOn', 'before_service']]);
    expect(noticeDateProblems({ sentOn: '2026-11-27', today: '2026-11-26', servedOn: [] }).map((p) => [p.field, p.reason])).toEqual([['sentOn', 'future']]);
    // The served day itself is fine: a copy can go out with the document.
    expect(noticeDateProblems({ sentOn: '2026-07-30', today: '2026-11-26', servedOn: ['2026-07-30'] })).toEqual([]);
  });

  it('expect an answer on or after the day they were sent', () => {
    expect(noticeDateProblems({ sentOn: '2026-08-01', today: '2026-11-26', servedOn: [], answerExpectedBy: '2026-07-31' }).map((p) => p.field)).toEqual(['answerExpectedBy']);
    expect(noticeDateProblems({ sentOn: '2026-08-01', today: '2026-11-26', servedOn: [], answerExpectedBy: '2026-08-01' })).toEqual([]);
  });

  it('are answered between sending and today, and closed after both', () => {
    expect(answerDateProblems({ answeredOn: '2026-08-10', sentOn: '2026-08-01', today: '2026-11-26' })).toEqual([]);
    expect(answerDateProblems({ answeredOn: '2026-07-31', sentOn: '2026-08-01', today: '2026-11-26' }).map((p) => p.reason)).toEqual(['before_sent']);
    expect(answerDateProblems({ answeredOn: '2026-12-01', sentOn: '2026-08-01', today: '2026-11-26' }).map((p) => p.reason)).toEqual(['future']);
    expect(closingDateProblems({ closedOn: '2026-08-05', sentOn: '2026-08-01', answeredOn: '2026-08-10', today: '2026-11-26' }).map((p) => p.field)).toEqual(['closedOn']);
    expect(closingDateProblems({ closedOn: '2026-08-10', sentOn: '2026-08-01', answeredOn: '2026-08-10', today: '2026-11-26' })).toEqual([]);
  });

  it('take answers until closed, and nothing after', () => {
    expect(noticeStatusAfter('sent', 'answer')).toBe('answered');
    expect(noticeStatusAfter('answered', 'answer')).toBe('answered');
    expect(noticeStatusAfter('sent', 'close')).toBe('closed');
    expect(noticeStatusAfter('closed', 'answer')).toBeNull();
    expect(noticeStatusAfter('closed', 'close')).toBeNull();
  });

  it('are overdue only while unanswered past the expected date', () => {
    expect(answerOverdue({ status: 'sent', answerExpectedBy: '2026-11-25' }, '2026-11-26')).toBe(true);
    expect(answerOverdue({ status: 'sent', answerExpectedBy: '2026-11-26' }, '2026-11-26')).toBe(false);
    expect(answerOverdue({ status: 'answered', answerExpectedBy: '2026-11-25' }, '2026-11-26')).toBe(false);
    expect(answerOverdue({ status: 'sent', answerExpectedBy: null }, '2026-11-26')).toBe(false);
  });
});
