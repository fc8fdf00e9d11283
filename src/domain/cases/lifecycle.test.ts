import { describe, expect, it } from 'vitest';
import { approverFor, DOCUMENT_RULES, mayDraft, nextApprovalState } from './documentFlow';
import { availableActions, CASE_KINDS, CASE_STATES, transition, TransitionRefused } from './lifecycle';
import { matterKey, subjectKey } from './duplicates';
import { unansweredItems } from './reviewForm';

describe('case lifecycles', () => {
  it('walks a reverse-connection case from registration to closure', () => {
    const steps = ['assign', 'suspend', 'resume', 'complete_report', 'issue_opinion', 'serve', 'record_reply', 'follow_up', 'issue_follow_up', 'serve', 'record_reply', 'close'] as const;
    let state: string = 'registered';
    const seen = steps.map((a) => (state = transition('reverse_connection', state, a)));
    expect(seen).toEqual(['under_review', 'suspended', 'under_review', 'report_done', 'opinion_issued', 'awaiting_reply', 'reply_received', 'follow_up', 'follow_up', 'awaiting_reply', 'reply_received', 'closed']);
  });

  it('refuses a step from the wrong state and names the states that allow it', () => {
    expect(() => transition('reverse_connection', 'under_review', 'issue_opinion')).toThrow(TransitionRefused);
    try {
      transition('reverse_connection', 'under_review', 'issue_opinion');
    } catch (e) {
      expect((e as TransitionRefused).allowedFrom).toEqual(['report_done']);
      expect((e as Error).message).toContain('report_done');
    }
    // Objections exist only against suggestions (process 2).
    expect(() => transition('reverse_connection', 'awaiting_reply', 'object')).toThrow(/no "object" step/);
  });

  it('an objection upheld sends the illegal-act case back to investigation, rejected back to awaiting the reply', () => {
    expect(transition('illegal_act', 'awaiting_reply', 'object')).toBe('objection_review');
    expect(transition('illegal_act', 'objection_review', 'uphold_objection')).toBe('investigating');
    expect(transition('illegal_act', 'objection_review', 'reject_objection')).toBe('awaiting_reply');
  });

  it('every transition leads to a state of its kind, and closed is final', () => {
    for (const kind of CASE_KINDS) {
      const states: readonly string[] = CASE_STATES[kind];
      for (const state of states) {
        for (const action of availableActions(kind, state)) expect(states).toContain(transition(kind, state, action));
      }
      expect(availableActions(kind, 'closed')).toEqual([]);
    }
  });
});

describe('document approval chains (DOMAIN §8)', () => {
  it('an opinion needs the head and then the chief; a follow-up letter the head only', () => {
    expect(nextApprovalState('procuratorial_opinion', 'draft')).toBe('pending_head');
    expect(nextApprovalState('procuratorial_opinion', 'pending_head')).toBe('pending_chief');
    expect(nextApprovalState('procuratorial_opinion', 'pending_chief')).toBeNull();
    expect(nextApprovalState('follow_up_letter', 'pending_head')).toBeNull();
    expect(nextApprovalState('objection_review_notice', 'draft')).toBe('pending_chief');
    expect(approverFor('pending_chief')).toBe('chief_prosecutor');
    expect(() => nextApprovalState('procuratorial_opinion', 'approved')).toThrow();
  });

  it('a document may be drafted only where its case stands', () => {
    expect(mayDraft('procuratorial_opinion', 'reverse_connection', 'report_done')).toBe(true);
    expect(mayDraft('procuratorial_opinion', 'reverse_connection', 'under_review')).toBe(false);
    expect(mayDraft('procuratorial_suggestion', 'reverse_connection', 'report_done')).toBe(false);
    expect(mayDraft('procuratorial_suggestion', 'illegal_act', 'investigating')).toBe(true);
    for (const [type, rule] of Object.entries(DOCUMENT_RULES)) {
      if (rule.servedOnAgency) expect(rule.replyClock, type).not.toBeNull();
      if (rule.onApproval) {
        for (const [kind, states] of Object.entries(rule.draftIn)) {
          for (const state of states!) expect(() => transition(kind as 'illegal_act', state, rule.onApproval!), `${type} in ${state}`).not.toThrow();
        }
      }
    }
  });
});

describe('duplicate keys', () => {
  it('reduces a matter to its core words', () => {
    expect(matterKey('涉嫌危险驾驶罪')).toBe('危险驾驶');
    expect(matterKey(' 危险驾驶 罪')).toBe('危险驾驶');
    expect(matterKey('销售过期食品。')).toBe('销售过期食品');
    expect(matterKey(null)).toBe('');
  });

  it('keys a subject by normalized ID, or by name when there is none', () => {
    expect(subjectKey('11010519850315006x', '李四')).toBe('11010519850315006X');
    expect(subjectKey('１１０１０５１９８５０３１５００６Ｘ', null)).toBe('11010519850315006X');
    expect(subjectKey(null, '張三')).toBe('name:张三');
    expect(subjectKey('', '')).toBeNull();
  });
});

describe('review form', () => {
  it('lists checklist items without an answer and a reason', () => {
    const open = unansweredItems({ checklist: { penalty_norm: { answer: 'yes', reason: '有处罚依据' }, penalty_necessary: { answer: 'no', reason: ' ' } } });
    expect(open).not.toContain('penalty_norm');
    expect(open).toContain('penalty_necessary');
    expect(open).toContain('limitation');
  });
});
