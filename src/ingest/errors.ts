/**
 * Why a whole file cannot be imported. Row-level problems never end up here: they reject the
 * row and the import goes on. These are the cases where no row can be trusted (an empty or
 * binary file, no recognizable header, a required column missing), reported as one message.
 */
export type IngestErrorCode =
  | 'empty_file'
  | 'binary_file'
  | 'unsupported_format'
  | 'unknown_encoding'
  | 'unreadable_file'
  | 'sheet_not_found'
  | 'no_header'
  | 'duplicate_header'
  | 'missing_columns'
  | 'unknown_column'
  | 'record_too_large'
  /** --strict and at least one row rejected. */
  | 'strict_rejected'
  | 'cancelled';

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
