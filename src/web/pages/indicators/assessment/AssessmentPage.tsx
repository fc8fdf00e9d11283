import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../../api/client';
import { reportError } from '../../../api/errors';
import { useCurrentSession } from '../../../api/session';
import { AgencySelect } from '../../../components/AgencySelect';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../format';
import { type AssessmentCounts, type AssessmentReportView, useAssessmentReports, useConfirmReport, usePublishReport } from './api';

const DATE = 'YYYY-MM-DD';
const COLUMNS = ['received', 'replied', 'on_time', 'adopted', 'rectified', 'overdue'] as const;

/** The live export for a period: XLSX (table + item lists) and the DOCX narrative. */
function Exports() {
  const { t } = useTranslation(['translation', 'assessment']);
  const session = useCurrentSession();
  const allAgencies = session.permissions.includes('indicator:read_all_agencies');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [agencyId, setAgencyId] = useState<string>();
  const query = { from: range[0].format(DATE), to: range[1].format(DATE), agencyId };
  return (
    <Card size="small" title={t('assessment:export.title')}>
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          placeholder={[t('assessment:export.from'), t('assessment:export.to')]}
          onChange={(next) => next?.[0] && next[1] && setRange([next[0], next[1]])}
          data-testid="assessment-period"
        />
        {allAgencies && <AgencySelect value={agencyId} onChange={setAgencyId} placeholder={t('assessment:export.allAgencies')} testId="assessment-agency" />}
        <Button icon={<DownloadOutlined />} href={withQuery('/api/indicators/assessment.xlsx', query)} data-testid="assessment-export-xlsx">
          {t('assessment:export.xlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={withQuery('/api/indicators/assessment.docx', query)} data-testid="assessment-export-docx">
          {t('assessment:export.docx')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('assessment:export.hint')}
      </Typography.Paragraph>
    </Card>
  );
}

function Counts({ counts }: { counts: AssessmentCounts }) {
  const { t } = useTranslation(['translation', 'assessment']);
  const format = useFormat();
  return (
    <Space size={4} wrap>
      {COLUMNS.map((c) => (
        <Tag key={c} color={c === 'overdue' && counts.overdue > 0 ? 'red' : undefined}>
          {t(`assessment:columns.${c}`)} {format.number(counts[c])}
        </Tag>
      ))}
    </Space>
  );
}

function PublishButton({ report }: { report: AssessmentReportView }) {
  const { t } = useTranslation(['translation', 'assessment']);
  const session = useCurrentSession();
  const { message } = App.useApp();
  const publish = usePublishReport();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ overrideReason?: string }>();
  const pending = report.signOff.pendingAgencies;
  const mayOverride = session.permissions.includes('indicator:publish_assessment_unconfirmed');
  if (!session.permissions.includes('indicator:publish_assessment') || report.state !== 'draft') return null;
  if (pending.length && !mayOverride) {
    return (
      <Tooltip title={t('assessment:publish.waiting', { agencies: pending.map((p) => p.name).join('、') })}>
        <Button size="small" disabled>
          {t('assessment:publish.action')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid={`assessment-publish-${report.month}`}>
        {t('assessment:publish.action')}
      </Button>
      <Modal
        open={open}
        title={t('assessment:publish.title', { month: report.month })}
        okText={t('assessment:publish.action')}
        confirmLoading={publish.isPending}
        onCancel={() => setOpen(false)}
        onOk={() =>
          form.validateFields().then((values) =>
            publish.mutate(
              { id: report.id, version: report.version, overrideReason: values.overrideReason },
              { onSuccess: () => (setOpen(false), void message.success(t('assessment:publish.done'))), onError: (e) => reportError(e, message, form) },
            ),
          )
        }
      >
        <Form form={form} layout="vertical">
          {pending.length > 0 ? (
            <>
              <Typography.Paragraph>{t('assessment:publish.pending', { agencies: pending.map((p) => p.name).join('、') })}</Typography.Paragraph>
              <Form.Item name="overrideReason" label={t('assessment:publish.reason')} rules={[{ required: true, whitespace: true, message: t('assessment:publish.reasonRequired') }]}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            </>
          ) : (
            <Typography.Paragraph>{t('assessment:publish.confirm')}</Typography.Paragraph>
          )}
        </Form>
      </Modal>
    </>
  );
}

function Reports() {
  const { t } = useTranslation(['translation', 'assessment']);
  const format = useFormat();
  const { message } = App.useApp();
  const reports = useAssessmentReports();
  const confirm = useConfirmReport();
  const columns = useMemo(
    () => [
      { key: 'month', title: t('assessment:reports.month'), render: (_: unknown, r: AssessmentReportView) => format.month(r.month) },
      {
        key: 'period',
        title: t('assessment:reports.period'),
        render: (_: unknown, r: AssessmentReportView) => (
          <>
            {format.date(r.from)} – {format.date(r.to)}
            <br />
            <Typography.Text type="secondary">{t('assessment:reports.asOf', { date: format.date(r.asOf) })}</Typography.Text>
          </>
        ),
      },
      {
        key: 'state',
        title: t('assessment:reports.state'),
        render: (_: unknown, r: AssessmentReportView) => (
          <Tooltip title={r.published?.overrideReason ? t('assessment:reports.overridden', { reason: r.published.overrideReason }) : undefined}>
            <Tag color={r.state === 'published' ? 'green' : 'gold'} data-testid={`assessment-state-${r.month}`}>
              {t(`assessment:states.${r.state}`)}
            </Tag>
          </Tooltip>
        ),
      },
      {
        key: 'figures',
        title: t('assessment:reports.figures'),
        render: (_: unknown, r: AssessmentReportView) => (r.total ? <Counts counts={r.total} /> : r.rows.map((row) => <Counts key={row.agencyId} counts={row} />)),
      },
      {
        key: 'signOff',
        title: t('assessment:reports.signOff'),
        render: (_: unknown, r: AssessmentReportView) => {
          if (r.signOff.mode === 'none') return <Typography.Text type="secondary">{t('assessment:signOff.notRequired')}</Typography.Text>;
          if (r.signOff.mayConfirm) {
            return (
              <Button size="small" loading={confirm.isPending} onClick={() => confirm.mutate(r.id, { onSuccess: () => void message.success(t('assessment:signOff.done')), onError: (e) => reportError(e, message) })} data-testid={`assessment-confirm-${r.month}`}>
                {t('assessment:signOff.confirm')}
              </Button>
            );
          }
          const pending = r.signOff.pendingAgencies;
          return (
            <Typography.Text type={pending.length ? 'warning' : 'secondary'}>
              {pending.length ? t('assessment:signOff.pending', { agencies: pending.map((p) => p.name).join('、') }) : t('assessment:signOff.confirmed', { count: r.signOff.confirmations.length })}
            </Typography.Text>
          );
        },
      },
      {
        key: 'actions',
        title: t('assessment:reports.actions'),
        render: (_: unknown, r: AssessmentReportView) => (
          <Space wrap>
            {r.files && (
              <>
                <Button size="small" icon={<DownloadOutlined />} href={`/api/assessment-reports/${r.id}/xlsx`} data-testid={`assessment-download-xlsx-${r.month}`}>
                  XLSX
                </Button>
                <Button size="small" icon={<DownloadOutlined />} href={`/api/assessment-reports/${r.id}/docx`} data-testid={`assessment-download-docx-${r.month}`}>
                  DOCX
                </Button>
              </>
            )}
            <PublishButton report={r} />
          </Space>
        ),
      },
    ],
    [t, format, confirm, message],
  );
  if (reports.error) return <QueryError error={reports.error} onRetry={() => void reports.refetch()} />;
  return (
    <Card size="small" title={t('assessment:reports.title')}>
      <Typography.Paragraph type="secondary">{t('assessment:reports.hint')}</Typography.Paragraph>
      <Table<AssessmentReportView> rowKey="id" size="small" loading={reports.isLoading} dataSource={reports.data?.items ?? []} columns={columns} pagination={false} locale={{ emptyText: t('assessment:reports.empty') }} data-testid="assessment-reports" />
    </Card>
  );
}

/** The rule-of-law assessment report: live exports for a period and the monthly reports. */
export default function AssessmentPage() {
  const { t } = useTranslation(['translation', 'assessment']);
  const session = useCurrentSession();
  return (
    <PageContainer title={t('assessment:title')}>
      {session.permissions.includes('indicator:read') && <Exports />}
      <Reports />
    </PageContainer>
  );
}
