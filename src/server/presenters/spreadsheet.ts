import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../../domain/cells.js';

export interface Sheet {
  name: string;
  columns: { header: string; key: string; width?: number }[];
  rows: Record<string, unknown>[];
}

/** An XLSX workbook as a buffer; every text cell is neutralized against formula injection. */
export async function workbook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'JianXing';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, neutralizeFormula(v)])));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
