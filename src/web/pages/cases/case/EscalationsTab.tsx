import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Flex, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ESCALATED_DOCUMENT_TYPES, ESCALATION_METHODS, ESCALATION_OUTCOMES, ESCALATION_RECIPIENT_KINDS } from '../../../../domain/cases/escalation';
import { type InternalCase, useAssignees } from '../../../api/cases';
import {
  type EscalationMethod,
  type EscalationNotice,
  type EscalationOutcome,
  type EscalationRecipientKind,
  type EscalationStatus,
  useAnswerEscalationNotice,
  useCloseEscalationNotice,
  useEscalationNotices,
  useRecordEscalationNotice,
} from '../../../api/escalations';
import { useCurrentSession } from '../../../api/session';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../format';
import i18n from '../../../i18n';
import { Prose, isoOf, orNull, reportCaseError, today } from '../shared';

type Group = 'recipientKinds' | 'methods' | 'outcomes' | 'statuses';

/** A code of the notices in words (`cases:escalation.<group>.<code>`); an unknown code as written. */
export function escalationLabel(group: Group, code: string | null | undefined): string {
  if (!code) return '';
  const key = `cases:escalation.${group}.${code}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : code;
}

/**
 * Who may record notices on this case and their answers: the procurator in charge, or the
 * department head (the server's escalationNotice:record policy). A new notice needs the case in
 * follow-up; answers and closing follow the notice, whatever the case has become.
 */
export function escalationAbilities(c: InternalCase, session: ReturnType<typeof useCurrentSession>) {
  const roles = session.user.roles;
  const inCharge = roles.includes('department_head') || (roles.includes('procurator') && c.procurator?.id === session.user.id);
  const may = session.permissions.includes('escalationNotice:record') && inCharge;
  return { record: may && c.actions.includes('notify_escalation'), answer: may };
}

const STATUS_COLORS: Record<EscalationStatus, string> = { sent: 'processing', answered: 'blue', closed: 'default' };
const OUTCOME_COLORS: Record<EscalationOutcome, string> = { action_taken: 'green', no_action: 'red', pending: 'gold' };

interface RecordValues {
  recipientKind: EscalationRecipientKind;
  recipientOrganizationId?: string;
  recipientName: string;
  documentIds: string[];
  content: string;
  sentOn: Dayjs;
  method: EscalationMethod;
  answerExpectedBy?: Dayjs | null;
}

const notFuture = (day: Dayjs) => day.isAfter(today(), 'day');

/** 通报上级/人大: whom, about which served documents, what was said, when and how; an answer date if one is asked for. */
function RecordDrawer({ c, onClose }: { c: InternalCase; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const assignees = useAssignees();
  const record = useRecordEscalationNotice();
  const served = c.documents.filter((d) => d.state === 'served' && (ESCALATED_DOCUMENT_TYPES as readonly string[]).includes(d.type));
  const latest = [...served].sort((a, b) => (b.servedOn ?? '').localeCompare(a.servedOn ?? ''))[0];
  return (
    <Drawer
      open
      width={640}
      title={t('cases:escalation.recordTitle')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={record.isPending} disabled={served.length === 0} onClick={() => form.submit()} data-testid="escalation-submit">
          {t('cases:escalation.submit')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary">{t('cases:escalation.intro')}</Typography.Paragraph>
        {served.length === 0 && <Alert type="warning" showIcon title={t('cases:escalation.noDocuments')} />}
        <Form<RecordValues>
          form={form}
          layout="vertical"
          data-testid="escalation-form"
          initialValues={{ sentOn: today(), method: 'written', documentIds: latest ? [latest.id] : [] }}
          onFinish={(values) =>
            record.mutate(
              {
                caseId: c.id,
                version: c.version,
                recipientKind: values.recipientKind,
                recipientName: orNull(values.recipientName),
                recipientOrganizationId: values.recipientOrganizationId ?? null,
                documentIds: values.documentIds,
                content: values.content.trim(),
                sentOn: isoOf(values.sentOn)!,
                method: values.method,
                answerExpectedBy: isoOf(values.answerExpectedBy) ?? null,
              },
              {
                onSuccess: () => {
                  void message.success(t('cases:escalation.recorded'));
                  onClose();
                },
                onError: (error) => reportCaseError(error, message, form),
              },
            )
          }
        >
          <Form.Item name="recipientKind" label={t('cases:escalation.recipientKind')} rules={[{ required: true }]}>
            <Select options={ESCALATION_RECIPIENT_KINDS.map((k) => ({ value: k, label: escalationLabel('recipientKinds', k) }))} data-testid="escalation-recipient-kind" />
          </Form.Item>
          <Form.Item name="recipientOrganizationId" label={t('cases:escalation.recipientOrganization')} tooltip={t('cases:escalation.recipientOrganizationHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={assignees.isLoading}
              options={(assignees.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
              onChange={(id?: string) => {
                const name = assignees.data?.agencies.find((a) => a.id === id)?.name;
                if (name) form.setFieldValue('recipientName', name);
              }}
            />
          </Form.Item>
          <Form.Item name="recipientName" label={t('cases:escalation.recipientName')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input data-testid="escalation-recipient-name" />
          </Form.Item>
          <Form.Item name="documentIds" label={t('cases:escalation.documents')} tooltip={t('cases:escalation.documentsHint')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="multiple" options={served.map((d) => ({ value: d.id, label: `${d.number ?? ''} ${d.title}`.trim() }))} data-testid="escalation-documents" />
          </Form.Item>
          <Form.Item name="content" label={t('cases:escalation.content')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="escalation-content" />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="sentOn" label={t('cases:escalation.sentOn')} rules={[{ required: true }]}>
              <DatePicker allowClear={false} disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="method" label={t('cases:escalation.method')} rules={[{ required: true }]} style={{ minWidth: 180 }}>
              <Select options={ESCALATION_METHODS.map((m) => ({ value: m, label: escalationLabel('methods', m) }))} />
            </Form.Item>
            <Form.Item name="answerExpectedBy" label={t('cases:escalation.answerExpectedBy')}>
              <DatePicker data-testid="escalation-expected-by" />
            </Form.Item>
          </Flex>
        </Form>
      </Flex>
    </Drawer>
  );
}

interface AnswerValues {
  answeredOn: Dayjs;
  outcome: EscalationOutcome;
  summary: string;
}

function AnswerModal({ notice, onClose }: { notice: EscalationNotice; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<AnswerValues>();
  const answer = useAnswerEscalationNotice();
  return (
    <Modal
      open
      title={t('cases:escalation.answerTitle')}
      okText={t('cases:case.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={answer.isPending}
      okButtonProps={{ 'data-testid': 'escalation-answer-submit' }}
    >
      <Form<AnswerValues>
        form={form}
        layout="vertical"
        initialValues={{ answeredOn: today(), outcome: notice.answerOutcome ?? undefined }}
        onFinish={(values) =>
          answer.mutate(
            { id: notice.id, version: notice.version, answeredOn: isoOf(values.answeredOn)!, outcome: values.outcome, summary: values.summary.trim() },
            {
              onSuccess: () => {
                void message.success(t('cases:escalation.answered'));
                onClose();
              },
              onError: (error) => reportCaseError(error, message, form),
            },
          )
        }
      >
        <Flex gap={16} wrap>
          <Form.Item name="answeredOn" label={t('cases:escalation.answeredOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} disabledDate={notFuture} />
          </Form.Item>
          <Form.Item name="outcome" label={t('cases:escalation.answerOutcome')} rules={[{ required: true }]} style={{ minWidth: 180 }}>
            <Select options={ESCALATION_OUTCOMES.map((o) => ({ value: o, label: escalationLabel('outcomes', o) }))} data-testid="escalation-answer-outcome" />
          </Form.Item>
        </Flex>
        <Form.Item name="summary" label={t('cases:escalation.answerSummary')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="escalation-answer-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CloseValues {
  closedOn: Dayjs;
  note?: string;
}

function CloseModal({ notice, onClose }: { notice: EscalationNotice; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<CloseValues>();
  const close = useCloseEscalationNotice();
  return (
    <Modal open title={t('cases:escalation.closeTitle')} okText={t('cases:case.confirm')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={close.isPending}>
      <Form<CloseValues>
        form={form}
        layout="vertical"
        initialValues={{ closedOn: today() }}
        onFinish={(values) =>
          close.mutate(
            { id: notice.id, version: notice.version, closedOn: isoOf(values.closedOn)!, note: orNull(values.note) },
            {
              onSuccess: () => {
                void message.success(t('cases:escalation.closed'));
                onClose();
              },
              onError: (error) => reportCaseError(error, message, form),
            },
          )
        }
      >
        <Form.Item name="closedOn" label={t('cases:escalation.closedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="note" label={t('cases:escalation.closingNote')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoticeCard({ notice: n, mayAnswer }: { notice: EscalationNotice; mayAnswer: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const [step, setStep] = useState<'answer' | 'close' | null>(null);
  const open = n.status !== 'closed';
  return (
    <Card
      size="small"
      data-testid="escalation-notice"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{n.recipientName}</span>
          <Tag>{escalationLabel('recipientKinds', n.recipientKind)}</Tag>
          <Tag color={STATUS_COLORS[n.status]} data-testid="escalation-status">
            {escalationLabel('statuses', n.status)}
          </Tag>
          {n.answerOverdue && <Tag color="red">{t('cases:escalation.overdue')}</Tag>}
        </Flex>
      }
      extra={
        mayAnswer &&
        open && (
          <Flex gap={8}>
            <Button size="small" onClick={() => setStep('answer')} data-testid="escalation-answer">
              {t('cases:escalation.answer')}
            </Button>
            <Button size="small" onClick={() => setStep('close')} data-testid="escalation-close">
              {t('cases:escalation.close')}
            </Button>
          </Flex>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'sentOn', label: t('cases:escalation.sentOn'), children: format.date(n.sentOn) },
          { key: 'method', label: t('cases:escalation.method'), children: escalationLabel('methods', n.method) },
          { key: 'expected', label: t('cases:escalation.answerExpectedBy'), children: n.answerExpectedBy ? format.date(n.answerExpectedBy) : '—' },
          {
            key: 'documents',
            label: t('cases:escalation.documents'),
            span: 'filled' as const,
            children: (
              <Flex gap={8} wrap>
                {n.documents.map((d) => (
                  <Link key={d.id} to={`/documents/${d.id}`}>
                    {d.number ?? d.id}
                  </Link>
                ))}
              </Flex>
            ),
          },
          { key: 'content', label: t('cases:escalation.content'), span: 'filled' as const, children: <Prose text={n.content} /> },
          ...(n.attachments.length > 0
            ? [{ key: 'attachments', label: t('cases:escalation.attachments'), span: 'filled' as const, children: n.attachments.map((a) => <a key={a.id} href={`/api/attachments/${a.id}`}>{a.fileName}</a>) }]
            : []),
          ...(n.answeredOn
            ? [
                { key: 'answeredOn', label: t('cases:escalation.answeredOn'), children: format.date(n.answeredOn) },
                { key: 'outcome', label: t('cases:escalation.answerOutcome'), children: n.answerOutcome && <Tag color={OUTCOME_COLORS[n.answerOutcome]}>{escalationLabel('outcomes', n.answerOutcome)}</Tag> },
                { key: 'answer', label: t('cases:escalation.answerSummary'), span: 'filled' as const, children: <Prose text={n.answerSummary} testId="escalation-answer-text" /> },
              ]
            : []),
          ...(n.closedOn
            ? [
                { key: 'closedOn', label: t('cases:escalation.closedOn'), children: format.date(n.closedOn) },
                ...(n.closingNote ? [{ key: 'closingNote', label: t('cases:escalation.closingNote'), span: 'filled' as const, children: <Prose text={n.closingNote} /> }] : []),
              ]
            : []),
          { key: 'recordedBy', label: t('cases:escalation.recordedBy'), children: n.recordedBy },
        ]}
      />
      {step === 'answer' && <AnswerModal notice={n} onClose={() => setStep(null)} />}
      {step === 'close' && <CloseModal notice={n} onClose={() => setStep(null)} />}
    </Card>
  );
}

/** The header's button for the step: opens the same drawer as the tab's. */
export function RecordEscalationButton({ c }: { c: InternalCase }) {
  const { t } = useTranslation(['translation', 'cases']);
  const session = useCurrentSession();
  const [open, setOpen] = useState(false);
  if (!escalationAbilities(c, session).record) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="record-escalation">
        {t('cases:escalation.record')}
      </Button>
      {open && <RecordDrawer c={c} onClose={() => setOpen(false)} />}
    </>
  );
}

/** 通报与抄送: the notices of the case, each with its answer, and a new one while the case is in follow-up. */
export function EscalationsTab({ c }: { c: InternalCase }) {
  const { t } = useTranslation(['translation', 'cases']);
  const session = useCurrentSession();
  const may = escalationAbilities(c, session);
  const notices = useEscalationNotices(c.id);
  const [recording, setRecording] = useState(false);
  if (notices.error) return <QueryError error={notices.error} onRetry={() => void notices.refetch()} />;
  const items = notices.data?.items ?? [];
  return (
    <Flex vertical gap={12} data-testid="escalations">
      <Typography.Text type="secondary">{t('cases:escalation.intro')}</Typography.Text>
      {may.record && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} style={{ alignSelf: 'flex-start' }}>
          {t('cases:escalation.record')}
        </Button>
      )}
      {notices.isPending ? null : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases:escalation.empty')} />
      ) : (
        items.map((n) => <NoticeCard key={n.id} notice={n} mayAnswer={may.answer} />)
      )}
      {recording && <RecordDrawer c={c} onClose={() => setRecording(false)} />}
    </Flex>
  );
}
