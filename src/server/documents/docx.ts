/**
 * DOCX of a procuratorial document laid out per GB/T 9704-2012 (党政机关公文格式), the format
 * Chinese offices open and edit in WPS and Word (DOMAIN.md §8).
 *
 * Fonts are named the way those offices' machines have them (仿宋_GB2312, 方正小标宋简体, 黑体,
 * 宋体) as East Asian fonts; Latin letters and digits use Times New Roman. A machine lacking a
 * font substitutes its own, which is what every template in circulation relies on too.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
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
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import {
  annexNote,
  copyToLine,
  isDraft,
  numberLine,
  recipientLine,
  redHeaderPoints,
  signOffDate,
  signOffGap,
  signOffIndents,
  textParagraphs,
  visualWidth,
} from '../../domain/documents/lines.js';
import type { DocumentContent, DocumentLayout } from '../../domain/documents/types.js';

const mm = (value: number) => Math.round((value * 1440) / 25.4);

/** A4 and the GB/T 9704-2012 §5 margins: the text block is 156 × 225 mm. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt. */
export const SIZE = { title: 44, body: 32, small: 28 } as const;
/** 22 lines in the 225 mm text block (§5.2): 28.95 pt, exactly. */
export const LINE_TWIPS = 579;
/** One character of 3号 and of 4号, in twips. */
export const CHAR = SIZE.body * 10;
const SMALL_CHAR = SIZE.small * 10;

const LATIN = 'Times New Roman';
const font = (eastAsia: string, latin = LATIN) => ({ ascii: latin, hAnsi: latin, cs: latin, eastAsia });
export const FONTS = {
  body: font('仿宋_GB2312'),
  title: font('方正小标宋简体'),
  heading: font('黑体'),
  pageNumber: font('宋体', '宋体'),
} as const;

const RED = 'FF0000';
export const CHINESE = { value: 'en-US', eastAsia: 'zh-CN' };
export const exact = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A run in the body font and size, Chinese as the East Asian language. */
export function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, font: FONTS.body, size: SIZE.body, language: CHINESE, ...options });
}

/** A paragraph on the exact line grid (22 lines a page). */
export function paragraph(text: string, options: Omit<IParagraphOptions, 'children' | 'text'> = {}, runOptions: Omit<IRunOptions, 'text'> = {}): Paragraph {
  return new Paragraph({ spacing: exact, ...options, children: text ? [run(text, runOptions)] : [] });
}

const emptyLine = () => paragraph('');

/** Body text: first line indented two characters (§7.3.3). */
export function bodyParagraph(text: string, runOptions: Omit<IRunOptions, 'text'> = {}): Paragraph {
  return paragraph(text, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 2 * CHAR, firstLineChars: 200 } }, runOptions);
}

function title(text: string): Paragraph[] {
  return textParagraphs(text).map((line) => paragraph(line, { alignment: AlignmentType.CENTER }, { font: FONTS.title, size: SIZE.title }));
}

/**
 * 发文机关标志 (§7.2.4): the issuer in red 小标宋, centred, as large as fits the text block on
 * one line, up to 42 pt.
 */
function redHeader(text: string): Paragraph {
  const points = redHeaderPoints(text);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [run(text, { font: FONTS.title, size: points * 2, color: RED })],
  });
}

const RED_RULE: IBorderOptions = { style: BorderStyle.SINGLE, color: RED, size: 12, space: 11 };
/** 版记 rules: 0.35 mm, about 1 pt (§7.4.1). */
const IMPRINT_RULE: IBorderOptions = { style: BorderStyle.SINGLE, color: '000000', size: 8, space: 0 };
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** 版头: header, number, then the red rule under the number (§7.2.4, §7.2.5, §7.2.7); or the title
 * first and the number under it where there is no red header. */
function headBlock(content: DocumentContent, layout: DocumentLayout): Paragraph[] {
  const number = numberLine(content);
  if (layout.redHeader && !content.internal) {
    return [
      redHeader(layout.headerText?.trim() || content.issuer),
      emptyLine(),
      paragraph(number ?? '', { alignment: AlignmentType.CENTER, border: { bottom: RED_RULE } }),
      emptyLine(),
      ...title(content.title),
    ];
  }
  return [...title(content.title), ...(number ? [paragraph(number, { alignment: AlignmentType.CENTER })] : [])];
}

