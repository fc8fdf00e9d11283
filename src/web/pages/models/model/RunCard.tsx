import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, DatePicker, Flex, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { datasetKindLabel } from '../../../api/errors';
import { type Model, type ParameterValues, useModelRuns, useRun, useRunModel } from '../../../api/models';
import { kindsOf, localized } from '../../../evidence';
import { useFormat } from '../../../format';
import { useLocale } from '../../../i18n';
import { RunProgressPanel } from '../run/RunProgress';
import { fromFormValue, ParameterInput, ProblemsAlert } from '../shared';
import { formatParameter } from './ParametersCard';

interface RunValues {
  asOf: Dayjs;
  parameters?: Record<string, unknown>;
  datasets?: Record<string, string | undefined>;
}

const LATEST = { page: 1, pageSize: 1 };

/**
 * Runs the current version of the model as of a date, optionally with other parameter values or
 * named datasets. The server starts the run and answers at once; the run goes on in the
 * background and its progress shows here — also after a reload, for the model's running run —
 * until it ends, with the way to its hits.
 */
export function RunCard({ model }: { model: Model }) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const [form] = Form.useForm<RunValues>();
  const runModel = useRunModel();
  const queryClient = useQueryClient();
  /** The run shown: the one started here, or (after a reload, or started by someone else) the model's running run. */
  const [runId, setRunId] = useState<string | null>(null);
  const latest = useModelRuns(model.id, LATEST).data?.items[0];
  const latestRunning = latest?.status === 'running' ? latest.id : null;
  useEffect(() => {
    if (latestRunning) setRunId(latestRunning);
  }, [latestRunning]);
  const run = useRun(runId ?? '');
  const watched = runId && run.data?.id === runId ? run.data : undefined;
  const running = runModel.isPending || watched?.status === 'running';
  // When the run ends, the model's runs, precision and hit lists change.
  const ended = watched && watched.status !== 'running' ? watched.id : null;
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: ['models', model.id] });
  }, [ended, model.id, queryClient]);
  // A run of this model started elsewhere (409): follow it.
  const runningElsewhere = runModel.error instanceof ApiError && runModel.error.code === 'run_in_progress' ? (runModel.error.body.running as { id: string } | null) : null;
  const parameters = Object.entries(model.document.parameters);
  const kinds = kindsOf(model.document);

  function submit(values: RunValues) {
    const overrides: ParameterValues = {};
    for (const [name, definition] of parameters) {
      const value = fromFormValue(definition, values.parameters?.[name]);
      if (value !== undefined) overrides[name] = value;
    }
    const datasets = Object.fromEntries(
      Object.entries(values.datasets ?? {})
        .map(([kind, name]) => [kind, name?.trim()] as const)
        .filter((entry): entry is readonly [string, string] => Boolean(entry[1])),
    );
    runModel.mutate(
      {
        id: model.id,
        asOf: values.asOf.format('YYYY-MM-DD'),
        ...(Object.keys(overrides).length > 0 && { parameters: overrides }),
        ...(Object.keys(datasets).length > 0 && { datasets }),
      },
      {
        onSuccess: (created) => setRunId(created.id),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'run_in_progress') setRunId((error.body.running as { id: string } | null)?.id ?? null);
        },
      },
    );
  }

  const advanced = [
    ...(parameters.length > 0
      ? [
          {
            key: 'parameters',
            label: t('models.run.overrides'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('models.run.overridesHint')}</Typography.Paragraph>
                {parameters.map(([name, definition]) => (
                  <Form.Item key={name} name={['parameters', name]} label={localized(definition.title, locale)}>
                    <ParameterInput
                      definition={definition}
                      placeholder={t('models.run.defaultValue', { value: formatParameter(definition, definition.default, format) })}
                    />
                  </Form.Item>
                ))}
              </>
            ),
          },
        ]
      : []),
    {
      key: 'datasets',
      label: t('models.run.datasets'),
      children: (
        <>
          <Typography.Paragraph type="secondary">{t('models.run.datasetsHint')}</Typography.Paragraph>
          {kinds.map((kind) => (
            <Form.Item key={kind} name={['datasets', kind]} label={`${datasetKindLabel(kind)} (${kind})`}>
              <Input placeholder={t('models.run.datasetDefault')} maxLength={200} />
            </Form.Item>
          ))}
        </>
      ),
    },
  ];

  return (
    <Card title={t('models.run.title')}>
      <Flex vertical gap={16}>
        <Form<RunValues> form={form} layout="vertical" initialValues={{ asOf: dayjs() }} onFinish={submit} disabled={running}>
          <Flex gap={16} align="end" wrap>
            <Form.Item name="asOf" label={t('models.run.asOf')} tooltip={t('models.run.asOfHint')} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
              <DatePicker allowClear={false} data-testid="run-as-of" />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={running} data-testid="run-model">
              {t('models.run.submit')}
            </Button>
          </Flex>
          <Collapse ghost size="small" items={advanced} style={{ marginTop: 8, maxWidth: 640 }} />
        </Form>
        {watched && <RunProgressPanel run={watched} model={model} showHitsLink />}
        {runningElsewhere ? (
          <Alert type="warning" showIcon title={t('models.run.alreadyRunning')} />
        ) : (
          runModel.error && <ProblemsAlert error={runModel.error} title={t('models.run.failed')} />
        )}
      </Flex>
    </Card>
  );
}
