// @vitest-environment jsdom
// jsdom for its strict XML DOMParser: it reports malformed XML, which Word refuses to open.
import { mkdirSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftDocument, type DraftFacts } from '../../domain/documents/templates';
import { DOCUMENT_TYPES, type DocumentContent, type DocumentLayout, type DocumentType } from '../../domain/documents/types';
import { renderDocx } from './docx';

const FACTS: DraftFacts = {
  procuratorate: '北京市朝阳区人民检察院',
  department: '第七检察部',
  procurator: '王五',
  person: { name: '张三', idNumber: '11010519900307283X', address: '北京市朝阳区建国路1号' },
  nonProsecution: { number: '京朝检刑不诉〔2026〕5号', date: '2026-01-10', kind: 'discretionary', charge: '危险驾驶' },
  factsFound: '2025年10月3日22时许，张三饮酒后驾驶小型轿车被查获',
  evidence: ['血液酒精含量检验报告'],
  proposedSanction: '吊销机动车驾驶证',
  sanctionProvisions: ['《中华人民共和国道路交通安全法》第九十一条第二款'],
  agency: '北京市公安局公安交通管理局朝阳交通支队',
  suggestionKind: 'class',
  annexColumns: ['当事人', '处罚决定书文号'],
  annexRows: [
    ['赵某', '京朝市监罚〔2025〕11号'],
    ['钱某', '京朝市监罚〔2025〕12号'],
  ],
  copyTo: ['北京市朝阳区人民代表大会常务委员会', '北京市人民检察院'],
  suspension: { ground: 'police_reconsideration' },
  terminationReasons: ['已超过行政处罚追责时效'],
  earlierDocument: { type: 'procuratorial_opinion', number: '京朝检行意〔2026〕3号', date: '2026-03-05' },
  objection: { date: '2026-04-01', suggestionNumber: '京朝检行建〔2026〕3号', grounds: '不属于本单位职责', result: 'rejected' },
};

const RED_HEADER: DocumentLayout = { redHeader: true, headerText: '北京市朝阳区人民检察院' };
const PLAIN: DocumentLayout = { redHeader: false, headerText: null };

const NUMBERS: Record<Exclude<DocumentType, 'review_closing_report'>, string> = {
  procuratorial_opinion: '京朝检行意〔2026〕3号',
  procuratorial_suggestion: '京朝检行建〔2026〕7号',
  follow_up_letter: '京朝检行跟〔2026〕1号',
  suspension_decision: '京朝检行中止〔2026〕2号',
  termination_decision: '京朝检行终〔2026〕4号',
  objection_review_notice: '京朝检行复核〔2026〕1号',
  retrial_suggestion: '京朝检行再建〔2026〕1号',
  protest: '京朝检行行抗〔2026〕1号',
  protest_request_report: '京朝检行提抗〔2026〕1号',
  litigation_suggestion: '京朝检行监建〔2026〕1号',
  non_support_decision: '京朝检行不支持〔2026〕1号',
};

/** The draft as approved: numbered and dated (internal documents only dated). */
function issued(type: DocumentType): DocumentContent {
  const draft = draftDocument(type, FACTS);
  return { ...draft, number: type === 'review_closing_report' ? null : NUMBERS[type], signOff: { ...draft.signOff, date: '2026-03-05' } };
}

interface Rendered {
  parts: Record<string, Document>;
  body: Document;
  paragraphs: Element[];
}

