import { describe, expect, it } from 'vitest';
import { BUILT_IN_HOLIDAY_CALENDAR as calendar } from '../calendar/holidayCalendar';
import { idCheckChar } from '../idNumber';
import { ageAtActCheck, ageOn, limitationCheck, nonProsecutionKindCheck, priorPenaltyCheck, transferCheck, type PenaltyRecord } from './checks';

const id18 = (first17: string) => first17 + idCheckChar(first17);

describe('limitation (行政处罚法 art. 36)', () => {
  it('runs two years from the act and counts the days left while nothing is discovered', () => {
    const r = limitationCheck({ actDate: '2024-03-05', severeHarm: false, asOf: '2025-01-01' });
    expect(r).toMatchObject({
      periodMonths: 24,
      periodBasis: 'two_years',
      startsFrom: '2024-03-05',
      startBasis: 'act',
      periodEndsOn: '2026-03-05',
      countedUntil: '2025-01-01',
      countedUntilBasis: 'as_of',
      expired: false,
      daysLeft: 428,
      needsLegalReview: true,
    });
    expect(r.explanation['zh-CN']).toContain('系统不作决定');
    expect(r.explanation['en-US']).toContain('428 days left');
  });

  it('runs five years where life, health or financial security was harmed', () => {
    const r = limitationCheck({ actDate: '2024-03-05', severeHarm: true, asOf: '2027-01-01' });
    expect(r).toMatchObject({ periodMonths: 60, periodBasis: 'five_years_severe_harm', periodEndsOn: '2029-03-05', expired: false });
    expect(limitationCheck({ actDate: '2024-03-05', severeHarm: false, asOf: '2027-01-01' }).expired).toBe(true);
  });

  it('starts at the end of a continuing act', () => {
    const r = limitationCheck({ actDate: '2023-01-10', continuingActEndDate: '2024-06-30', severeHarm: false, asOf: '2026-03-01' });
    expect(r).toMatchObject({ startsFrom: '2024-06-30', startBasis: 'continuing_act_end', periodEndsOn: '2026-06-30', expired: false });
  });

  it('stops at discovery: discovered on the last day is in time, the day after is not', () => {
    expect(limitationCheck({ actDate: '2024-03-05', severeHarm: false, discoveryDate: '2026-03-05', asOf: '2026-09-01' })).toMatchObject({ countedUntil: '2026-03-05', countedUntilBasis: 'discovery', expired: false, daysLeft: null });
    expect(limitationCheck({ actDate: '2024-03-05', severeHarm: false, discoveryDate: '2026-03-06', asOf: '2026-03-06' }).expired).toBe(true);
    // Not discovered: the asOf day decides.
    expect(limitationCheck({ actDate: '2024-03-05', severeHarm: false, asOf: '2026-03-05' }).expired).toBe(false);
    expect(limitationCheck({ actDate: '2024-03-05', severeHarm: false, asOf: '2026-03-06' })).toMatchObject({ expired: true, daysLeft: null });
  });

  it('ends a period begun on 29 February on the 28th', () => {
    expect(limitationCheck({ actDate: '2024-02-29', severeHarm: false, asOf: '2024-03-01' }).periodEndsOn).toBe('2026-02-28');
  });

  it('takes a period set by another law when the reviewer enters one', () => {
    const r = limitationCheck({ actDate: '2025-01-10', severeHarm: true, asOf: '2025-08-01', specialPeriod: { months: 6, basis: '治安管理处罚法（2012）第二十二条' } });
    expect(r).toMatchObject({ periodMonths: 6, periodBasis: 'special', basis: '治安管理处罚法（2012）第二十二条', periodEndsOn: '2025-07-10', expired: true });
  });

  it('refuses dates that cannot be', () => {
    expect(() => limitationCheck({ actDate: '2024-02-30', severeHarm: false, asOf: '2025-01-01' })).toThrow(RangeError);
    expect(() => limitationCheck({ actDate: '2024-03-05', continuingActEndDate: '2024-03-01', severeHarm: false, asOf: '2025-01-01' })).toThrow(/before the act/);
    expect(() => limitationCheck({ actDate: '2024-03-05', severeHarm: false, asOf: '2025-01-01', specialPeriod: { months: 0, basis: 'x' } })).toThrow(RangeError);
  });
});

