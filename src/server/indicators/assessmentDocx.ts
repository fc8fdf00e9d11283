/**
 * The assessment report as a DOCX narrative (工作情况报告) for the justice bureau / 依法治区办:
 * the overall figures in sentences, a table by agency, the agencies with overdue items named,
 * the overdue items in an annex table. Laid out with the GB/T 9704-2012 page, fonts and line
 * grid of documents/docx.ts. Chinese only: it is an official document.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
} from 'docx';
import JSZip from 'jszip';
import { daysFrom } from '../../domain/calendar/index.js';
import { bodyParagraph, CHAR, CHINESE, exact, FONTS, PAGE, paragraph, run, SIZE, TEXT_WIDTH } from '../documents/docx.js';
import type { AssessmentItemRow, AssessmentTable } from './assessment.js';
import { LABELS } from './assessmentXlsx.js';
import { COLUMN_DEFINITIONS, RATE_DEFINITIONS, dateZh, percentZh, periodTitleZh } from './assessmentPeriod.js';

export interface ReportHeading {
  /** 北京市朝阳区人民检察院 */
  issuer: string;
  /** The main recipient (主送), e.g. the justice bureau; null for none. */
  recipient: string | null;
  /** The day the report is dated. */
  dated: string;
}

const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** 一级标题 in 黑体 (§7.3.3), indented like the body. */
const heading = (text: string) => paragraph(text, { indent: { firstLine: 2 * CHAR, firstLineChars: 200 } }, { font: FONTS.heading });
const empty = () => paragraph('');

/** The district named by the procuratorate: 北京市朝阳区人民检察院 → 北京市朝阳区. */
export function districtOf(issuer: string): string {
  return issuer.replace(/人民检察院$/, '') || issuer;
}

export function assessmentTitle(issuer: string, from: string, to: string): string {
  return `${districtOf(issuer)}行政检察与行政执法衔接工作情况报告（${periodTitleZh(from, to)}）`;
}

/**
 * The table cells' text: 小四 in the body font. A character style rather than the properties on
 * every run, which the annex repeats 16,000 times at 1M cases (its XML is half as long).
 */
const CELL_STYLE = { id: 'TableCellText', name: 'Table cell text', run: { font: FONTS.body, size: SIZE.small - 4, language: CHINESE } };

