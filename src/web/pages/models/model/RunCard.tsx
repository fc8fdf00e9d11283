import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, DatePicker, Flex, Form, Input, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { datasetKindLabel } from '../../../api/errors';
import { type Model, type ParameterValues, useRunModel } from '../../../api/models';
import { kindsOf, localized } from '../../../evidence';
import { useFormat } from '../../../format';
import { useLocale } from '../../../i18n';
import { fromFormValue, ParameterInput, ProblemsAlert } from '../shared';
import { formatParameter } from './ParametersCard';

interface RunValues {
  asOf: Dayjs;
  parameters?: Record<string, unknown>;
  datasets?: Record<string, string | undefined>;
}

/** Seconds since `running` turned true, ticking while it stays true. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/**
 * Runs the current version of the model as of a date, optionally with other parameter values or
 * named datasets. The server answers when the run is done; then the run's page opens.
 */
export function RunCard({ model }: { model: Model }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const locale = useLocale();
  const [form] = Form.useForm<RunValues>();
  const runModel = useRunModel();
  const seconds = useElapsedSeconds(runModel.isPending);
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
      { onSuccess: (run) => void navigate(`/runs/${run.id}`) },
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
        <Form<RunValues> form={form} layout="vertical" initialValues={{ asOf: dayjs() }} onFinish={submit} disabled={runModel.isPending}>
          <Flex gap={16} align="end" wrap>
            <Form.Item name="asOf" label={t('models.run.asOf')} tooltip={t('models.run.asOfHint')} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
              <DatePicker allowClear={false} data-testid="run-as-of" />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={runModel.isPending} data-testid="run-model">
              {t('models.run.submit')}
            </Button>
          </Flex>
          <Collapse ghost size="small" items={advanced} style={{ marginTop: 8, maxWidth: 640 }} />
        </Form>
        {runModel.isPending && (
          <Alert
            type="info"
            data-testid="run-progress"
            title={
              <Flex gap={12} align="center">
                <Spin size="small" />
                <span>{seconds > 0 ? t('models.run.runningFor', { seconds }) : t('models.run.running')}</span>
              </Flex>
            }
            description={t('models.run.runningHint')}
          />
        )}
        {runModel.error && <ProblemsAlert error={runModel.error} title={t('models.run.failed')} />}
      </Flex>
    </Card>
  );
}
