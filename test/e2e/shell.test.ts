import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/db/seed.js';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';

let session: BrowserSession;
let server: BrowserSession['server'];
beforeAll(async () => {
  session = await startBrowserSession('e2e');
  server = session.server;
});
afterAll(() => session?.close());

const newPage = () => session.newPage();
const login = (page: Page, username: string, password = DEMO_PASSWORD) => session.login(page, username, password);

async function menuLabels(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  // Open collapsed sub-menus so every item is listed (a click on an open one would close it).
  for (const sub of await menu.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title').all()) await sub.click();
  return (await menu.locator('.ant-menu-title-content').allInnerTexts()).map((s) => s.trim());
}

/** Without CJK fonts every Chinese character is drawn as the same "tofu" box. */
async function rendersChineseGlyphs(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = '20px sans-serif';
    const glyphs = ['检', '行', '监', '督'].map((c) => ctx.measureText(c).width);
    const tofu = ctx.measureText('\u{10FFFD}').width;
    return glyphs.every((w) => w > 0 && Math.abs(w - tofu) > 0.5);
  });
}

describe('the web shell in a real browser', () => {
  it('shows a procurator the procuratorate menu, the home page and the contact directory', async () => {
    const page = await newPage();
    await login(page, 'procurator1');
    const labels = await menuLabels(page);
    expect(labels).toContain('工作台');
    expect(labels).toContain('联络名录');
    expect(labels).not.toContain('本单位');
    expect(labels).not.toContain('用户管理');
    await expect.poll(() => page.getByText('李明').first().isVisible()).toBe(true);
    // The demo's cases put the procurator's running review clocks on the home page.
    await expect.poll(() => page.getByRole('link', { name: /京朝检行反受〔2026〕\d+号/ }).first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'procurator-home.png'), fullPage: true });
    expect(await rendersChineseGlyphs(page)).toBe(true);

    await page.getByTestId('main-menu').getByText('联络名录').click();
    await page.getByText('北京市公安局朝阳分局', { exact: true }).click();
    // Procurators call liaisons: the full number is shown to them.
    await expect.poll(() => page.getByText('13900020001').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'procurator-directory.png'), fullPage: true });
    await page.context().close();
  });

  it('shows an agency liaison a different menu: their own organization, no directory', async () => {
    const page = await newPage();
    await login(page, 'traffic_liaison');
    const labels = await menuLabels(page);
    expect(labels).toContain('本单位');
    expect(labels).not.toContain('联络名录');
    expect(labels).not.toContain('用户管理');
    await page.getByTestId('main-menu').getByText('本单位').click();
    await expect.poll(() => page.getByText('北京市公安局公安交通管理局朝阳交通支队').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('李明').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'liaison-my-organization.png'), fullPage: true });
    // A page outside the role is refused, not shown.
    await page.goto(`${server.url}/directory`);
    await expect.poll(() => page.getByText('403').first().isVisible()).toBe(true);
    await page.context().close();
  });

  it('switches the language to English and remembers it across a reload', async () => {
    const page = await newPage();
    await login(page, 'police_liaison');
    await page.getByTestId('locale-switch').click();
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => menuLabels(page)).toContain('My organization');
    expect(await menuLabels(page)).toContain('Home');
    await page.reload();
    await page.getByTestId('main-menu').waitFor();
    expect(await menuLabels(page)).toContain('My organization');
    // The demo's overdue opinion waits for the police's reply, labelled in English.
    await expect.poll(() => page.getByText('Reply owed').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'liaison-english.png'), fullPage: true });
    await page.context().close();
  });

  it('changes a password (with a translated field error first), logs out, and signs in with the new one', async () => {
    const page = await newPage();
    await login(page, 'procurator2');
    await page.goto(`${server.url}/profile`);
    await page.getByTestId('current-password').fill('not-my-password1');
    await page.getByTestId('new-password').fill('Better-pass-2027');
    await page.getByTestId('confirm-password').fill('Better-pass-2027');
    await page.getByTestId('change-password-submit').click();
    await expect.poll(() => page.getByText('当前密码不正确').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'profile-wrong-password.png'), fullPage: true });

    await page.getByTestId('current-password').fill(DEMO_PASSWORD);
    await page.getByTestId('change-password-submit').click();
    await expect.poll(() => page.getByText('密码已修改').first().isVisible()).toBe(true);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    await page.getByTestId('login-username').fill('procurator2');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByText('用户名或密码错误').first().isVisible()).toBe(true);
    await login(page, 'procurator2', 'Better-pass-2027');
    expect(await menuLabels(page)).toContain('联络名录');
    await page.context().close();
  });

  it('lets an administrator manage users and organizations', async () => {
    const page = await newPage();
    await login(page, 'admin');
    // On the home page the 系统管理 group starts closed; the admin opens it and it stays open
    // while the page settles (the menu is controlled, never remounted), so its item can be clicked.
    const adminGroup = page.getByTestId('main-menu').locator('.ant-menu-submenu').filter({ hasText: '系统管理' });
    await expect.poll(() => adminGroup.getAttribute('class')).not.toContain('ant-menu-submenu-open');
    await adminGroup.locator('.ant-menu-submenu-title').click();
    await expect.poll(() => adminGroup.getAttribute('class')).toContain('ant-menu-submenu-open');
    const labels = await menuLabels(page);
    expect(labels).toEqual(expect.arrayContaining(['用户管理', '组织机构', '审计日志']));
    await page.getByTestId('main-menu').getByText('用户管理').click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/users$/);
    await expect.poll(() => page.getByText('police_liaison').first().isVisible()).toBe(true);
    expect(await adminGroup.getAttribute('class')).toContain('ant-menu-submenu-open');
    await page.screenshot({ path: path.join(SHOTS, 'admin-users.png'), fullPage: true });
    await page.goto(`${server.url}/admin/audit`);
    await expect.poll(() => page.getByText('auth.login').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'admin-audit.png'), fullPage: true });
    await page.context().close();
  });

  it('runs every page under the Content-Security-Policy without violations or page errors', () => {
    expect(session.problems).toEqual([]);
  });
});
