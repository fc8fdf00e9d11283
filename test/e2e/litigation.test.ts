import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';
import { approve, choose, typeDate } from '../helpers/pageActions.js';

/**
 * Administrative litigation supervision (行政诉讼监督) in a real browser on the demo: an
 * application with its window check → acceptance → hearing and committee decision → retrial
 * suggestion approved, issued and served on the court → the court's answer → closed.
 */
let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession('e2e-litigation');
});
afterAll(() => session?.close());

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('litigation supervision in the browser', () => {
  it('application → review with a hearing → committee → retrial suggestion issued → court changes the judgment → closed', async () => {
    // The procurator registers the application; the window is checked as the dates are entered.
    const procurator = await session.loggedIn('procurator1');
    await procurator.getByTestId('main-menu').getByText('线索管理').click();
    await procurator.getByTestId('register-litigation').click();
    const drawer = procurator.locator('.ant-drawer');
    await drawer.getByLabel('申请人姓名').fill('郑卫东');
    await drawer.getByLabel('申请人身份证号').fill('110105199001011237');
    await drawer.getByLabel('联系电话').fill('13812345678');
    await choose(procurator, drawer.getByLabel('监督对象法院'), '北京市第三中级人民法院');
    await choose(procurator, drawer.getByLabel('被诉（申请执行）行政机关'), '北京市朝阳区市场监督管理局');
    const first = drawer.getByTestId('court-decision-0');
    await choose(procurator, first.getByTestId('decision-kind'), '二审判决');
    await first.getByPlaceholder('作出法院').fill('北京市第三中级人民法院');
    await first.getByPlaceholder('如：（2025）京03行终456号').fill('（2025）京03行终789号');
    await typeDate(first.getByPlaceholder('裁判日期'), '2025-12-01');
    await typeDate(first.getByPlaceholder('送达日期'), '2025-12-05');
    await drawer.getByTestId('add-court-decision').click();
    const refusal = drawer.getByTestId('court-decision-1');
    await choose(procurator, refusal.getByTestId('decision-kind'), '驳回再审申请裁定');
    await refusal.getByPlaceholder('作出法院').fill('北京市高级人民法院');
    await refusal.getByPlaceholder('如：（2025）京03行终456号').fill('（2026）京行申321号');
    await typeDate(refusal.getByPlaceholder('裁判日期'), '2026-03-02');
    await typeDate(drawer.getByLabel('收到申请日期'), '2026-11-16');
    // No served refusal yet, then one served in March (late), then the real service in June (within).
    const windowText = drawer.getByTestId('window-text');
    await expect.poll(() => windowText.innerText()).toBe('未见驳回再审申请裁定送达记录');
    await typeDate(refusal.getByPlaceholder('送达日期'), '2026-03-10');
    await expect.poll(() => windowText.innerText()).toBe('已超过六个月申请期限（截至 2026年9月10日）');
    expect(await drawer.getByTestId('window-status').getAttribute('data-status')).toBe('late');
    await drawer.locator('.ant-drawer-title').click(); // closes the date picker's panel for the picture
    await shot(procurator, 'litigation-window-late');
    await typeDate(refusal.getByPlaceholder('送达日期'), '2026-06-15');
    await expect.poll(() => windowText.innerText()).toBe('申请期限：至 2026年12月15日，未超期');
    await drawer.getByLabel('申请（监督）理由').fill('区市场监管局以虚假宣传为由罚款二十万元，原判决认定事实的主要证据不足，适用法律确有错误。');
    await procurator.getByTestId('litigation-submit').click();
    await procurator.waitForURL(/\/clues\/[0-9a-f-]{36}$/);
    const clueUrl = procurator.url();
    const card = procurator.getByTestId('litigation-card');
    await expect.poll(() => card.innerText()).toContain('（2026）京行申321号');
    expect(await card.getByTestId('window-text').innerText()).toBe('申请期限：至 2026年12月15日，未超期');
    expect(await card.innerText()).toContain('110105********1237');
    expect(await card.innerText()).not.toContain('110105199001011237');

    // The head accepts it as a litigation case (the only kind for an application) for procurator1.
    const head = await session.loggedIn('head1');
    await head.goto(clueUrl);
    const decide = head.getByTestId('clue-decisions');
    await decide.getByRole('tab', { name: '立案', exact: true }).click();
    await expect.poll(() => decide.getByTestId('file-kind').innerText()).toBe('行政诉讼监督');
    expect(await decide.getByTestId('window-override-reason').count()).toBe(0);
    await choose(head, decide.getByLabel('承办检察官'), '李明');
    await typeDate(decide.getByLabel('立案日期'), '2026-11-17');
    await decide.getByRole('button', { name: '确认立案' }).click();
    await head.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = head.url();
    await expect.poll(() => head.getByTestId('case-state').innerText()).toBe('审查中');
    expect(await head.getByTestId('litigation-card').innerText()).toContain('北京市第三中级人民法院');

    // The procurator records the hearing and writes the review.
    await procurator.goto(caseUrl);
    await procurator.getByRole('tab', { name: '听证' }).click();
    await procurator.getByTestId('record-hearing').click();
    const hearing = procurator.locator('.ant-modal');
    await typeDate(hearing.getByLabel('听证日期'), '2026-11-18');
    await hearing.getByLabel('听证地点').fill('本院听证室');
    await hearing.getByLabel('主持人').fill('李明');
    await hearing.getByTestId('participant-0').getByPlaceholder('姓名（单位）').fill('郑卫东');
    await hearing.getByTestId('participant-0').getByPlaceholder(/申请人、行政机关代理人/).fill('申请人');
    await hearing.getByTestId('add-participant').click();
    await hearing.getByTestId('participant-1').getByPlaceholder('姓名（单位）').fill('区市场监管局 刘某');
    await hearing.getByTestId('participant-1').getByPlaceholder(/申请人、行政机关代理人/).fill('行政机关代理人');
    await hearing.getByLabel('听证情况').fill('申请人陈述了申请理由，行政机关进行了答辩。');
    await hearing.getByLabel('听证意见（结论）').fill('听证员一致认为原判决适用法律错误');
    await procurator.getByTestId('hearing-submit').click();
    await hearing.waitFor({ state: 'hidden' });
    await expect.poll(() => procurator.getByTestId('hearing').innerText()).toContain('郑卫东（申请人）、区市场监管局 刘某（行政机关代理人）');

    await procurator.getByRole('tab', { name: '审查' }).click();
    const form = procurator.getByTestId('review-form');
    await form.getByTestId('review-facts').fill('申请人郑卫东因虚假宣传被区市场监管局罚款二十万元，起诉后一审、二审均驳回其诉讼请求，高级法院驳回再审申请。');
    await form.getByLabel('存在的问题', { exact: true }).fill('原判决认定事实的主要证据不足\n原判决适用法律确有错误');
    await form.getByTestId('save-review').click();
    await procurator.getByText('已保存').first().waitFor();

    // The chief records the procuratorial committee's decision.
    const chief = await session.loggedIn('chief1');
    await chief.goto(caseUrl);
    await chief.getByRole('tab', { name: '检察委员会' }).click();
    await chief.getByTestId('record-committee').click();
    const committee = chief.locator('.ant-modal');
    await typeDate(committee.getByLabel('会议日期'), '2026-11-19');
    await committee.getByLabel('会议届次').fill('2026年第9次会议');
    await expect.poll(() => committee.getByTestId('committee-outcome').innerText()).toBe('再审检察建议书');
    await committee.getByLabel('决定内容（会议纪要）').fill('同意向北京市第三中级人民法院提出再审检察建议');
    await chief.getByTestId('committee-submit').click();
    await committee.waitFor({ state: 'hidden' });
    await expect.poll(() => chief.getByTestId('committee-decisions').innerText()).toContain('2026年第9次会议');

    // The procurator drafts the retrial suggestion, addressed to the court of the application.
    await procurator.goto(caseUrl);
    await procurator.getByRole('tab', { name: '文书' }).click();
    await procurator.getByTestId('draft-menu').hover();
    await procurator.getByRole('menuitem', { name: '再审检察建议书' }).click();
    const options = procurator.locator('.ant-modal');
    await expect.poll(() => options.getByTestId('draft-recipient').innerText()).toBe('北京市第三中级人民法院');
    expect(await options.getByTestId('committee-requirement').getAttribute('data-status')).toBe('approved');
    await procurator.getByTestId('draft-options-submit').click();
    await procurator.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    const docUrl = procurator.url();
    const preview = procurator.getByRole('region', { name: '文书预览' });
    await expect.poll(() => preview.locator('[data-part="recipient"]').innerText()).toBe('北京市第三中级人民法院：');
    expect(await preview.innerText()).toContain('经本院检察委员会2026年第9次会议讨论决定');
    expect(await procurator.getByTestId('document-blanks').count()).toBe(0);
    expect(await procurator.getByTestId('committee-requirement').getAttribute('data-status')).toBe('approved');
    await shot(procurator, 'litigation-retrial-suggestion');
    await procurator.getByTestId('document-submit').click();
    await expect.poll(() => procurator.getByTestId('document-state').first().innerText()).toBe('待部门负责人审批');

    await approve(head, docUrl, '2026-11-20');
    await expect.poll(() => head.getByTestId('document-state').first().innerText()).toBe('待检察长审批');
    await approve(chief, docUrl, '2026-11-21');
    await expect.poll(() => chief.getByTestId('document-state').first().innerText()).toBe('已签发');
    const number = await chief.getByTestId('document-number').innerText();
    expect(number).toMatch(/^京朝检行再建〔2026〕\d+号$/);

    // Served on the court; the court's answer arrives on paper and the procurator enters it.
    await procurator.goto(docUrl);
    await procurator.getByTestId('document-serve').click();
    const serve = procurator.locator('.ant-modal');
    await typeDate(serve.getByLabel('送达日期'), '2026-11-23');
    await typeDate(serve.getByLabel('收到日期'), '2026-11-23');
    await serve.getByTestId('document-serve-submit').click();
    await serve.waitFor({ state: 'hidden' });
    await expect.poll(() => procurator.getByTestId('document-state').first().innerText()).toBe('已送达');
    // Service started the court's 3-month answer clock: the page shows the served document as the server has it.
    await procurator.getByText('法院（上级院）处理期限').first().waitFor();
    await procurator.getByRole('button', { name: '登记纸质回复' }).click();
    const reply = procurator.getByTestId('reply-form');
    await reply.getByLabel('办理情况').waitFor();
    expect(await reply.getByTestId('reply-result').count()).toBe(0);
    // A court recovers no money or housing: the agencies' recovery fields are not offered.
    expect(await reply.getByTestId('reply-recovered-amount').count()).toBe(0);
    await choose(procurator, reply.getByTestId('reply-court-outcome'), /^改判$/);
    await expect.poll(() => reply.innerText()).toMatch(/据此计为：\s*采纳/);
    await reply.getByLabel('办理情况').fill('北京市第三中级人民法院裁定再审，判决撤销原判决及行政处罚决定。');
    await typeDate(reply.getByLabel('回复日期'), '2026-11-24');
    await reply.getByTestId('reply-submit').click();
    await expect.poll(() => procurator.getByTestId('court-outcome').innerText()).toBe('改判');

    // Evaluated and closed.
    await procurator.goto(caseUrl);
    await expect.poll(() => procurator.getByTestId('case-state').innerText()).toBe('已收到处理结果');
    await procurator.getByRole('tab', { name: '回复与异议' }).click();
    const evaluation = procurator.getByTestId('reply-evaluation');
    await choose(procurator, evaluation.getByLabel('检察机关评价'), /^采纳$/);
    await typeDate(evaluation.getByLabel('日期', { exact: true }), '2026-11-25');
    await evaluation.getByLabel('评价意见').fill('法院已改判，监督目的实现');
    await evaluation.getByLabel('结案').check();
    await evaluation.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => procurator.getByTestId('case-state').innerText()).toBe('已结案');
    await procurator.getByRole('tab', { name: '文书' }).click();
    expect(await procurator.getByTestId('case-documents').innerText()).toContain(number);
    await procurator.getByRole('tab', { name: '时间线' }).click();
    const timeline = await procurator.getByTestId('case-timeline').innerText();
    for (const event of ['立案', '听证', '检察委员会决定', '文书签发', '文书送达', '结案']) expect(timeline).toContain(event);
    await shot(procurator, 'litigation-closed');

    const closed = (await (await procurator.request.get(`${session.server.url}/api/cases/${caseUrl.split('/').pop()}`)).json()) as Record<string, any>;
    expect(closed).toMatchObject({ state: 'closed', kind: 'litigation', closedOn: '2026-11-25' });
    expect(closed.replies[0]).toMatchObject({ courtOutcome: 'changed', result: 'adopted', evaluation: 'adopted' });
    await session.closePages();
    expect(session.problems).toEqual([]);
  }, 180_000);

  it('a late application is accepted only with a stated reason, which the case shows', async () => {
    const procurator = await session.loggedIn('procurator2');
    await procurator.getByTestId('main-menu').getByText('线索管理').click();
    await procurator.getByTestId('register-litigation').click();
    const drawer = procurator.locator('.ant-drawer');
    await drawer.getByLabel('申请人姓名').fill('冯晓梅');
    const refusal = drawer.getByTestId('court-decision-0');
    await choose(procurator, refusal.getByTestId('decision-kind'), '驳回再审申请裁定');
    await refusal.getByPlaceholder('作出法院').fill('北京市高级人民法院');
    await refusal.getByPlaceholder('如：（2025）京03行终456号').fill('（2026）京行申77号');
    await typeDate(refusal.getByPlaceholder('裁判日期'), '2026-03-02');
    await typeDate(refusal.getByPlaceholder('送达日期'), '2026-03-10');
    await typeDate(drawer.getByLabel('收到申请日期'), '2026-11-16');
    await expect.poll(() => drawer.getByTestId('window-text').innerText()).toBe('已超过六个月申请期限（截至 2026年9月10日）');
    await drawer.getByLabel('申请（监督）理由').fill('原判决适用法律确有错误。');
    await procurator.getByTestId('litigation-submit').click();
    await procurator.waitForURL(/\/clues\/[0-9a-f-]{36}$/);
    const clueUrl = procurator.url();

    const head = await session.loggedIn('head1');
    await head.goto(clueUrl);
    const decide = head.getByTestId('clue-decisions');
    await decide.getByRole('tab', { name: '立案', exact: true }).click();
    expect(await decide.getByTestId('window-override-alert').innerText()).toContain('已超过六个月申请期限（截至 2026年9月10日）');
    await choose(head, decide.getByLabel('主管行政机关'), '北京市朝阳区人力资源和社会保障局');
    await typeDate(decide.getByLabel('立案日期'), '2026-11-17');
    await decide.getByRole('button', { name: '确认立案' }).click();
    await expect.poll(() => decide.innerText()).toContain('受理的须写明理由');
    expect(head.url()).toBe(clueUrl);
    await decide.getByTestId('window-override-reason').fill('申请人因重病住院未能按期申请，有医院证明');
    await decide.getByRole('button', { name: '确认立案' }).click();
    await head.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => head.getByTestId('window-override').innerText()).toContain('申请人因重病住院未能按期申请，有医院证明');
    expect(await head.getByTestId('litigation-card').getByTestId('window-status').getAttribute('data-status')).toBe('late');
    await session.closePages();
    expect(session.problems).toEqual([]);
  }, 90_000);
});
