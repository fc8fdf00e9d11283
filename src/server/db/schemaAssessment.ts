import type { ColumnType, Generated } from 'kysely';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** date columns come back as YYYY-MM-DD strings (type parser in db/index.ts). */
type DateColumn = string;

export type AssessmentReportState = 'draft' | 'published';

/** One stored row of the assessment table (server/indicators/assessment.ts AssessmentRow). */
export interface StoredAssessmentRow {
  agencyId: string;
  agencyName: string;
  received: number;
  replied: number;
  on_time: number;
  adopted: number;
  rectified: number;
  overdue: number;
}

export interface StoredAssessmentFigures {
  rows: StoredAssessmentRow[];
  total: Omit<StoredAssessmentRow, 'agencyId' | 'agencyName'>;
}

/** A monthly assessment report (migration 0013). */
export interface AssessmentReportsTable {
  id: Generated<string>;
  period_month: string;
  period_from: DateColumn;
  period_to: DateColumn;
  as_of: DateColumn;
  generated_at: GeneratedTimestamp;
  state: ColumnType<AssessmentReportState, AssessmentReportState | undefined, AssessmentReportState>;
  figures: ColumnType<StoredAssessmentFigures, string, string>;
  xlsx: Buffer;
  xlsx_sha256: string;
  docx: Buffer;
  docx_sha256: string;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_by: string | null;
  published_by_name: string | null;
  publish_override_reason: string | null;
  version: Generated<number>;
}

export interface AssessmentReportSignoffsTable {
  report_id: string;
  organization_id: string;
  confirmed_by: string | null;
  confirmed_by_name: string;
  confirmed_at: GeneratedTimestamp;
}

export interface AssessmentTables {
  assessment_reports: AssessmentReportsTable;
  assessment_report_signoffs: AssessmentReportSignoffsTable;
}
