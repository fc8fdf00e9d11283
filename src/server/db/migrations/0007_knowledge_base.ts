import { sql, type Kysely } from 'kysely';

/**
 * The charge → agency → penalty knowledge base (DOMAIN §9). Every edit of a rule inserts a new
 * version and retires the previous one, so the rule a proposal or an opinion relied on can always
 * be shown as it was. Agencies are mapped to sectors, the rules name sectors.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE charge_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      rule_code text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      -- The rule as domain/knowledgeBase ChargeRule (charge, aliases, sectors, provisions …).
      content jsonb NOT NULL,
      built_in boolean NOT NULL DEFAULT false,
      effective_from date,
      effective_to date,
      change_note text,
      created_by uuid REFERENCES users(id),
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- Set when a newer version replaces this one; the current version has none.
      retired_at timestamptz,
      UNIQUE (rule_code, version),
      CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from)
    );
    CREATE UNIQUE INDEX charge_rules_current_idx ON charge_rules (rule_code) WHERE retired_at IS NULL;

    CREATE TABLE organization_sectors (
      organization_id uuid NOT NULL REFERENCES organizations(id),
      sector text NOT NULL,
      PRIMARY KEY (organization_id, sector)
    );
    CREATE INDEX organization_sectors_sector_idx ON organization_sectors (sector);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE organization_sectors; DROP TABLE charge_rules;`.execute(db);
}
