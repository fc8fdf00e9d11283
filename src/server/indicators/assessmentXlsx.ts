/**
 * The assessment report as XLSX: a summary sheet (the table, headed by the period, the as-of
 * date and each column's formula), then one sheet per column listing its items — the evidence
 * behind every number. No case titles or personal data: document and case numbers, agency,
 * dates and outcomes only. Every text cell is neutralized against formula injection.
 */
import type { Writable } from 'node:stream';
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
const PLAIN: Partial<ExcelJS.Style> = Object.freeze({});

/** Waits until `out` takes more data; fails when it was closed first (the client went away). */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('the XLSX output was closed before the workbook was written'));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain).off('close', onClose).off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the XLSX output was closed before the workbook was written'));
    out.on('drain', onDrain).on('close', onClose).on('error', done);
  });
}

/**
 * Writes the workbook to `out` as it is produced (ExcelJS's streaming writer: each sheet is
 * zipped while written, then closed): the summary first, then one sheet per column, its items
 * read batch by batch from `items` and written as they come, waiting whenever `out` is full — so
 * memory holds a batch, not the workbook. Ends `out`.
 */
export async function writeAssessmentWorkbook(
  out: Writable,
  table: AssessmentTable,
  items: (column: AssessmentColumn) => AsyncIterable<AssessmentItemRow[]>,
  generatedOn: string,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'JianXing';
  const { from, to, asOf } = table.filter;

  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.columns = [
    { width: 24 },
    ...COLUMN_DEFINITIONS.map(() => ({ width: 14 })),
    ...RATE_DEFINITIONS.map(() => ({ width: 14, style: { numFmt: '0.0%' } })),
  ];
  const add = (values: unknown[], bold?: { size?: number }) => {
    const row = summary.addRow(values);
    if (bold) row.font = { bold: true, ...bold };
    row.commit();
  };
  add([cell(`行政检察与行政执法衔接工作考核情况（${periodTitleZh(from, to)}）`)], { size: 14 });
  add([cell(`统计期间 period：${from} 至 ${to}；统计日 as of：${asOf}（${dateZh(asOf)}）；生成日期 generated：${generatedOn}`)]);
  for (const c of COLUMN_DEFINITIONS) add([cell(`${c.zh} ${c.en}：${c.formulaZh}（${c.formulaEn}）`)]);
  for (const r of RATE_DEFINITIONS) add([cell(`${r.zh} ${r.en} = ${r.formulaZh}（${r.formulaEn}）`)]);
  add([]);
  add(['被监督单位 agency', ...COLUMN_DEFINITIONS.map((c) => `${c.zh} ${c.en}`), ...RATE_DEFINITIONS.map((r) => `${r.zh} ${r.en}`)], {});
  const line = (name: string, counts: AssessmentTable['total']) => [
    cell(name),
    ...COLUMN_DEFINITIONS.map((c) => counts[c.id]),
    ...RATE_DEFINITIONS.map((r) => counts.rates[r.id] ?? '—'),
  ];
  for (const row of table.rows) add(line(row.agencyName, row));
  add(line('合计 total', table.total), {});
  summary.commit();

  for (const c of COLUMN_DEFINITIONS) {
    const ws = wb.addWorksheet(itemSheetName(c.id));
    ws.columns = ITEM_COLUMNS.map((col) => ({ width: col.width }));
    const header = ws.addRow(ITEM_COLUMNS.map((col) => col.header));
    header.font = { bold: true };
    header.commit();
    for await (const batch of items(c.id)) {
      for (const item of batch) {
        const row = ws.addRow(ITEM_COLUMNS.map((col) => cell(col.value(item))));
        // One style object for every item cell: the writer caches a style by object identity,
        // where a fresh empty style per cell would be resolved again each time (2–3× slower).
        row.eachCell((c) => {
          c.style = PLAIN;
        });
        row.commit();
      }
      await drained(out);
    }
    ws.commit();
  }
  await drained(out);
  // The writer waits for `out` to finish, which never comes if it was closed meanwhile.
  let onClose = () => {};
  const closed = new Promise<never>((_, reject) => {
    onClose = () => {
      if (!out.writableFinished) reject(new Error('the XLSX output was closed before the workbook was written'));
    };
    out.once('close', onClose);
  });
  try {
    await Promise.race([wb.commit(), closed]);
  } finally {
    out.off('close', onClose);
  }
}
