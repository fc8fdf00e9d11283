import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/isoDate.js';
import { chinaToday } from '../../src/domain/jointMeetings.js';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';

let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession('e2e-meetings');
});
afterAll(() => session?.close());

/** Picks an option of an antd Select with search by typing part of its label. */
async function choose(page: Page, testId: string, text: string, nth = 0) {
  await page.getByTestId(testId).nth(nth).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

async function typeDate(page: Page, testId: string, date: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
}

describe('joint meetings in the browser', () => {
  const title = '浏览器测试联席会议';
  const resolution = '公安分局核查醉驾人员驾驶证吊销情况';
  let meetingUrl = '';

  it('lets a procurator schedule a meeting, record its minutes and add a resolution', async () => {
    const page = await session.loggedIn('procurator1');
    await page.getByTestId('main-menu').getByText('联席会议').click();
    await page.getByTestId('meetings-table').getByText('公共租赁住房监督专项联席会议').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'meetings-list.png'), fullPage: true });

    await page.getByTestId('schedule-meeting').click();
    await page.getByTestId('meeting-title').fill(title);
    await typeDate(page, 'meeting-date', chinaToday(new Date()));
    await page.getByTestId('meeting-agenda').fill('一、通报情况；\n二、研究醉驾案件衔接。');
    await choose(page, 'participant-unit', '朝阳分局');
    await page.getByTestId('participant-attendees').first().fill('刘警官');
    await page.getByTestId('add-participant').click();
    await choose(page, 'participant-unit', '市场监督管理局', 1);
    await page.getByTestId('meeting-form-submit').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    meetingUrl = page.url();
    await expect.poll(() => page.getByTestId('meeting-title-heading').innerText()).toBe(title);
    expect(await page.getByTestId('participants-table').innerText()).toContain('刘警官');

    await page.getByTestId('edit-minutes').click();
    await page.getByTestId('minutes-input').fill('会议商定：公安分局逐案核查。');
    await page.getByTestId('save-minutes').click();
    await expect.poll(() => page.getByTestId('meeting-minutes').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('已召开').first().isVisible()).toBe(true);

    await page.getByTestId('add-resolution').click();
    await page.getByTestId('resolution-text').fill(resolution);
    await choose(page, 'resolution-owner', '朝阳分局');
    await typeDate(page, 'resolution-due', addDays(chinaToday(new Date()), 5));
    await page.getByTestId('resolution-form-submit').click();
    await expect.poll(() => page.getByTestId('resolutions-table').innerText()).toContain(resolution);
    expect(await page.getByTestId('resolutions-table').innerText()).toContain('临期');
    await page.screenshot({ path: path.join(SHOTS, 'meeting-page.png'), fullPage: true });
    await page.context().close();
  });

  it('puts the resolution on the owner liaison’s home page, in their language, and lets them complete it', async () => {
    const page = await session.loggedIn('police_liaison', { locale: 'en-US' });
    const item = page.locator('a', { hasText: resolution });
    await item.waitFor();
    await item.click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}#resolution-/);
    // Dates follow the language: "Jan 5, 2026", not "2026年1月5日".
    expect(await page.getByTestId('meeting-when').innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(await page.getByTestId('resolutions-table').innerText()).toContain('Due soon');
    expect(await page.getByTestId('edit-meeting').count()).toBe(0);

    await page.getByTestId('update-resolution').click();
    await page.getByTestId('resolution-progress').fill('核查完毕，已书面反馈');
    await page.getByTestId('resolution-done').click();
    await page.getByTestId('resolution-update-submit').click();
    await expect.poll(() => page.getByTestId('resolution-standing').first().innerText()).toBe('Done');
    await page.screenshot({ path: path.join(SHOTS, 'meeting-resolution-done.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a unit not taking part nothing of the meeting', async () => {
    const page = await session.loggedIn('housing_liaison');
    await page.goto(meetingUrl);
    await expect.poll(() => page.getByText('记录不存在或已被删除').first().isVisible()).toBe(true);
    expect(await page.getByText(title).count()).toBe(0);
    await page.context().close();
    expect(session.problems).toEqual([]);
  });
});
