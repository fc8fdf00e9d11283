import { AppstoreOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Dataset, type DatasetFilter, type DatasetVersion, useDatasetKinds, useDatasets } from '../../api/datasets';
import { datasetKindLabel } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { KindTag, LegalBasisTag } from './shared';

/**
 * The shared datasets (数据共享). Agency liaisons see only their organization's datasets (the
 * server filters), so for them this is where their organization's submissions (数据报送) are.
 */
export default function DatasetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { permissions, user } = useCurrentSession();
  const kinds = useDatasetKinds();
  const [filter, setFilter] = useState<DatasetFilter>({ page: 1, pageSize: 20 });
  const datasets = useDatasets(filter);
  const agency = user.organization.kind === 'agency';

  const refine = (change: Partial<DatasetFilter>) => setFilter((previous) => ({ ...previous, ...change, page: 1 }));
  const latest = (render: (v: DatasetVersion) => ReactNode) => (_: unknown, dataset: Dataset) =>
    dataset.latestVersion ? render(dataset.latestVersion) : <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <PageContainer
      title={t('menu.datasets')}
      extra={
        <Flex gap={8}>
          <Link to="/datasets/kinds">
            <Button icon={<AppstoreOutlined />} data-testid="dataset-kinds-link">
              {t('datasetKindsPage.link')}
            </Button>
          </Link>
          {permissions.includes('dataset:import') && (
            <Link to="/datasets/upload">
              <Button type="primary" icon={<UploadOutlined />} data-testid="upload-dataset">
                {t('datasets.uploadButton')}
              </Button>
            </Link>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {agency ? t('datasets.introAgency') : t('datasets.intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('datasets.search')} style={{ width: 260 }} onSearch={(q) => refine({ q: q.trim() || undefined })} data-testid="datasets-search" />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('datasets.kind')}
          style={{ width: 220 }}
          loading={kinds.isLoading}
          options={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: datasetKindLabel(k.kind, k.label) }))}
          onChange={(kind?: string) => refine({ kind })}
          data-testid="datasets-kind"
        />
      </Flex>
      {datasets.error && <QueryError error={datasets.error} onRetry={() => void datasets.refetch()} />}
      <Table<Dataset>
        data-testid="datasets-table"
        rowKey="id"
        loading={datasets.isFetching}
        dataSource={datasets.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: datasets.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
        }}
        columns={[
          { title: t('datasets.kind'), dataIndex: 'kind', render: (kind: string, dataset) => <KindTag kind={kind} label={dataset.kindLabel} /> },
          {
            title: t('datasets.name'),
            dataIndex: 'name',
            render: (name: string, dataset) => <Link to={`/datasets/${dataset.id}`}>{name}</Link>,
          },
          { title: t('datasets.owner'), key: 'owner', render: (_, dataset) => dataset.ownerOrganization?.name ?? '—' },
          {
            title: t('datasets.legalBasis'),
            dataIndex: 'legalBasis',
            render: (basis: Dataset['legalBasis'], dataset) =>
              dataset.legalBasisNote ? (
                <Tooltip title={dataset.legalBasisNote}>
                  <span>
                    <LegalBasisTag basis={basis} />
                  </span>
                </Tooltip>
              ) : (
                <LegalBasisTag basis={basis} />
              ),
          },
          { title: t('datasets.latestVersion'), key: 'version', align: 'right', render: latest((v) => t('datasets.versionNumber', { version: v.version ?? '—' })) },
          { title: t('datasets.rowsImported'), key: 'rows', align: 'right', render: latest((v) => format.number(v.rowsImported)) },
          {
            title: t('datasets.rowsRejected'),
            key: 'rejected',
            align: 'right',
            render: latest((v) => (v.rowsRejected > 0 ? <Typography.Text type="warning">{format.number(v.rowsRejected)}</Typography.Text> : format.number(0))),
          },
          { title: t('datasets.importedAt'), key: 'importedAt', render: latest((v) => format.dateTime(v.finishedAt ?? v.startedAt)) },
        ]}
        locale={{ emptyText: t('datasets.empty') }}
      />
    </PageContainer>
  );
}
