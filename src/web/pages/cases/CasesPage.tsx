import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Switch, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_KINDS, CASE_STATES } from '../../../domain/cases/lifecycle';
import { type CaseFilter, type CaseKind, type CaseListItem, casesExportUrl, useAssignees, useCases } from '../../api/cases';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { CaseStateTag, useCaseLabel } from './shared';

/** Every state of either kind, once, in lifecycle order. */
const ALL_STATES = [...new Set([...CASE_STATES.reverse_connection, ...CASE_STATES.illegal_act])];

/** The cases of the procuratorate (案件办理): filters, the next deadline of each, export. */
export default function CasesPage() {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const { user } = useCurrentSession();
  const [filter, setFilter] = useState<CaseFilter>({ page: 1, pageSize: 20, state: 'open', mine: user.roles.includes('procurator') || undefined });
  const cases = useCases(filter);
  const assignees = useAssignees();
  const refine = (change: Partial<CaseFilter>) => setFilter((previous) => ({ ...previous, ...change, page: 1 }));
  const states = filter.kind ? CASE_STATES[filter.kind] : ALL_STATES;

  return (
    <PageContainer
      title={t('menu.cases')}
      extra={
        <Tooltip title={t('cases:exportHint')}>
          <Button icon={<DownloadOutlined />} href={casesExportUrl(filter)} data-testid="export-cases">
            {t('cases:export')}
          </Button>
        </Tooltip>
      }
    >
      <Flex gap={8} wrap align="center">
        <Input.Search allowClear placeholder={t('cases:list.search')} style={{ width: 260 }} onSearch={(q) => refine({ q: q.trim() || undefined })} data-testid="cases-search" />
        <Select
          allowClear
          placeholder={t('cases:fields.state')}
          style={{ width: 180 }}
          value={filter.state}
          options={[{ value: 'open', label: t('cases:list.open') }, ...states.map((state) => ({ value: state, label: label('states', state) }))]}
          onChange={(state?: string) => refine({ state })}
          data-testid="cases-state"
        />
        <Select
          allowClear
          placeholder={t('cases:fields.kind')}
          style={{ width: 180 }}
          options={CASE_KINDS.map((kind) => ({ value: kind, label: label('kinds', kind) }))}
          onChange={(kind?: CaseKind) => refine({ kind })}
          data-testid="cases-kind"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases:fields.agency')}
          style={{ width: 220 }}
          loading={assignees.isLoading}
          options={(assignees.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
          onChange={(agencyId?: string) => refine({ agencyId })}
          data-testid="cases-agency"
        />
        <Flex gap={8} align="center">
          <Switch size="small" checked={!!filter.mine} onChange={(mine) => refine({ mine: mine || undefined })} data-testid="cases-mine" />
          <Typography.Text>{t('cases:list.mine')}</Typography.Text>
        </Flex>
      </Flex>
      {cases.error && <QueryError error={cases.error} onRetry={() => void cases.refetch()} />}
      <Table<CaseListItem>
        data-testid="cases-table"
        rowKey="id"
        loading={cases.isFetching}
        dataSource={cases.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cases:list.empty') }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: cases.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: `${format.number(total)}${cases.data?.totalCapped ? '+' : ''}` }),
          onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
        }}
        columns={[
          { title: t('cases:fields.caseNumber'), dataIndex: 'number', render: (number: string, c) => <Link to={`/cases/${c.id}`}>{number}</Link> },
          { title: t('cases:fields.kind'), dataIndex: 'kind', render: (kind: CaseKind) => label('kinds', kind) },
          { title: t('cases:fields.state'), dataIndex: 'state', render: (state: string) => <CaseStateTag state={state} /> },
          { title: t('cases:fields.caseTitle'), dataIndex: 'title', render: (title: string, c) => <Link to={`/cases/${c.id}`}>{title}</Link> },
          { title: t('cases:fields.subjectName'), dataIndex: 'subjectName', render: (name: string | null) => name ?? '—' },
          { title: t('cases:fields.agency'), key: 'agency', render: (_, c) => c.agency?.name ?? '—' },
          { title: t('cases:fields.procurator'), key: 'procurator', render: (_, c) => c.procurator?.name ?? <Typography.Text type="secondary">{t('cases:list.unassigned')}</Typography.Text> },
          {
            title: t('cases:fields.nextDue'),
            dataIndex: 'nextDue',
            render: (due: string | null, c) =>
              !due ? (
                '—'
              ) : c.overdue ? (
                <Typography.Text type="danger" strong data-testid="overdue">
                  {format.date(due)} · {t('cases:list.overdue')}
                </Typography.Text>
              ) : (
                format.date(due)
              ),
          },
        ]}
      />
    </PageContainer>
  );
}
