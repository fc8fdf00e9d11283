import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, type FormInstance, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  COLUMN_TYPES,
  type DatasetKind,
  type KindColumnDefinition,
  type KindDefinition,
  useDatasetKinds,
  useDefineDatasetKind,
  useUpdateDatasetKind,
} from '../../api/datasets';
import { datasetKindLabel, errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { ConflictAlert } from '../../components/ConflictAlert';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';

/** The form's shape: enum labels are edited as tags. */
interface KindForm {
  kind: string;
  label: string;
  columns: KindColumnDefinition[];
}

const EMPTY_COLUMN: KindColumnDefinition = { name: '', type: 'text', required: false, aliases: [] };

/** What the server gets: values only on enum columns. */
function toDefinition(values: KindForm): KindDefinition {
  return {
    kind: values.kind?.trim() ?? '',
    label: values.label?.trim() ?? '',
    columns: (values.columns ?? []).map((c) => ({
      name: c.name?.trim() ?? '',
      type: c.type,
      required: !!c.required,
      aliases: c.aliases ?? [],
      ...(c.type === 'enum' && { values: (c.values ?? []).map((v) => ({ value: v.value?.trim() ?? '', labels: v.labels ?? [] })) }),
      ...(c.unique && { unique: true }),
    })),
  };
}

/** A server path (`columns.2.aliases.0`) as a form field name: the column's property at most. */
function formName(path: string | (string | number)[]): (string | number)[] {
  const parts = (Array.isArray(path) ? path : path.split('.')).map((p) => (/^\d+$/.test(String(p)) ? Number(p) : p));
  return parts.slice(0, parts[0] === 'columns' ? 3 : 1);
}

/** Human words for a server path, e.g. "第 3 列 · aliases". */
function where(t: (key: string, options?: Record<string, unknown>) => string, path: string | (string | number)[]): string {
  const parts = Array.isArray(path) ? path.map(String) : path.split('.');
  if (parts[0] === 'columns' && parts[1] !== undefined) return [t('datasetKindsPage.columnNumber', { number: Number(parts[1]) + 1 }), ...parts.slice(2)].join(' · ');
  return parts.join('.');
}

function EnumValues({ column, disabled }: { column: number; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[column, 'values']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          {fields.map((field) => (
            <Space.Compact key={field.key} style={{ width: '100%' }}>
              <Form.Item name={[field.name, 'value']} noStyle rules={[{ required: true, message: t('validation.required') }]}>
                <Input placeholder={t('datasetKindsPage.enumValue')} style={{ width: 130 }} disabled={disabled} />
              </Form.Item>
              <Form.Item name={[field.name, 'labels']} noStyle>
                <Select mode="tags" open={false} placeholder={t('datasetKindsPage.enumLabels')} style={{ minWidth: 180 }} disabled={disabled} />
              </Form.Item>
              {!disabled && <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('datasetKindsPage.removeValue')} />}
            </Space.Compact>
          ))}
          {!disabled && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', labels: [] })} data-testid="add-enum-value">
              {t('datasetKindsPage.addValue')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

function ColumnsEditor({ form, disabled }: { form: FormInstance<KindForm>; disabled: boolean }) {
  const { t } = useTranslation();
  const columns = Form.useWatch('columns', form) ?? [];
  return (
    <Form.List name="columns">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            data-testid="kind-columns"
            columns={[
              {
                title: t('datasetKindsPage.columnName'),
                key: 'name',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'name']} style={{ margin: 0 }} rules={[{ required: true, message: t('validation.required') }]}>
                    <Input placeholder="id_number" style={{ width: 150 }} disabled={disabled} />
                  </Form.Item>
                ),
              },
              {
                title: t('datasetKindsPage.columnType'),
                key: 'type',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'type']} style={{ margin: 0 }}>
                    <Select style={{ width: 130 }} disabled={disabled} options={COLUMN_TYPES.map((type) => ({ value: type, label: t(`datasetKindsPage.types.${type}`) }))} />
                  </Form.Item>
                ),
              },
              {
                title: t('datasetKindsPage.required'),
                key: 'required',
                align: 'center',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'required']} valuePropName="checked" style={{ margin: 0 }}>
                    <Checkbox disabled={disabled} />
                  </Form.Item>
                ),
              },
              {
                title: t('datasetKindsPage.aliases'),
                key: 'aliases',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'aliases']} style={{ margin: 0 }}>
                    <Select mode="tags" open={false} placeholder={t('datasetKindsPage.aliasesPlaceholder')} style={{ minWidth: 220 }} disabled={disabled} />
                  </Form.Item>
                ),
              },
              {
                title: t('datasetKindsPage.enumValues'),
                key: 'values',
                render: (_, field) =>
                  columns[field.name]?.type === 'enum' ? (
                    <EnumValues column={field.name} disabled={disabled} />
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  ),
              },
              ...(disabled
                ? []
                : [
                    {
                      title: '',
                      key: 'remove',
                      render: (_: unknown, field: { name: number }) => (
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('datasetKindsPage.removeColumn')} />
                      ),
                    },
                  ]),
            ]}
          />
          {!disabled && (
            <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ ...EMPTY_COLUMN })} data-testid="add-kind-column">
              {t('datasetKindsPage.addColumn')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** Define a new kind (no `editing`), edit a custom one, or view a built-in one. */
function KindEditor({ editing, onClose }: { editing: DatasetKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<KindForm>();
  const define = useDefineDatasetKind();
  const update = useUpdateDatasetKind();
  const { permissions } = useCurrentSession();
  const readOnly = !!editing?.builtIn || !permissions.includes('dataset:defineKind');
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const [conflict, setConflict] = useState<DatasetKind | null>(null);
  const [version, setVersion] = useState(editing?.version ?? null);

  const initial: KindForm = editing ? { ...editing.definition } : { kind: '', label: '', columns: [{ ...EMPTY_COLUMN, type: 'id', required: true }] };

  async function save(values: KindForm) {
    setProblems([]);
    const definition = toDefinition(values);
    try {
      if (editing) await update.mutateAsync({ kind: editing.kind, label: definition.label, columns: definition.columns, version: version! });
      else await define.mutateAsync(definition);
      void message.success(t('datasetKindsPage.saved'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        setConflict(error.current as DatasetKind);
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        const paths = error.fields.map((f) => ({ path: Array.isArray(f.path) ? f.path.join('.') : f.path, message: f.message }));
        setProblems(paths);
        form.setFields(error.fields.map((f) => ({ name: formName(f.path) as never, errors: [f.message] })));
        return;
      }
      void message.error(errorMessage(error));
    }
  }

  return (
    <Form<KindForm> form={form} layout="vertical" initialValues={initial} onFinish={(values) => void save(values)} data-testid="kind-form">
      {conflict && (
        <ConflictAlert
          current={[{ key: 'version', label: t('datasetKindsPage.version'), children: String((conflict as { version?: number }).version ?? '—') }]}
          onReload={() => {
            const current = conflict as unknown as { version: number; definition?: KindDefinition };
            if (current.definition) form.setFieldsValue({ label: current.definition.label, columns: current.definition.columns });
            setVersion(current.version);
            setConflict(null);
          }}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('datasetKindsPage.problems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="kind-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  {where(t as never, p.path)}: {p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Flex gap={16} wrap>
        <Form.Item
          name="kind"
          label={t('datasetKindsPage.kindId')}
          extra={!editing && t('datasetKindsPage.kindIdHelp')}
          rules={[{ required: true, message: t('validation.required') }, { pattern: /^[a-z][a-z0-9_]*$/, message: t('datasetKindsPage.snakeCase') }]}
          style={{ minWidth: 260 }}
        >
          <Input placeholder="community_corrections" disabled={!!editing} />
        </Form.Item>
        <Form.Item name="label" label={t('datasetKindsPage.label')} rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 260 }}>
          <Input placeholder="社区矫正人员" disabled={readOnly} />
        </Form.Item>
      </Flex>
      {editing && !editing.builtIn && <Typography.Paragraph type="secondary">{t('datasetKindsPage.changeNote')}</Typography.Paragraph>}
      <ColumnsEditor form={form} disabled={readOnly} />
      {!readOnly && (
        <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
          <Button onClick={onClose}>{t('datasetKindsPage.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={define.isPending || update.isPending} data-testid="save-kind">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}

/** 数据类型: the built-in dataset kinds (read-only) and the kinds analysts define. */
export default function DatasetKindsPage() {
  const { t } = useTranslation();
  const { permissions } = useCurrentSession();
  const kinds = useDatasetKinds();
  const [open, setOpen] = useState<{ kind: DatasetKind | null } | null>(null);
  const mayDefine = permissions.includes('dataset:defineKind');

  return (
    <PageContainer
      title={t('menu.datasetKinds')}
      extra={
        mayDefine && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ kind: null })} data-testid="define-kind">
            {t('datasetKindsPage.define')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('datasetKindsPage.intro')}
      </Typography.Paragraph>
      {kinds.error && <QueryError error={kinds.error} onRetry={() => void kinds.refetch()} />}
      <Table<DatasetKind>
        data-testid="dataset-kinds-table"
        rowKey="kind"
        loading={kinds.isFetching}
        dataSource={kinds.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('datasetKindsPage.label'), key: 'label', render: (_, k) => datasetKindLabel(k.kind, k.label) },
          { title: t('datasetKindsPage.kindId'), dataIndex: 'kind', render: (kind: string) => <Typography.Text code>{kind}</Typography.Text> },
          {
            title: t('datasetKindsPage.origin'),
            key: 'builtIn',
            render: (_, k) => (k.builtIn ? <Tag>{t('datasetKindsPage.builtIn')}</Tag> : <Tag color="green">{t('datasetKindsPage.custom')}</Tag>),
          },
          {
            title: t('datasetKindsPage.columns'),
            key: 'columns',
            render: (_, k) => k.columns.map((c) => `${c.label}${c.required ? '*' : ''}`).join('、'),
          },
          {
            title: '',
            key: 'actions',
            render: (_, k) => (
              <Button type="link" onClick={() => setOpen({ kind: k })} data-testid={`open-kind-${k.kind}`}>
                {k.builtIn || !mayDefine ? t('datasetKindsPage.view') : t('datasetKindsPage.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={!!open}
        size="large"
        width={1000}
        destroyOnHidden
        title={open?.kind ? datasetKindLabel(open.kind.kind, open.kind.label) : t('datasetKindsPage.define')}
        onClose={() => setOpen(null)}
      >
        {open && <KindEditor key={open.kind?.kind ?? 'new'} editing={open.kind} onClose={() => setOpen(null)} />}
      </Drawer>
    </PageContainer>
  );
}
