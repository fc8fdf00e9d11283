/**
 * The assessment report as XLSX: a summary sheet (the table, headed by the period, the as-of
 * date and each column's formula), then one sheet per column listing its items — the evidence
 * behind every number. No case titles or personal data: document and case numbers, agency,
 * dates and outcomes only. Every text cell is neutralized against formula injection.
 */
import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../../domain/cells.js';
import type { AssessmentItemRow, AssessmentTable } from './assessment.js';
import { COLUMN_DEFINITIONS, RATE_DEFINITIONS, dateZh, periodTitleZh, type AssessmentColumn } from './assessmentPeriod.js';

export const LABELS = {
  documentTypes: { procuratorial_opinion: '检察意见书', procuratorial_suggestion: '检察建议书' } as Record<string, string>,
  results: { adopted: '采纳', partially_adopted: '部分采纳', not_adopted: '不采纳' } as Record<string, string>,
  states: { served: '已送达', withdrawn: '已撤回' } as Record<string, string>,
};
const label = (map: Record<string, string>, code: string | null) => (code ? (map[code] ?? code) : '');

/** Sheet names: the column's Chinese name (Excel allows 31 characters, no []:*?/\). */
export const itemSheetName = (column: AssessmentColumn) => `${COLUMN_DEFINITIONS.find((c) => c.id === column)!.zh}清单`;
export const SUMMARY_SHEET = '汇总';

const ITEM_COLUMNS: { header: string; width: number; value: (i: AssessmentItemRow) => string | null }[] = [
  { header: '文书编号 number', width: 26, value: (i) => i.number },
  { header: '文书类型 type', width: 12, value: (i) => label(LABELS.documentTypes, i.document_type) },
  { header: '案件编号 case', width: 26, value: (i) => i.case_number },
  { header: '被监督单位 agency', width: 22, value: (i) => i.agency_name },
  { header: '收到日期 received', width: 12, value: (i) => i.received_on },
  { header: '回复期限 due', width: 12, value: (i) => i.due_on },
  { header: '回复日期 replied', width: 12, value: (i) => i.replied_on },
  { header: '回复结果 result', width: 10, value: (i) => label(LABELS.results, i.result) },
  { header: '评价 evaluation', width: 10, value: (i) => label(LABELS.results, i.evaluation) },
  { header: '评价日期 evaluated', width: 12, value: (i) => i.evaluated_on },
  { header: '处罚 penalty', width: 30, value: (i) => i.penalty },
  { header: '状态 state', width: 8, value: (i) => label(LABELS.states, i.state) },
];

const cell = (v: unknown) => neutralizeFormula(v ?? '');

export async function assessmentWorkbook(table: AssessmentTable, evidence: Record<AssessmentColumn, AssessmentItemRow[]>, generatedOn: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'JianXing';
  const { from, to, asOf } = table.filter;

  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.addRow([cell(`行政检察与行政执法衔接工作考核情况（${periodTitleZh(from, to)}）`)]).font = { bold: true, size: 14 };
  summary.addRow([cell(`统计期间 period：${from} 至 ${to}；统计日 as of：${asOf}（${dateZh(asOf)}）；生成日期 generated：${generatedOn}`)]);
  for (const c of COLUMN_DEFINITIONS) summary.addRow([cell(`${c.zh} ${c.en}：${c.formulaZh}（${c.formulaEn}）`)]);
  for (const r of RATE_DEFINITIONS) summary.addRow([cell(`${r.zh} ${r.en} = ${r.formulaZh}（${r.formulaEn}）`)]);
  summary.addRow([]);
  const header = summary.addRow(['被监督单位 agency', ...COLUMN_DEFINITIONS.map((c) => `${c.zh} ${c.en}`), ...RATE_DEFINITIONS.map((r) => `${r.zh} ${r.en}`)]);
  header.font = { bold: true };
  const line = (name: string, counts: AssessmentTable['total']) => [
    cell(name),
    ...COLUMN_DEFINITIONS.map((c) => counts[c.id]),
    ...RATE_DEFINITIONS.map((r) => counts.rates[r.id] ?? '—'),
  ];
  for (const row of table.rows) summary.addRow(line(row.agencyName, row));
  summary.addRow(line('合计 total', table.total)).font = { bold: true };
  summary.getColumn(1).width = 24;
  for (let i = 2; i <= 1 + COLUMN_DEFINITIONS.length + RATE_DEFINITIONS.length; i++) summary.getColumn(i).width = 14;
  const firstRate = 2 + COLUMN_DEFINITIONS.length;
  for (let i = firstRate; i < firstRate + RATE_DEFINITIONS.length; i++) summary.getColumn(i).numFmt = '0.0%';

  for (const c of COLUMN_DEFINITIONS) {
    const ws = wb.addWorksheet(itemSheetName(c.id));
    ws.columns = ITEM_COLUMNS.map((col) => ({ header: col.header, width: col.width }));
    ws.getRow(1).font = { bold: true };
    for (const item of evidence[c.id]) ws.addRow(ITEM_COLUMNS.map((col) => cell(col.value(item))));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
