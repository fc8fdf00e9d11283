import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.js';
import { recoverInterruptedImports } from './commands/datasets.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/index.js';
import { seedDemoCases } from './db/demoCases.js';
import { seedDemoLitigation } from './db/demoLitigation.js';
import { seedDemoDatasets } from './db/demoDatasets.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './db/seed.js';
import { openWarehouse, type Warehouse } from './db/warehouse.js';
import { acquireInstanceLock } from './instanceLock.js';
import { ensureBuiltInModels, recoverInterruptedRuns } from './commands/models.js';
import { ensureKnowledgeBase } from './commands/knowledgeBase.js';
import { VERSION } from './version.js';
import { scanDeadlines, smtpMailer } from './jobs/deadlineScan.js';
import { scheduleMonthlyAssessment } from './jobs/monthlyAssessment.js';
import { scheduleIndicatorFactRefresh } from './jobs/indicatorFacts.js';
import { scheduleGovernanceFacts } from './jobs/governanceFacts.js';
import { today } from './today.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts JianXing: takes the data directory, starts (or connects to) PostgreSQL, migrates, seeds
 * the demo on first start, opens the warehouse and serves HTTP. stop() lets in-flight requests
 * finish, then closes the warehouse and stops PostgreSQL.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel });
  const releaseLock = acquireInstanceLock(config.dataDir);
  let database: Database | undefined;
  let warehouse: Warehouse | undefined;
  try {
    database = await openDatabase(config, { log: (line) => logger.debug({ postgres: line }) });
    warehouse = await openWarehouse(config, database);
    const recovered = await recoverInterruptedImports({ db: database.db, warehouse, dataDir: config.dataDir });
    if (recovered.interrupted || recovered.droppedTables) logger.warn(recovered, 'interrupted dataset imports cleaned up');
    await ensureBuiltInModels(database.db);
    await ensureKnowledgeBase(database.db);
    const interruptedRuns = await recoverInterruptedRuns(database.db);
    if (interruptedRuns) logger.warn({ interruptedRuns }, 'model runs interrupted by a previous stop were marked failed');
    if (config.seedDemo && (await seedDemo(database.db))) {
      logger.info('demo data seeded');
      printDemoUsers();
    }
    if (config.seedDemo) {
      await seedDemoDatasets({ db: database.db, warehouse, dataDir: config.dataDir }, (line) => logger.info(line));
      if (await seedDemoCases(database.db)) logger.info('demo cases seeded');
      if (await seedDemoLitigation(database.db)) logger.info('demo litigation cases seeded');
    }
    const app = await buildApp({ config, database, warehouse, version: VERSION }, { logger });
    await app.listen({ port: config.port, host: config.host });
    const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
    // Deadline reminders: at start, then hourly (a reminder is sent once per clock, kind and due date).
    const mailer = smtpMailer(config.smtpUrl, config.mailFrom);
    let scanning: Promise<unknown> = Promise.resolve();
    const scan = () =>
      (scanning = scanDeadlines(database!.db, today(), mailer)
        .then((r) => r.remindersCreated > 0 && logger.info(r, 'deadline reminders'))
        .catch((err) => logger.error(err, 'deadline scan failed')));
    void scan();
    const timer = setInterval(scan, 60 * 60 * 1000);
    timer.unref();
    const assessments = scheduleMonthlyAssessment(database.db, logger); // the previous month's assessment report, once
    const indicatorFacts = scheduleIndicatorFactRefresh(database.db, logger); // at start, then every minute
    const governanceFacts = scheduleGovernanceFacts(database.db, logger); // 诉源治理's queued facts, at start and every minute
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        await scanning;
        await assessments.stop();
        await indicatorFacts.stop();
        await governanceFacts.stop();
        await app.close();
        await warehouse!.close();
        await database!.close();
        releaseLock();
      })());
    return { app, url, stop };
  } catch (err) {
    await warehouse?.close().catch(() => {});
    await database?.close().catch(() => {});
    releaseLock();
    throw err;
  }
}

function printDemoUsers() {
  const lines = DEMO_USERS.map((u) => `  ${u.username.padEnd(22)} ${u.roles.join(', ').padEnd(20)} ${u.displayName}`);
  process.stdout.write(`\nDemo users (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n\n`);
}
