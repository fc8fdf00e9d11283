// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n';
import { ProbableMatchNotice } from './ProbableMatchNotice';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as never;

let root: Root;
let container: HTMLDivElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  await i18n.changeLanguage('zh-CN');
});

const render = async (rows: Record<string, unknown>[]) => {
  await act(async () => root.render(<ProbableMatchNotice rows={rows} />));
  return container.querySelector('[data-testid="probable-match"]');
};

describe('ProbableMatchNotice', () => {
  it('says nothing for rows linked by ID number', async () => {
    expect(await render([{ _line: 2, name: '张三' }])).toBeNull();
  });

  it('marks name-and-birth-date rows as a probable match (可能匹配)', async () => {
    await i18n.changeLanguage('zh-CN');
    const notice = await render([{ _line: 2, name: '张三', _link: 'name_birth', _confidence: 'probable' }]);
    expect(notice?.textContent).toContain('可能匹配');
    expect(notice?.textContent).toContain('姓名与出生日期相同');
    expect(notice?.textContent).not.toContain('相似度');
  });

  it('shows the similarity range of fuzzy-name rows, in English too', async () => {
    await i18n.changeLanguage('en-US');
    const notice = await render([
      { _line: 2, name: '张三', _link: 'fuzzy_name', _confidence: 'probable', _similarity: 0.9 },
      { _line: 3, name: '章三', _link: 'fuzzy_name', _confidence: 'probable', _similarity: '1.000' },
    ]);
    expect(notice?.textContent).toContain('Probable match');
    expect(notice?.textContent).toContain('similar name (pinyin and characters)');
    expect(notice?.textContent).toContain('90% – 100%');
    expect(notice?.textContent).toContain('2 rows');
  });
});