describe('age at the act (行政处罚法 art. 30)', () => {
  const child = id18('11010520100615123'); // born 2010-06-15

  it('reads the birth date from an 18-digit ID and counts whole years', () => {
    expect(ageAtActCheck({ idNumber: child, actDate: '2024-06-14' })).toMatchObject({ status: 'known', birthDate: '2010-06-15', source: 'id_number', ageYears: 13, band: 'under_14', onBirthdayBoundary: false, needsLegalReview: true });
    expect(ageAtActCheck({ idNumber: child, actDate: '2028-06-14' })).toMatchObject({ ageYears: 17, band: '14_to_18' });
    expect(ageAtActCheck({ idNumber: child, actDate: '2028-06-16' })).toMatchObject({ ageYears: 18, band: 'adult', onBirthdayBoundary: false, needsLegalReview: false });
  });

  it('flags an act on the 14th or 18th birthday for review', () => {
    const r = ageAtActCheck({ idNumber: child, actDate: '2024-06-15' });
    expect(r).toMatchObject({ ageYears: 14, band: '14_to_18', onBirthdayBoundary: true, needsLegalReview: true });
    expect(ageAtActCheck({ idNumber: child, actDate: '2028-06-15' })).toMatchObject({ ageYears: 18, band: 'adult', onBirthdayBoundary: true, needsLegalReview: true });
  });

  it('reads first-generation 15-digit numbers too', () => {
    expect(ageAtActCheck({ idNumber: '110105850615123', actDate: '2024-01-01' })).toMatchObject({ birthDate: '1985-06-15', ageYears: 38, band: 'adult' });
  });

  it('turns someone born on 29 February a year older on 1 March', () => {
    expect(ageOn('2008-02-29', '2022-02-28')).toBe(13);
    expect(ageOn('2008-02-29', '2022-03-01')).toBe(14);
    expect(ageAtActCheck({ birthDate: '2008-02-29', actDate: '2022-03-01' })).toMatchObject({ ageYears: 14, onBirthdayBoundary: true, source: 'birth_date' });
  });

  it('prefers a given birth date and says when the ID disagrees', () => {
    expect(ageAtActCheck({ birthDate: '2010-06-20', idNumber: child, actDate: '2024-06-16' })).toMatchObject({ birthDate: '2010-06-20', ageYears: 13, idBirthDateDiffers: true, needsLegalReview: true });
  });

  it('says when the age cannot be known', () => {
    expect(ageAtActCheck({ idNumber: `${child.slice(0, 17)}${child[17] === '1' ? '2' : '1'}`, actDate: '2024-06-16' })).toMatchObject({ status: 'unknown', reason: 'invalid_id_number' });
    expect(ageAtActCheck({ actDate: '2024-06-16' })).toMatchObject({ status: 'unknown', reason: 'no_birth_date', needsLegalReview: true });
  });
});

describe('kind of non-prosecution (指引 art. 4)', () => {
  it('transfers every kind', () => {
    for (const kind of ['statutory', 'discretionary', 'insufficient_evidence', 'conditional'] as const) {
      expect(nonProsecutionKindCheck(kind)).toMatchObject({ kind, transferred: true, excluded: false });
    }
  });

  it('flags the kinds that raise a question, not the discretionary ones', () => {
    expect(nonProsecutionKindCheck('discretionary').flagged).toBe(false);
    expect(nonProsecutionKindCheck('statutory').flagged).toBe(true);
    expect(nonProsecutionKindCheck('insufficient_evidence').notes.map((n) => n['en-US']).join(' ')).toContain('information sharing');
    expect(nonProsecutionKindCheck('conditional')).toMatchObject({ flagged: true, excluded: false });
  });

  it('excludes conditional non-prosecutions only where the procuratorate chose to', () => {
    expect(nonProsecutionKindCheck('conditional', { excludeConditional: true })).toMatchObject({ excluded: true, flagged: true });
    expect(nonProsecutionKindCheck('discretionary', { excludeConditional: true }).excluded).toBe(false);
    expect(() => nonProsecutionKindCheck('absolute' as never)).toThrow(RangeError);
  });
});

