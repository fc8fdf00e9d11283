import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Input, Select, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type DatasetDetail,
  type DatasetRow,
  type DatasetVersion,
  type RowsFilter,
  errorReportUrl,
  useDataset,
  useDatasetRows,
} from '../../api/datasets';
import { useCurrentSession } from '../../api/session';
import { useDirectory } from '../../api/directory';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { kindColumn } from '../../evidence';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { SharingModal } from './SharingModal';
import { ExtraAttributes, KindTag, LegalBasisTag, RowValue, datasetColumnTitle, isValidityFlag } from './shared';
import { UnmaskReasonModal } from './UnmaskReasonModal';

const shortHash = (sha256: string) => sha256.slice(0, 12);

/** The names of the organizations a dataset is shared with, where the directory is readable. */
function SharedWith({ ids }: { ids: string[] }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const { permissions } = useCurrentSession();
  const directory = useDirectory();
  if (!permissions.includes('directory:read')) return <Tag color="orange">{t('datasets.sharedWith', { count: ids.length })}</Tag>;
  const names = new Map((directory.data?.organizations ?? []).map((o) => [o.id, o.name]));
  return (
    <>
      {ids.map((id) => (
        <Tag key={id} color="orange">
          {names.get(id) ?? id.slice(0, 8)}
        </Tag>
      ))}
    </>
  );
}

function FactsCard({ dataset }: { dataset: DatasetDetail }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const format = useFormat();
  const { user, permissions } = useCurrentSession();
  const [editing, setEditing] = useState(false);
  // The owner organization's importers, and administrators (policies/datasets.ts 'share').
  const canShare =
    permissions.includes('dataset:share') && (user.roles.includes('admin') || dataset.ownerOrganizationId === user.organization.id);
  return (
    <Card
      title={t('datasets.facts')}
      extra={
        canShare && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-sharing">
            {t('datasets:sharing.edit')}
          </Button>
        )
      }
    >
      {canShare && <SharingModal dataset={dataset} open={editing} onClose={() => setEditing(false)} />}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'kind', label: t('datasets.kind'), children: <KindTag kind={dataset.kind} label={dataset.kindLabel} /> },
          { key: 'owner', label: t('datasets.owner'), children: dataset.ownerOrganization?.name ?? '—' },
          {
            key: 'basis',
            label: t('datasets.legalBasis'),
            children: (
              <Flex vertical gap={4}>
                <span>
                  <LegalBasisTag basis={dataset.legalBasis} />
                </span>
                {dataset.legalBasisNote && <Typography.Text type="secondary">{dataset.legalBasisNote}</Typography.Text>}
              </Flex>
            ),
          },
          {
            key: 'visibility',
            label: t('datasets.visibility'),
            children: (
              <Flex gap={4} wrap>
                {dataset.visibleRoles.map((role) => (
                  <Tag key={role}>{t(`roles.${role}`)}</Tag>
                ))}
                {dataset.visibleOrganizationIds.length > 0 && <SharedWith ids={dataset.visibleOrganizationIds} />}
              </Flex>
            ),
          },
          { key: 'createdBy', label: t('datasets.createdBy'), children: dataset.createdBy },
          { key: 'createdAt', label: t('datasets.createdAt'), children: format.dateTime(dataset.createdAt) },
        ]}
      />
    </Card>
  );
}

