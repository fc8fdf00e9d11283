/**
 * Records → stored rows → CSV for the warehouse, with the accounting of an import. The same code
 * runs in the importing thread and in the worker threads of a parallel import.
 */
import { CsvEncoder } from './csvOutput';
import type { RowIssue, RowNormalizer, StoredValue } from './normalizeRow';
import type { SourceRecord } from './readers';

/** Counts and issues of (part of) an import; at most `maxIssues` issues of each kind are kept. */
export class ImportTally {
  rowsRead = 0;
  rowsImported = 0;
  rowsRejected = 0;
  errors: RowIssue[] = [];
  errorsTotal = 0;
  warnings: RowIssue[] = [];
  warningsTotal = 0;

  constructor(private readonly maxIssues: number) {}

  error(issue: RowIssue): void {
    if (this.errorsTotal++ < this.maxIssues) this.errors.push(issue);
  }

  warning(issue: RowIssue): void {
    if (this.warningsTotal++ < this.maxIssues) this.warnings.push(issue);
  }

  /** Adds the tally of the next part of the file. */
  add(part: TallyCounts): void {
    this.rowsRead += part.rowsRead;
    this.rowsImported += part.rowsImported;
    this.rowsRejected += part.rowsRejected;
    for (const e of part.errors) if (this.errors.length < this.maxIssues) this.errors.push(e);
    for (const w of part.warnings) if (this.warnings.length < this.maxIssues) this.warnings.push(w);
    this.errorsTotal += part.errorsTotal;
    this.warningsTotal += part.warningsTotal;
  }

  counts(): TallyCounts {
    const { rowsRead, rowsImported, rowsRejected, errors, errorsTotal, warnings, warningsTotal } = this;
    return { rowsRead, rowsImported, rowsRejected, errors, errorsTotal, warnings, warningsTotal };
  }
}

export type TallyCounts = Pick<ImportTally, 'rowsRead' | 'rowsImported' | 'rowsRejected' | 'errors' | 'errorsTotal' | 'warnings' | 'warningsTotal'>;

export interface RecordProcessor {
  /** Normalizes and encodes records; returns the CSV chunks that filled up. Stops counting at
   * `maxRows` rows (a preview) and reports whether it did. */
  process(records: SourceRecord[]): Buffer[];
  /** The CSV encoded but not yet handed out. */
  flush(): Buffer[];
  readonly tally: ImportTally;
  /** The first stored rows, as many as asked for. */
  readonly sample: StoredValue[][];
  /** True once maxRows rows were read and later records were left alone. */
  readonly truncated: boolean;
}

export function createRecordProcessor(
  normalizer: RowNormalizer,
  options: { maxIssues: number; maxRows?: number; sampleRows?: number; chunkBytes?: number },
): RecordProcessor {
  const { maxRows = Infinity, sampleRows = 0 } = options;
  const tally = new ImportTally(options.maxIssues);
  const encoder = new CsvEncoder(options.chunkBytes);
  const sample: StoredValue[][] = [];
  const reused: StoredValue[] = new Array(normalizer.columns.length);
  let truncated = false;
  return {
    tally,
    sample,
    get truncated() {
      return truncated;
    },
    process(records) {
      for (const record of records) {
        if (tally.rowsRead >= maxRows) {
          truncated = true;
          break;
        }
        const values = normalizer.normalize(record, tally, reused);
        if (values === 'blank') continue;
        tally.rowsRead++;
        if (values === null) {
          tally.rowsRejected++;
        } else {
          tally.rowsImported++;
          encoder.add(values);
          if (sample.length < sampleRows) sample.push([...values]);
        }
      }
      return encoder.takeFull();
    },
    flush: () => encoder.flush(),
  };
}
