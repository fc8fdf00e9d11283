import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/server/db/seed.js';
import { startServerProcess, tempDataDir, type ServerProcess } from './serverProcess.js';

export const SHOTS = path.resolve('test-results/e2e');
// Debian's Chromium as root, on a machine without network: no sandbox, no background traffic.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserSession {
  server: ServerProcess;
  dataDir: string;
  browser: Browser;
  /** Content-Security-Policy violations and uncaught page errors, from every page opened. */
  problems: string[];
  newPage(): Promise<Page>;
  login(page: Page, username: string, password?: string): Promise<void>;
  /** A new page (its own browser context) signed in as `username`, optionally in another locale;
   * closed by closePages(). */
  loggedIn(username: string, options?: { locale?: 'en-US' }): Promise<Page>;
  /** Closes every page loggedIn() opened. */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

/** A real `jianxing start` on a fresh data directory (demo seeded) and a headless Chromium. */
export async function startBrowserSession(name: string, env: Record<string, string> = {}): Promise<BrowserSession> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dataDir = tempDataDir(name);
  const server = await startServerProcess(dataDir, env);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  const problems: string[] = [];
  const opened: Page[] = [];
  const session: BrowserSession = {
    server,
    dataDir,
    browser,
    problems,
    async newPage() {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 860 } });
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
      });
      page.on('pageerror', (err) => problems.push(err.message));
      return page;
    },
    async login(page, username, password = DEMO_PASSWORD) {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('main-menu').waitFor();
    },
    async loggedIn(username, options = {}) {
      const page = await session.newPage();
      opened.push(page);
      if (options.locale) await page.addInitScript((l) => localStorage.setItem('jx.locale', l), options.locale);
      await session.login(page, username);
      return page;
    },
    async closePages() {
      for (const page of opened.splice(0)) await page.context().close();
    },
    async close() {
      await browser.close();
      server.proc.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return session;
}
