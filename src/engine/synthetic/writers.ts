/**
 * Writes the rows of one dataset kind as a file in its format and encoding, streaming, and keeps
 * what the manifest reports: rows, the line of every deliberately malformed row and of every
 * deliberately invalid ID, and the identity noise applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { KindDefinition } from '../../domain/datasetKinds.js';
import { FILE_EXTENSIONS, Presenter, type Cell, type FileEncoding, type FileFormat, type FileSpec, type SynthRow } from './formats.js';
import type { NoiseCounts } from './noise.js';
import type { Random } from './random.js';

export interface FileReport {
  file: string;
  format: FileFormat;
  encoding: FileEncoding | null;
  /** Line (row of the sheet) of the header; data follows it. */
  header_line: number | null;
  headers: string[];
  rows: number;
  /** Rows the importer must reject, with the column and reason it must give. */
  malformed: { line: number; column: string; reason: string }[];
  /** Rows imported with an invalid ID, which the importer flags and warns about. */
  invalid_ids: { line: number; column: string }[];
  noise: NoiseCounts;
}

/** Rows shuffled and written per batch: files are not grouped by how their rows were planted. */
const BATCH_ROWS = 20_000;

interface Sink {
  /** Writes the title lines and the header; returns the line of the first data row. */
  begin(title: string[], headers: string[]): Promise<number>;
  write(rows: Cell[][]): Promise<void>;
  end(): Promise<void>;
}

