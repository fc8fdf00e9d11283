import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/index.js';
import { startEmbeddedPostgres } from '../../src/server/db/embedded.js';
import { seedDemo } from '../../src/server/db/seed.js';
import { ensureBuiltInModels } from '../../src/server/commands/models.js';
import { ensureKnowledgeBase } from '../../src/server/commands/knowledgeBase.js';

export const TEMPLATE_DATABASE = 'jx_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgPort: number;
    pgDataDir: string;
  }
}

/**
 * One real PostgreSQL for the API tests: a template database is migrated and seeded once, and
 * every test file works in its own copy (CREATE DATABASE … TEMPLATE), so files run in parallel.
 */
export default async function setup(project: TestProject) {
  // One directory per run, so two test runs on one machine never share a server.
  const dataDir = path.resolve(`.tmp/test-postgres-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres(dataDir);
  const config = loadConfig({ dataDir, seedDemo: true });
  const template = await openDatabase(config, { existingPort: server.port, databaseName: TEMPLATE_DATABASE });
  await seedDemo(template.db);
  // What every server start does: the six built-in models are in the library.
  await ensureBuiltInModels(template.db);
  await ensureKnowledgeBase(template.db);
  await template.close();
  project.provide('pgPort', server.port);
  project.provide('pgDataDir', dataDir);
  return async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