function parseXml(xml: string, name: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${name} is not well-formed XML: ${error.textContent}`);
  return doc;
}

async function unpack(buffer: Buffer): Promise<Rendered> {
  const zip = await JSZip.loadAsync(buffer);
  const parts: Record<string, Document> = {};
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    parts[name] = parseXml(await zip.file(name)!.async('string'), name);
  }
  const body = parts['word/document.xml'];
  return { parts, body, paragraphs: [...body.getElementsByTagName('w:p')] };
}

const textOf = (el: Element) => [...el.getElementsByTagName('w:t')].map((t) => t.textContent).join('');
const attr = (el: Element | undefined, tag: string, name: string) => el?.getElementsByTagName(tag)[0]?.getAttribute(name) ?? null;

function paragraphWith(r: Rendered, text: string): Element {
  const found = r.paragraphs.find((p) => textOf(p) === text);
  if (!found) throw new Error(`no paragraph reads "${text}"; paragraphs: ${r.paragraphs.map(textOf).filter(Boolean).join(' | ')}`);
  return found;
}

/** Font (East Asian), size in half-points, colour and alignment of a paragraph's first run. */
function look(p: Element) {
  const run = p.getElementsByTagName('w:r')[0];
  return {
    font: attr(run, 'w:rFonts', 'w:eastAsia'),
    size: attr(run, 'w:sz', 'w:val'),
    color: attr(run, 'w:color', 'w:val'),
    align: attr(p.getElementsByTagName('w:pPr')[0], 'w:jc', 'w:val'),
  };
}

const rendered: Partial<Record<DocumentType, Rendered>> = {};

beforeAll(async () => {
  for (const type of DOCUMENT_TYPES) rendered[type] = await unpack(await renderDocx(issued(type), RED_HEADER));
  // One file for people to open in Word or WPS; .tmp/ is outside version control.
  mkdirSync('.tmp/documents', { recursive: true });
  writeFileSync('.tmp/documents/class-suggestion.docx', await renderDocx(issued('procuratorial_suggestion'), RED_HEADER));
});

describe('renderDocx', () => {
  it('renders every document type as well-formed OOXML parts', () => {
    for (const type of DOCUMENT_TYPES) {
      const r = rendered[type]!;
      expect(Object.keys(r.parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/_rels/document.xml.rels']));
      expect(r.paragraphs.length).toBeGreaterThan(10);
    }
  });

  it('lays out an A4 page with the GB/T 9704 margins', () => {
    for (const type of DOCUMENT_TYPES) {
      const { body } = rendered[type]!;
      const size = body.getElementsByTagName('w:pgSz')[0];
      const margin = body.getElementsByTagName('w:pgMar')[0];
      expect([size.getAttribute('w:w'), size.getAttribute('w:h')]).toEqual(['11906', '16838']);
      // 37, 35, 28 and 26 mm.
      expect(['w:top', 'w:bottom', 'w:left', 'w:right'].map((a) => margin.getAttribute(a))).toEqual(['2098', '1984', '1587', '1474']);
    }
  });

  it('sets the body in 3号 仿宋_GB2312, indented two characters, at a fixed 28.95 pt line', () => {
    const r = rendered.procuratorial_opinion!;
    const p = paragraphWith(r, '请你单位在收到本检察意见书之日起二个月内将处理结果书面回复本院。');
    expect(look(p)).toMatchObject({ font: '仿宋_GB2312', size: '32' });
    expect(attr(p, 'w:ind', 'w:firstLineChars')).toBe('200');
    expect(attr(p, 'w:spacing', 'w:line')).toBe('579');
    expect(attr(p, 'w:spacing', 'w:lineRule')).toBe('exact');
    // New text typed into the document gets the same font and size.
    const defaults = r.parts['word/styles.xml'].getElementsByTagName('w:rPrDefault')[0];
    expect([attr(defaults, 'w:rFonts', 'w:eastAsia'), attr(defaults, 'w:sz', 'w:val')]).toEqual(['仿宋_GB2312', '32']);
  });

  it('centres the title in 2号 小标宋 and the headings in 黑体', () => {
    expect(look(paragraphWith(rendered.procuratorial_opinion!, '检察意见书'))).toEqual({ font: '方正小标宋简体', size: '44', color: null, align: 'center' });
    expect(look(paragraphWith(rendered.procuratorial_suggestion!, '二、存在的问题'))).toMatchObject({ font: '黑体', size: '32' });
  });

  it('prints the red header and the number above a red rule', () => {
    const r = rendered.procuratorial_suggestion!;
    expect(look(r.paragraphs[0])).toMatchObject({ font: '方正小标宋简体', color: 'FF0000', align: 'center' });
    expect(textOf(r.paragraphs[0])).toBe('北京市朝阳区人民检察院');
    const number = paragraphWith(r, '京朝检行建〔2026〕7号');
    expect(look(number)).toMatchObject({ font: '仿宋_GB2312', size: '32', align: 'center' });
    expect(attr(number, 'w:bottom', 'w:color')).toBe('FF0000');
    const index = (p: Element) => r.paragraphs.indexOf(p);
    expect(index(number)).toBeLessThan(index(paragraphWith(r, '检察建议书')));
  });

  it('puts the number under the title when there is no red header', async () => {
    const r = await unpack(await renderDocx(issued('procuratorial_opinion'), PLAIN));
    expect(r.paragraphs.map(textOf).filter(Boolean).slice(0, 3)).toEqual(['检察意见书', '京朝检行意〔2026〕3号', '北京市公安局公安交通管理局朝阳交通支队：']);
    expect(r.paragraphs.some((p) => look(p).color === 'FF0000')).toBe(false);
  });

  it('writes the recipient flush left and signs off on the right with the date in Arabic numerals', () => {
    const r = rendered.procuratorial_opinion!;
    const recipient = paragraphWith(r, '北京市公安局公安交通管理局朝阳交通支队：');
    expect(recipient.getElementsByTagName('w:ind').length).toBe(0);
    expect(look(recipient).align).toBeNull();
    const issuer = r.paragraphs.filter((p) => textOf(p) === '北京市朝阳区人民检察院').at(-1)!;
    const date = paragraphWith(r, '2026年3月5日');
    expect([look(issuer).align, look(date).align]).toEqual(['right', 'right']);
    // Date four characters (4 × 320 twips) from the margin, the issuer centred over it.
    expect(attr(date, 'w:ind', 'w:right')).toBe('1280');
    expect(attr(issuer, 'w:ind', 'w:right')).toBe('480');
    expect(r.paragraphs.indexOf(date)).toBe(r.paragraphs.indexOf(issuer) + 1);
  });

  it('ends with the copy-to line in 4号 仿宋 between rules', () => {
    const r = rendered.procuratorial_opinion!;
    const line = paragraphWith(r, '抄送：北京市朝阳区人民代表大会常务委员会，北京市人民检察院。');
    expect(look(line)).toMatchObject({ font: '仿宋_GB2312', size: '28' });
    expect(r.paragraphs.at(-1)).toBe(line);
    const imprint = r.body.getElementsByTagName('w:tbl')[0];
    const borders = imprint.getElementsByTagName('w:tblBorders')[0];
    expect(['w:top', 'w:bottom'].map((side) => attr(borders, side, 'w:val'))).toEqual(['single', 'single']);
    expect(attr(borders, 'w:left', 'w:val')).toBe('none');
  });

  it('adds the annex of a class suggestion on a page of its own, a header row and one row per case', () => {
    const r = rendered.procuratorial_suggestion!;
    expect(textOf(paragraphWith(r, '附件：涉及案件清单'))).toBe('附件：涉及案件清单');
    const annexLabel = paragraphWith(r, '附件');
    expect(annexLabel.getElementsByTagName('w:pageBreakBefore').length).toBe(1);
    const table = [...r.body.getElementsByTagName('w:tbl')].find((t) => textOf(t).includes('序号'))!;
    const rows = [...table.getElementsByTagName('w:tr')].map((tr) => [...tr.getElementsByTagName('w:tc')].map(textOf));
    expect(rows).toEqual([
      ['序号', '当事人', '处罚决定书文号'],
      ['1', '赵某', '京朝市监罚〔2025〕11号'],
      ['2', '钱某', '京朝市监罚〔2025〕12号'],
    ]);
    expect(table.getElementsByTagName('w:tblHeader').length).toBe(1);
    // The copy-to line still comes last, after the annex.
    expect(textOf(r.paragraphs.at(-1)!)).toMatch(/^抄送：/);
  });

  it('numbers pages "— n —" in 4号 宋体, odd pages right and even pages left', () => {
    const r = rendered.procuratorial_opinion!;
    const footers = Object.entries(r.parts).filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, doc]) => doc);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      const p = footer.getElementsByTagName('w:p')[0];
      expect(textOf(p)).toMatch(/^— .* —$/);
      expect(footer.getElementsByTagName('w:instrText')[0]?.textContent?.trim()).toBe('PAGE');
      expect(look(p)).toMatchObject({ font: '宋体', size: '28' });
    }
    expect(footers.map((f) => look(f.getElementsByTagName('w:p')[0]).align).sort()).toEqual(['left', 'right']);
    expect(r.parts['word/settings.xml'].getElementsByTagName('w:evenAndOddHeaders').length).toBe(1);
  });

  it('gives the internal closing report no red header, no number, no recipient and no seal space', () => {
    const r = rendered.review_closing_report!;
    const texts = r.paragraphs.map(textOf).filter(Boolean);
    expect(texts[0]).toBe('审查终结报告');
    expect(texts[1]).toBe('本院刑事检察部门将张三涉嫌危险驾驶罪不起诉一案移送第七检察部，审查是否需要对其给予行政处罚。现已审查终结，报告如下：');
    expect(r.paragraphs.some((p) => look(p).color === 'FF0000')).toBe(false);
    expect(texts.some((t) => t.startsWith('抄送'))).toBe(false);
    const signer = paragraphWith(r, '承办检察官：王五');
    // One empty line before the signature, and the date two characters from the margin.
    expect(textOf(r.paragraphs[r.paragraphs.indexOf(signer) - 1])).toBe('');
    expect(textOf(r.paragraphs[r.paragraphs.indexOf(signer) - 2])).not.toBe('');
    expect(attr(paragraphWith(r, '2026年3月5日'), 'w:ind', 'w:right')).toBe('640');
  });

  it('marks a draft: a bracketed blank for the number, a blank date and a 草稿 watermark', async () => {
    const draft = draftDocument('procuratorial_opinion', FACTS);
    const r = await unpack(await renderDocx(draft, RED_HEADER));
    expect(look(paragraphWith(r, '〔　　〕号')).align).toBe('center');
    expect(r.paragraphs.map(textOf)).toContain('　　　　年　　月　　日');
    const headers = Object.entries(r.parts).filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    expect(headers.length).toBeGreaterThan(0);
    for (const [, header] of headers) {
      const strings = [...header.getElementsByTagName('v:textpath')].map((t) => t.getAttribute('string')).filter(Boolean);
      expect(strings).toEqual(['草稿']);
    }
    // An issued document has no watermark.
    expect(Object.keys(rendered.procuratorial_opinion!.parts).some((name) => name.startsWith('word/header'))).toBe(false);
  });

  it('saves a sample for people to open', async () => {
    const { existsSync, statSync } = await import('node:fs');
    expect(existsSync('.tmp/documents/class-suggestion.docx')).toBe(true);
    expect(statSync('.tmp/documents/class-suggestion.docx').size).toBeGreaterThan(5000);
  });
});
