import { InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PROCURATORATE_ROLES, type Role } from '../../../domain/roles';
import { ApiError } from '../../api/client';
import {
  type CommitRequest,
  type DatasetRow,
  type HeaderColumn,
  type ImportJob,
  LEGAL_BASES,
  type LegalBasis,
  type Mapping,
  type Preview,
  SOURCE_ENCODINGS,
  type SourceEncoding,
  type SourceOptions,
  discardUpload,
  fileProblem,
  previewUpload,
  uploadDataset,
  useCancelImport,
  useCommitUpload,
  useDatasetKinds,
  useDatasets,
  useImportJob,
  useRunningImports,
} from '../../api/datasets';
import { useDirectory } from '../../api/directory';
import { datasetKindLabel, reportError, showFieldErrors } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { kindColumn } from '../../evidence';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { OrganizationPicker } from './SharingModal';
import { ExtraAttributes, FileProblemAlert, IssuesTable, RowValue, datasetColumnTitle } from './shared';

/** The Select value standing for "keep as a raw attribute" (null in the mapping). */
const KEEP_RAW = '__extra__';
const ACCEPT = '.csv,.tsv,.txt,.xlsx,.xls,.jsonl,.json,.ndjson';

type Step = 'file' | 'preview' | 'commit' | 'import';
const STEPS: Step[] = ['file', 'preview', 'commit', 'import'];

/** Step 1: the file, with the kind, encoding and sheet when the user already knows them. */
function FileStep({ initialKind, onPreview }: { initialKind?: string; onPreview: (preview: Preview, options: SourceOptions) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const kinds = useDatasetKinds();
  const input = useRef<HTMLInputElement>(null);
  const [options, setOptions] = useState<SourceOptions>({ kind: initialKind, encoding: 'auto' });
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [analysing, setAnalysing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<(() => void) | null>(null);

  useEffect(() => () => abort.current?.(), []);

  function start(chosen: File) {
    setFile(chosen);
    setError(null);
    setProgress({ sent: 0, total: chosen.size });
    setAnalysing(false);
    const upload = uploadDataset(chosen, options, (sent, total) => {
      setProgress({ sent, total });
      if (sent >= total) setAnalysing(true);
    });
    abort.current = upload.abort;
    upload.promise
      .then((preview) => onPreview(preview, options))
      .catch((failure: unknown) => {
        if (failure instanceof DOMException && failure.name === 'AbortError') return;
        setError(failure);
      })
      .finally(() => {
        abort.current = null;
        setProgress(null);
        setAnalysing(false);
      });
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    const dropped = event.dataTransfer.files[0];
    if (dropped && !progress) start(dropped);
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <Card>
      <Flex vertical gap={16}>
        <Form layout="vertical" style={{ maxWidth: 720 }}>
          <Flex gap={16} wrap>
            <Form.Item label={t('datasets.upload.kind')} extra={t('datasets.upload.kindHint')} style={{ minWidth: 240, flex: 1 }}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('datasets.upload.autoDetect')}
                value={options.kind}
                options={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: datasetKindLabel(k.kind, k.label) }))}
                onChange={(kind?: string) => setOptions((o) => ({ ...o, kind }))}
              />
            </Form.Item>
            <Form.Item label={t('datasets.upload.encoding')} style={{ width: 180 }}>
              <Select
                value={options.encoding}
                options={SOURCE_ENCODINGS.map((e) => ({ value: e, label: t(`datasets.encodings.${e}`) }))}
                onChange={(encoding: SourceEncoding) => setOptions((o) => ({ ...o, encoding }))}
              />
            </Form.Item>
            <Form.Item label={t('datasets.upload.sheet')} extra={t('datasets.upload.sheetHint')} style={{ width: 200 }}>
              <Input allowClear value={options.sheet} onChange={(e) => setOptions((o) => ({ ...o, sheet: e.target.value.trim() || undefined }))} />
            </Form.Item>
          </Flex>
        </Form>
        <div
          role="button"
          tabIndex={0}
          onClick={() => !progress && input.current?.click()}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && !progress && input.current?.click()}
          onDragOver={(e) => e.preventDefault()}
          onDrop={drop}
          style={{
            border: '1px dashed #bfbfbf',
            borderRadius: 8,
            padding: '32px 16px',
            textAlign: 'center',
            cursor: progress ? 'default' : 'pointer',
            background: '#fafafa',
          }}
        >
          <InboxOutlined style={{ fontSize: 40, color: '#1f4e9c' }} />
          <Typography.Paragraph style={{ margin: '8px 0 4px' }}>{t('datasets.upload.drop')}</Typography.Paragraph>
          <Typography.Text type="secondary">{t('datasets.upload.formats')}</Typography.Text>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            data-testid="upload-file"
            style={{ display: 'none' }}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              if (chosen) start(chosen);
            }}
          />
        </div>
        {progress && file && (
          <div data-testid="upload-progress">
            <Flex justify="space-between" wrap gap={8}>
              <Typography.Text>{file.name}</Typography.Text>
              <Typography.Text type="secondary">
                {analysing
                  ? t('datasets.upload.analysing')
                  : t('datasets.upload.sent', { sent: format.number(Math.round(progress.sent / 1024)), total: format.number(Math.round(progress.total / 1024)) })}
              </Typography.Text>
            </Flex>
            <Progress percent={percent} status={analysing ? 'active' : 'normal'} />
            {!analysing && (
              <Button size="small" onClick={() => abort.current?.()}>
                {t('datasets.upload.cancel')}
              </Button>
            )}
            {analysing && <Spin size="small" />}
          </div>
        )}
        {error !== null && <FileProblemAlert error={error} />}
      </Flex>
    </Card>
  );
}

