import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ModelSummary, useImportModel, useModels } from '../../api/models';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { localized } from '../../evidence';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { ProblemsAlert } from './shared';

/** Reads a chosen .json file and imports it as a model (a new model, or the next version of one). */
function ImportButton({ onFailed }: { onFailed: (error: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const importModel = useImportModel();

  async function importFile(file: File) {
    onFailed(null);
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      void message.error(t('models.library.invalidJson', { file: file.name }));
      return;
    }
    importModel.mutate(
      { document, changeNote: t('models.library.importNote', { file: file.name }) },
      {
        onSuccess: ({ id, version }) => {
          void message.success(t('models.library.imported', { id, version }));
          void navigate(`/models/${id}`);
        },
        onError: onFailed,
      },
    );
  }

  return (
    <Upload
      accept=".json,application/json"
      showUploadList={false}
      beforeUpload={(file) => {
        void importFile(file);
        // The file is read here and sent as JSON: nothing is uploaded as a file.
        return false;
      }}
    >
      <Button data-testid="import-model" icon={<UploadOutlined />} loading={importModel.isPending}>
        {t('models.library.import')}
      </Button>
    </Upload>
  );
}

export default function ModelsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const { permissions } = useCurrentSession();
  const models = useModels();
  const [importError, setImportError] = useState<unknown>(null);

  return (
    <PageContainer
      title={t('menu.models')}
      extra={permissions.includes('model:edit') && <ImportButton onFailed={setImportError} />}
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('models.library.intro')}
      </Typography.Paragraph>
      {importError !== null && <ProblemsAlert error={importError} title={t('models.library.importFailed')} />}
      {models.error && <QueryError error={models.error} onRetry={() => void models.refetch()} />}
      <Table<ModelSummary>
        rowKey="id"
        loading={models.isFetching}
        dataSource={models.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('models.title'),
            key: 'title',
            width: 420,
            render: (_, model) => (
              <Flex vertical gap={4}>
                <Flex gap={8} align="center" wrap>
                  <Link to={`/models/${model.id}`}>
                    <Typography.Text strong>{localized(model.title, locale)}</Typography.Text>
                  </Link>
                  {model.builtIn && <Tag>{t('models.builtIn')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {model.id}
                </Typography.Text>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0, whiteSpace: 'normal' }}>
                  {localized(model.description, locale)}
                </Typography.Paragraph>
              </Flex>
            ),
          },
          {
            title: t('models.rules'),
            key: 'rules',
            width: 280,
            render: (_, model) => (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {model.rules.map((rule) => (
                  <li key={rule.id}>{localized(rule.title, locale)}</li>
                ))}
              </ul>
            ),
          },
          { title: t('models.version'), dataIndex: 'version', render: (version: number) => t('models.versionNumber', { version }) },
          {
            title: t('models.lastRun'),
            dataIndex: 'lastRunAt',
            render: (lastRunAt: string | null) => (lastRunAt ? format.dateTime(lastRunAt) : <Typography.Text type="secondary">{t('models.neverRun')}</Typography.Text>),
          },
          {
            title: t('models.lastHits'),
            dataIndex: 'lastHits',
            align: 'right',
            render: (hits: number | null) => (hits === null ? '—' : format.number(hits)),
          },
        ]}
      />
    </PageContainer>
  );
}
