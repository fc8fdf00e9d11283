import { Alert, Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { datasetKindLabel } from '../../api/errors';
import { type DatasetVersionUsed, type Model, type ModelRun, useModel, useRun } from '../../api/models';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { localized } from '../../evidence';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { formatParameter } from './model/ParametersCard';
import { HitsTable } from './run/HitsTable';
import { RunProgressPanel } from './run/RunProgress';
import { RunStatusTag } from './shared';

/** What the run read and with which settings, so a result can be traced and repeated. */
function RunInputs({ run, model }: { run: ModelRun; model: Model | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const datasets = Object.entries(run.datasetVersions).map(([kind, used]) => ({ kind, ...used }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('runs.datasetVersions')} size="small">
          <Table<DatasetVersionUsed & { kind: string }>
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={datasets}
            columns={[
              { title: t('runs.datasetKind'), dataIndex: 'kind', render: (kind: string) => `${datasetKindLabel(kind)} (${kind})` },
              { title: t('runs.dataset'), dataIndex: 'dataset' },
              { title: t('runs.datasetVersion'), dataIndex: 'version', render: (version: number) => t('models.versionNumber', { version }) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('runs.parameters')} size="small">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'asOf', label: t('runs.asOf'), children: format.date(run.asOf) },
              ...Object.entries(run.parameters).map(([name, value]) => {
                const definition = model?.document.parameters[name];
                return {
                  key: name,
                  label: definition ? localized(definition.title, locale) : name,
                  children: formatParameter(definition, value, format),
                };
              }),
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

export default function RunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const { id = '' } = useParams();
  const run = useRun(id);
  const model = useModel(run.data?.modelId ?? '', locale);
  const modelData = model.data;

  const modelTitle = modelData ? localized(modelData.document.title, locale) : run.data?.modelId;
  const breadcrumb = [
    { key: 'models', title: <Link to="/models">{t('menu.models')}</Link> },
    ...(run.data ? [{ key: 'model', title: <Link to={`/models/${run.data.modelId}`}>{modelTitle}</Link> }] : []),
    { key: 'run', title: t('menu.run') },
  ];
  if (run.error) {
    return (
      <PageContainer title={t('menu.run')} breadcrumb={breadcrumb}>
        <QueryError error={run.error} onRetry={() => void run.refetch()} />
      </PageContainer>
    );
  }
  if (!run.data) return <PageLoading />;
  const data = run.data;
  const count = (value: number | null) => (value === null ? '—' : format.number(value));

  return (
    <PageContainer breadcrumb={breadcrumb} title={t('runs.title', { model: modelTitle, asOf: format.date(data.asOf) })}>
      <Card>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'status', label: t('runs.statusLabel'), children: <RunStatusTag status={data.status} /> },
            { key: 'version', label: t('models.version'), children: t('models.versionNumber', { version: data.modelVersion }) },
            { key: 'asOf', label: t('runs.asOf'), children: format.date(data.asOf) },
            { key: 'elapsed', label: t('runs.elapsed'), children: data.elapsedMs === null ? '—' : format.duration(data.elapsedMs) },
            { key: 'startedBy', label: t('runs.startedBy'), children: data.startedBy ?? '—' },
            { key: 'startedAt', label: t('runs.startedAt'), children: format.dateTime(data.startedAt) },
            { key: 'finishedAt', label: t('runs.finishedAt'), children: data.finishedAt ? format.dateTime(data.finishedAt) : '—' },
          ]}
        />
        {data.status === 'succeeded' && (
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {(
              [
                ['subjects', data.subjects],
                ['hits', data.hits],
                ['newHits', data.newHits],
                ['stillPresent', data.stillPresent],
                ['resolved', data.resolved],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={8} xl={4}>
                <Statistic title={t(`runs.${key}`)} value={count(value)} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      {(data.status === 'running' || data.status === 'cancelled') && (
        <Card title={t('runs.progress.title')}>
          <RunProgressPanel run={data} model={modelData} showHitsLink={false} />
        </Card>
      )}
      {data.status === 'failed' && <Alert type="error" showIcon title={t('runs.failure')} description={data.failure} />}
      <RunInputs run={data} model={modelData} />
      {data.status === 'succeeded' && <HitsTable run={data} model={modelData} />}
    </PageContainer>
  );
}
