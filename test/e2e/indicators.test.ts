import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';
import { fontsOf, shot } from '../helpers/pageActions.js';

/**
 * The three dashboards in a real browser on the demo register (seeded on the first start; today
 * is the server's China date, the period this year): charts drawn with Chinese labels, figures
 * and chart elements opening their lists, and each organization seeing only its dashboard.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession('e2e-indicators');
});
afterAll(() => session?.close());

afterEach(() => session.closePages());

const api = async (page: Page, url: string) => {
  const res = await page.request.get(`${session.server.url}${url}`);
  expect(res.status(), url).toBe(200);
  return res.json();
};

/** The text ECharts drew into a chart (SVG renderer: real <text> elements). */
async function chartTexts(chart: Locator): Promise<string[]> {
  await chart.locator('svg text').first().waitFor({ state: 'attached' });
  // Wait for the data (the first frame may hold the axes only).
  await expect.poll(async () => (await chart.locator('svg text').allTextContents()).join('').trim().length).toBeGreaterThan(0);
  return chart.locator('svg text').allTextContents();
}

/** Clicks the chart element under a label ECharts drew (a bar's value, a funnel step's name). */
async function clickChartText(chart: Locator, text: string | RegExp) {
  await chart.locator('svg text', { hasText: text }).first().click();
}

async function drawerTotal(page: Page): Promise<string> {
  const drawer = page.getByTestId('indicator-drill-down');
  await drawer.getByTestId('drill-total').waitFor();
  await expect.poll(() => drawer.locator('.ant-spin-spinning').count()).toBe(0);
  return drawer.getByTestId('drill-total').innerText();
}

async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await page.getByTestId('indicator-drill-down').waitFor({ state: 'hidden' });
}

