import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Table, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../../api/errors';
import { fetchModelVersion, type Model, type ModelVersion, useModelVersion } from '../../../api/models';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { diffStats, foldUnchanged, lineDiff } from '../../../diff';
import { useFormat } from '../../../format';
import { documentText, downloadText } from '../shared';

/** The line diff of two versions' pretty-printed documents, unchanged stretches folded. */
function VersionDiff({ modelId, from, to }: { modelId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const before = useModelVersion(modelId, from);
  const after = useModelVersion(modelId, to);
  const diff = useMemo(
    () => (before.data && after.data ? lineDiff(documentText(before.data), documentText(after.data)) : null),
    [before.data, after.data],
  );
  const error = before.error ?? after.error;
  if (error) return <QueryError error={error} onRetry={() => void Promise.all([before.refetch(), after.refetch()])} />;
  if (!diff) return <PageLoading />;
  const stats = diffStats(diff);
  if (stats.added + stats.removed === 0) return <Alert type="info" showIcon title={t('models.versions.same')} />;
  const colors = {
    added: { background: token.colorSuccessBg, sign: '+' },
    removed: { background: token.colorErrorBg, sign: '-' },
    same: { background: 'transparent', sign: ' ' },
  };
  const gutter = { display: 'inline-block', width: 40, textAlign: 'right' as const, color: token.colorTextTertiary, userSelect: 'none' as const };
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">
        {t('models.versions.stats', { from, to, added: stats.added, removed: stats.removed })}
      </Typography.Text>
      <pre
        data-testid="version-diff"
        style={{
          margin: 0,
          padding: 8,
          maxHeight: 560,
          overflow: 'auto',
          fontSize: 12,
          lineHeight: 1.6,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
        }}
      >
        {foldUnchanged(diff).map((item, index) =>
          item.kind === 'folded' ? (
            <div key={index} style={{ color: token.colorTextTertiary, background: token.colorFillQuaternary, padding: '0 8px' }}>
              {t('models.versions.folded', { count: item.count })}
            </div>
          ) : (
            <div key={index} style={{ background: colors[item.line.kind].background }}>
              <span style={gutter}>{item.line.oldNumber ?? ''}</span>
              <span style={gutter}>{item.line.newNumber ?? ''}</span>
              <span style={{ padding: '0 8px', userSelect: 'none' }}>{colors[item.line.kind].sign}</span>
              {item.line.text}
            </div>
          ),
        )}
      </pre>
    </Flex>
  );
}

/** Every saved version with who saved it and why; any two compared; any one exported. */
export function VersionsCard({ model }: { model: Model }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const versions = model.versions;
  const [to, setTo] = useState<number | undefined>(versions[0]?.version);
  const [from, setFrom] = useState<number | undefined>(versions[1]?.version);
  const [exporting, setExporting] = useState<number | null>(null);
  const options = versions.map((v) => ({ value: v.version, label: t('models.versionNumber', { version: v.version }) }));

  async function exportVersion(version: number) {
    setExporting(version);
    try {
      downloadText(`${model.id}-v${version}.json`, documentText(await fetchModelVersion(model.id, version)));
    } catch (error) {
      reportError(error, message);
    } finally {
      setExporting(null);
    }
  }

  return (
    <Card title={t('models.versions.title')}>
      <Flex vertical gap={16}>
        <Table<ModelVersion>
          size="small"
          rowKey="version"
          dataSource={versions}
          pagination={versions.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('models.version'), dataIndex: 'version', render: (version: number) => t('models.versionNumber', { version }) },
            { title: t('models.versions.changeNote'), dataIndex: 'changeNote', render: (note: string | null) => note ?? '—' },
            { title: t('models.versions.createdBy'), dataIndex: 'createdBy', render: (name: string | null) => name ?? '—' },
            { title: t('models.versions.createdAt'), dataIndex: 'createdAt', render: (at: string) => format.dateTime(at) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, v) => (
                <Button type="link" size="small" icon={<DownloadOutlined />} loading={exporting === v.version} onClick={() => void exportVersion(v.version)}>
                  {t('models.export')}
                </Button>
              ),
            },
          ]}
        />
        {versions.length < 2 ? (
          <Typography.Text type="secondary">{t('models.versions.onlyOne')}</Typography.Text>
        ) : (
          <>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{t('models.versions.compare')}</Typography.Text>
              <Select aria-label={t('models.versions.from')} style={{ width: 140 }} value={from} options={options} onChange={setFrom} />
              <Typography.Text>→</Typography.Text>
              <Select aria-label={t('models.versions.to')} style={{ width: 140 }} value={to} options={options} onChange={setTo} />
            </Flex>
            {from !== undefined && to !== undefined && from !== to && <VersionDiff modelId={model.id} from={from} to={to} />}
            {from === to && <Typography.Text type="secondary">{t('models.versions.pickTwo')}</Typography.Text>}
          </>
        )}
      </Flex>
    </Card>
  );
}