function table(columns: string[], rows: string[][], weights: number[]): Table {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const line = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      children: widths.map(
        (w, i) =>
          new TableCell({
            width: { size: w, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: [new Paragraph({ alignment: header || i > 0 ? AlignmentType.CENTER : AlignmentType.LEFT, children: [header ? run(cells[i] ?? '', { size: SIZE.small - 4, font: FONTS.heading }) : new TextRun({ text: cells[i] ?? '', style: CELL_STYLE.id })] })],
          }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    rows: [line(columns, true), ...rows.map((r) => line(r, false))],
  });
}

/** The overall figures as the report's sentences (also what the tests read back). */
export function overallSentences(t: AssessmentTable): string[] {
  const { from, to, asOf } = t.filter;
  const total = t.total;
  const agencies = t.rows.filter((r) => r.received > 0);
  const rate = (id: (typeof RATE_DEFINITIONS)[number]['id']) => percentZh(total.rates[id]);
  return [
    `${dateZh(from)}至${dateZh(to)}，${agencies.length}家行政执法机关共收到本院检察意见书、检察建议书${total.received}件。`,
    `截至${dateZh(asOf)}，已书面回复${total.replied}件，其中按期回复${total.on_time}件；经本院评价采纳${total.adopted}件，整改落实${total.rectified}件；超期未回复${total.overdue}件。`,
    `回复率为${rate('reply_rate')}，按期回复率为${rate('on_time_rate')}，采纳率为${rate('adoption_rate')}，整改落实率为${rate('rectification_rate')}。`,
  ];
}

export async function assessmentDocx(t: AssessmentTable, overdue: AssessmentItemRow[], head: ReportHeading): Promise<Buffer> {
  const { from, to, asOf } = t.filter;
  const title = assessmentTitle(head.issuer, from, to);
  const late = t.rows.filter((r) => r.overdue > 0);
  const agencyRows = t.rows.map((r) => [
    r.agencyName,
    String(r.received),
    String(r.replied),
    String(r.on_time),
    String(r.adopted),
    String(r.rectified),
    String(r.overdue),
    percentZh(r.rates.reply_rate),
    percentZh(r.rates.on_time_rate),
  ]);
  const totalRow = ['合计', ...[t.total.received, t.total.replied, t.total.on_time, t.total.adopted, t.total.rectified, t.total.overdue].map(String), percentZh(t.total.rates.reply_rate), percentZh(t.total.rates.on_time_rate)];

  const children: (Paragraph | Table)[] = [
    paragraph(title, { alignment: AlignmentType.CENTER }, { font: FONTS.title, size: SIZE.title }),
    empty(),
    ...(head.recipient ? [paragraph(`${head.recipient}：`)] : []),
    bodyParagraph(`根据法治政府建设考核工作安排，现将${periodTitleZh(from, to)}本院与各行政执法机关开展行政检察与行政执法衔接工作的情况报告如下。`),
    heading('一、总体情况'),
    ...overallSentences(t).map((sentence) => bodyParagraph(sentence)),
    heading('二、各单位情况'),
    bodyParagraph('各单位收到检察意见书、检察建议书及回复、采纳、整改和超期情况如下表。'),
    table(['单位', '收到', '已回复', '按期回复', '采纳', '整改落实', '超期未回复', '回复率', '按期回复率'], [...agencyRows, totalRow], [5, 2, 2, 2, 2, 2, 2, 2, 2]),
    heading('三、超期未回复情况'),
    bodyParagraph(
      late.length
        ? `截至${dateZh(asOf)}，${late.map((r) => `${r.agencyName}（${r.overdue}件）`).join('、')}存在回复期限届满仍未书面回复的情况，共${t.total.overdue}件，具体文书见附件。建议相关单位尽快依法书面回复，并将整改落实情况纳入考核。`
        : `截至${dateZh(asOf)}，各单位没有回复期限届满仍未回复的文书。`,
    ),
    heading('四、指标口径'),
    ...COLUMN_DEFINITIONS.map((c) => bodyParagraph(`${c.zh}：${c.formulaZh}。`)),
    bodyParagraph(`比率：${RATE_DEFINITIONS.map((r) => `${r.zh} = ${r.formulaZh}`).join('；')}。`),
    empty(),
    empty(),
    paragraph(head.issuer, { alignment: AlignmentType.RIGHT, indent: { right: 2 * CHAR } }),
    paragraph(dateZh(head.dated), { alignment: AlignmentType.RIGHT, indent: { right: 2 * CHAR } }),
  ];
  if (overdue.length) {
    children.push(
      paragraph('附件', { pageBreakBefore: true }, { font: FONTS.heading }),
      empty(),
      paragraph('超期未回复文书清单', { alignment: AlignmentType.CENTER }, { font: FONTS.title, size: SIZE.title }),
      empty(),
      // One row of placeholders, repeated per item after packing (annexRows).
      table(ANNEX_COLUMNS, [ANNEX_COLUMNS.map((_, c) => placeholder(c))], [2, 8, 4, 5, 4, 4, 3]),
    );
  }

  const document = new Document({
    title,
    creator: head.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZE.body, language: CHINESE }, paragraph: { spacing: exact } } }, characterStyles: [CELL_STYLE] },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...PAGE.margin, header: 850, footer: 1247, gutter: 0 } } },
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(document);
  if (!overdue.length) return packed;
  const cells = overdue.map((i, n) => [String(n + 1), i.number ?? '', LABELS.documentTypes[i.document_type] ?? i.document_type, i.agency_name ?? '', i.received_on, i.due_on ?? '', i.due_on ? String(daysFrom(i.due_on, asOf)) : '']);
  return annexRows(packed, cells);
}

const ANNEX_COLUMNS = ['序号', '文书编号', '文书类型', '被监督单位', '收到日期', '回复期限', '超期天数'];
/** A cell's placeholder in the template row: brackets no document number or name contains. */
const placeholder = (column: number) => `\u2983${column}\u2984`;
const PLACEHOLDER = /\u2983(\d+)\u2984/g;

const xmlText = (text: string) =>
  text
    // characters XML 1.0 does not allow
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/**
 * The annex lists every overdue item — 16,000 at 1,000,000 cases, where building them as docx
 * objects took 2 ms a row (30 s). The document is packed with one template row instead, laid out
 * by the docx library like every other row; the template's XML is then repeated per item with the
 * cells' text (escaped) in place of the placeholders, and the file zipped again.
 */
async function annexRows(packed: Buffer, cells: string[][]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(packed);
  const xml = await zip.file('word/document.xml')!.async('string');
  const at = xml.indexOf(placeholder(0));
  const start = Math.max(xml.lastIndexOf('<w:tr>', at), xml.lastIndexOf('<w:tr ', at));
  const end = xml.indexOf('</w:tr>', at) + '</w:tr>'.length;
  if (at < 0 || start < 0 || end < at) throw new Error('annex template row not found in the packed document');
  const template = xml.slice(start, end);
  const rows = cells.map((row) => template.replace(PLACEHOLDER, (_, c: string) => xmlText(row[Number(c)] ?? '')));
  zip.file('word/document.xml', xml.slice(0, start) + rows.join('') + xml.slice(end));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** "— 1 —" in 4号 宋体, outer side (§7.5). */
function pageNumber(side: 'odd' | 'even'): Footer {
  const inset = SIZE.small * 10;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: inset } : { left: inset },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONTS.pageNumber, size: SIZE.small })],
      }),
    ],
  });
}