/** The header of the file and the column each header goes to; editable. */
function MappingTable({ preview, onChange, disabled }: { preview: Preview; onChange: (header: string, column: string | null) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const mapped = new Set(preview.header.map((h) => h.column).filter(Boolean));
  const missing = preview.columns.filter((c) => c.required && !mapped.has(c.name));
  const options = [
    { value: KEEP_RAW, label: t('datasets.mapping.keepRaw') },
    ...preview.columns.map((c) => ({
      value: c.name,
      label: `${datasetColumnTitle(preview.kind, c.name, locale)}${c.required ? ' *' : ''} (${c.name})`,
    })),
  ];
  const columns: ColumnsType<HeaderColumn> = [
    { title: '#', dataIndex: 'index', width: 60, render: (index: number) => index + 1 },
    { title: t('datasets.mapping.header'), dataIndex: 'header', render: (header: string) => <Typography.Text code>{header}</Typography.Text> },
    {
      title: t('datasets.mapping.column'),
      dataIndex: 'column',
      width: 340,
      render: (column: string | null, h) => (
        <Select
          style={{ width: '100%' }}
          size="small"
          disabled={disabled}
          value={column ?? KEEP_RAW}
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          onChange={(value: string) => onChange(h.header, value === KEEP_RAW ? null : value)}
          aria-label={t('datasets.mapping.columnFor', { header: h.header })}
        />
      ),
    },
    {
      title: t('datasets.mapping.type'),
      key: 'type',
      render: (_, h) => {
        const column = h.column ? preview.columns.find((c) => c.name === h.column) : undefined;
        return column ? <Tag>{t(`datasets.columnTypes.${column.type}`)}</Tag> : <Tag color="default">{t('datasets.mapping.raw')}</Tag>;
      },
    },
  ];
  return (
    <Flex vertical gap={8}>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('datasets.mapping.missing', { columns: missing.map((c) => datasetColumnTitle(preview.kind, c.name, locale)).join(locale === 'zh-CN' ? '、' : ', ') })}
        />
      )}
      <Table<HeaderColumn> data-testid="mapping-table" size="small" rowKey="index" pagination={false} columns={columns} dataSource={preview.header} scroll={{ x: 'max-content' }} />
    </Flex>
  );
}

