import type { FormInstance } from 'antd';
import { PASSWORD_RULE_PARAMS } from '../forms';
import i18n from '../i18n';
import { ApiError, type FieldIssue } from './client';

/** What a size issue (too_small, too_big) measured: a text's length, a number, or a list's count. */
type Origin = 'string' | 'number' | 'array';

function originOf(params: Record<string, unknown>): Origin {
  const origin = params.origin;
  if (origin === 'number' || origin === 'bigint' || origin === 'int') return 'number';
  if (origin === 'array' || origin === 'set') return 'array';
  return 'string';
}

function translated(key: string, options?: Record<string, unknown>): string | null {
  return i18n.exists(key) ? String(i18n.t(key as never, options)) : null;
}

/** One server validation issue in the user's language, from its zod code and params. */
export function fieldIssueMessage(issue: FieldIssue): string {
  const params = issue.params ?? {};
  const t = (key: string, options?: Record<string, unknown>) =>
    translated(`validation.${key}`, options) ?? String(i18n.t('validation.invalid'));
  switch (issue.code) {
    case 'too_small': {
      const origin = originOf(params);
      if (origin === 'string' && Number(params.minimum) <= 1) return t('required');
      return t(`too_small.${origin}`, { minimum: params.minimum });
    }
    case 'too_big':
      return t(`too_big.${originOf(params)}`, { maximum: params.maximum });
    case 'invalid_type':
      return t('invalid_type');
    case 'invalid_format':
      return t(params.format === 'email' ? 'invalid_format.email' : 'invalid_format.other');
    case 'invalid_value':
      return t('invalid_value');
    case 'custom':
      return t(`reason.${String(params.reason)}`, PASSWORD_RULE_PARAMS);
    default:
      return t('invalid');
  }
}

/** The message for an error as a whole: the contract's error code, translated. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return translated(`errors.${error.code}`) ?? String(i18n.t('errors.internal'));
  }
  return String(i18n.t('errors.network'));
}

function fieldName(path: FieldIssue['path']): string {
  const first = Array.isArray(path) ? path[0] : path.split('.')[0];
  return String(first);
}

/**
 * Puts each validation issue on the form field it names. Returns true when every issue found
 * its field, so the caller need not say anything else.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const registered = new Set(form.getFieldsError().map((field) => String(field.name[0])));
  const byField = new Map<string, string[]>();
  let unplaced = false;
  for (const issue of error.fields) {
    const name = fieldName(issue.path);
    if (!registered.has(name)) {
      unplaced = true;
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), fieldIssueMessage(issue)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return !unplaced;
}

interface MessageApi {
  error: (content: string) => unknown;
}

/** Field errors go on their fields; anything else becomes one translated message. */
export function reportError(error: unknown, message: MessageApi, form?: FormInstance): void {
  if (form && showFieldErrors(form, error)) return;
  void message.error(errorMessage(error));
}

/** A dataset kind by its name in the user's language; a kind the app does not know (a custom
 * kind), by the label it was defined with when given, else as named. */
export function datasetKindLabel(kind: string, label?: string): string {
  return translated(`datasetKinds.${kind}`) ?? label ?? kind;
}

/** Problems the model runner words in English, recognised so they can be said in the user's language. */
const MODEL_PROBLEMS: { pattern: RegExp; say: (match: RegExpExecArray) => string | null }[] = [
  {
    pattern: /^no imported dataset of kind "([^"]+)"$/,
    say: ([, kind]) => translated('models.problems.noDataset', { kind: datasetKindLabel(kind) }),
  },
  {
    pattern: /^several datasets of kind "([^"]+)" \((.*)\): choose one$/,
    say: ([, kind, names]) => translated('models.problems.severalDatasets', { kind: datasetKindLabel(kind), names }),
  },
];

/**
 * One problem the server found in a model document or a run, as where (the path in the
 * document or request) and what. Model problems carry the engine's precise wording; a known one
 * is translated, any other is shown as the engine said it, never reduced to "invalid".
 */
export function modelProblem(issue: FieldIssue): { path: string; message: string } {
  const path = Array.isArray(issue.path) ? issue.path.join('.') : issue.path;
  if (issue.params?.reason === 'model_problem' || issue.code === 'custom') {
    for (const { pattern, say } of MODEL_PROBLEMS) {
      const match = pattern.exec(issue.message);
      const message = match && say(match);
      if (message) return { path, message };
    }
    if (issue.params?.reason === 'model_problem') return { path, message: issue.message };
  }
  const params = issue.params ?? {};
  if ((issue.code === 'too_small' && !('minimum' in params)) || (issue.code === 'too_big' && !('maximum' in params))) {
    // A size without its bound cannot be said generically: the validator's words say it.
    return { path, message: issue.message };
  }
  const general = fieldIssueMessage(issue);
  // The validator's own words add what a generic translation leaves out (e.g. "must be kebab-case").
  return { path, message: issue.message && issue.message !== general ? `${general} (${issue.message})` : general };
}
