import { describe, expect, it } from 'vitest';
import { HolidayCalendar, STATE_COUNCIL_SCHEDULES } from '../calendar';
import { draftDocument, unfilledBlanks } from '../documents/templates';
import { applicationWindow, courtOutcomesFor, needsCommitteeDecision, replyResultOfCourtOutcome, windowNeedsOverride, type CourtDecision } from './index';

const calendar = HolidayCalendar.of(STATE_COUNCIL_SCHEDULES);
const refusal = (servedOn: string | null): CourtDecision => ({ kind: 'retrial_refusal', court: '北京市高级人民法院', caseNo: '（2026）京行申78号', decidedOn: '2026-01-05', servedOn });
const judgment: CourtDecision = { kind: 'second_instance_judgment', court: '北京市第三中级人民法院', caseNo: '（2025）京03行终456号', decidedOn: '2025-11-20', servedOn: '2025-11-25' };
const application = (decisions: CourtDecision[]) => ({ supervisionType: 'effective_judgment' as const, applicant: { name: '王五', idNumber: null, role: 'plaintiff' as const, contact: null }, courtDecisions: decisions });

describe('the 6-month application window (监督规则: from service of the refusal of retrial)', () => {
  it('runs 6 calendar months from the service, not from the decision', () => {
    expect(applicationWindow(application([judgment, refusal('2026-03-10')]), '2026-09-10', calendar)).toEqual({ status: 'within', due: '2026-09-10' });
    expect(applicationWindow(application([judgment, refusal('2026-03-10')]), '2026-09-11', calendar)).toEqual({ status: 'late', due: '2026-09-10' });
  });

  it('ends on the last day of a shorter month and rolls off rest days', () => {
    // 2026-03-31 + 6 months → 2026-09-30 (Wednesday).
    expect(applicationWindow(application([refusal('2026-03-31')]), '2026-09-30', calendar).due).toBe('2026-09-30');
    // 2026-04-04 + 6 months → 2026-10-04, in the National Day holiday → the first working day after it.
    const due = applicationWindow(application([refusal('2026-04-04')]), '2026-10-01', calendar).due!;
    expect(due > '2026-10-04').toBe(true);
    expect(calendar.isWorkingDay(due)).toBe(true);
  });

  it('counts from the latest served refusal when there were several', () => {
    expect(applicationWindow(application([refusal('2026-01-10'), refusal('2026-02-10')]), '2026-08-10', calendar)).toEqual({ status: 'within', due: '2026-08-10' });
  });

  it('flags an application without a served refusal, and does not apply to ex-officio or enforcement matters', () => {
    const none = applicationWindow(application([judgment, refusal(null)]), '2026-05-01', calendar);
    expect(none.status).toBe('no_retrial_refusal');
    expect(windowNeedsOverride(none)).toBe(true);
    expect(applicationWindow({ supervisionType: 'effective_judgment', applicant: null, courtDecisions: [] }, '2026-05-01', calendar).status).toBe('not_applicable');
    expect(applicationWindow({ ...application([]), supervisionType: 'court_enforcement' }, '2026-05-01', calendar).status).toBe('not_applicable');
    expect(windowNeedsOverride({ status: 'within', due: '2026-09-10' })).toBe(false);
  });

  it('is unknown, not "within", when the due date falls in a year whose holidays are not loaded', () => {
    const only2026 = HolidayCalendar.of(STATE_COUNCIL_SCHEDULES.filter((s) => s.year === 2026));
    expect(applicationWindow(application([refusal('2026-09-01')]), '2027-02-01', only2026).status).toBe('unknown');
  });
});

describe('committee decisions and court outcomes', () => {
  it('retrial suggestions, protests, requests for protest and enforcement suggestions need the committee', () => {
    expect(needsCommitteeDecision('retrial_suggestion', null)).toBe(true);
    expect(needsCommitteeDecision('protest', null)).toBe(true);
    expect(needsCommitteeDecision('protest_request_report', null)).toBe(true);
    expect(needsCommitteeDecision('litigation_suggestion', 'court_enforcement')).toBe(true);
    expect(needsCommitteeDecision('litigation_suggestion', 'trial_irregularity')).toBe(false);
    expect(needsCommitteeDecision('non_support_decision', null)).toBe(false);
    expect(needsCommitteeDecision('procuratorial_suggestion', 'individual')).toBe(false);
  });

  it('maps court outcomes to the reply scale: a changed, remanded or mediated judgment is an adopted suggestion', () => {
    expect(['changed', 'remanded', 'mediated'].map((o) => replyResultOfCourtOutcome(o as never))).toEqual(['adopted', 'adopted', 'adopted']);
    expect(replyResultOfCourtOutcome('maintained')).toBe('not_adopted');
    expect(replyResultOfCourtOutcome('protest_declined')).toBe('not_adopted');
    expect(courtOutcomesFor('protest_request_report')).toEqual(['protest_lodged', 'protest_declined']);
    expect(courtOutcomesFor('procuratorial_opinion')).toEqual([]);
  });
});

describe('litigation documents', () => {
  const litigation = { supervisionType: 'effective_judgment' as const, applicant: { name: '王五' }, court: '北京市第三中级人民法院', courtDecisions: [judgment, refusal('2026-03-10')], acceptedOn: '2026-05-08' };

  it('a retrial suggestion names the judgment, the refusal, the committee session and asks the court to retry', () => {
    const doc = draftDocument('retrial_suggestion', {
      procuratorate: '北京市朝阳区人民检察院',
      factsFound: '申请人王五不服行政处罚提起诉讼。',
      problems: ['原判决适用法律确有错误'],
      litigation: { ...litigation, committee: { session: '2026年第9次会议', meetingOn: '2026-07-01' } },
    });
    expect(doc.recipient).toBe('北京市第三中级人民法院');
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('王五不服北京市第三中级人民法院（2025）京03行终456号行政判决，经申请再审，北京市高级人民法院以（2026）京行申78号行政裁定驳回其再审申请');
    expect(text).toContain('经本院检察委员会2026年第9次会议讨论决定');
    expect(text).toContain('第九十三条第二款');
    expect(unfilledBlanks(doc)).toEqual([]);
  });

  it('leaves the committee session blank until it has decided, so the draft cannot be submitted', () => {
    const doc = draftDocument('protest', { procuratorate: '北京市朝阳区人民检察院', factsFound: 'x', problems: ['y'], litigation });
    expect(unfilledBlanks(doc)).toEqual(['检察委员会会议届次']);
  });

  it('a suggestion to an agency that ignores a judgment is addressed to the agency', () => {
    const doc = draftDocument('litigation_suggestion', { procuratorate: '北京市朝阳区人民检察院', agency: '北京市朝阳区市场监督管理局', litigation: { ...litigation, suggestionKind: 'agency_noncompliance' } });
    expect(doc.recipient).toBe('北京市朝阳区市场监督管理局');
    expect(doc.paragraphs[0].text).toContain('未履行人民法院发生法律效力的判决');
  });
});
