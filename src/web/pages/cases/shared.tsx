import { Tag, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import type { ClueSource, ClueStatus, DocumentState, ObjectionState, ReplyResult, TransferCheck } from '../../api/cases';
import { reportError } from '../../api/errors';
import i18n from '../../i18n';

/** The groups of codes the `cases` namespace names (states, sources, document types …). */
export type LabelGroup =
  | 'sources'
  | 'clueStatuses'
  | 'transferStatuses'
  | 'kinds'
  | 'states'
  | 'actions'
  | 'documentTypes'
  | 'documentStates'
  | 'suggestionKinds'
  | 'clockCodes'
  | 'clockStatuses'
  | 'pauseReasons'
  | 'replyResults'
  | 'objectionStates'
  | 'nonProsecutionKinds'
  | 'checklist'
  | 'answers'
  | 'sanctionTypes'
  | 'serviceMethods'
  | 'approvalSteps'
  | 'events'
  | 'suspensionGrounds'
  | 'supervisionTypes'
  | 'courtDecisionKinds'
  | 'exOfficioGrounds'
  | 'applicantRoles'
  | 'windowStatuses'
  | 'courtOutcomes'
  | 'litigationSuggestionKinds'
  | 'committeeDecisions';

/** A code in words; a code the app does not know (added on the server later) as written. */
export function caseLabel(group: LabelGroup, code: string | null | undefined): string {
  if (!code) return '';
  const key = `cases:${group}.${code}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : code;
}

/** `caseLabel` that re-renders with the language. */
export function useCaseLabel(): typeof caseLabel {
  useTranslation(['translation', 'cases']);
  return caseLabel;
}

// ── tags ──────────────────────────────────────────────────────────────────────────────────

const CLUE_STATUS_COLORS: Record<ClueStatus, string> = { received: 'blue', evaluating: 'processing', filed: 'green', declined: 'default', merged: 'purple' };

export function ClueStatusTag({ status }: { status: ClueStatus }) {
  const label = useCaseLabel();
  return (
    <Tag color={CLUE_STATUS_COLORS[status]} data-testid="clue-status">
      {label('clueStatuses', status)}
    </Tag>
  );
}

const SOURCE_COLORS: Record<ClueSource, string> = { model_hit: 'geekblue', non_prosecution: 'volcano', manual: 'default', agency_transfer: 'cyan', complaint: 'gold', litigation_application: 'purple' };

export function SourceTag({ source }: { source: ClueSource }) {
  const label = useCaseLabel();
  return (
    <Tag color={SOURCE_COLORS[source]} variant="outlined">
      {label('sources', source)}
    </Tag>
  );
}

/** Where a case stands: closed and terminated cases grey, waiting on the agency blue, internal work gold. */
function stateColor(state: string): string {
  if (state === 'closed' || state === 'terminated' || state === 'not_supported') return 'default';
  if (state === 'suspended') return 'purple';
  if (['awaiting_reply', 'reply_received', 'objection_review', 'awaiting_response', 'response_received'].includes(state)) return 'blue';
  if (state === 'follow_up') return 'orange';
  return 'gold';
}

export function CaseStateTag({ state }: { state: string }) {
  const label = useCaseLabel();
  return (
    <Tag color={stateColor(state)} data-testid="case-state">
      {label('states', state)}
    </Tag>
  );
}

const DOCUMENT_STATE_COLORS: Record<DocumentState, string> = {
  draft: 'default',
  pending_head: 'gold',
  pending_chief: 'orange',
  approved: 'green',
  served: 'blue',
  withdrawn: 'default',
};

export function DocumentStateTag({ state }: { state: DocumentState }) {
  const label = useCaseLabel();
  return (
    <Tag color={DOCUMENT_STATE_COLORS[state]} data-testid="document-state">
      {label('documentStates', state)}
    </Tag>
  );
}

const RESULT_COLORS: Record<ReplyResult, string> = { adopted: 'green', partially_adopted: 'gold', not_adopted: 'red' };

export function ReplyResultTag({ result }: { result: ReplyResult }) {
  const label = useCaseLabel();
  return <Tag color={RESULT_COLORS[result]}>{label('replyResults', result)}</Tag>;
}

const OBJECTION_COLORS: Record<ObjectionState, string> = { pending: 'processing', upheld: 'green', rejected: 'red' };

export function ObjectionStateTag({ state }: { state: ObjectionState }) {
  const label = useCaseLabel();
  return <Tag color={OBJECTION_COLORS[state]}>{label('objectionStates', state)}</Tag>;
}

const TRANSFER_COLORS: Record<TransferCheck['status'], string> = { on_time: 'green', late: 'red', pending: 'blue', overdue: 'red', not_computable: 'default' };

/** The 3-working-day transfer check of a non-prosecution decision. */
export function TransferTag({ transfer }: { transfer: TransferCheck }) {
  const label = useCaseLabel();
  return (
    <Tag color={TRANSFER_COLORS[transfer.status]} data-testid="transfer-status">
      {label('transferStatuses', transfer.status)}
    </Tag>
  );
}

// ── small pieces ──────────────────────────────────────────────────────────────────────────

/** Multi-line text as written, or a dash. */
export function Prose({ text, testId }: { text: string | null | undefined; testId?: string }) {
  if (!text?.trim()) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={testId}>
      {text}
    </Typography.Paragraph>
  );
}

export function RefLink({ to, text }: { to: string | null | undefined; text: string | null | undefined }) {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  return to ? <Link to={to}>{text}</Link> : <>{text}</>;
}

// ── dates and lists in forms ──────────────────────────────────────────────────────────────

export const DATE = 'YYYY-MM-DD';

export const today = (): Dayjs => dayjs();

/** A picker's value as the API's calendar date; nothing for an empty picker. */
export function isoOf(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format(DATE) : undefined;
}

/** A list edited as text, one item per line; blank lines dropped. */
export function linesOf(text: string | null | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function textOf(lines: readonly string[] | null | undefined): string {
  return (lines ?? []).join('\n');
}

/** Empty text as null: the API's "not given". */
export function orNull(text: string | null | undefined): string | null {
  return text?.trim() ? text.trim() : null;
}

// ── errors ────────────────────────────────────────────────────────────────────────────────

interface MessageApi {
  error: (content: string) => unknown;
}

/**
 * Refusals particular to case work said in their own words (a step the case's state does not
 * allow, a draft already in progress, a reply given twice …); field reasons the commands give
 * (not an agency, not a procurator) go on their fields; anything else as usual.
 */
export function reportCaseError(error: unknown, message: MessageApi, form?: FormInstance): void {
  if (error instanceof ApiError) {
    const key = `cases:errors.${error.code}`;
    if (error.code !== 'validation' && i18n.exists(key)) {
      void message.error(String(i18n.t(key as never)));
      return;
    }
    const reasons = error.fields.map((issue) => ({ issue, key: `cases:reasons.${String(issue.params?.reason)}` })).filter(({ key: k }) => i18n.exists(k));
    if (reasons.length > 0) {
      if (form) {
        form.setFields(reasons.map(({ issue, key: k }) => ({ name: String(Array.isArray(issue.path) ? issue.path[0] : issue.path.split('.')[0]), errors: [String(i18n.t(k as never))] })));
      } else {
        void message.error(reasons.map(({ key: k }) => String(i18n.t(k as never))).join(' '));
      }
      return;
    }
  }
  reportError(error, message, form);
}

/**
 * A "my tasks" kind from case handling (server/jobs/caseWork.ts) in words: `clock.<code>` is the
 * deadline's name, the others are `cases:workKinds`; a kind from elsewhere stays as it is.
 */
export function workKindLabel(kind: string): string {
  if (kind.startsWith('clock.')) return caseLabel('clockCodes', kind.slice('clock.'.length));
  const key = `cases:workKinds.${kind}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : kind;
}