function VersionsCard({ dataset }: { dataset: DatasetDetail }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const format = useFormat();
  const { permissions } = useCurrentSession();
  const canUnmask = permissions.includes('dataset:unmask');
  /** The version whose report is asked for with full numbers, waiting for the reason. */
  const [unmaskFor, setUnmaskFor] = useState<string | null>(null);
  const source = (v: DatasetVersion) =>
    [v.format?.toUpperCase(), v.encoding, v.sheet && t('datasets.versions.sheet', { sheet: v.sheet })].filter(Boolean).join(' · ') || '—';
  const reportLink = (v: DatasetVersion) =>
    v.errorsCount + v.warningsCount > 0 ? (
      <Flex gap={4}>
        <Button size="small" icon={<DownloadOutlined />} href={errorReportUrl(dataset.id, v.id)} data-testid="error-report">
          {t('datasets.versions.errorReport')}
        </Button>
        {canUnmask && (
          <Button size="small" onClick={() => setUnmaskFor(v.id)} data-testid="error-report-unmasked">
            {t('datasets:unmask.errorReport')}
          </Button>
        )}
      </Flex>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const common: ColumnsType<DatasetVersion> = [
    {
      title: t('datasets.versions.file'),
      dataIndex: 'fileName',
      render: (name: string, v) => (
        <Flex vertical>
          <span>{name}</span>
          <Tooltip title={v.sha256}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
              {shortHash(v.sha256)}
            </Typography.Text>
          </Tooltip>
        </Flex>
      ),
    },
    { title: t('datasets.versions.source'), key: 'source', render: (_, v) => source(v) },
    { title: t('datasets.versions.rowsRead'), dataIndex: 'rowsRead', align: 'right', render: (n: number) => format.number(n) },
    { title: t('datasets.versions.rowsImported'), dataIndex: 'rowsImported', align: 'right', render: (n: number) => format.number(n) },
    {
      title: t('datasets.versions.rowsRejected'),
      dataIndex: 'rowsRejected',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="warning">{format.number(n)}</Typography.Text> : format.number(n)),
    },
    { title: t('datasets.versions.warnings'), dataIndex: 'warningsCount', align: 'right', render: (n: number) => format.number(n) },
    { title: t('datasets.versions.importer'), dataIndex: 'importer' },
    { title: t('datasets.versions.time'), key: 'time', render: (_, v) => format.dateTime(v.finishedAt ?? v.startedAt) },
  ];
  return (
    <Card title={t('datasets.versions.title')}>
      <UnmaskReasonModal
        open={unmaskFor !== null}
        onCancel={() => setUnmaskFor(null)}
        onConfirm={(reason) => {
          if (unmaskFor) window.location.assign(errorReportUrl(dataset.id, unmaskFor, reason));
          setUnmaskFor(null);
        }}
      />
      <Flex vertical gap={16}>
        <Table<DatasetVersion>
          data-testid="versions-table"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={dataset.versions}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('datasets.versions.version'), dataIndex: 'version', render: (version: number) => <Tag>{t('datasets.versionNumber', { version })}</Tag> },
            ...common,
            {
              title: t('datasets.versions.strict'),
              dataIndex: 'strict',
              render: (strict: boolean) => (strict ? t('common.yes') : t('common.no')),
            },
            { title: t('datasets.versions.errorReport'), key: 'report', render: (_, v) => reportLink(v) },
          ]}
          locale={{ emptyText: t('datasets.versions.none') }}
        />
        {dataset.failedImports.length > 0 && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('datasets.versions.failed')}
            </Typography.Title>
            <Table<DatasetVersion>
              data-testid="failed-imports"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={dataset.failedImports}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('datasets.versions.status'),
                  dataIndex: 'status',
                  render: (status: DatasetVersion['status']) => <Tag color={status === 'failed' ? 'error' : 'processing'}>{t(`datasets.versions.statuses.${status}`)}</Tag>,
                },
                ...common,
                { title: t('datasets.versions.failure'), dataIndex: 'failure', render: (failure: string | null) => failure ?? '—' },
                { title: t('datasets.versions.errorReport'), key: 'report', render: (_, v) => reportLink(v) },
              ]}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}

