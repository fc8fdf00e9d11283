// @vitest-environment jsdom
import type { FormInstance } from 'antd';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError, type FieldIssue } from './client';
import { errorMessage, fieldIssueMessage, modelProblem, showFieldErrors } from './errors';

const tooShort: FieldIssue = {
  path: 'newPassword',
  code: 'too_small',
  message: 'Too small',
  params: { origin: 'string', minimum: 8 },
};

describe('fieldIssueMessage', () => {
  beforeEach(() => i18n.changeLanguage('zh-CN'));

  it('translates a zod issue from its code and params', async () => {
    expect(fieldIssueMessage(tooShort)).toBe('至少 8 个字符');
    await i18n.changeLanguage('en-US');
    expect(fieldIssueMessage(tooShort)).toBe('At least 8 characters');
  });

  it('reads a one-character minimum as "required"', () => {
    expect(fieldIssueMessage({ ...tooShort, params: { origin: 'string', minimum: 1 } })).toBe('此项必填');
  });

  it('translates custom issues by their reason', () => {
    const weak: FieldIssue = { path: 'newPassword', code: 'custom', message: '', params: { reason: 'password_weak' } };
    expect(fieldIssueMessage(weak)).toContain('8–128');
    expect(fieldIssueMessage({ ...weak, params: { reason: 'wrong_password' } })).toBe('当前密码不正确');
  });

  it('falls back to a generic message for an unknown reason or code', () => {
    expect(fieldIssueMessage({ ...tooShort, code: 'custom', params: { reason: 'brand_new' } })).toBe('输入无效');
    expect(fieldIssueMessage({ ...tooShort, code: 'not_a_zod_code' })).toBe('输入无效');
  });
});

describe('errorMessage', () => {
  beforeEach(() => i18n.changeLanguage('zh-CN'));

  it('translates the contract error code', () => {
    expect(errorMessage(new ApiError(401, { error: 'invalid_credentials' }))).toBe('用户名或密码错误');
    expect(errorMessage(new ApiError(429, { error: 'locked' }))).toBe('尝试次数过多，账户已临时锁定，请稍后再试');
  });

  it('says the server cannot be reached when fetch itself failed', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试');
  });
});

describe('showFieldErrors', () => {
  function fakeForm(fieldNames: string[]) {
    const set: { name: string; errors: string[] }[] = [];
    const form = {
      getFieldsError: () => fieldNames.map((name) => ({ name: [name], errors: [], warnings: [] })),
      setFields: (fields: { name: string; errors: string[] }[]) => set.push(...fields),
    } as unknown as FormInstance;
    return { form, set };
  }

  beforeEach(() => i18n.changeLanguage('zh-CN'));

  it('puts each issue on the field it names', () => {
    const { form, set } = fakeForm(['currentPassword', 'newPassword']);
    const error = new ApiError(400, { error: 'validation', fields: [tooShort] });
    expect(showFieldErrors(form, error)).toBe(true);
    expect(set).toEqual([{ name: 'newPassword', errors: ['至少 8 个字符'] }]);
  });

  it('reports false when an issue names no field of the form', () => {
    const { form } = fakeForm(['currentPassword']);
    expect(showFieldErrors(form, new ApiError(400, { error: 'validation', fields: [tooShort] }))).toBe(false);
    expect(showFieldErrors(form, new ApiError(500, { error: 'internal' }))).toBe(false);
  });
});

describe('modelProblem', () => {
  beforeEach(() => i18n.changeLanguage('zh-CN'));

  it('says a missing dataset in the user language, with the path', () => {
    const issue: FieldIssue = { path: 'datasets.criminal_judgments', code: 'custom', message: 'no imported dataset of kind "criminal_judgments"', params: { reason: 'model_problem' } };
    expect(modelProblem(issue)).toEqual({ path: 'datasets.criminal_judgments', message: '尚未导入“刑事判决”数据集' });
  });

  it('keeps the engine wording of a problem it does not know', () => {
    const issue: FieldIssue = { path: 'rules[0].where.left.col', code: 'custom', message: 'unknown column "foo" in property_registrations', params: { reason: 'model_problem' } };
    expect(modelProblem(issue).message).toBe('unknown column "foo" in property_registrations');
  });

  it('adds the validator wording to a translated document issue', () => {
    const issue: FieldIssue = { path: 'rules.0.id', code: 'invalid_format', message: 'must be kebab-case', params: {} };
    expect(modelProblem(issue)).toEqual({ path: 'rules.0.id', message: '格式不正确 (must be kebab-case)' });
  });

  it('keeps the validator wording of a size issue that comes without its bound', () => {
    const issue: FieldIssue = { path: 'rules', code: 'too_small', message: 'Too small: expected array to have >=1 items', params: {} };
    expect(modelProblem(issue)).toEqual({ path: 'rules', message: 'Too small: expected array to have >=1 items' });
  });
});
