import { Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { reportError } from '../../api/errors';
import type { MeetingStatus, Resolution } from '../../api/jointMeetings';
import type { Format } from '../../format';
import i18n from '../../i18n';

const STATUS_COLORS: Record<MeetingStatus, string> = { scheduled: 'processing', held: 'success', cancelled: 'default' };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation(['translation', 'meetings']);
  return <Tag color={STATUS_COLORS[status]}>{t(`meetings:statuses.${status}`)}</Tag>;
}

const STANDING_COLORS: Record<Resolution['standing'], string> = { open: 'blue', due_soon: 'orange', overdue: 'red', done: 'green' };

/** Done, open, due soon (with the days left) or overdue (with the days past). */
export function StandingTag({ resolution }: { resolution: Pick<Resolution, 'standing' | 'daysRemaining' | 'daysOverdue'> }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const { standing, daysRemaining = 0, daysOverdue = 0 } = resolution;
  const label =
    standing === 'overdue'
      ? t('meetings:standings.overdue', { count: daysOverdue })
      : standing === 'due_soon'
        ? daysRemaining === 0
          ? t('meetings:standings.dueToday')
          : t('meetings:standings.due_soon', { count: daysRemaining })
        : t(`meetings:standings.${standing}`);
  return (
    <Tag color={STANDING_COLORS[standing]} data-testid="resolution-standing">
      {label}
    </Tag>
  );
}

/** "2026年6月30日 14:30" / "Jun 30, 2026 14:30": the date as the language writes it, the wall-clock time as held. */
export function meetingWhen(format: Format, meeting: { meetingDate: string; startTime: string | null }): string {
  return [format.date(meeting.meetingDate), meeting.startTime].filter(Boolean).join(' ');
}

/** Multi-line text as written (agenda, minutes), or a dash. */
export function Prose({ text, testId }: { text: string | null | undefined; testId?: string }) {
  if (!text?.trim()) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={testId}>
      {text}
    </Typography.Paragraph>
  );
}

interface MessageApi {
  error: (content: string) => unknown;
}

/**
 * Errors particular to meetings said in their own words: a meeting whose status no longer allows
 * the action (someone held or cancelled it meanwhile), and the meeting rules the server checks
 * (a unit listed twice, an owner not at the meeting…). Anything else as usual.
 */
export function reportMeetingError(error: unknown, message: MessageApi, form?: FormInstance): void {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_state') {
      void message.error(i18n.t('meetings:errors.invalidState'));
      return;
    }
    const known = error.fields
      .map((issue) => issue.params?.reason)
      .filter((reason): reason is string => typeof reason === 'string' && i18n.exists(`meetings:reasons.${reason}`));
    if (known.length > 0) {
      void message.error(known.map((reason) => String(i18n.t(`meetings:reasons.${reason}` as never))).join(' '));
      return;
    }
  }
  reportError(error, message, form);
}
