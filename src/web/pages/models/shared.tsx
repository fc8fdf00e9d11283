import { Alert, DatePicker, Input, InputNumber, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage, modelProblem } from '../../api/errors';
import type { HitChange, ModelDocument, ReviewStatus, RunStatus } from '../../api/models';

export const REVIEW_COLORS: Record<ReviewStatus, string> = { pending: 'default', confirmed: 'green', dismissed: 'red' };

export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return <Tag color={REVIEW_COLORS[status]}>{t(`hits.reviewStatus.${status}`)}</Tag>;
}

export function ChangeTag({ change }: { change: HitChange }) {
  const { t } = useTranslation();
  return <Tag color={change === 'new' ? 'blue' : change === 'resolved' ? 'green' : 'default'}>{t(`hits.changes.${change}`)}</Tag>;
}

const RUN_COLORS: Record<RunStatus, string> = { running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'default' };

export function RunStatusTag({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return <Tag color={RUN_COLORS[status]}>{t(`runs.status.${status}`)}</Tag>;
}

/**
 * Why the server refused a model document or a run, each problem with its place: e.g. which
 * dataset has not been imported yet. Other errors are said in one line.
 */
export function ProblemsAlert({ error, title }: { error: unknown; title: string }) {
  const problems = error instanceof ApiError ? error.fields.map(modelProblem) : [];
  return (
    <Alert
      type="error"
      showIcon
      title={problems.length > 0 ? title : errorMessage(error)}
      description={
        problems.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {problems.map((problem, index) => (
              <li key={`${problem.path}-${index}`}>
                {problem.path && <code>{problem.path}</code>}
                {problem.path && ': '}
                {problem.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

export type ParameterDefinition = ModelDocument['parameters'][string];

const DATE_FORMAT = 'YYYY-MM-DD';

/** A form value for a parameter: numbers stay numbers, dates are dayjs for the picker. */
export function toFormValue(definition: ParameterDefinition, value: string | number | undefined): string | number | Dayjs | undefined {
  if (value === undefined || value === null) return undefined;
  if (definition.type === 'date') return dayjs(String(value), DATE_FORMAT);
  return value;
}

/** The value a form field holds, as the API takes it; blank is undefined. */
export function fromFormValue(definition: ParameterDefinition, value: unknown): string | number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (definition.type === 'date') return dayjs.isDayjs(value) ? value.format(DATE_FORMAT) : String(value);
  if (definition.type === 'text') return String(value);
  return typeof value === 'number' ? value : Number(value);
}

/** The input for one parameter of a model, by its type: a number with its bounds, a date or text. */
export function ParameterInput({ definition, ...props }: { definition: ParameterDefinition; placeholder?: string }) {
  // Form.Item hands its child `id`, `value` and `onChange`: they pass through `props`.
  const common = { ...props, style: { width: '100%' } };
  switch (definition.type) {
    case 'int':
      return <InputNumber {...common} min={definition.min} max={definition.max} precision={0} step={1} />;
    case 'decimal':
      return <InputNumber {...common} min={definition.min} max={definition.max} step={0.1} />;
    case 'money':
      return (
        <InputNumber
          {...common}
          min={definition.min}
          max={definition.max}
          precision={2}
          step={1000}
          prefix="¥"
          // Thousands separators; the input's own parser drops them again.
          formatter={(value) => {
            const [whole, fraction] = `${value ?? ''}`.split('.');
            return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
          }}
        />
      );
    case 'date':
      return <DatePicker {...common} format={DATE_FORMAT} />;
    default:
      return <Input {...common} />;
  }
}

/** Saves a text as a file the browser downloads. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A model document as exported: pretty-printed JSON, as the diff shows it too. */
export function documentText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