const CSV_SPECIAL = /[",\r\n]/;

function delimitedLine(cells: Cell[], delimiter: string): string {
  return cells
    .map((cell) => {
      const text = cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
      if (delimiter === '\t') {
        if (/[\t\r\n"]/.test(text)) throw new Error(`a TSV cell cannot hold ${JSON.stringify(text)}`);
        return text;
      }
      return CSV_SPECIAL.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(delimiter);
}

class TextSink implements Sink {
  private fd: number | null = null;
  private headers: string[] = [];
  private started = false;

  constructor(
    private readonly file: string,
    private readonly format: Exclude<FileFormat, 'xlsx'>,
    private readonly encoding: FileEncoding,
  ) {}

  private encode(text: string): Buffer {
    const bom = !this.started && (this.encoding === 'utf8-bom' || this.encoding === 'utf16le');
    this.started = true;
    switch (this.encoding) {
      case 'utf8':
        return Buffer.from(text, 'utf8');
      case 'utf8-bom':
        return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
      case 'utf16le':
        return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf16le');
      case 'gbk': {
        const bytes = iconv.encode(text, 'gbk');
        // iconv-lite writes "?" for what GBK lacks: a generator bug, not data to ship.
        if (iconv.decode(bytes, 'gbk') !== text) {
          const lost = [...text].find((c) => iconv.decode(iconv.encode(c, 'gbk'), 'gbk') !== c);
          throw new Error(`${path.basename(this.file)}: ${JSON.stringify(lost)} cannot be written in GBK`);
        }
        return bytes;
      }
    }
  }

  private async append(text: string) {
    fs.writeSync(this.fd!, this.encode(text));
  }

  async begin(title: string[], headers: string[]): Promise<number> {
    this.fd = fs.openSync(this.file, 'w');
    this.headers = headers;
    // JSON lines have no header: the keys of every object are the headers, data starts on line 1.
    if (this.format === 'jsonl') return 1;
    const delimiter = this.format === 'tsv' ? '\t' : ',';
    await this.append([...title, delimitedLine(headers, delimiter)].map((l) => `${l}\r\n`).join(''));
    return title.length + 2;
  }

  async write(rows: Cell[][]): Promise<void> {
    let text = '';
    if (this.format === 'jsonl') {
      for (const cells of rows) text += `${JSON.stringify(Object.fromEntries(this.headers.map((h, i) => [h, cells[i]])))}\n`;
    } else {
      const delimiter = this.format === 'tsv' ? '\t' : ',';
      for (const cells of rows) text += `${delimitedLine(cells, delimiter)}\r\n`;
    }
    await this.append(text);
  }

  async end(): Promise<void> {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Zip entries carry the time they were written. Stamping them all with one date makes the same
 * seed give the same bytes. Walks the central directory, which names every local header.
 */
export function stampZipEntries(zip: Buffer, date: string): void {
  const [y, m, d] = date.split('-').map(Number);
  const dosDate = ((y - 1980) << 9) | (m << 5) | d;
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`zip central directory entry ${i} is damaged`);
    zip.writeUInt16LE(0, p + 12);
    zip.writeUInt16LE(dosDate, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip local header ${i} is damaged`);
    zip.writeUInt16LE(0, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
}

class XlsxSink implements Sink {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(
    private readonly file: string,
    sheetName: string,
    private readonly asOf: string,
    private readonly moneyColumns: Set<number>,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
    // The document properties would otherwise say when the file was made.
    this.workbook.created = this.workbook.modified = new Date(`${asOf}T00:00:00Z`);
    this.workbook.creator = this.workbook.lastModifiedBy = 'JianXing demo data';
    this.sheet = this.workbook.addWorksheet(sheetName);
  }

  async begin(title: string[], headers: string[]): Promise<number> {
    for (const line of title) this.sheet.addRow([line]).commit();
    this.sheet.addRow(headers).commit();
    return title.length + 2;
  }

  async write(rows: Cell[][]): Promise<void> {
    for (const cells of rows) {
      const row = this.sheet.addRow(cells);
      cells.forEach((cell, i) => {
        if (cell instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
        else if (typeof cell === 'number' && this.moneyColumns.has(i)) row.getCell(i + 1).numFmt = '#,##0.00';
      });
      row.commit();
    }
    // Lets the zip stream drain what the rows produced.
    await new Promise((resolve) => setImmediate(resolve));
  }

  async end(): Promise<void> {
    (this.sheet as unknown as { commit(): void }).commit();
    await this.workbook.commit();
    const bytes = fs.readFileSync(this.file);
    stampZipEntries(bytes, this.asOf);
    fs.writeFileSync(this.file, bytes);
  }
}

/** One dataset file: rows are added as they are planted and written in shuffled batches. */
export class DatasetFile {
  readonly report: FileReport;
  private readonly presenter: Presenter;
  private readonly sink: Sink;
  private buffer: SynthRow[] = [];
  private nextLine = 0;

  constructor(
    dir: string,
    private readonly kind: KindDefinition,
    private readonly spec: FileSpec,
    private readonly rng: Random,
    private readonly asOf: string,
  ) {
    const file = `${kind.kind}.${FILE_EXTENSIONS[spec.format]}`;
    this.presenter = new Presenter(kind, spec, rng);
    const full = path.join(dir, file);
    const money = new Set(kind.columns.flatMap((c, i) => (c.type === 'money' ? [i] : [])));
    this.sink = spec.format === 'xlsx' ? new XlsxSink(full, kind.label, asOf, money) : new TextSink(full, spec.format, spec.encoding ?? 'utf8');
    this.report = {
      file,
      format: spec.format,
      encoding: spec.encoding,
      header_line: null,
      headers: this.presenter.headers,
      rows: 0,
      malformed: [],
      invalid_ids: [],
      noise: this.presenter.noise,
    };
  }

  async open(): Promise<void> {
    const first = await this.sink.begin(this.spec.title?.(this.asOf) ?? [], this.presenter.headers);
    this.report.header_line = this.spec.format === 'jsonl' ? null : first - 1;
    this.nextLine = first;
  }

  add(row: SynthRow): void {
    this.buffer.push(row);
  }

  get pending(): number {
    return this.buffer.length;
  }

  async flush(all = false): Promise<void> {
    if (!all && this.buffer.length < BATCH_ROWS) return;
    const rows = this.buffer;
    this.buffer = [];
    if (!rows.length) return;
    this.rng.shuffle(rows);
    // The first JSON object names the columns, and a malformed first row would confuse header
    // detection elsewhere: start every file with a well-formed row.
    if (this.report.rows === 0 && rows[0].defect) {
      const clean = rows.findIndex((r) => !r.defect);
      if (clean < 0) throw new Error(`${this.kind.kind}: no well-formed row to start the file with`);
      [rows[0], rows[clean]] = [rows[clean], rows[0]];
    }
    const cells: Cell[][] = [];
    for (const row of rows) {
      const line = this.nextLine++;
      if (row.defect) this.report.malformed.push({ line, column: row.defect.column, reason: row.defect.reason });
      else for (const column of row.invalidIds ?? []) this.report.invalid_ids.push({ line, column });
      cells.push(this.presenter.cells(row));
    }
    this.report.rows += rows.length;
    await this.sink.write(cells);
  }

  async close(): Promise<FileReport> {
    await this.flush(true);
    await this.sink.end();
    return this.report;
  }
}
