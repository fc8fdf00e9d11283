import { describe, expect, it } from 'vitest';
import { InvalidIsoDate } from './calendar/isoDate';
import { chinaToday, mayChangeResolution, mayOwnResolution, meetingAllows, resolutionChange, resolutionStanding } from './jointMeetings';

describe('meetingAllows', () => {
  it('lets a scheduled meeting be edited, held or cancelled, but takes no resolutions before it is held', () => {
    expect(['edit', 'recordMinutes', 'cancel', 'addResolution'].filter((a) => meetingAllows('scheduled', a as never))).toEqual(['edit', 'recordMinutes', 'cancel']);
  });

  it('keeps a held meeting open for corrections and resolutions, but it can no longer be cancelled', () => {
    expect(meetingAllows('held', 'edit')).toBe(true);
    expect(meetingAllows('held', 'recordMinutes')).toBe(true);
    expect(meetingAllows('held', 'addResolution')).toBe(true);
    expect(meetingAllows('held', 'cancel')).toBe(false);
  });

  it('closes a cancelled meeting', () => {
    for (const action of ['edit', 'recordMinutes', 'cancel', 'addResolution'] as const) expect(meetingAllows('cancelled', action)).toBe(false);
  });
});

describe('resolution changes', () => {
  it('reads the change from the current and requested status', () => {
    expect(resolutionChange('open', 'done')).toBe('complete');
    expect(resolutionChange('done', 'open')).toBe('reopen');
    expect(resolutionChange('open', undefined)).toBe('progress');
    expect(resolutionChange('open', 'open')).toBe('progress');
    expect(resolutionChange('done', 'done')).toBe('progress');
  });

  it('lets the owner record progress and complete while open; only the convener reopens', () => {
    expect(mayChangeResolution('owner', 'open', 'progress')).toBe(true);
    expect(mayChangeResolution('owner', 'open', 'complete')).toBe(true);
    expect(mayChangeResolution('owner', 'done', 'progress')).toBe(false);
    expect(mayChangeResolution('owner', 'done', 'reopen')).toBe(false);
    expect(mayChangeResolution('convener', 'done', 'reopen')).toBe(true);
    expect(mayChangeResolution('convener', 'open', 'complete')).toBe(true);
    expect(mayChangeResolution('convener', 'done', 'progress')).toBe(true);
  });

  it('lets a participant or the convener own a resolution, nobody else', () => {
    const meeting = { convenerOrganizationId: 'p', participantOrganizationIds: ['police', 'market'] };
    expect(mayOwnResolution('police', meeting)).toBe(true);
    expect(mayOwnResolution('p', meeting)).toBe(true);
    expect(mayOwnResolution('housing', meeting)).toBe(false);
  });
});

describe('resolutionStanding', () => {
  it('counts calendar days to the due date: open, due soon within 7 days, due today, overdue', () => {
    expect(resolutionStanding('open', '2026-07-31', '2026-07-01')).toEqual({ standing: 'open', daysRemaining: 30 });
    expect(resolutionStanding('open', '2026-07-08', '2026-07-01')).toEqual({ standing: 'due_soon', daysRemaining: 7 });
    expect(resolutionStanding('open', '2026-07-09', '2026-07-01')).toEqual({ standing: 'open', daysRemaining: 8 });
    expect(resolutionStanding('open', '2026-07-01', '2026-07-01')).toEqual({ standing: 'due_soon', daysRemaining: 0 });
    expect(resolutionStanding('open', '2026-06-28', '2026-07-01')).toEqual({ standing: 'overdue', daysOverdue: 3 });
  });

  it('says done for a done resolution, even past its due date', () => {
    expect(resolutionStanding('done', '2026-06-28', '2026-07-01')).toEqual({ standing: 'done' });
  });

  it('refuses dates that are not calendar dates', () => {
    expect(() => resolutionStanding('open', '2026-02-30', '2026-07-01')).toThrow(InvalidIsoDate);
    expect(() => resolutionStanding('open', '2026-07-01', 'today')).toThrow(InvalidIsoDate);
  });
});

describe('chinaToday', () => {
  it('is the day in UTC+8, which starts at 16:00 UTC the evening before', () => {
    expect(chinaToday(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(chinaToday(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
    expect(chinaToday(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