function bodyBlock(content: DocumentContent): Paragraph[] {
  const out: Paragraph[] = [emptyLine()];
  const recipient = recipientLine(content);
  if (recipient) out.push(paragraph(recipient));
  for (const p of content.paragraphs) {
    if (p.heading?.trim()) out.push(bodyParagraph(p.heading.trim(), { font: FONTS.heading }));
    for (const line of textParagraphs(p.text)) out.push(bodyParagraph(line));
  }
  const note = annexNote(content);
  if (note) out.push(emptyLine(), bodyParagraph(note));
  return out;
}

/** Issuer over the date at the right (§7.3.5); room above for the seal where one is pressed. */
function signOffBlock(content: DocumentContent): Paragraph[] {
  const sealed = !content.internal;
  const date = signOffDate(content);
  const indents = signOffIndents(content.signOff.issuer, date, sealed);
  const right = (chars: number) => ({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(chars * CHAR) } });
  return [
    ...Array.from({ length: signOffGap(content) }, emptyLine),
    paragraph(content.signOff.issuer, right(indents.issuer)),
    paragraph(date, right(indents.date)),
  ];
}

/** Column widths in proportion to what they hold, none narrower than three characters. */
function columnWidths(columns: string[], rows: string[][]): number[] {
  const weights = columns.map((column, c) => Math.min(20, Math.max(3, visualWidth(column), ...rows.map((row) => visualWidth(row[c] ?? '')))));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function cell(text: string, width: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: textParagraphs(text).length
      ? textParagraphs(text).map(
          (line) =>
            new Paragraph({
              alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [run(line, { size: SIZE.small, font: header ? FONTS.heading : FONTS.body })],
            }),
        )
      : [new Paragraph({})],
  });
}

/** 附件 on a page of its own (§7.3.7): "附件" top left in 黑体, the title centred, then the table. */
function annexBlock(content: DocumentContent): (Paragraph | Table)[] {
  const annex = content.annex;
  if (!annex) return [];
  const widths = columnWidths(annex.columns, annex.rows);
  const tableRow = (cells: string[], header: boolean) =>
    new TableRow({ tableHeader: header || undefined, cantSplit: true, children: widths.map((w, c) => cell(cells[c] ?? '', w, header)) });
  return [
    paragraph('附件', { pageBreakBefore: true }, { font: FONTS.heading }),
    emptyLine(),
    ...title(annex.title),
    emptyLine(),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      rows: [tableRow(annex.columns, true), ...annex.rows.map((row) => tableRow(row, false))],
    }),
  ];
}

/** 版记 (§7.4): the 抄送 line in 4号 仿宋 between two rules as wide as the text block, one
 * character in from each side. A one-cell table keeps the rules full width. */
function imprintBlock(content: DocumentContent): (Paragraph | Table)[] {
  const line = copyToLine(content);
  if (!line) return [];
  return [
    emptyLine(),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH],
      borders: { top: IMPRINT_RULE, bottom: IMPRINT_RULE, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
      margins: { left: SMALL_CHAR, right: SMALL_CHAR, top: 60, bottom: 60 },
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              children: [new Paragraph({ indent: { hanging: 3 * SMALL_CHAR, left: 3 * SMALL_CHAR }, children: [run(line, { size: SIZE.small })] })],
            }),
          ],
        }),
      ],
    }),
  ];
}

/** 页码 (§7.5): "— 1 —" in 4号 宋体, odd pages one character in from the right, even pages
 * one character in from the left. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: SMALL_CHAR } : { left: SMALL_CHAR },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONTS.pageNumber, size: SIZE.small })],
      }),
    ],
  });
}

function draftHeader(): Header {
  return new Header({
    children: [new Paragraph({ children: [new TextWatermark({ text: '草稿', font: '黑体', color: 'D9D9D9', opacity: 0.5 })] })],
  });
}

/** The document as DOCX bytes. */
export async function renderDocx(content: DocumentContent, layout: DocumentLayout): Promise<Buffer> {
  const draft = isDraft(content);
  const document = new Document({
    title: content.title,
    creator: content.issuer,
    description: content.number ?? undefined,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: FONTS.body, size: SIZE.body, language: CHINESE }, paragraph: { spacing: exact } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // The page number's dash stands 7 mm under the text block (§7.5).
            margin: { ...PAGE.margin, header: mm(15), footer: mm(22), gutter: 0 },
          },
        },
        headers: draft ? { default: draftHeader(), even: draftHeader() } : undefined,
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [...headBlock(content, layout), ...bodyBlock(content), ...signOffBlock(content), ...annexBlock(content), ...imprintBlock(content)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