function SampleRows({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const columns: ColumnsType<DatasetRow> = [
    { title: t('datasets.rows.line'), dataIndex: '_line', width: 70 },
    ...preview.columns.map((c) => ({
      title: datasetColumnTitle(preview.kind, c.name, locale),
      key: c.name,
      render: (_: unknown, row: DatasetRow) => <RowValue row={row} name={c.name} column={kindColumn(preview.kind, c.name)} format={format} locale={locale} />,
    })),
  ];
  return (
    <Table<DatasetRow>
      data-testid="preview-rows"
      size="small"
      rowKey={(row) => String(row._line)}
      pagination={false}
      columns={columns}
      dataSource={preview.rows}
      scroll={{ x: 'max-content' }}
      expandable={{ rowExpandable: (row) => !!row.extra && Object.keys(row.extra).length > 0, expandedRowRender: (row) => <ExtraAttributes extra={row.extra} /> }}
    />
  );
}

/** Step 2: what the server read and how it would import it; kind, encoding, sheet and mapping editable. */
function PreviewStep({
  preview,
  busy,
  error,
  onRepreview,
  onBack,
  onNext,
}: {
  preview: Preview;
  busy: boolean;
  error: unknown;
  onRepreview: (change: { kind?: string; encoding?: SourceEncoding; sheet?: string; mapping?: Mapping }) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const kinds = useDatasetKinds();
  const [sheet, setSheet] = useState(preview.sheet ?? '');
  useEffect(() => setSheet(preview.sheet ?? ''), [preview.sheet]);

  function remap(header: string, column: string | null) {
    const mapping: Mapping = Object.fromEntries(preview.header.map((h) => [h.header, h.column]));
    // One column takes one header: a header moved to a column frees the header that had it.
    if (column) for (const h of preview.header) if (h.column === column && h.header !== header) mapping[h.header] = null;
    mapping[header] = column;
    onRepreview({ mapping });
  }

  const encodingValue = (SOURCE_ENCODINGS as readonly string[]).includes(preview.encoding ?? '') ? (preview.encoding as SourceEncoding) : undefined;
  return (
    <Spin spinning={busy} tip={t('datasets.upload.previewing')}>
      <Flex vertical gap={16}>
        {error !== null && error !== undefined && <FileProblemAlert error={error} />}
        <Card title={t('datasets.preview.file')}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'file', label: t('datasets.preview.fileName'), children: `${preview.fileName} (${format.number(Math.ceil(preview.bytes / 1024))} KB)` },
              {
                key: 'kind',
                label: t('datasets.preview.kind'),
                children: (
                  <Select
                    data-testid="preview-kind"
                    style={{ width: 220 }}
                    size="small"
                    value={preview.kind}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: datasetKindLabel(k.kind, k.label) }))}
                    onChange={(kind: string) => onRepreview({ kind, mapping: undefined })}
                  />
                ),
              },
              { key: 'format', label: t('datasets.preview.format'), children: preview.format.toUpperCase() },
              {
                key: 'encoding',
                label: t('datasets.preview.encoding'),
                children:
                  preview.format === 'xlsx' ? (
                    '—'
                  ) : (
                    <Select
                      size="small"
                      style={{ width: 160 }}
                      value={encodingValue}
                      placeholder={preview.encoding ?? ''}
                      options={SOURCE_ENCODINGS.filter((e) => e !== 'auto').map((e) => ({ value: e, label: t(`datasets.encodings.${e}`) }))}
                      onChange={(encoding: SourceEncoding) => onRepreview({ encoding, mapping: undefined })}
                      data-testid="preview-encoding"
                    />
                  ),
              },
              { key: 'delimiter', label: t('datasets.preview.delimiter'), children: delimiterName(preview.delimiter, t) },
              {
                key: 'sheet',
                label: t('datasets.preview.sheet'),
                children:
                  preview.format === 'xlsx' ? (
                    <Space.Compact size="small">
                      <Input size="small" style={{ width: 140 }} value={sheet} onChange={(e) => setSheet(e.target.value)} />
                      <Button size="small" icon={<ReloadOutlined />} disabled={!sheet.trim() || sheet.trim() === preview.sheet} onClick={() => onRepreview({ sheet: sheet.trim(), mapping: undefined })}>
                        {t('datasets.preview.apply')}
                      </Button>
                    </Space.Compact>
                  ) : (
                    '—'
                  ),
              },
              { key: 'headerLine', label: t('datasets.preview.headerLine'), children: preview.headerLine ?? '—' },
            ]}
          />
        </Card>
        <Card title={t('datasets.mapping.title')}>
          <Typography.Paragraph type="secondary">{t('datasets.mapping.hint')}</Typography.Paragraph>
          <MappingTable preview={preview} onChange={remap} disabled={busy} />
        </Card>
        <Card title={t('datasets.preview.totals')}>
          <Flex gap={32} wrap>
            <Statistic title={t('datasets.preview.rowsScanned')} value={format.number(preview.rowsScanned)} />
            <Statistic title={t('datasets.preview.rowsImported')} value={format.number(preview.rowsImported)} />
            <Statistic title={t('datasets.preview.rowsRejected')} value={format.number(preview.rowsRejected)} styles={{ content: preview.rowsRejected > 0 ? { color: '#cf1322' } : undefined }} />
            <Statistic title={t('datasets.preview.warnings')} value={format.number(preview.warningsTotal)} />
          </Flex>
          {!preview.complete && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('datasets.preview.incomplete', { rows: format.number(preview.rowsScanned) })} />}
        </Card>
        <Card title={t('datasets.preview.sample')}>
          <Typography.Paragraph type="secondary">{t('datasets.preview.maskedHint')}</Typography.Paragraph>
          <SampleRows preview={preview} />
        </Card>
        <Card title={t('datasets.preview.rejected', { count: preview.errorsTotal })}>
          {preview.errorsTotal === 0 ? (
            <Typography.Text type="secondary" data-testid="rejected-rows">
              {t('datasets.preview.noRejected')}
            </Typography.Text>
          ) : (
            <IssuesTable issues={preview.errors} kind={preview.kind} testId="rejected-rows" total={preview.errorsTotal} />
          )}
        </Card>
        {preview.warningsTotal > 0 && (
          <Card title={t('datasets.preview.warningsTitle', { count: preview.warningsTotal })}>
            <IssuesTable issues={preview.warnings} kind={preview.kind} testId="preview-warnings" total={preview.warningsTotal} />
          </Card>
        )}
        <Flex gap={8} justify="flex-end">
          <Button onClick={onBack}>{t('datasets.upload.otherFile')}</Button>
          <Button type="primary" onClick={onNext} disabled={busy} data-testid="preview-next">
            {t('datasets.upload.next')}
          </Button>
        </Flex>
      </Flex>
    </Spin>
  );
}

