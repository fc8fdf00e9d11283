import { Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type OverdueItem, useOverdue } from '../../api/cases';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { CaseStateTag, useCaseLabel } from './shared';

/**
 * 超期督办: every running deadline past its due date, longest overdue first. The procuratorate's
 * leaders see all of theirs; an agency sees the replies it owes.
 */
export default function OverduePage() {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const { user, permissions } = useCurrentSession();
  const agency = user.organization.kind === 'agency';
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const overdue = useOverdue(page);
  // An agency opens the document it owes a reply to; the procuratorate opens the case.
  const linkOf = (item: OverdueItem) => (agency || !permissions.includes('case:read') ? (item.documentId ? `/documents/${item.documentId}` : null) : `/cases/${item.caseId}`);

  return (
    <PageContainer title={t('menu.overdue')}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(agency ? 'cases:overdue.introAgency' : 'cases:overdue.intro')}
      </Typography.Paragraph>
      {overdue.error && <QueryError error={overdue.error} onRetry={() => void overdue.refetch()} />}
      <Table<OverdueItem>
        data-testid="overdue-table"
        rowKey="clockId"
        loading={overdue.isFetching}
        dataSource={overdue.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cases:overdue.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: overdue.data?.total ?? 0,
          showTotal: (total) => t('common.total', { number: `${format.number(total)}${overdue.data?.totalCapped ? '+' : ''}` }),
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
        columns={[
          {
            title: t('cases:fields.caseNumber'),
            dataIndex: 'caseNumber',
            render: (number: string, item) => {
              const to = linkOf(item);
              return to ? <Link to={to}>{number}</Link> : number;
            },
          },
          { title: t('cases:fields.caseTitle'), dataIndex: 'caseTitle' },
          { title: t('cases:fields.clock'), dataIndex: 'code', render: (code: OverdueItem['code']) => label('clockCodes', code) },
          { title: t('cases:clock.due'), dataIndex: 'due', render: (due: string) => format.date(due) },
          {
            title: t('cases:overdue.daysOverdue'),
            dataIndex: 'daysOverdue',
            align: 'right',
            render: (days: number | null) => (days === null ? '—' : <Typography.Text type="danger" strong>{t('cases:clock.overdueBy', { count: days })}</Typography.Text>),
          },
          { title: t('cases:fields.state'), dataIndex: 'caseState', render: (state: string) => <CaseStateTag state={state} /> },
          { title: t('cases:fields.agency'), key: 'agency', render: (_, item) => item.agency?.name ?? '—' },
          ...(agency ? [] : [{ title: t('cases:fields.procurator'), key: 'procurator', render: (_: unknown, item: OverdueItem) => item.procurator?.name ?? '—' }]),
        ]}
      />
    </PageContainer>
  );
}
