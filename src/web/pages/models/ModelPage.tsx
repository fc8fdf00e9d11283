import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Collapse, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { datasetKindLabel } from '../../api/errors';
import { type Model, useModel } from '../../api/models';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { localized } from '../../evidence';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { ParametersCard } from './model/ParametersCard';
import { RunCard } from './model/RunCard';
import { RunsCard } from './model/RunsCard';
import { VersionsCard } from './model/VersionsCard';
import { documentText, downloadText } from './shared';

/** What the model checks, in words: the server's explanation, the legal basis and every rule. */
function ExplanationCard({ model }: { model: Model }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const document = model.document;
  return (
    <Card title={t('models.explanation')}>
      <Flex vertical gap={16}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'description', label: t('models.description'), children: localized(document.description, locale) },
            ...(document.legal_basis ? [{ key: 'basis', label: t('models.legalBasis'), children: localized(document.legal_basis, locale) }] : []),
            {
              key: 'subject',
              label: t('models.subject'),
              children: document.subject.sources.map((source) => datasetKindLabel(source.dataset)).join(' + '),
            },
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('models.rules')}</Typography.Title>
          <Flex vertical gap={12}>
            {document.rules.map((rule, index) => (
              <div key={rule.id}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>
                    {index + 1}. {localized(rule.title, locale)}
                  </Typography.Text>
                  <Tag>{t(`models.ruleKinds.${rule.kind}`)}</Tag>
                  <Tag color="blue" variant="outlined">
                    {datasetKindLabel(rule.dataset)}
                  </Tag>
                </Flex>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {localized(rule.description, locale)}
                </Typography.Paragraph>
              </div>
            ))}
          </Flex>
        </div>
        <Collapse
          size="small"
          items={[
            {
              key: 'explanation',
              label: t('models.fullExplanation'),
              // In the page even while folded: it is the text the server explains the model with.
              forceRender: true,
              children: (
                <Typography.Paragraph data-testid="model-explanation" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {model.explanation}
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

interface PrecisionRow {
  rule: string;
  title: string;
  confirmed: number;
  dismissed: number;
  precision: number | null;
}

/** How often reviewers confirmed what each rule found (pending hits do not count). */
function PrecisionCard({ model }: { model: Model }) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const measured = new Map(model.precision.map((p) => [p.rule, p]));
  const ruleIds = [...model.document.rules.map((rule) => rule.id), ...model.precision.map((p) => p.rule)];
  const rows: PrecisionRow[] = [...new Set(ruleIds)].map((id) => {
    const rule = model.document.rules.find((r) => r.id === id);
    const p = measured.get(id);
    return { rule: id, title: rule ? localized(rule.title, locale) : id, confirmed: p?.confirmed ?? 0, dismissed: p?.dismissed ?? 0, precision: p?.precision ?? null };
  });
  return (
    <Card title={t('models.precision.title')}>
      <Typography.Paragraph type="secondary">{t('models.precision.hint')}</Typography.Paragraph>
      <Table<PrecisionRow>
        data-testid="precision-table"
        size="small"
        rowKey="rule"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('models.precision.rule'), dataIndex: 'title' },
          { title: t('models.precision.confirmed'), dataIndex: 'confirmed', align: 'right', render: (n: number) => format.number(n) },
          { title: t('models.precision.dismissed'), dataIndex: 'dismissed', align: 'right', render: (n: number) => format.number(n) },
          {
            title: t('models.precision.precision'),
            dataIndex: 'precision',
            align: 'right',
            render: (precision: number | null) => (precision === null ? '—' : format.percent(precision)),
          },
        ]}
      />
    </Card>
  );
}

export default function ModelPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const { permissions } = useCurrentSession();
  const model = useModel(id, locale);

  const breadcrumb = [{ key: 'models', title: <Link to="/models">{t('menu.models')}</Link> }, { key: 'model', title: model.data ? localized(model.data.document.title, locale) : id }];
  if (model.error) {
    return (
      <PageContainer title={t('menu.model')} breadcrumb={breadcrumb}>
        <QueryError error={model.error} onRetry={() => void model.refetch()} />
      </PageContainer>
    );
  }
  if (!model.data) return <PageLoading />;
  const data = model.data;
  const document = data.document;

  return (
    <PageContainer
      breadcrumb={breadcrumb}
      title={
        <Flex gap={8} align="center" wrap>
          {localized(document.title, locale)}
          <Tag>{t('models.versionNumber', { version: document.version })}</Tag>
        </Flex>
      }
      extra={
        <Button icon={<DownloadOutlined />} data-testid="export-model" onClick={() => downloadText(`${document.id}-v${document.version}.json`, documentText(document))}>
          {t('models.exportJson')}
        </Button>
      }
    >
      {permissions.includes('model:run') && <RunCard model={data} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ExplanationCard model={data} />
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <ParametersCard model={data} canEdit={permissions.includes('model:edit')} onReload={() => void model.refetch()} />
            <PrecisionCard model={data} />
          </Flex>
        </Col>
      </Row>
      <RunsCard modelId={data.id} />
      <VersionsCard key={data.versions[0]?.version} model={data} />
    </PageContainer>
  );
}
