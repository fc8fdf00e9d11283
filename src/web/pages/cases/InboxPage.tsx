import { Card, Col, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type DocumentType, type InboxItem, type InboxStatus, type InboxSummaryRow, useInbox, useInboxSummary } from '../../api/cases';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { ClockStatusTag } from './clocks';
import { useCaseLabel } from './shared';

type Shown = InboxStatus | 'all';

/** The agency's own figures: what it received and how it answered, all document types together. */
function InboxSummary() {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const summary = useInboxSummary();
  if (!summary.data) return null;
  const total = (key: keyof Omit<InboxSummaryRow, 'type'>) => summary.data.items.reduce((sum, row) => sum + row[key], 0);
  const figures = [
    ['received', total('received')],
    ['replied', total('replied')],
    ['repliedOnTime', total('repliedOnTime')],
    ['openCount', total('open')],
    ['overdueCount', total('overdue')],
    ['adopted', total('adopted')],
  ] as const;
  return (
    <Card size="small" data-testid="inbox-summary">
      <Row gutter={16}>
        {figures.map(([key, value]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Statistic title={t(`cases:inbox.${key}`)} value={format.number(value)} styles={{ content: key === 'overdueCount' && value > 0 ? { color: '#cf1322' } : undefined }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/**
 * 收文办理: the documents served on the agency, with the date each reply is due and how that
 * deadline stands. A row opens the document, where the reply is given.
 */
export default function InboxPage() {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const navigate = useNavigate();
  const [shown, setShown] = useState<Shown>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const inbox = useInbox({ ...page, status: shown === 'all' ? undefined : shown });

  return (
    <PageContainer title={t('menu.inbox')}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('cases:inbox.intro')}
      </Typography.Paragraph>
      <InboxSummary />
      <Segmented<Shown>
        value={shown}
        options={[
          { value: 'open', label: t('cases:inbox.open') },
          { value: 'answered', label: t('cases:inbox.answered') },
          { value: 'all', label: t('cases:inbox.all') },
        ]}
        onChange={(value) => {
          setShown(value);
          setPage((previous) => ({ ...previous, page: 1 }));
        }}
        data-testid="inbox-filter"
      />
      {inbox.error && <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />}
      <Table<InboxItem>
        data-testid="inbox-table"
        rowKey="id"
        loading={inbox.isFetching}
        dataSource={inbox.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cases:inbox.empty') }}
        onRow={(item) => ({ onClick: () => void navigate(`/documents/${item.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: inbox.data?.total ?? 0,
          showTotal: (total) => t('common.total', { number: `${format.number(total)}${inbox.data?.totalCapped ? '+' : ''}` }),
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
        columns={[
          {
            title: t('cases:fields.documentNumber'),
            dataIndex: 'number',
            render: (number: string | null, item) => <Link to={`/documents/${item.id}`}>{number ?? item.title}</Link>,
          },
          { title: t('cases:fields.documentType'), dataIndex: 'type', render: (type: DocumentType) => label('documentTypes', type) },
          { title: t('cases:fields.case'), dataIndex: 'caseTitle' },
          { title: t('cases:fields.receivedOnByAgency'), dataIndex: 'receivedOn', render: (on: string | null) => (on ? format.date(on) : '—') },
          {
            title: t('cases:inbox.due'),
            dataIndex: 'due',
            render: (due: string | null, item) => (due ? <Typography.Text type={item.clock?.status === 'overdue' ? 'danger' : undefined} strong={!item.repliedOn}>{format.date(due)}</Typography.Text> : '—'),
          },
          { title: t('cases:fields.clock'), key: 'clock', render: (_, item) => (item.clock ? <ClockStatusTag status={item.clock} /> : '—') },
          {
            title: t('cases:inbox.reply'),
            dataIndex: 'repliedOn',
            render: (on: string | null, item) =>
              on ? (
                <Typography.Text type="success">{t('cases:inbox.repliedOn', { on: format.date(on) })}</Typography.Text>
              ) : item.state === 'withdrawn' ? (
                <Typography.Text type="secondary">{label('documentStates', 'withdrawn')}</Typography.Text>
              ) : (
                <Typography.Text type="warning">{t('cases:inbox.notReplied')}</Typography.Text>
              ),
          },
        ]}
      />
    </PageContainer>
  );
}
