/**
 * What the browser tests do on antd pages again and again: pick an option, type a date, approve a
 * document, check that Chinese text is drawn with a CJK font, take a screenshot.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SHOTS } from './browser.js';

/** Picks an option of an antd Select; `field` is the select or its labelled input. */
export async function choose(page: Page, field: Locator, option: string | RegExp) {
  // antd keeps the select's own input out of sight: click the select around it.
  const select = field.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const input = select.locator('input[role="combobox"]');
  // The options of some selects arrive from the server after the dropdown opens and re-render
  // under the pointer; on a busy machine a click can land in between. Try again, then insist.
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    // The open select names its list: pick from that dropdown, not another one still fading out.
    await expect.poll(() => input.getAttribute('aria-controls')).toBeTruthy();
    const list = await input.getAttribute('aria-controls');
    await page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) }).locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    const chosen = await expect
      .poll(() => select.innerText(), { timeout: 2000 })
      .toMatch(option)
      .then(
        () => true,
        () => false,
      );
    if (chosen) return;
    await page.keyboard.press('Escape');
  }
  await expect.poll(() => select.innerText()).toMatch(option);
}

/** Types a date into an antd DatePicker; Tab (not Enter, which would submit the form) confirms it. */
export async function typeDate(field: Locator, date: string) {
  await field.click();
  await field.fill(date);
  await field.press('Tab');
  await expect.poll(() => field.inputValue()).toBe(date);
}

/** Approves the document at `url` with the signing date `on`. */
export async function approve(page: Page, url: string, on: string) {
  await page.goto(url);
  await page.getByTestId('document-approve').click();
  const dialog = page.locator('.ant-modal');
  await dialog.getByLabel('审批意见').fill('同意');
  await typeDate(dialog.getByLabel('签发日期'), on);
  await dialog.getByTestId('document-approve-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The fonts Chromium really drew an element's text with: a CJK face, or Chinese shows as boxes. */
export async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

/** A full-page screenshot, after checking that the Chinese at `chineseAt` is drawn with a CJK font. */
export async function shot(page: Page, name: string, chineseAt: string) {
  expect((await fontsOf(page, chineseAt)).join(' ')).toMatch(/CJK|Hei|Song|Kai|WenQuanYi/i);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
