import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/index.js';
import { superuserUrl } from '../../src/server/db/embedded.js';
import { seedDemo } from '../../src/server/db/seed.js';
import { loadSecrets } from '../../src/server/secrets.js';

describe('DATABASE_URL: an external PostgreSQL', () => {
  it('gets the same migrations, and a DATABASE_APP_URL role without UPDATE/DELETE on the audit log', async () => {
    const port = inject('pgPort');
    const owner = superuserUrl(port, loadSecrets(inject('pgDataDir')).postgresPassword);
    const name = `ext_${crypto.randomBytes(4).toString('hex')}`;
    const role = `${name}_app`;
    const admin = new pg.Client(owner);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-secret-1'`);
    await admin.end();

    const databaseUrl = owner.replace(/\/postgres$/, `/${name}`);
    const databaseAppUrl = `postgres://${role}:app-secret-1@127.0.0.1:${port}/${name}`;
    const database = await openDatabase(loadConfig({ databaseUrl, databaseAppUrl, seedDemo: false }));
    try {
      expect(database.describe.embedded).toBe(false);
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(database.db);
      expect(applied.rows.map((r) => r.name)).toContain('0001_foundation');
      expect(await seedDemo(database.db)).toBe(true);
      const { rows } = await sql<{ user: string }>`SELECT current_user AS user`.execute(database.db);
      expect(rows[0].user).toBe(role);
      await expect(sql`DELETE FROM audit_events`.execute(database.db)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await database.close();
    }
    // Opening again is idempotent: nothing to migrate, nothing re-seeded.
    const again = await openDatabase(loadConfig({ databaseUrl, databaseAppUrl }));
    expect(await seedDemo(again.db)).toBe(false);
    await again.close();
  });
});
