import { Button, Flex, Popover, Table, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DueStep } from '../../../domain/deadlines';
import type { Clock, ClockView } from '../../api/cases';
import { type Format, useFormat } from '../../format';
import { caseLabel } from './shared';

/** `t` of the pages that read the `cases` namespace beside the common one. */
type T = TFunction<['translation', 'cases']>;

const STATUS_COLORS: Record<ClockView['status'], string> = {
  running: 'processing',
  due_soon: 'orange',
  overdue: 'red',
  paused: 'purple',
  stopped: 'default',
  unknown: 'default',
};

/** "3 个工作日", "2 个月" … */
function amount(t: T, count: number, unit: string): string {
  return t(`cases:units.${unit}` as never, { count });
}

/** What the status adds to its tag: days left, days late, why it is paused, on time or not. */
function clockDetail(t: T, status: ClockView): string {
  switch (status.status) {
    case 'running':
    case 'due_soon':
      return status.daysRemaining === 0 ? t('cases:clock.dueToday') : t('cases:clock.remaining', { amount: amount(t, status.daysRemaining, status.unit) });
    case 'overdue':
      return t('cases:clock.overdueBy', { count: status.daysOverdue });
    case 'paused':
      return t('cases:clock.pausedFor', { reason: caseLabel('pauseReasons', status.reason), amount: amount(t, status.daysRemaining, status.unit) });
    case 'stopped':
      return status.onTime ? t('cases:clock.stoppedOnTime') : t('cases:clock.stoppedLate');
    case 'unknown':
      return status.problem.startsWith('calendar_year_not_loaded:')
        ? t('cases:clock.calendarMissing', { year: status.problem.split(':')[1] })
        : t('cases:clock.notStarted');
  }
}

/** Running, due soon, overdue, paused or stopped, with what that means in days. */
export function ClockStatusTag({ status }: { status: ClockView }) {
  const { t } = useTranslation(['translation', 'cases']);
  const late = status.status === 'stopped' && !status.onTime;
  return (
    <Flex gap={4} align="center" wrap data-testid="clock-status" data-status={status.status}>
      <Tag color={late ? 'volcano' : STATUS_COLORS[status.status]} style={{ marginInlineEnd: 0 }}>
        {caseLabel('clockStatuses', status.status)}
      </Tag>
      <Typography.Text type={status.status === 'overdue' || late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {clockDetail(t, status)}
      </Typography.Text>
    </Flex>
  );
}

/** One step of a due-date computation as a sentence. */
function explainStep(t: T, format: Format, step: DueStep): string {
  const d = (iso: string | null | undefined) => format.date(iso);
  switch (step.kind) {
    case 'start':
      return t('cases:explain.start', { on: d(step.on), from: d(step.countingFrom) });
    case 'length':
      return step.extended > 0
        ? t('cases:explain.lengthExtended', { base: amount(t, step.base, step.unit), extended: amount(t, step.extended, step.unit), total: amount(t, step.total, step.unit) })
        : t(step.setAtStart ? 'cases:explain.lengthSet' : 'cases:explain.length', { total: amount(t, step.total, step.unit) });
    case 'extension':
      return t(step.grantedAfterDue ? 'cases:explain.extensionLate' : 'cases:explain.extension', { on: d(step.on), approver: step.approver, amount: amount(t, step.length, step.unit) });
    case 'counted': {
      const parts = [t('cases:explain.counted', { from: d(step.from), to: d(step.to), amount: amount(t, step.days, step.unit) })];
      if (step.weekendDaysSkipped > 0) parts.push(t('cases:explain.weekendsSkipped', { count: step.weekendDaysSkipped }));
      for (const h of step.holidaysSkipped) parts.push(t('cases:explain.holidaySkipped', { holiday: h.holiday, count: h.dates.length }));
      if (step.adjustedWorkingDaysCounted.length > 0) {
        parts.push(t('cases:explain.adjustedCounted', { dates: step.adjustedWorkingDaysCounted.map(d).join(t('cases:explain.listSeparator')) }));
      }
      return parts.join(t('cases:explain.partSeparator'));
    }
    case 'months_added':
      return t(step.monthEndClamped ? 'cases:explain.monthsAddedClamped' : 'cases:explain.monthsAdded', { from: d(step.from), amount: amount(t, step.months, 'calendar_months'), to: d(step.to) });
    case 'pause_excluded':
      return t('cases:explain.pauseExcluded', {
        reason: caseLabel('pauseReasons', step.reason),
        from: d(step.pausedOn),
        to: d(step.resumedOn),
        amount: step.workingDays !== undefined ? amount(t, step.workingDays, 'working_days') : amount(t, step.calendarDays, 'calendar_days'),
      });
    case 'paused':
      return t('cases:explain.paused', { reason: caseLabel('pauseReasons', step.reason), on: d(step.pausedOn), amount: amount(t, step.remaining, step.unit) });
    case 'pause_after_due':
      return t('cases:explain.pauseAfterDue', { reason: caseLabel('pauseReasons', step.reason), on: d(step.pausedOn) });
    case 'roll_over':
      return t('cases:explain.rollOver', { from: d(step.from), to: d(step.to) });
    case 'due':
      return t('cases:explain.due', { on: d(step.on) });
    case 'stopped':
      return t(step.onTime ? 'cases:explain.stoppedOnTime' : 'cases:explain.stoppedLate', { on: d(step.on) });
  }
}

/** "How was this date computed?": every step, from the start through pauses and holidays to the due date. */
function ClockExplanation({ clock }: { clock: Clock }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  if (!clock.explanation) return null;
  return (
    <Popover
      title={t('cases:clock.explanationTitle', { clock: caseLabel('clockCodes', clock.code) })}
      content={
        <ol style={{ margin: 0, paddingInlineStart: 20, maxWidth: 460 }} data-testid="clock-explanation">
          {clock.explanation.steps.map((step, index) => (
            <li key={index}>{explainStep(t, format, step)}</li>
          ))}
        </ol>
      }
    >
      <Button type="link" size="small" style={{ padding: 0 }}>
        {t('cases:clock.explain')}
      </Button>
    </Popover>
  );
}

/** The deadlines of a case or a document: what runs, until when, and how that date came about. */
export function ClocksTable({ clocks }: { clocks: Clock[] }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  return (
    <Table<Clock>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={clocks}
      data-testid="clocks"
      locale={{ emptyText: t('cases:clock.none') }}
      columns={[
        { title: t('cases:clock.name'), dataIndex: 'code', render: (code: Clock['code']) => caseLabel('clockCodes', code) },
        {
          title: t('cases:clock.due'),
          dataIndex: 'due',
          render: (due: string | null, clock) =>
            due ? (
              <Typography.Text strong={clock.status.status !== 'stopped'} type={clock.status.status === 'overdue' ? 'danger' : undefined}>
                {format.date(due)}
              </Typography.Text>
            ) : (
              <Tooltip title={t('cases:clock.noDueWhilePaused')}>—</Tooltip>
            ),
        },
        { title: t('cases:clock.status'), key: 'status', render: (_, clock) => <ClockStatusTag status={clock.status} /> },
        { title: '', key: 'explain', render: (_, clock) => <ClockExplanation clock={clock} /> },
      ]}
    />
  );
}
