import { WarningOutlined } from '@ant-design/icons';
import { Alert, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ColumnDefinition } from '../../../domain/datasetKinds';
import { ApiError } from '../../api/client';
import { type DatasetRow, type Issue, type LegalBasis, fileProblem } from '../../api/datasets';
import { datasetKindLabel, errorMessage } from '../../api/errors';
import i18n from '../../i18n';
import { columnTitle, formatValue, kindColumn } from '../../evidence';
import type { Format } from '../../format';
import { type Locale, useLocale } from '../../i18n';

const BASIS_COLORS: Record<LegalBasis, string> = { investigation: 'purple', agreement: 'blue', other: 'default' };

export function LegalBasisTag({ basis }: { basis: LegalBasis }) {
  const { t } = useTranslation();
  return <Tag color={BASIS_COLORS[basis]}>{t(`datasets.legalBases.${basis}`)}</Tag>;
}

export function KindTag({ kind, label }: { kind: string; label?: string }) {
  return (
    <Tag color="geekblue" variant="outlined">
      {datasetKindLabel(kind, label)}
    </Tag>
  );
}

function translatedOr(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18n.exists(key) ? String(i18n.t(key as never, options)) : fallback;
}

/** Why a row was rejected, or what a warning says, in the user's language. */
export function issueReason(reason: string): string {
  return translatedOr(`datasets.issueReasons.${reason}`, reason);
}

/** A whole-file problem (422 `invalid_file`, `import_failed`), one translated sentence per reason. */
export function fileProblemMessage(error: unknown): string {
  const problem = fileProblem(error);
  if (!problem) return errorMessage(error);
  if (problem.code === 'import_failed' && problem.reason === 'strict_rejected') return String(i18n.t('datasets.fileProblems.strict_rejected'));
  return translatedOr(`datasets.fileProblems.${problem.reason}`, String(i18n.t('datasets.fileProblems.other')));
}

/** The problem with a file: the translated reason, and the server's own words (they name columns and lines). */
export function FileProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  const problem = fileProblem(error);
  const tooLarge = error instanceof ApiError && error.status === 413;
  const said = tooLarge ? t('datasets.fileProblems.too_large') : fileProblemMessage(error);
  const detail = (problem || tooLarge) && error instanceof ApiError ? error.message : '';
  return (
    <Alert
      type="error"
      showIcon
      data-testid="file-problem"
      title={title ?? said}
      description={
        title || detail ? (
          <>
            {title && <div>{said}</div>}
            {detail && <Typography.Text type="secondary">{t('datasets.fileProblems.detail', { detail })}</Typography.Text>}
          </>
        ) : undefined
      }
    />
  );
}

/** A column's heading: from the kind's definition (label in Chinese, name in words otherwise). */
export function datasetColumnTitle(kind: string, name: string, locale: Locale): string {
  return columnTitle(kindColumn(kind, name), name, locale);
}

/** Validity flags of ID columns are shown on the ID column itself. */
export const isValidityFlag = (name: string) => name.endsWith('_valid');

/** A cell of a data row: the value formatted by its column type; an invalid ID flagged. */
export function RowValue({ row, name, column, format, locale }: { row: DatasetRow; name: string; column: ColumnDefinition | undefined; format: Format; locale: Locale }) {
  const { t } = useTranslation();
  const value = row[name];
  const text = formatValue(value, column?.type, format, locale, column);
  if (column?.type === 'id' && row[`${name}_valid`] === false && value !== null && value !== undefined && value !== '') {
    return (
      <span style={{ whiteSpace: 'nowrap' }}>
        {text}{' '}
        <Tooltip title={t('datasets.rows.invalidIdHint')}>
          <Tag color="warning" icon={<WarningOutlined />} style={{ marginInlineStart: 4 }}>
            {t('datasets.rows.invalidId')}
          </Tag>
        </Tooltip>
      </span>
    );
  }
  return <span style={{ whiteSpace: column?.type === 'text' ? 'normal' : 'nowrap' }}>{text}</span>;
}

/** The raw attributes a row kept (headers not mapped to a column). */
export function ExtraAttributes({ extra }: { extra: Record<string, unknown> | null | undefined }) {
  const { t } = useTranslation();
  const entries = Object.entries(extra ?? {});
  if (entries.length === 0) return <Typography.Text type="secondary">{t('datasets.rows.noExtra')}</Typography.Text>;
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }}>
      {entries.map(([key, value]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>
            <Typography.Text type="secondary">{key}</Typography.Text>
          </dt>
          <dd style={{ margin: 0 }}>{value === null || value === undefined || value === '' ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Rejected rows or warnings of an import: line, column, reason and the (masked) value. */
export function IssuesTable({ issues, kind, testId, total }: { issues: Issue[]; kind: string; testId?: string; total?: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns: ColumnsType<Issue & { key: number }> = [
    { title: t('datasets.issues.line'), dataIndex: 'line', width: 90 },
    {
      title: t('datasets.issues.column'),
      dataIndex: 'column',
      width: 200,
      render: (column: string | null) => (column === null ? '—' : kindColumn(kind, column) ? datasetColumnTitle(kind, column, locale) : column),
    },
    { title: t('datasets.issues.reason'), dataIndex: 'reason', render: (reason: string) => issueReason(reason) },
    { title: t('datasets.issues.value'), dataIndex: 'value', render: (value?: string) => (value === undefined || value === '' ? '—' : <code>{value}</code>) },
  ];
  return (
    <Table
      data-testid={testId}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={issues.map((issue, key) => ({ ...issue, key }))}
      pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      footer={total !== undefined && total > issues.length ? () => t('datasets.issues.shown', { shown: issues.length, total }) : undefined}
      scroll={{ x: 'max-content' }}
    />
  );
}
