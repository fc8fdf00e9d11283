import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInKind } from '../domain/datasetKinds';
import { idCheckChar } from '../domain/idNumber';
import { readRows } from './pipeline';
import { utf8Boundary } from './xlsxStream';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('utf8Boundary', () => {
  const bytes = Buffer.from('a张b');
  it.each([
    [1, 1],
    [2, 1],
    [3, 1],
    [4, 4],
    [5, 5],
  ])('a chunk of %i bytes of "a张b" ends whole after %i', (length, boundary) => {
    expect(utf8Boundary(bytes.subarray(0, length))).toBe(boundary);
  });

  it('keeps a complete four-byte character', () => {
    expect(utf8Boundary(Buffer.from('𠀀'))).toBe(4);
    expect(utf8Boundary(Buffer.from('𠀀').subarray(0, 3))).toBe(0);
  });
});

describe('XLSX written by a streaming writer (no shared strings, sizes after the data)', () => {
  it('reads every row of a large sheet with Chinese text intact', async () => {
    const file = path.join(dir, 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = writer.addWorksheet('死亡');
    sheet.addRow(['身份证号', '姓名', '死亡日期', '备注']).commit();
    const id = '11010519900101123' + idCheckChar('11010519900101123');
    const rows = 40_000;
    for (let i = 0; i < rows; i++) sheet.addRow([id, `欧阳娜娜${i % 10}`, new Date(Date.UTC(2024, 0, 1 + (i % 28))), '北京市朝阳区建国路甲一号院'.repeat(1 + (i % 3))]).commit();
    sheet.commit();
    await writer.commit();

    const chunks: Buffer[] = [];
    const report = await readRows(file, { kind: builtInKind('death_records')! }, async (chunk) => {
      chunks.push(Buffer.from(chunk));
    });
    expect(report).toMatchObject({ rowsRead: rows, rowsImported: rows, rowsRejected: 0, errors: [] });
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv).not.toContain('\uFFFD');
    expect(csv.match(/"欧阳娜娜\d"/g)).toHaveLength(rows);
  }, 60_000);
});
