import { Card, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ModelRun, useModelRuns } from '../../../api/models';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../format';
import { RunStatusTag } from '../shared';

/** The runs of a model, newest first, each opening its hits. */
export function RunsCard({ modelId }: { modelId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const runs = useModelRuns(modelId, page);
  const count = (value: number | null) => (value === null ? '—' : format.number(value));

  return (
    <Card title={t('models.runs')}>
      {runs.error && <QueryError error={runs.error} onRetry={() => void runs.refetch()} />}
      <Table<ModelRun>
        rowKey="id"
        size="small"
        loading={runs.isFetching}
        dataSource={runs.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: runs.data?.total,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (current, pageSize) => setPage({ page: current, pageSize }),
        }}
        columns={[
          { title: t('runs.asOf'), dataIndex: 'asOf', render: (asOf: string, run) => <Link to={`/runs/${run.id}`}>{format.date(asOf)}</Link> },
          { title: t('models.version'), dataIndex: 'modelVersion', render: (version: number) => t('models.versionNumber', { version }) },
          {
            title: t('runs.statusLabel'),
            dataIndex: 'status',
            render: (_, run) =>
              run.failure ? (
                <Tooltip title={run.failure}>
                  <span>
                    <RunStatusTag status={run.status} />
                  </span>
                </Tooltip>
              ) : (
                <RunStatusTag status={run.status} />
              ),
          },
          { title: t('runs.subjects'), dataIndex: 'subjects', align: 'right', render: count },
          { title: t('runs.hits'), dataIndex: 'hits', align: 'right', render: count },
          { title: t('runs.newHits'), dataIndex: 'newHits', align: 'right', render: count },
          { title: t('runs.stillPresent'), dataIndex: 'stillPresent', align: 'right', render: count },
          { title: t('runs.resolved'), dataIndex: 'resolved', align: 'right', render: count },
          { title: t('runs.elapsed'), dataIndex: 'elapsedMs', align: 'right', render: (ms: number | null) => (ms === null ? '—' : format.duration(ms)) },
          { title: t('runs.startedBy'), dataIndex: 'startedBy', render: (name: string | null) => name ?? '—' },
          { title: t('runs.startedAt'), dataIndex: 'startedAt', render: (at: string) => format.dateTime(at) },
        ]}
      />
    </Card>
  );
}
