import { Flex, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseEvent, InternalCase } from '../../../api/cases';
import { type Format, useFormat } from '../../../format';
import { caseLabel } from '../shared';
import { escalationLabel } from './EscalationsTab';

/** `t` of the pages that read the `cases` namespace beside the common one. */
type T = TFunction<['translation', 'cases']>;

/** How each recorded detail reads; ids (of documents, replies, users) are not for reading. */
function detailValue(t: T, format: Format, event: CaseEvent, key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  switch (key) {
    case 'source':
      return caseLabel('sources', String(value));
    case 'kind':
      return caseLabel('kinds', String(value));
    case 'type':
      return caseLabel('documentTypes', String(value));
    case 'method':
      return caseLabel('serviceMethods', String(value));
    case 'result':
    case 'evaluation':
      return caseLabel('replyResults', String(value));
    case 'next':
      return value === 'close' ? t('cases:replies.nextClose') : t('cases:replies.nextFollowUp');
    case 'reason':
      // A clock pause names its reason by code; other steps give theirs in words.
      return event.type.startsWith('clock_') ? caseLabel('pauseReasons', String(value)) : String(value);
    case 'courtOutcome':
      return caseLabel('courtOutcomes', String(value));
    case 'recipientKind':
      return escalationLabel('recipientKinds', String(value));
    case 'answerOutcome':
      return escalationLabel('outcomes', String(value));
    case 'answerExpectedBy':
      return format.date(String(value));
    case 'recipientName':
    case 'documentNumbers':
      return String(value);
    case 'decision':
      return caseLabel('committeeDecisions', String(value));
    case 'status':
      return caseLabel('windowStatuses', String(value));
    case 'participants':
      return format.number(Number(value));
    case 'session':
      return String(value);
    case 'due':
    case 'receivedOn':
      return format.date(String(value));
    case 'days':
      return t('cases:units.working_days', { count: Number(value) });
    case 'penalty':
      return typeof value === 'object' && value && 'decisionNo' in value ? String((value as { decisionNo: unknown }).decisionNo ?? '') || null : null;
    case 'clueNumber':
    case 'toNumber':
    case 'fromNumber':
    case 'number':
    case 'ground':
    case 'resumptionCondition':
    case 'note':
    case 'reasons':
      return String(value);
    case 'outcome':
      // The committee decides on an outcome named by its document type; a closing outcome is said in words.
      return event.type === 'committee_decision' ? caseLabel('documentTypes', String(value)) : String(value);
    default:
      return null;
  }
}

function EventDetails({ event }: { event: CaseEvent }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const details = Object.entries(event.data)
    .map(([key, value]) => [key, detailValue(t, format, event, key, value)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== null);
  return (
    <Flex vertical gap={2}>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{caseLabel('events', event.type)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {event.actor} · {format.dateTime(event.at)}
        </Typography.Text>
      </Flex>
      {details.map(([key, value]) => (
        <Typography.Text key={key} style={{ whiteSpace: 'pre-wrap' }}>
          {t('cases:timeline.detail', { label: String(t(`cases:eventData.${key}` as never)), value })}
        </Typography.Text>
      ))}
    </Flex>
  );
}

const COLORS: Record<string, string> = { closed: 'gray', suspended: 'red', objection_raised: 'red', review_extended: 'orange', follow_up: 'orange', reply_received: 'green', document_served: 'blue', escalation_notice_sent: 'orange' };

/** 时间线: every step of the case on the date it counts, who recorded it and what it said. */
export function TimelineTab({ c }: { c: InternalCase }) {
  const format = useFormat();
  return (
    <Timeline
      data-testid="case-timeline"
      items={c.events.map((event) => ({
        key: event.id,
        color: COLORS[event.type] ?? 'blue',
        title: format.date(event.occurredOn),
        content: <EventDetails event={event} />,
      }))}
    />
  );
}
