import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Model, type ModelDocument, type ParameterValues, useUpdateParameters } from '../../../api/models';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { localized } from '../../../evidence';
import { conflictCurrent } from '../../../forms';
import { type Format, useFormat } from '../../../format';
import { type Locale, useLocale } from '../../../i18n';
import { fromFormValue, type ParameterDefinition, ParameterInput, ProblemsAlert, toFormValue } from '../shared';

/** A parameter value as the language writes it, by the parameter's type. */
export function formatParameter(definition: ParameterDefinition | undefined, value: string | number | undefined, format: Format): string {
  if (value === undefined || value === null || value === '') return '—';
  const number = typeof value === 'number' ? value : Number(value);
  switch (definition?.type) {
    case 'money':
      return Number.isFinite(number) ? format.money(number) : String(value);
    case 'int':
    case 'decimal':
      return Number.isFinite(number) ? format.number(number) : String(value);
    case 'date':
      return format.date(String(value));
    default:
      return typeof value === 'number' ? format.number(value) : String(value);
  }
}

/** "0 – 365", "≥ 0": the bounds a parameter accepts. */
function bounds(definition: ParameterDefinition, format: Format): string | null {
  const { min, max } = definition;
  if (min !== undefined && max !== undefined) return `${format.number(min)} – ${format.number(max)}`;
  if (min !== undefined) return `≥ ${format.number(min)}`;
  if (max !== undefined) return `≤ ${format.number(max)}`;
  return null;
}

interface ParametersValues {
  defaults: Record<string, unknown>;
  changeNote?: string;
}

function formValuesOf(document: ModelDocument): ParametersValues {
  return {
    defaults: Object.fromEntries(Object.entries(document.parameters).map(([name, definition]) => [name, toFormValue(definition, definition.default)])),
    changeNote: '',
  };
}

function ParametersForm({ model, onReload }: { model: Model; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const locale = useLocale();
  const [form] = Form.useForm<ParametersValues>();
  const [conflict, setConflict] = useState<Omit<Model, 'explanation'> | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const update = useUpdateParameters();
  const document = model.document;

  function submit(values: ParametersValues) {
    const defaults: ParameterValues = {};
    for (const [name, definition] of Object.entries(document.parameters)) {
      const value = fromFormValue(definition, values.defaults[name]);
      if (value !== undefined && value !== definition.default) defaults[name] = value;
    }
    if (Object.keys(defaults).length === 0) {
      void message.info(t('models.parameters.noChanges'));
      return;
    }
    setProblem(null);
    // A promise, not mutate callbacks: the saved version remounts this form before they would run.
    update.mutateAsync({ id: model.id, version: document.version, defaults, changeNote: values.changeNote?.trim() || null }).then(
      ({ version }) => void message.success(t('models.parameters.saved', { version })),
      (error: unknown) => {
        const current = conflictCurrent<Omit<Model, 'explanation'>>(error);
        if (current) setConflict(current);
        else setProblem(error);
      },
    );
  }

  return (
    <>
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setConflict(null);
            onReload();
          }}
          current={[
            { key: 'version', label: t('models.version'), children: t('models.versionNumber', { version: conflict.document.version }) },
            ...Object.entries(conflict.document.parameters).map(([name, definition]) => ({
              key: name,
              label: localized(definition.title, locale),
              children: <span style={{ whiteSpace: 'nowrap' }}>{formatParameter(definition, definition.default, format)}</span>,
            })),
          ]}
        />
      )}
      {problem !== null && <ProblemsAlert error={problem} title={t('models.parameters.failed')} />}
      <Form<ParametersValues> form={form} layout="vertical" initialValues={formValuesOf(document)} onFinish={submit} style={{ maxWidth: 640 }}>
        {Object.entries(document.parameters).map(([name, definition]) => (
          <Form.Item
            key={name}
            name={['defaults', name]}
            label={localized(definition.title, locale)}
            extra={[name, bounds(definition, format)].filter(Boolean).join(' · ')}
            rules={[{ required: true }]}
          >
            <ParameterInput definition={definition} />
          </Form.Item>
        ))}
        <Form.Item name="changeNote" label={t('models.parameters.changeNote')} extra={t('models.parameters.changeNoteHint')}>
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="save-parameters">
          {t('models.parameters.save')}
        </Button>
      </Form>
    </>
  );
}

function ParametersView({ document, locale }: { document: ModelDocument; locale: Locale }) {
  const format = useFormat();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={Object.entries(document.parameters).map(([name, definition]) => ({
        key: name,
        label: localized(definition.title, locale),
        children: formatParameter(definition, definition.default, format),
      }))}
    />
  );
}

/** Editable lists and tables the rules read (charge lists, thresholds per code): shown as data. */
function References({ document }: { document: ModelDocument }) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const references = Object.entries(document.references);
  if (references.length === 0) return null;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('models.references.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('models.references.hint')}</Typography.Text>
      {references.map(([name, reference]) => (
        <div key={name}>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {localized(reference.title, locale)}{' '}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              ({name} · {t(reference.type === 'list' ? 'models.references.list' : 'models.references.table')})
            </Typography.Text>
          </Typography.Paragraph>
          {reference.type === 'list' ? (
            <Flex gap={4} wrap>
              {reference.values.map((value) => (
                <Tag key={value}>{value}</Tag>
              ))}
            </Flex>
          ) : (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              style={{ maxWidth: 520 }}
              dataSource={reference.rows}
              columns={[
                { title: t('models.references.key'), dataIndex: 'key' },
                {
                  title: t('models.references.value'),
                  dataIndex: 'value',
                  align: 'right',
                  render: (value: number) => (reference.value_type === 'money' ? format.money(value) : format.number(value)),
                },
              ]}
            />
          )}
        </div>
      ))}
    </Flex>
  );
}

/** The model's parameters (editable for model:edit: a change saves a new version) and reference data. */
export function ParametersCard({ model, canEdit, onReload }: { model: Model; canEdit: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const hasParameters = Object.keys(model.document.parameters).length > 0;
  return (
    <Card title={t('models.parameters.title')}>
      <Flex vertical gap={24}>
        {!hasParameters && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('models.parameters.none')} />}
        {hasParameters &&
          (canEdit ? (
            // A new version remounts the form with its values.
            <ParametersForm key={model.document.version} model={model} onReload={onReload} />
          ) : (
            <ParametersView document={model.document} locale={locale} />
          ))}
        <References document={model.document} />
      </Flex>
    </Card>
  );
}