/** The rows of one version: searchable, paginated on the server, ID and phone numbers masked. */
function RowsCard({ dataset }: { dataset: DatasetDetail }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const format = useFormat();
  const locale = useLocale();
  const { permissions } = useCurrentSession();
  const canUnmask = permissions.includes('dataset:unmask');
  const [filter, setFilter] = useState<RowsFilter>({ page: 1, pageSize: 20 });
  /** The stated reason while full numbers are shown; null while masked. */
  const [reason, setReason] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const unmasked = reason !== null && canUnmask;
  const rows = useDatasetRows(dataset.id, filter, unmasked ? reason : null);

  /** A name column's pinyin (written at import for fuzzy matching), titled after its column. */
  const pinyinTitle = (name: string) => {
    const base = name.endsWith('_pinyin') ? kindColumn(dataset.kind, name.slice(0, -'_pinyin'.length)) : undefined;
    return base?.type === 'name' ? t('datasets.rows.pinyinOf', { column: datasetColumnTitle(dataset.kind, base.name, locale) }) : undefined;
  };
  const dataColumns = (rows.data?.columns ?? []).filter((c) => c.name !== '_line' && c.name !== 'extra' && !isValidityFlag(c.name));
  const columns: ColumnsType<DatasetRow> = [
    { title: t('datasets.rows.line'), dataIndex: '_line', width: 80, fixed: 'left' },
    ...dataColumns.map((c) => {
      const column = kindColumn(dataset.kind, c.name);
      return {
        title: column ? datasetColumnTitle(dataset.kind, c.name, locale) : pinyinTitle(c.name) ?? c.label,
        key: c.name,
        align: column && (column.type === 'money' || column.type === 'decimal' || column.type === 'int') ? ('right' as const) : undefined,
        render: (_: unknown, row: DatasetRow) => <RowValue row={row} name={c.name} column={column} format={format} locale={locale} />,
      };
    }),
  ];

  return (
    <Card
      title={t('datasets.rows.title')}
      extra={
        canUnmask && (
          <Tooltip title={t('datasets.rows.unmaskLogged')}>
            <Flex gap={8} align="center">
              <Switch
                size="small"
                checked={unmasked}
                onChange={(on) => (on ? setAsking(true) : setReason(null))}
                data-testid="unmask-rows"
                aria-label={t('datasets.rows.unmask')}
              />
              <Typography.Text>{t('datasets.rows.unmask')}</Typography.Text>
            </Flex>
          </Tooltip>
        )
      }
    >
      <UnmaskReasonModal
        open={asking}
        onCancel={() => setAsking(false)}
        onConfirm={(stated) => {
          setAsking(false);
          setReason(stated);
        }}
      />
      <Flex vertical gap={12}>
        {unmasked && (
          <Alert
            type="warning"
            showIcon
            title={t('datasets.rows.unmaskedNotice')}
            description={<span data-testid="unmask-reason-shown">{t('datasets:unmask.reasonShown', { reason })}</span>}
          />
        )}
        <Flex gap={8} wrap align="center">
          <Select
            style={{ width: 200 }}
            value={filter.version ?? dataset.versions[0]?.version ?? undefined}
            options={dataset.versions.map((v) => ({ value: v.version!, label: t('datasets.versionNumber', { version: v.version }) }))}
            onChange={(version: number) => setFilter((previous) => ({ ...previous, version, page: 1 }))}
            data-testid="rows-version"
          />
          <Input.Search
            allowClear
            placeholder={t('datasets.rows.search')}
            style={{ width: 300 }}
            onSearch={(q) => setFilter((previous) => ({ ...previous, q: q.trim() || undefined, page: 1 }))}
            data-testid="rows-search"
          />
          {!unmasked && <Typography.Text type="secondary">{t('datasets.rows.maskedHint')}</Typography.Text>}
        </Flex>
        {rows.error && <QueryError error={rows.error} onRetry={() => void rows.refetch()} />}
        <Table<DatasetRow>
          data-testid="rows-table"
          size="small"
          rowKey={(row) => String(row._line)}
          loading={rows.isFetching}
          dataSource={rows.data?.items}
          columns={columns}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (row) => !!row.extra && Object.keys(row.extra).length > 0,
            expandedRowRender: (row) => <ExtraAttributes extra={row.extra} />,
          }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: rows.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { number: format.number(total) }),
            onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
          }}
        />
      </Flex>
    </Card>
  );
}

export default function DatasetPage() {
  const { t } = useTranslation(['translation', 'datasets']);
  const { id = '' } = useParams();
  const { permissions } = useCurrentSession();
  const dataset = useDataset(id);

  const breadcrumb = [{ key: 'datasets', title: <Link to="/datasets">{t('menu.datasets')}</Link> }, { key: 'dataset', title: dataset.data?.name ?? t('menu.dataset') }];
  if (dataset.error) {
    return (
      <PageContainer title={t('menu.dataset')} breadcrumb={breadcrumb}>
        <QueryError error={dataset.error} onRetry={() => void dataset.refetch()} />
      </PageContainer>
    );
  }
  if (!dataset.data) return <PageLoading />;
  const data = dataset.data;
  return (
    <PageContainer
      breadcrumb={breadcrumb}
      title={
        <Flex gap={8} align="center" wrap>
          {data.name}
          {data.latestVersion && <Tag>{t('datasets.versionNumber', { version: data.latestVersion.version })}</Tag>}
        </Flex>
      }
      extra={
        permissions.includes('dataset:import') && (
          <Link to={`/datasets/upload?dataset=${data.id}&kind=${data.kind}`}>
            <Button icon={<UploadOutlined />}>{t('datasets.uploadVersion')}</Button>
          </Link>
        )
      }
    >
      <FactsCard dataset={data} />
      <VersionsCard dataset={data} />
      {data.versions.length > 0 ? <RowsCard key={data.id} dataset={data} /> : <Alert type="info" showIcon title={t('datasets.rows.noVersion')} />}
    </PageContainer>
  );
}