function delimiterName(delimiter: string | null, t: (key: 'datasets.delimiters.comma' | 'datasets.delimiters.tab' | 'datasets.delimiters.semicolon' | 'datasets.delimiters.pipe') => string): string {
  switch (delimiter) {
    case null:
    case '':
      return '—';
    case ',':
      return t('datasets.delimiters.comma');
    case '\t':
      return t('datasets.delimiters.tab');
    case ';':
      return t('datasets.delimiters.semicolon');
    case '|':
      return t('datasets.delimiters.pipe');
    default:
      return JSON.stringify(delimiter);
  }
}

interface CommitValues {
  target: 'existing' | 'new';
  datasetId?: string;
  name?: string;
  legalBasis?: LegalBasis;
  legalBasisNote?: string;
  ownerOrganizationId?: string;
  visibleRoles?: Role[];
  visibleOrganizationIds?: string[];
  strict?: boolean;
}

/** Step 3: into which dataset, on what legal basis, and whether any rejected row stops the import. */
function CommitStep({
  preview,
  source,
  initialDatasetId,
  onBack,
  onStarted,
}: {
  preview: Preview;
  source: { encoding?: SourceEncoding; sheet?: string; mapping?: Mapping };
  initialDatasetId?: string;
  onBack: () => void;
  onStarted: (job: ImportJob) => void;
}) {
  const { t } = useTranslation(['translation', 'datasets']);
  const { message } = App.useApp();
  const { user, permissions } = useCurrentSession();
  const [form] = Form.useForm<CommitValues>();
  const existing = useDatasets({ page: 1, pageSize: 100, kind: preview.kind });
  const agency = user.organization.kind === 'agency';
  const directory = useDirectory();
  const canChooseOwner = !agency && permissions.includes('directory:read');
  const commit = useCommitUpload();
  const target = Form.useWatch('target', form);
  const [error, setError] = useState<unknown>(null);

  const choices = existing.data?.items ?? [];
  const initialTarget = initialDatasetId && choices.some((d) => d.id === initialDatasetId) ? initialDatasetId : undefined;
  useEffect(() => {
    if (existing.data && form.getFieldValue('target') === undefined) {
      form.setFieldsValue({ target: choices.length > 0 ? 'existing' : 'new', datasetId: initialTarget ?? (choices.length === 1 ? choices[0].id : undefined) });
    }
  }, [existing.data]); // eslint-disable-line react-hooks/exhaustive-deps

  function submit(values: CommitValues) {
    setError(null);
    const body: CommitRequest = {
      kind: preview.kind,
      ...source,
      strict: values.strict ?? false,
      ...(values.target === 'existing'
        ? { datasetId: values.datasetId }
        : {
            dataset: {
              name: values.name!.trim(),
              legalBasis: values.legalBasis!,
              legalBasisNote: values.legalBasisNote?.trim() || null,
              ...(canChooseOwner && values.ownerOrganizationId ? { ownerOrganizationId: values.ownerOrganizationId } : {}),
              ...(!agency && values.visibleRoles?.length ? { visibleRoles: values.visibleRoles } : {}),
              ...(canChooseOwner && values.visibleOrganizationIds?.length ? { visibleOrganizationIds: values.visibleOrganizationIds } : {}),
            },
          }),
    };
    commit.mutate(
      { uploadId: preview.uploadId, ...body },
      {
        onSuccess: (started) => onStarted(started.job),
        onError: (failure) => {
          const problem = fileProblem(failure);
          if (problem) {
            setError(failure);
            return;
          }
          if (failure instanceof ApiError && failure.fields.length > 0 && showFieldErrors(form, failure)) return;
          setError(failure);
          reportError(failure, message);
        },
      },
    );
  }

  return (
    <Spin spinning={commit.isPending} size="large">
      <Card title={t('datasets.commit.title')}>
        <Form<CommitValues>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          onFinish={submit}
          initialValues={{ legalBasis: agency ? 'agreement' : 'investigation', visibleRoles: ['analyst', 'procurator'], strict: false }}
        >
          <Typography.Paragraph type="secondary">
            {t('datasets.commit.summary', { kind: datasetKindLabel(preview.kind), file: preview.fileName })}
          </Typography.Paragraph>
          <Form.Item name="target" label={t('datasets.commit.target')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="existing" disabled={choices.length === 0}>
                {t('datasets.commit.existing')}
              </Radio>
              <Radio value="new">{t('datasets.commit.new')}</Radio>
            </Radio.Group>
          </Form.Item>
          {target === 'existing' && (
            <Form.Item name="datasetId" label={t('datasets.commit.dataset')} rules={[{ required: true, message: t('datasets.commit.chooseDataset') }]}>
              <Select
                loading={existing.isLoading}
                options={choices.map((d) => ({
                  value: d.id,
                  label: `${d.name}${d.ownerOrganization ? ` · ${d.ownerOrganization.name}` : ''}${d.latestVersion ? ` · ${t('datasets.versionNumber', { version: d.latestVersion.version })}` : ''}`,
                }))}
                data-testid="commit-dataset"
              />
            </Form.Item>
          )}
          {target === 'new' && (
            <>
              <Form.Item name="name" label={t('datasets.commit.name')} extra={t('datasets.commit.nameHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
                <Input maxLength={100} data-testid="commit-name" />
              </Form.Item>
              <Form.Item name="legalBasis" label={t('datasets.legalBasis')} extra={t('datasets.commit.legalBasisHint')} rules={[{ required: true }]}>
                <Select options={LEGAL_BASES.map((b) => ({ value: b, label: t(`datasets.legalBasesLong.${b}`) }))} data-testid="commit-legal-basis" />
              </Form.Item>
              <Form.Item name="legalBasisNote" label={t('datasets.commit.legalBasisNote')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} placeholder={t('datasets.commit.legalBasisNotePlaceholder')} />
              </Form.Item>
              <Form.Item label={t('datasets.owner')} name={canChooseOwner ? 'ownerOrganizationId' : undefined} extra={canChooseOwner ? t('datasets.commit.ownerHint') : undefined}>
                {canChooseOwner ? (
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={user.organization.name}
                    loading={directory.isLoading}
                    options={(directory.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
                  />
                ) : (
                  <Typography.Text>{user.organization.name}</Typography.Text>
                )}
              </Form.Item>
              {!agency && (
                <Form.Item name="visibleRoles" label={t('datasets.visibility')} extra={t('datasets.commit.visibilityHint')}>
                  <Select mode="multiple" options={PROCURATORATE_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
                </Form.Item>
              )}
              {canChooseOwner && (
                <Form.Item name="visibleOrganizationIds" label={t('datasets:sharing.organizations')} extra={t('datasets:sharing.organizationsHint')}>
                  <OrganizationPicker testId="commit-organizations" />
                </Form.Item>
              )}
            </>
          )}
          <Form.Item name="strict" valuePropName="checked" extra={t('datasets.commit.strictHint')}>
            <Checkbox data-testid="commit-strict">{t('datasets.commit.strict')}</Checkbox>
          </Form.Item>
          {preview.rowsRejected > 0 && (
            <Alert
              style={{ marginBottom: 16 }}
              type="warning"
              showIcon
              title={t('datasets.commit.rejectedNotice', { count: preview.rowsRejected })}
            />
          )}
          {error !== null && (
            <div style={{ marginBottom: 16 }}>
              <FileProblemAlert error={error} />
            </div>
          )}
          <Flex gap={8} justify="flex-end">
            <Button onClick={onBack} disabled={commit.isPending}>
              {t('datasets.upload.back')}
            </Button>
            <Button type="primary" htmlType="submit" loading={commit.isPending} data-testid="commit-import">
              {t('datasets.commit.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Spin>
  );
}

/** While it runs: a progress bar with rows, speed and a Cancel button. */
function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const { message, modal } = App.useApp();
  const format = useFormat();
  const cancel = useCancelImport();
  const percent = job.bytesTotal > 0 ? Math.min(99, Math.floor((job.bytesDone / job.bytesTotal) * 100)) : 0;
  function confirmCancel() {
    modal.confirm({
      title: t('datasets:job.cancel'),
      content: t('datasets:job.cancelConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'cancel-import-confirm' } as ButtonProps,
      onOk: () =>
        cancel.mutateAsync(job.id).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 409) message.info(t('datasets:job.notCancellable'));
          else reportError(error, message);
        }),
    });
  }
  return (
    <Card title={t('datasets:job.title')} data-testid="import-progress">
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'file', label: t('datasets:job.file'), children: job.fileName },
            { key: 'dataset', label: t('datasets:job.dataset'), children: job.datasetName },
            { key: 'stage', label: t('datasets:job.stage'), children: <span data-testid="import-stage">{t(`datasets:job.stages.${job.stage}`)}</span> },
            { key: 'elapsed', label: t('datasets:job.elapsedLabel'), children: t('datasets:job.elapsed', { seconds: format.number(Math.round(job.elapsedMs / 1000)) }) },
          ]}
        />
        <Progress percent={job.stage === 'committing' ? 99 : percent} status="active" data-testid="import-progress-bar" />
        <Flex gap={16} wrap align="center">
          <Typography.Text data-testid="import-rows">
            {t('datasets:job.rows', { read: format.number(job.rowsRead), imported: format.number(job.rowsImported), rejected: format.number(job.rowsRejected) })}
          </Typography.Text>
          {job.rowsPerSecond !== null && (
            <Typography.Text type="secondary" data-testid="import-speed">
              {t('datasets:job.speed', { rate: format.number(job.rowsPerSecond) })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">
            {t('datasets:job.bytes', { done: format.number(Math.round(job.bytesDone / 1024)), total: format.number(Math.round(job.bytesTotal / 1024)) })}
          </Typography.Text>
        </Flex>
        <Flex justify="flex-end">
          <Button danger onClick={confirmCancel} disabled={!job.cancellable} loading={cancel.isPending} data-testid="cancel-import">
            {job.cancellable ? t('datasets:job.cancel') : t('datasets:job.notCancellable')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/** Step 4: the import running, then what was imported (or why nothing was), with the way to the dataset. */
function ImportStep({ jobId, onAgain }: { jobId: string; onAgain: () => void }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const format = useFormat();
  const query = useImportJob(jobId);
  const job = query.data;
  if (query.error) {
    return (
      <Card>
        <Result status="warning" title={t('datasets:job.gone')} extra={<Button onClick={onAgain}>{t('datasets.result.again')}</Button>} />
      </Card>
    );
  }
  if (!job) return <Spin />;
  if (job.state === 'running') return <ImportProgress job={job} />;
  const version = job.version;
  const again = (
    <Button key="again" onClick={onAgain}>
      {t('datasets.result.again')}
    </Button>
  );
  if (job.state === 'cancelled') {
    return (
      <Card data-testid="import-result">
        <Result status="info" title={t('datasets:job.cancelled')} subTitle={t('datasets:job.cancelledDetail')} extra={[again]} />
      </Card>
    );
  }
  const failed = job.state === 'failed';
  return (
    <Card data-testid="import-result">
      <Result
        status={failed ? 'error' : version && version.rowsRejected > 0 ? 'warning' : 'success'}
        title={failed ? t('datasets.result.failed') : t('datasets.result.imported', { name: job.datasetName, version: version?.version ?? '—' })}
        subTitle={
          <Flex vertical gap={4}>
            {job.failure && <span>{job.failure.reason === 'strict_rejected' ? t('datasets.fileProblems.strict_rejected') : job.failure.message}</span>}
            {version && (
              <span>
                {t('datasets.result.counts', {
                  read: format.number(version.rowsRead),
                  imported: format.number(version.rowsImported),
                  rejected: format.number(version.rowsRejected),
                  warnings: format.number(version.warningsCount),
                })}
              </span>
            )}
          </Flex>
        }
        extra={[
          <Link key="dataset" to={`/datasets/${job.datasetId}`}>
            <Button type="primary" data-testid="open-dataset">
              {t('datasets.result.openDataset')}
            </Button>
          </Link>,
          again,
        ]}
      />
      {job.errors.length > 0 && (
        <>
          <Typography.Title level={5}>{t('datasets.preview.rejected', { count: version?.errorsCount ?? job.errors.length })}</Typography.Title>
          <IssuesTable issues={job.errors} kind={job.kind} testId="rejected-rows" total={version?.errorsCount} />
        </>
      )}
      {job.warnings.length > 0 && (
        <>
          <Typography.Title level={5}>{t('datasets.preview.warningsTitle', { count: version?.warningsCount ?? job.warnings.length })}</Typography.Title>
          <IssuesTable issues={job.warnings} kind={job.kind} total={version?.warningsCount} />
        </>
      )}
    </Card>
  );
}

/** Imports of this user still running, e.g. when the page was left or reloaded mid-import. */
function RunningImports({ onFollow }: { onFollow: (jobId: string) => void }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const running = useRunningImports();
  const items = running.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="running-imports"
      title={t('datasets:job.running', { count: items.length })}
      description={
        <Flex vertical gap={4}>
          {items.map((job) => (
            <Flex key={job.id} gap={8} align="center">
              <span>
                {job.fileName} → {job.datasetName}
              </span>
              <Button size="small" type="link" onClick={() => onFollow(job.id)}>
                {t('datasets:job.follow')}
              </Button>
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}

export default function UploadPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const initialDatasetId = params.get('dataset') ?? undefined;
  const initialKind = params.get('kind') ?? undefined;
  /** The running (or ended) import, kept in the URL so that a reload finds it again. */
  const jobId = params.get('job');
  const [step, setStep] = useState<Step>(jobId ? 'import' : 'file');
  const [preview, setPreview] = useState<Preview | null>(null);
  /** What the current preview was read with: the commit uses the same. */
  const [source, setSource] = useState<{ kind?: string; encoding?: SourceEncoding; sheet?: string; mapping?: Mapping }>({});
  const [busy, setBusy] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>(null);

  // Leaving the page with an upload not imported discards it on the server.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    pending.current = step === 'preview' || step === 'commit' ? (preview?.uploadId ?? null) : null;
  }, [step, preview]);
  useEffect(
    () => () => {
      if (pending.current) void discardUpload(pending.current).catch(() => undefined);
    },
    [],
  );

  function follow(id: string) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('job', id);
        return next;
      },
      { replace: false },
    );
    setStep('import');
  }

  function repreview(change: { kind?: string; encoding?: SourceEncoding; sheet?: string; mapping?: Mapping }) {
    if (!preview) return;
    const next = { ...source, ...change, kind: change.kind ?? preview.kind };
    setBusy(true);
    setPreviewError(null);
    previewUpload(preview.uploadId, next)
      .then((p) => {
        setPreview(p);
        setSource({ ...next, kind: p.kind });
      })
      .catch(setPreviewError)
      .finally(() => setBusy(false));
  }

  function again() {
    if (preview && step !== 'import') void discardUpload(preview.uploadId).catch(() => undefined);
    setPreview(null);
    setPreviewError(null);
    setSource({});
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete('job');
        return next;
      },
      { replace: false },
    );
    setStep('file');
  }

  return (
    <PageContainer title={t('menu.datasetUpload')} breadcrumb={[{ key: 'datasets', title: <Link to="/datasets">{t('menu.datasets')}</Link> }, { key: 'upload', title: t('menu.datasetUpload') }]}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('datasets.upload.intro')}
      </Typography.Paragraph>
      <Steps current={STEPS.indexOf(step)} items={STEPS.map((s) => ({ title: t(`datasets.steps.${s === 'import' ? 'done' : s}`) }))} size="small" />
      {step === 'file' && (
        <>
          <RunningImports onFollow={follow} />
          <FileStep
            initialKind={initialKind}
            onPreview={(p, options) => {
              setPreview(p);
              setSource({ kind: p.kind, encoding: options.encoding, sheet: options.sheet });
              setStep('preview');
            }}
          />
        </>
      )}
      {step === 'preview' && preview && (
        <PreviewStep preview={preview} busy={busy} error={previewError} onRepreview={repreview} onBack={again} onNext={() => setStep('commit')} />
      )}
      {step === 'commit' && preview && (
        <CommitStep
          preview={preview}
          source={{ encoding: source.encoding, sheet: source.sheet, mapping: source.mapping }}
          initialDatasetId={initialDatasetId}
          onBack={() => setStep('preview')}
          onStarted={(job) => follow(job.id)}
        />
      )}
      {step === 'import' && jobId && <ImportStep key={jobId} jobId={jobId} onAgain={again} />}
    </PageContainer>
  );
}
