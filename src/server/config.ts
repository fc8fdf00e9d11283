import path from 'node:path';

/** Runtime configuration, read once from the environment (and CLI flags passed as overrides). */
export interface Config {
  dataDir: string;
  port: number;
  host: string;
  /** External PostgreSQL; when unset JianXing runs its embedded server under dataDir/postgres. */
  databaseUrl?: string;
  /** Optional lower-privileged URL the app uses at run time with an external database. */
  databaseAppUrl?: string;
  warehouse: 'duckdb' | 'postgres';
  seedDemo: boolean;
  logLevel: string;
  /** Secure cookies need HTTPS; behind a TLS proxy set JIANXING_SECURE_COOKIES=1. */
  secureCookies: boolean;
  /** Largest file accepted for a dataset import through the API. */
  maxUploadBytes: number;
  /** Deadline reminders by e-mail, e.g. smtp://user:pass@mail.example.gov.cn:587; in-app only when unset. */
  smtpUrl?: string;
  mailFrom?: string;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const env = process.env;
  const dataDir = path.resolve(overrides.dataDir ?? env.JIANXING_DATA_DIR ?? 'data');
  return {
    dataDir,
    port: overrides.port ?? Number(env.PORT ?? 3000),
    host: overrides.host ?? env.HOST ?? '0.0.0.0',
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    databaseAppUrl: overrides.databaseAppUrl ?? (env.DATABASE_APP_URL || undefined),
    warehouse: overrides.warehouse ?? (env.JIANXING_WAREHOUSE === 'postgres' ? 'postgres' : 'duckdb'),
    seedDemo: overrides.seedDemo ?? env.JIANXING_SEED_DEMO !== '0',
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    secureCookies: overrides.secureCookies ?? env.JIANXING_SECURE_COOKIES === '1',
    maxUploadBytes: overrides.maxUploadBytes ?? Number(env.JIANXING_MAX_UPLOAD_MB ?? 1024) * 1024 * 1024,
    smtpUrl: overrides.smtpUrl ?? (env.JIANXING_SMTP_URL || undefined),
    mailFrom: overrides.mailFrom ?? (env.JIANXING_MAIL_FROM || undefined),
  };
}