describe('indicator dashboards', () => {
  it('shows the procuratorate’s dashboard: charts with Chinese labels, figures and bars opening their lists', async () => {
    const page = await session.loggedIn('head1');
    await page.goto(`${session.server.url}/indicators`);
    await page.getByTestId('dashboard-procuratorate').waitFor();
    await page.getByTestId('indicator-reply_rate').waitFor();
    const year = `${new Date().getFullYear()}`;
    const figures = await api(page, `/api/indicators?from=${year}-01-01&to=${year}-12-31`);
    const reply = figures.items.find((f: any) => f.definition.id === 'reply_rate');
    expect(reply.denominator).toBeGreaterThan(0);

    // The charts: SVG text in Chinese — kinds, agencies, the funnel's steps.
    expect((await chartTexts(page.getByTestId('chart-kind'))).join(' ')).toMatch(/行政违法行为监督|行刑反向衔接/);
    expect((await chartTexts(page.getByTestId('chart-agency'))).join(' ')).toMatch(/朝阳交通支队|区住建委|区市场监管局/);
    expect((await chartTexts(page.getByTestId('chart-month'))).join(' ')).toMatch(/月/);
    expect((await chartTexts(page.getByTestId('chart-funnel'))).join(' ')).toContain('受理线索');
    expect((await chartTexts(page.getByTestId('indicators-chart'))).join(' ')).toContain('分子');

    // The tooltip of a figure is its formula.
    await page.getByTestId('indicator-money_recovered').getByLabel('指标口径').hover();
    await expect.poll(() => page.locator('.ant-tooltip').last().innerText()).toContain('追回资金 =');
    expect(await page.getByTestId('indicator-money_recovered').innerText()).toContain('¥18,600.00');

    // A figure opens its list: as many items as the figure's denominator.
    await page.getByTestId('indicator-reply_rate').click();
    expect(await drawerTotal(page)).toBe(`共 ${reply.denominator} 条`);
    await page.getByTestId('indicator-drill-down').getByRole('tab', { name: /^分子/ }).click();
    expect(await drawerTotal(page)).toBe(`共 ${reply.numerator} 条`);
    await closeDrawer(page);

    // A bar opens exactly its cell: reply rate of the traffic police.
    const byAgency = await api(page, `/api/indicators/reply_rate/breakdown?from=${year}-01-01&to=${year}-12-31&dimension=agency`);
    const traffic = byAgency.items.find((r: any) => r.label === '朝阳交通支队');
    await page.getByTestId('chart-agency').scrollIntoViewIfNeeded();
    const trafficIndex = byAgency.items.indexOf(traffic);
    // Click the value label above the bar (ECharts hands the click to the bar).
    const labels = page.getByTestId('chart-agency').locator('svg text', { hasText: /\d%$/ });
    await expect.poll(() => labels.count()).toBe(byAgency.items.filter((r: any) => r.denominator > 0).length);
    await labels.nth(trafficIndex).click();
    await expect.poll(() => page.getByTestId('indicator-drill-down').locator('.ant-drawer-title').innerText()).toContain('朝阳交通支队');
    expect(await drawerTotal(page)).toBe(`共 ${traffic.denominator} 条`);
    await closeDrawer(page);

    // A funnel step opens its clues.
    const funnel = await api(page, `/api/indicators/funnel?from=${year}-01-01&to=${year}-12-31`);
    await page.getByTestId('chart-funnel').scrollIntoViewIfNeeded();
    await clickChartText(page.getByTestId('chart-funnel'), /^受理线索/);
    expect(await drawerTotal(page)).toBe(`共 ${funnel.steps[0].count} 条`);
    await closeDrawer(page);

    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'indicators-procuratorate', '[data-testid="indicator-reply_rate-ratio"]');
    expect(session.problems).toEqual([]);
  });

  it('shows the justice bureau every agency side by side, each number opening that agency’s items', async () => {
    const page = await session.loggedIn('justice_observer');
    await page.goto(`${session.server.url}/indicators`);
    await page.getByTestId('dashboard-justice_bureau').waitFor();
    const chart = page.getByTestId('chart-agencies');
    const texts = (await chartTexts(chart)).join(' ');
    expect(texts).toContain('回复率');
    expect(texts).toContain('按期回复率');
    expect(texts).toMatch(/朝阳公安分局/);
    const table = page.getByTestId('assessment-table');
    await expect.poll(() => table.innerText()).toContain('朝阳交通支队');
    expect(await table.innerText()).toContain('逾期未回复件数');
    // The police have one overdue opinion: the overdue number opens it.
    const year = `${new Date().getFullYear()}`;
    const police = (await api(page, `/api/indicators/reply_rate/breakdown?from=${year}-01-01&to=${year}-12-31&dimension=agency`)).items.find((r: any) => r.label === '朝阳公安分局');
    const overdue = page.getByTestId(`assessment-overdue-${police.key}`);
    expect(await overdue.innerText()).toBe(String(police.denominator - police.numerator));
    await overdue.click();
    expect(await drawerTotal(page)).toBe(`共 ${police.denominator - police.numerator} 条`);
    await closeDrawer(page);
    // No procuratorate internals here: no funnel, no transfer figure.
    expect(await page.getByTestId('chart-funnel').count()).toBe(0);
    expect(await page.getByTestId('indicator-transfer_compliance').count()).toBe(0);
    await shot(page, 'indicators-justice', '[data-testid="assessment-table"] th');
    expect(session.problems).toEqual([]);
  });

  it('shows an agency liaison only their own figures, by month, and their items', async () => {
    const page = await session.loggedIn('police_liaison');
    await page.goto(`${session.server.url}/indicators`);
    await page.getByTestId('dashboard-agency').waitFor();
    await page.getByTestId('indicator-reply_rate').waitFor();
    expect(await page.getByTestId('indicators-agency').count()).toBe(0);
    expect(await page.getByTestId('indicator-transfer_compliance').count()).toBe(0);
    expect((await chartTexts(page.getByTestId('chart-month'))).join(' ')).toMatch(/月/);
    const items = page.getByTestId('agency-items');
    await expect.poll(() => items.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const agencies = await items.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(new Set(agencies)).toEqual(new Set(['朝阳公安分局']));
    await page.getByTestId('indicator-reply_rate').click();
    const year = `${new Date().getFullYear()}`;
    const own = (await api(page, `/api/indicators?from=${year}-01-01&to=${year}-12-31`)).items.find((f: any) => f.definition.id === 'reply_rate');
    expect(await drawerTotal(page)).toBe(`共 ${own.denominator} 条`);
    await closeDrawer(page);
    await shot(page, 'indicators-agency', '[data-testid="indicator-reply_rate-ratio"]');
    expect(session.problems).toEqual([]);
  });
});
