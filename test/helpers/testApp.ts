import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/db/index.js';
import { superuserUrl } from '../../src/server/db/embedded.js';
import { DEMO_PASSWORD } from '../../src/server/db/seed.js';
import { openWarehouse, type Warehouse } from '../../src/server/db/warehouse.js';
import { loadSecrets } from '../../src/server/secrets.js';
import { VERSION } from '../../src/server/version.js';
import { multipart } from './multipart.js';

export interface Response {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface Client {
  get(url: string): Promise<Response>;
  post(url: string, body?: unknown): Promise<Response>;
  patch(url: string, body?: unknown): Promise<Response>;
  put(url: string, body?: unknown): Promise<Response>;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** POSTs a file as multipart/form-data (text fields first), with this client's session. */
  upload(url: string, file: { name: string; content: Buffer | string; type?: string }, fields?: Record<string, string>): Promise<Response>;
  cookie: string | null;
  csrfToken: string | null;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  warehouse: Warehouse;
  /** This app's own data directory (sources, uploads, the DuckDB file). */
  dataDir: string;
  /** A superuser connection to this test's database (to tamper with data the app cannot). */
  ownerUrl: string;
  anonymous(ip?: string): Client;
  loginAs(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * A fresh copy of the seeded template database and an app built on it (requests via inject).
 * The warehouse is real: PostgreSQL (schema `warehouse` of this copy) unless DuckDB is asked for,
 * in a data directory of the app's own.
 */
export async function createTestApp(
  options: { prepare?: (app: FastifyInstance) => void; warehouse?: 'postgres' | 'duckdb' } = {},
): Promise<TestApp> {
  const port = inject('pgPort');
  const dataDir = inject('pgDataDir');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(superuserUrl(port, loadSecrets(dataDir).postgresPassword));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE jx_template`);
  await admin.end();
  const config = loadConfig({ dataDir, seedDemo: false, warehouse: options.warehouse ?? 'postgres' });
  const database = await openDatabase(config, { existingPort: port, databaseName: name, poolSize: 5 });
  const appConfig = { ...config, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'jx-test-')) };
  const warehouse = await openWarehouse(appConfig, database);
  const app = await buildApp({ config: appConfig, database, warehouse, version: VERSION });
  options.prepare?.(app);
  await app.ready();

  function client(ip = '127.0.0.1'): Client {
    const c: Client = {
      cookie: null,
      csrfToken: null,
      request(method, url, body, headers = {}) {
        return send(method, url, body === undefined ? undefined : JSON.stringify(body), { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers });
      },
      upload(url, file, fields = {}) {
        const body = multipart({ ...file, content: Buffer.from(file.content) }, fields);
        return send('POST', url, body.payload, { 'content-type': body.contentType });
      },
      get: (url) => c.request('GET', url),
      post: (url, body) => c.request('POST', url, body),
      patch: (url, body) => c.request('PATCH', url, body),
      put: (url, body) => c.request('PUT', url, body),
    };
    async function send(method: string, url: string, payload: string | Buffer | undefined, headers: Record<string, string>): Promise<Response> {
      const res = await app.inject({
        method: method as 'GET',
        url,
        remoteAddress: ip,
        headers: {
          ...(c.cookie ? { cookie: c.cookie } : {}),
          ...(c.csrfToken && method !== 'GET' ? { 'x-csrf-token': c.csrfToken } : {}),
          ...headers,
        },
        payload,
      });
      const setCookie = res.cookies.find((k) => k.name === 'jx_sid');
      if (setCookie) c.cookie = setCookie.value ? `jx_sid=${setCookie.value}` : null;
      let parsed: unknown = res.body;
      try {
        parsed = res.body ? JSON.parse(res.body) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body: parsed, headers: res.headers as Response['headers'] };
    }
    return c;
  }

  return {
    app,
    database,
    warehouse,
    dataDir: appConfig.dataDir,
    ownerUrl: database.ownerUrl,
    anonymous: client,
    async loginAs(username, password = DEMO_PASSWORD) {
      const c = client();
      const res = await c.post('/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      c.csrfToken = res.body.csrfToken;
      return c;
    },
    async close() {
      await app.close();
      await warehouse.close();
      await database.close();
      fs.rmSync(appConfig.dataDir, { recursive: true, force: true });
    },
  };
}
