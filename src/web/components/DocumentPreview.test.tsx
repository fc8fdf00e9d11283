// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftDocument } from '../../domain/documents/templates';
import type { DocumentContent, DocumentLayout } from '../../domain/documents/types';
import i18n from '../i18n';
import enUSDocuments from '../locales/en-US/documents.json';
import zhCNDocuments from '../locales/zh-CN/documents.json';
import { DocumentPreview } from './DocumentPreview';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const RED_HEADER: DocumentLayout = { redHeader: true, headerText: '北京市朝阳区人民检察院' };

const suggestion: DocumentContent = {
  ...draftDocument('procuratorial_suggestion', {
    procuratorate: '北京市朝阳区人民检察院',
    agency: '北京市朝阳区市场监督管理局',
    suggestionKind: 'class',
    origin: '运用大数据法律监督模型开展类案监督',
    factsFound: '你单位对12家无照经营主体未予查处',
    annexColumns: ['当事人', '处罚决定书文号'],
    annexRows: [['赵某', '京朝市监罚〔2025〕11号']],
    copyTo: ['北京市朝阳区人民代表大会常务委员会'],
  }),
  number: '京朝检行建〔2026〕3号',
  signOff: { issuer: '北京市朝阳区人民检察院', date: '2026-03-05' },
};

let container: HTMLDivElement;
let root: Root;

function render(content: DocumentContent, layout: DocumentLayout = RED_HEADER) {
  act(() => root.render(<DocumentPreview content={content} layout={layout} />));
}

const part = (name: string) => container.querySelector(`[data-part="${name}"]`);
const texts = () => [...container.querySelectorAll('p, td, th')].map((el) => el.textContent);

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('DocumentPreview', () => {
  it('shows the red header, number, recipient, paragraphs, sign-off and copy-to line', () => {
    render(suggestion);
    expect(container.querySelector('section')?.getAttribute('aria-label')).toBe('文书预览');
    expect(part('red-header')?.textContent).toBe('北京市朝阳区人民检察院');
    expect(part('number')?.textContent).toBe('京朝检行建〔2026〕3号');
    expect(part('recipient')?.textContent).toBe('北京市朝阳区市场监督管理局：');
    expect(texts()).toContain('检察建议书');
    expect(texts()).toContain('一、基本情况');
    expect(texts()).toContain('本院在运用大数据法律监督模型开展类案监督中发现，你单位在办理同类行政执法案件中存在共性问题。本院依法进行了调查核实，现将有关情况通报如下：');
    expect(texts()).toContain('请你单位在收到本检察建议书之日起二个月内将办理情况书面回复本院。如对本检察建议书有异议，请在收到之日起【待填写：异议期限】内书面向本院提出。');
    expect(texts()).toContain('附件：涉及案件清单');
    expect(part('sign-off')?.textContent).toBe('北京市朝阳区人民检察院2026年3月5日');
    expect(part('copy-to')?.textContent).toBe('抄送：北京市朝阳区人民代表大会常务委员会。');
    expect(container.textContent).not.toContain('草稿');
  });

  it('puts the annex table on a sheet of its own, with the copy-to line after it', () => {
    render(suggestion);
    const annex = container.querySelector('article[aria-label="附件页"]')!;
    expect([...annex.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
      ['序号', '当事人', '处罚决定书文号'],
      ['1', '赵某', '京朝市监罚〔2025〕11号'],
    ]);
    expect(annex.querySelector('[data-part="copy-to"]')).not.toBeNull();
  });

  it('marks a draft and leaves the number blank', () => {
    render({ ...suggestion, number: null, signOff: { ...suggestion.signOff, date: null } });
    expect(part('number')?.textContent).toBe('〔　　〕号');
    expect(container.textContent).toContain('草稿');
  });

  it('puts the number under the title without a red header', () => {
    render(suggestion, { redHeader: false, headerText: null });
    expect(part('red-header')).toBeNull();
    const header = container.querySelector('header')!;
    expect([...header.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['检察建议书', '京朝检行建〔2026〕3号']);
  });

  it('shows an internal report without header, number or recipient, and says so', () => {
    const report = draftDocument('review_closing_report', { procuratorate: '北京市朝阳区人民检察院', procurator: '王五', person: { name: '张三' } });
    render({ ...report, signOff: { ...report.signOff, date: '2026-03-05' } });
    expect(part('red-header')).toBeNull();
    expect(part('number')).toBeNull();
    expect(part('recipient')).toBeNull();
    expect(texts()).toContain('一、被不起诉人基本情况');
    expect(container.textContent).toContain(zhCNDocuments.preview.internal);
  });

  it('translates the marks around the page, never the document', async () => {
    await act(() => i18n.changeLanguage('en-US'));
    render({ ...suggestion, number: null });
    expect(container.querySelector('section')?.getAttribute('aria-label')).toBe('Document preview');
    expect(container.textContent).toContain('Draft');
    expect(texts()).toContain('检察建议书');
  });
});

describe('documents locale files', () => {
  type Tree = { [key: string]: string | Tree };
  const keys = (tree: Tree, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)));

  it('have the same keys in both languages', () => {
    expect(keys(enUSDocuments).sort()).toEqual(keys(zhCNDocuments).sort());
  });
});
