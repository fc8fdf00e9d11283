import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMITTEE_OUTCOMES, needsCommitteeDecision } from '../../../../domain/litigation';
import { type CommitteeDecision, type CommitteeOutcome, type InternalCase, useRecordCommitteeDecision } from '../../../api/cases';
import { useFormat } from '../../../format';
import { Prose, isoOf, reportCaseError, today, useCaseLabel } from '../shared';

interface DecisionValues {
  meetingOn: Dayjs;
  session: string;
  outcome: CommitteeOutcome;
  decision: 'approved' | 'rejected';
  minutes: string;
}

/** The committee's standing on an outcome: its latest decision on it, as the final approval reads it. */
export function latestCommitteeDecision(decisions: readonly CommitteeDecision[], outcome: string): CommitteeDecision | undefined {
  return decisions.filter((d) => d.outcome === outcome).at(-1);
}

/**
 * Whether a document of this type (and suggestion kind) needs the committee, and if so whether
 * an approving decision stands — shown before it is submitted, checked by the server at signature.
 */
export function CommitteeRequirement({ decisions, type, suggestionKind }: { decisions: readonly CommitteeDecision[]; type: string; suggestionKind: string | null | undefined }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  if (!needsCommitteeDecision(type, suggestionKind ?? null)) return null;
  const latest = latestCommitteeDecision(decisions, type);
  const args = latest ? { session: latest.session, date: format.date(latest.meetingOn) } : {};
  if (latest?.decision === 'approved') return <Alert type="success" showIcon title={t('cases:committee.approvedLine', args)} data-testid="committee-requirement" data-status="approved" />;
  return (
    <Alert
      type={latest ? 'error' : 'warning'}
      showIcon
      title={latest ? t('cases:committee.rejectedLine', args) : t('cases:committee.missingLine')}
      data-testid="committee-requirement"
      data-status={latest ? 'rejected' : 'missing'}
    />
  );
}

function CommitteeModal({ c, onClose }: { c: InternalCase; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const label = useCaseLabel();
  const [form] = Form.useForm<DecisionValues>();
  const record = useRecordCommitteeDecision();
  return (
    <Modal
      open
      width={640}
      title={t('cases:committee.record')}
      okText={t('cases:case.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'committee-submit' }}
    >
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        initialValues={{ meetingOn: today(), outcome: 'retrial_suggestion', decision: 'approved' }}
        data-testid="committee-form"
        onFinish={(values) =>
          record.mutate(
            { caseId: c.id, version: c.version, meetingOn: isoOf(values.meetingOn)!, session: values.session.trim(), outcome: values.outcome, decision: values.decision, minutes: values.minutes.trim() },
            {
              onSuccess: () => {
                void message.success(t('cases:committee.recorded'));
                onClose();
              },
              onError: (error) => reportCaseError(error, message, form),
            },
          )
        }
      >
        <Flex gap={16} wrap>
          <Form.Item name="meetingOn" label={t('cases:committee.meetingOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="session" label={t('cases:committee.session')} rules={[{ required: true, whitespace: true, max: 100 }]} style={{ flex: 1, minWidth: 220 }}>
            <Input placeholder={t('cases:committee.sessionPlaceholder')} />
          </Form.Item>
        </Flex>
        <Form.Item name="outcome" label={t('cases:committee.outcome')} rules={[{ required: true }]}>
          <Select options={COMMITTEE_OUTCOMES.map((o) => ({ value: o, label: label('documentTypes', o) }))} data-testid="committee-outcome" />
        </Form.Item>
        <Form.Item name="decision" label={t('cases:committee.decision')} rules={[{ required: true }]}>
          <Radio.Group options={(['approved', 'rejected'] as const).map((d) => ({ value: d, label: label('committeeDecisions', d) }))} />
        </Form.Item>
        <Form.Item name="minutes" label={t('cases:committee.minutes')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 检察委员会: its decisions on the outcomes of a litigation case, and a new one recorded (检察长, 部门负责人). */
export function CommitteeTab({ c, mayRecord }: { c: InternalCase; mayRecord: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const [recording, setRecording] = useState(false);
  return (
    <Flex vertical gap={12}>
      {mayRecord && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} style={{ alignSelf: 'flex-start' }} data-testid="record-committee">
          {t('cases:committee.record')}
        </Button>
      )}
      <Table<CommitteeDecision>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.committeeDecisions}
        data-testid="committee-decisions"
        locale={{ emptyText: t('cases:committee.empty') }}
        expandable={{ expandedRowRender: (d) => <Prose text={d.minutes} />, rowExpandable: (d) => !!d.minutes }}
        columns={[
          { title: t('cases:committee.meetingOn'), dataIndex: 'meetingOn', render: (on: string) => format.date(on) },
          { title: t('cases:committee.session'), dataIndex: 'session' },
          { title: t('cases:committee.outcome'), dataIndex: 'outcome', render: (o: string) => label('documentTypes', o) },
          {
            title: t('cases:committee.decision'),
            dataIndex: 'decision',
            render: (d: CommitteeDecision['decision']) => <Tag color={d === 'approved' ? 'green' : 'red'}>{label('committeeDecisions', d)}</Tag>,
          },
          { title: t('cases:hearings.recordedBy'), dataIndex: 'recordedBy', render: (by: string) => <Typography.Text type="secondary">{by}</Typography.Text> },
        ]}
      />
      {recording && <CommitteeModal c={c} onClose={() => setRecording(false)} />}
    </Flex>
  );
}