describe('transfer within 3 working days', () => {
  const base = { decisionDate: '2025-03-03', calendar };

  it('is on time up to the third working day, late after it', () => {
    expect(transferCheck({ ...base, transferredOn: '2025-03-06', asOf: '2025-03-10' })).toMatchObject({ status: 'on_time', due: '2025-03-06', length: 3, unit: 'working_days', daysLate: null });
    expect(transferCheck({ ...base, transferredOn: '2025-03-07', asOf: '2025-03-10' })).toMatchObject({ status: 'late', due: '2025-03-06', daysLate: 1 });
  });

  it('is pending before the due date and overdue after it while nothing is transferred', () => {
    expect(transferCheck({ ...base, transferredOn: null, asOf: '2025-03-05' })).toMatchObject({ status: 'pending', daysRemaining: 1 });
    expect(transferCheck({ ...base, transferredOn: null, asOf: '2025-03-10' })).toMatchObject({ status: 'overdue', daysLate: 4 });
    // A transfer recorded after asOf has not happened yet as of that day.
    expect(transferCheck({ ...base, transferredOn: '2025-03-12', asOf: '2025-03-10' }).status).toBe('overdue');
  });

  it('counts over the National Day holiday and its adjusted working Saturday', () => {
    expect(transferCheck({ decisionDate: '2025-09-30', transferredOn: '2025-10-11', asOf: '2025-10-20', calendar })).toMatchObject({ status: 'on_time', due: '2025-10-11' });
  });

  it('follows a procuratorate’s own length', () => {
    expect(transferCheck({ ...base, transferredOn: '2025-03-07', asOf: '2025-03-10', settings: { clocks: { non_prosecution_transfer: { length: 5 } } } })).toMatchObject({ status: 'on_time', due: '2025-03-10' });
  });

  it('says so when it cannot count', () => {
    expect(transferCheck({ decisionDate: '2031-03-03', transferredOn: null, asOf: '2031-03-10', calendar })).toMatchObject({ status: 'not_computable', reason: 'calendar_year_not_loaded' });
    expect(transferCheck({ ...base, transferredOn: '2025-03-01', asOf: '2025-03-10' })).toMatchObject({ status: 'not_computable', reason: 'transfer_before_decision' });
  });
});

describe('earlier penalties (行政处罚法 art. 29)', () => {
  const penalty = (decisionNo: string, decidedOn: string | null, violationCode: string | null = 'other'): PenaltyRecord => ({ decisionNo, agency: '区市场监管局', violationCode, decidedOn, fine: '1000.00' });

  it('hints that a penalty within 30 days after the act may be for the same act, and lists the others', () => {
    const r = priorPenaltyCheck([penalty('A', '2024-01-10'), penalty('B', '2024-03-20'), penalty('C', '2024-04-30'), penalty('D', null)], { actDate: '2024-03-05' });
    expect(r.penalties.map((p) => [p.decisionNo, p.daysAfterAct, p.withinWindow, p.probablySameAct])).toEqual([
      ['B', 15, true, true],
      ['C', 56, false, false],
      ['A', -55, false, false],
      ['D', null, false, false],
    ]);
    expect(r).toMatchObject({ windowDays: 30, probablySameAct: 1, needsLegalReview: true });
    expect(r.notes[0]['zh-CN']).toContain('第二十九条');
  });

  it('takes the window from the end of a continuing act, and a window of one’s own', () => {
    const penalties = [penalty('C', '2024-04-30')];
    expect(priorPenaltyCheck(penalties, { actDate: '2024-03-05', continuingActEndDate: '2024-04-10' }).probablySameAct).toBe(1);
    expect(priorPenaltyCheck(penalties, { actDate: '2024-03-05', windowDays: 60 }).probablySameAct).toBe(1);
    expect(priorPenaltyCheck(penalties, { actDate: '2024-03-05', windowDays: 0 }).probablySameAct).toBe(0);
  });

  it('does not call a penalty for another kind of violation the same act', () => {
    const penalties = [penalty('T', '2024-03-10', 'tax_evasion'), penalty('M', '2024-03-12', 'trademark_counterfeiting')];
    const r = priorPenaltyCheck(penalties, { actDate: '2024-03-05', chargeText: '涉嫌假冒注册商标罪' });
    expect(r.penalties.map((p) => [p.decisionNo, p.violationMatchesCharge, p.probablySameAct])).toEqual([
      ['M', true, true],
      ['T', false, false],
    ]);
  });

  it('has nothing to review without penalties', () => {
    expect(priorPenaltyCheck([], { actDate: '2024-03-05' })).toMatchObject({ penalties: [], probablySameAct: 0, needsLegalReview: false });
  });
});
