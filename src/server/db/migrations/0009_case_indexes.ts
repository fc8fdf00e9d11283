import { sql, type Kysely } from 'kysely';

/**
 * Indexes for case handling at scale, each for a query measured by bench/cases.ts (1,000,000
 * cases, 5,000,000 events): without them every page of a list sorted the whole table and the
 * agency inbox scanned every clock three times per row.
 *
 * - lists, newest first: one index per list order, and per filter the list offers (agency,
 *   procurator, kind), so a page is read in order and its (capped) total from the index alone;
 * - the clock of a document (inbox, reply recording), and a clock's case seen from the clock;
 * - the inbox in receipt order, and the documents waiting for approval in the order they came;
 * - search by number, title or name (`ILIKE '%…%'`) through trigram indexes, where the server
 *   has pg_trgm (it ships with PostgreSQL; a server without it searches by scanning, as before).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX cases_list_idx ON cases (procuratorate_id, registered_on DESC, number DESC);
    CREATE INDEX cases_agency_list_idx ON cases (procuratorate_id, agency_id, registered_on DESC, number DESC);
    CREATE INDEX cases_procurator_list_idx ON cases (procuratorate_id, procurator_id, registered_on DESC, number DESC);
    CREATE INDEX cases_kind_list_idx ON cases (procuratorate_id, kind, registered_on DESC, number DESC);
    CREATE INDEX clues_list_idx ON clues (procuratorate_id, received_on DESC, number DESC);

    -- clocks are joined to their case for its procuratorate or agency (overdue views): from the index alone
    CREATE INDEX cases_scope_idx ON cases (id) INCLUDE (procuratorate_id, agency_id);
    CREATE INDEX case_clocks_document_idx ON case_clocks (document_id, created_at DESC) WHERE document_id IS NOT NULL;
    CREATE INDEX documents_inbox_idx ON documents (recipient_id, received_on DESC) WHERE state IN ('served', 'withdrawn');
    CREATE INDEX documents_approval_idx ON documents (updated_at) WHERE state IN ('pending_head', 'pending_chief');
  `.execute(db);
  await sql`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX cases_number_trgm_idx ON cases USING gin (number gin_trgm_ops);
        CREATE INDEX cases_title_trgm_idx ON cases USING gin (title gin_trgm_ops);
        CREATE INDEX cases_subject_trgm_idx ON cases USING gin (subject_name gin_trgm_ops);
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_trgm not installed (%): case search will scan', SQLERRM;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS cases_subject_trgm_idx, cases_title_trgm_idx, cases_number_trgm_idx;
    DROP INDEX documents_approval_idx, documents_inbox_idx, case_clocks_document_idx, cases_scope_idx, clues_list_idx,
      cases_kind_list_idx, cases_procurator_list_idx, cases_agency_list_idx, cases_list_idx;
  `.execute(db);
}
