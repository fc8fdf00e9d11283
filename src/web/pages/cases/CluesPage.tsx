import { AuditOutlined, DownloadOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CLUE_SOURCES, CLUE_STATUSES } from '../../../domain/cases/lifecycle';
import { type Clue, type ClueFilter, type ClueSource, type ClueStatus, cluesExportUrl, useClues, useSyncNonProsecution } from '../../api/cases';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { NewClueDrawer } from './clue/NewClueDrawer';
import { RegisterLitigationDrawer } from './litigation/RegisterLitigationDrawer';
import { ClueStatusTag, SourceTag, TransferTag, reportCaseError, useCaseLabel } from './shared';

/** 同步不起诉决定数据: every decision of the imported dataset becomes a review item, once. */
function SyncButton() {
  const { t } = useTranslation(['translation', 'cases']);
  const { message, modal } = App.useApp();
  const sync = useSyncNonProsecution();
  return (
    <Button
      icon={<SyncOutlined />}
      loading={sync.isPending}
      onClick={() =>
        sync.mutate(undefined, {
          onSuccess: (result) =>
            result.problem
              ? void modal.warning({ title: t('cases:clues.syncNoData'), content: result.problem })
              : void modal.success({
                  title: t('cases:clues.syncDone'),
                  content: <span data-testid="sync-result">{t('cases:clues.syncCounts', { read: result.read, created: result.created, already: result.alreadyRegistered })}</span>,
                }),
          onError: (error) => reportCaseError(error, message),
        })
      }
    >
      {t('cases:clues.sync')}
    </Button>
  );
}

function filterOf(params: URLSearchParams): ClueFilter {
  const status = params.get('status');
  const source = params.get('source');
  return {
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
    status: (CLUE_STATUSES as readonly string[]).includes(status ?? '') ? (status as ClueStatus) : undefined,
    source: (CLUE_SOURCES as readonly string[]).includes(source ?? '') ? (source as ClueSource) : undefined,
    q: params.get('q') || undefined,
  };
}

function paramsOf(filter: ClueFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ ...filter, page: filter.page === 1 ? undefined : filter.page, pageSize: filter.pageSize === 20 ? undefined : filter.pageSize })
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, String(value)]),
  );
}

/**
 * The clue register (线索管理): every lead whatever its source. Procurators see the register of
 * their procuratorate, the criminal department its non-prosecution decisions, an agency the clues
 * it transferred (the server decides).
 */
export default function CluesPage() {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const locale = useLocale();
  const { permissions } = useCurrentSession();
  // The filters live in the address, so a link (e.g. "clues to evaluate" on the home page) opens them.
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const [creating, setCreating] = useState(false);
  const [registeringLitigation, setRegisteringLitigation] = useState(false);
  const clues = useClues(filter);

  const show = (next: ClueFilter) => setParams(paramsOf(next), { replace: true });
  const refine = (change: Partial<ClueFilter>) => show({ ...filter, ...change, page: 1 });

  return (
    <PageContainer
      title={t('menu.clues')}
      extra={
        <Flex gap={8} wrap>
          {permissions.includes('clue:sync') && <SyncButton />}
          <Tooltip title={t('cases:exportHint')}>
            <Button icon={<DownloadOutlined />} href={cluesExportUrl(filter)} data-testid="export-clues">
              {t('cases:export')}
            </Button>
          </Tooltip>
          {permissions.includes('litigation:register') && (
            <Button icon={<AuditOutlined />} onClick={() => setRegisteringLitigation(true)} data-testid="register-litigation">
              {t('cases:litigation.register')}
            </Button>
          )}
          {permissions.includes('clue:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('cases:clues.new')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex gap={8} wrap>
        <Input.Search allowClear defaultValue={filter.q} placeholder={t('cases:clues.search')} style={{ width: 260 }} onSearch={(q) => refine({ q: q.trim() || undefined })} data-testid="clues-search" />
        <Select
          allowClear
          placeholder={t('cases:fields.status')}
          value={filter.status}
          style={{ width: 140 }}
          options={CLUE_STATUSES.map((status) => ({ value: status, label: label('clueStatuses', status) }))}
          onChange={(status?: ClueStatus) => refine({ status })}
          data-testid="clues-status"
        />
        <Select
          allowClear
          placeholder={t('cases:fields.source')}
          value={filter.source}
          style={{ width: 160 }}
          options={CLUE_SOURCES.map((source) => ({ value: source, label: label('sources', source) }))}
          onChange={(source?: ClueSource) => refine({ source })}
          data-testid="clues-source"
        />
      </Flex>
      {clues.error && <QueryError error={clues.error} onRetry={() => void clues.refetch()} />}
      <Table<Clue>
        data-testid="clues-table"
        rowKey="id"
        loading={clues.isFetching}
        dataSource={clues.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('cases:clues.empty') }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: clues.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: `${format.number(total)}${clues.data?.totalCapped ? '+' : ''}` }),
          onChange: (page, pageSize) => show({ ...filter, page, pageSize }),
        }}
        columns={[
          { title: t('cases:fields.clueNumber'), dataIndex: 'number', render: (number: string, clue) => <Link to={`/clues/${clue.id}`}>{number}</Link> },
          { title: t('cases:fields.source'), dataIndex: 'source', render: (source: ClueSource) => <SourceTag source={source} /> },
          { title: t('cases:fields.status'), dataIndex: 'status', render: (status: ClueStatus) => <ClueStatusTag status={status} /> },
          { title: t('cases:fields.title'), dataIndex: 'title', render: (title: string, clue) => <Link to={`/clues/${clue.id}`}>{title}</Link> },
          { title: t('cases:fields.subjectName'), dataIndex: 'subjectName', render: (name: string | null) => name ?? '—' },
          { title: t('cases:fields.agency'), key: 'agency', render: (_, clue) => clue.agency?.name ?? '—' },
          { title: t('cases:fields.receivedOn'), dataIndex: 'receivedOn', render: (on: string) => format.date(on) },
          {
            title: t('cases:fields.transfer'),
            key: 'transfer',
            render: (_, clue) =>
              clue.transfer ? (
                <Tooltip title={clue.transfer.explanation[locale]}>
                  <span>
                    <TransferTag transfer={clue.transfer} />
                  </span>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
      {creating && <NewClueDrawer onClose={() => setCreating(false)} />}
      {registeringLitigation && <RegisterLitigationDrawer onClose={() => setRegisteringLitigation(false)} />}
    </PageContainer>
  );
}
