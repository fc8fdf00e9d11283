import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Secrets {
  /** Superuser of the embedded PostgreSQL server (owner of the schema, runs migrations). */
  postgresPassword: string;
  /** The application's own, lower-privileged database role. */
  appPassword: string;
}

/** Secrets are generated once per data directory and kept beside the data, readable by root only. */
export function loadSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Secrets;
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: Secrets = {
    postgresPassword: crypto.randomBytes(24).toString('base64url'),
    appPassword: crypto.randomBytes(24).toString('base64url'),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
