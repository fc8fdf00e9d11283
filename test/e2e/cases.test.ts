import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';
import { approve, choose, fontsOf, shot, typeDate } from '../helpers/pageActions.js';

let session: BrowserSession;
// The first start imports the demo datasets, runs the five models and seeds the demo cases.
beforeAll(async () => {
  session = await startBrowserSession('e2e-cases');
});
afterAll(() => session?.close());

async function draft(page: Page, type: string, suggestionKind?: string) {
  await page.getByRole('tab', { name: '文书' }).click();
  await page.getByTestId('draft-menu').hover();
  await page.getByRole('menuitem', { name: type }).click();
  const options = page.locator('.ant-modal');
  // Documents served on an agency ask for options (reply period, kind of suggestion) first.
  if (type !== '审查终结报告') {
    if (suggestionKind) await choose(page, options.getByLabel('检察建议类型'), suggestionKind);
    await options.getByRole('button', { name: /^起\s?草$/ }).click();
  }
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
  await page.getByTestId('approval-bar').waitFor();
  return page.url();
}

async function serve(page: Page, servedOn: string, receivedOn: string, method?: string) {
  await page.getByTestId('document-serve').click();
  const dialog = page.locator('.ant-modal');
  await typeDate(dialog.getByLabel('送达日期'), servedOn);
  await typeDate(dialog.getByLabel('收到日期'), receivedOn);
  if (method) await dialog.getByLabel(method).check();
  await dialog.getByTestId('document-serve-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => page.getByTestId('document-state').first().innerText()).toBe('已送达');
}

/** The agency liaison opens the document from the inbox row carrying its number. */
async function openFromInbox(page: Page, number: string, due: string) {
  await page.getByTestId('main-menu').getByText('收文办理').click();
  const row = page.getByTestId('inbox-table').locator('tr', { hasText: number });
  await row.waitFor();
  expect(await row.innerText()).toContain(due);
  await shot(page, `cases-inbox-${number.includes('意') ? 'opinion' : 'suggestion'}`, '[data-testid="inbox-table"] tbody a');
  await row.getByRole('link', { name: number }).click();
  await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
}

async function evaluateAndClose(page: Page, caseUrl: string, on: string, note: string) {
  await page.goto(caseUrl);
  await page.getByRole('tab', { name: '回复与异议' }).click();
  const evaluation = page.getByTestId('reply-evaluation');
  await choose(page, evaluation.getByLabel('检察机关评价'), /^采纳$/);
  await typeDate(evaluation.getByLabel('日期', { exact: true }), on);
  await evaluation.getByLabel('评价意见').fill(note);
  await evaluation.getByLabel('结案').check();
  await evaluation.getByRole('button', { name: '提交评价' }).click();
  await expect.poll(() => page.getByTestId('case-state').innerText()).toBe('已结案');
}


const api = async (page: Page, url: string) => {
  const res = await page.request.get(`${session.server.url}${url}`);
  expect(res.status(), url).toBe(200);
  return res.json();
};

describe('case handling in the browser', () => {
  it('reverse connection: a non-prosecution decision for drunk driving ends with the licence revoked', async () => {
    // The criminal department hands over the decision on the clue register.
    const criminal = await session.loggedIn('criminal1');
    await criminal.getByTestId('main-menu').getByText('线索管理').click();
    await criminal.getByRole('button', { name: '新增线索' }).click();
    const drawer = criminal.locator('.ant-drawer');
    await drawer.getByTestId('clue-title').fill('孙某危险驾驶不起诉案');
    await drawer.getByLabel('当事人').fill('孙某');
    await drawer.getByLabel('身份证号').fill('110105199001011232');
    await typeDate(drawer.getByLabel('收到日期'), '2026-09-09');
    await drawer.getByLabel('不起诉决定书文号').fill('京朝检刑不诉〔2026〕88号');
    await typeDate(drawer.getByLabel('不起诉决定日期'), '2026-09-07');
    await choose(criminal, drawer.getByLabel('不起诉类型'), '酌定不起诉');
    await drawer.getByLabel('涉嫌罪名').fill('危险驾驶罪');
    await drawer.getByLabel('案情摘要').fill('2026年7月20日夜，孙某醉酒驾驶小型轿车，血液酒精含量为110mg/100ml。');
    await typeDate(drawer.getByLabel('违法行为发生日期'), '2026-07-20');
    await typeDate(drawer.getByLabel('移送日期'), '2026-09-09');
    await drawer.getByLabel('刑事检察部门意见').fill('建议吊销机动车驾驶证');
    await criminal.getByTestId('clue-form-submit').click();
    await criminal.waitForURL(/\/clues\/[0-9a-f-]{36}$/);
    const clueUrl = criminal.url();
    await expect.poll(() => criminal.getByTestId('clue-title').innerText()).toBe('孙某危险驾驶不起诉案');
    // Masked for everyone by default; handed over within 3 working days of the decision.
    await expect.poll(() => criminal.getByText('110105********1232').count()).toBeGreaterThan(0);
    expect(await criminal.getByTestId('transfer-status').innerText()).toBe('按期移送');
    await criminal.getByRole('link', { name: '线索管理' }).first().click();
    const search = criminal.getByPlaceholder('搜索编号、标题或当事人');
    await search.fill('孙某');
    await search.press('Enter');
    await criminal.getByTestId('clues-table').getByText('孙某危险驾驶不起诉案').waitFor();
    await shot(criminal, 'cases-clue-register', '[data-testid="clues-table"] tbody a');

    // The department head files it as a reverse-connection case for the traffic police.
    const head = await session.loggedIn('head1');
    await head.goto(clueUrl);
    const decide = head.getByTestId('clue-decisions');
    await decide.getByRole('tab', { name: '立案', exact: true }).click();
    await choose(head, decide.getByTestId('file-kind'), '行刑反向衔接');
    await choose(head, decide.getByLabel('主管行政机关'), '北京市公安局公安交通管理局朝阳交通支队');
    await choose(head, decide.getByLabel('承办检察官'), '李明');
    await typeDate(decide.getByLabel('立案日期'), '2026-09-10');
    await decide.getByRole('button', { name: '确认立案' }).click();
    await head.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = head.url();
    await expect.poll(() => head.getByTestId('case-state').innerText()).toBe('审查中');
    expect(await head.getByTestId('case-number').innerText()).toMatch(/^京朝检行反受〔2026〕\d+号$/);

    // The procurator fills the review form, runs the automatic checks and drafts the closing report.
    const procurator = await session.loggedIn('procurator1');
    await procurator.goto(caseUrl);
    const form = procurator.getByTestId('review-form');
    await form.getByTestId('review-facts').fill('2026年7月20日夜，孙某醉酒驾驶小型轿车，血液酒精含量为110mg/100ml。');
    await form.getByLabel('证据', { exact: true }).fill('不起诉决定书\n血液酒精含量检验报告\n现场执法视频');
    await form.getByLabel('被不起诉人住址', { exact: true }).fill('北京市朝阳区某街道1号');
    const answers: [string, string, string][] = [
      ['penalty_norm', '是', '醉酒驾驶机动车，道路交通安全法第九十一条第二款规定吊销驾驶证'],
      ['penalty_necessary', '是', '吊销驾驶证系法定处罚，不因不起诉而免除'],
      ['prior_penalty', '否', '行政处罚数据中未见同一行为的处罚记录'],
      ['limitation', '否', '违法行为发生于二年以内（提请法制审核）'],
      ['age', '否', '行为时已满十八周岁'],
      ['first_minor', '否', '醉酒驾驶不属于首违不罚情形'],
      ['set_off', '否', '未执行其他处罚，无需折抵'],
      ['non_prosecution_kind', '是', '酌定不起诉，犯罪情节轻微'],
    ];
    for (const [item, answer, reason] of answers) {
      const row = form.getByTestId(`checklist-${item}`);
      await choose(procurator, row.locator('.ant-select'), new RegExp(`^${answer}$`));
      await row.getByPlaceholder('理由').fill(reason);
    }
    await typeDate(form.getByLabel('违法行为发生日期', { exact: true }), '2026-07-20');
    await form.getByLabel('刑事检察部门意见', { exact: true }).fill('建议吊销机动车驾驶证');
    await choose(procurator, form.getByLabel('处理种类', { exact: true }), '行政处罚');
    await form.getByLabel('建议给予的处罚', { exact: true }).fill('吊销机动车驾驶证，五年内不得重新取得机动车驾驶证');
    await form.getByLabel('处罚依据', { exact: true }).fill('《中华人民共和国道路交通安全法》第九十一条第二款');
    await form.getByRole('button', { name: '添加听取意见' }).click();
    await form.getByPlaceholder('被听取意见人').fill('被不起诉人孙某');
    await typeDate(form.getByPlaceholder('日期', { exact: true }), '2026-09-15');
    await form.getByPlaceholder('方式').fill('当面听取');
    await form.getByPlaceholder('意见内容').fill('对吊销驾驶证无异议');
    await form.getByLabel('制发检察意见书，建议给予行政处罚').check();
    await form.getByLabel('对刑事卷宗的审查情况', { exact: true }).fill('审查了起诉意见书、血液酒精含量鉴定意见和不起诉决定书。');
    await form.getByLabel('风险评估及预警', { exact: true }).fill('经评估，无涉稳、舆情风险。');
    await choose(procurator, form.getByLabel('与刑事检察部门意见一致', { exact: true }), /^是$/);
    await form.getByTestId('save-review').click();
    await procurator.getByText('已保存').first().waitFor();
    // Every checklist item answered with its reason: nothing left for the closing report to wait on.
    await expect.poll(() => procurator.getByText(/审查要点尚有 \d+ 项/).count()).toBe(0);
    await procurator.getByTestId('run-review-checks').click();
    const checks = procurator.getByTestId('review-checks');
    await expect.poll(() => checks.isVisible()).toBe(true);
    expect(await checks.innerText()).toMatch(/行为时（2026-07-20）36周岁/);
    expect(await checks.innerText()).toContain('酌定不起诉');
    await shot(procurator, 'cases-review', '[data-testid="case-title"]');

    const reportUrl = await draft(procurator, '审查终结报告');
    expect(await procurator.getByTestId('document-blanks').count()).toBe(0);
    await procurator.getByTestId('document-submit').click();
    await expect.poll(() => procurator.getByTestId('document-state').first().innerText()).toBe('待部门负责人审批');
    await approve(head, reportUrl, '2026-09-18');
    await expect.poll(() => head.getByTestId('document-state').first().innerText()).toBe('已签发');

    // The opinion: drafted from the review, previewed, submitted, approved by head and chief.
    await procurator.goto(caseUrl);
    await expect.poll(() => procurator.getByTestId('case-state').innerText()).toBe('审查终结');
    const opinionUrl = await draft(procurator, '检察意见书');
    const preview = procurator.getByRole('region', { name: '文书预览' });
    await expect.poll(() => preview.locator('[data-part="recipient"]').innerText()).toBe('北京市公安局公安交通管理局朝阳交通支队：');
    const text = await preview.innerText();
    expect(text).toContain('被不起诉人孙某，男，1990年1月1日出生，公民身份号码110105199001011232，住北京市朝阳区某街道1号。');
    expect(text).toContain('对孙某吊销机动车驾驶证，五年内不得重新取得机动车驾驶证');
    expect(text).not.toContain('待填写');
    expect(await procurator.getByTestId('document-blanks').count()).toBe(0);
    await shot(procurator, 'cases-opinion-preview', '[data-part="recipient"]');
    await procurator.getByTestId('document-submit').click();
    await expect.poll(() => procurator.getByTestId('document-state').first().innerText()).toBe('待部门负责人审批');
    await approve(head, opinionUrl, '2026-10-15');
    await expect.poll(() => head.getByTestId('document-state').first().innerText()).toBe('待检察长审批');
    expect(await head.getByTestId('document-number').innerText()).toBe('未编号');
    const chief = await session.loggedIn('chief1');
    await approve(chief, opinionUrl, '2026-10-16');
    await expect.poll(() => chief.getByTestId('document-state').first().innerText()).toBe('已签发');
    const number = await chief.getByTestId('document-number').innerText();
    expect(number).toMatch(/^京朝检行意〔2026〕\d+号$/);
    expect(await chief.getByRole('region', { name: '文书预览' }).locator('[data-part="number"]').innerText()).toBe(number);

    // The DOCX, fetched with the procurator's session.
    await procurator.goto(opinionUrl);
    const href = await procurator.getByTestId('download-docx').getAttribute('href');
    const docx = await procurator.request.get(new URL(href!, session.server.url).toString());
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    expect(docx.headers()['content-disposition']).toContain(`${encodeURIComponent(number)}.docx`);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    // Service starts the 2-month reply clock: received 2026-10-20, due Sunday 12-20, rolled to Monday.
    await serve(procurator, '2026-10-19', '2026-10-20');
    const traffic = await session.loggedIn('traffic_liaison');
    await openFromInbox(traffic, number, '2026年12月21日');
    const reply = traffic.getByTestId('reply-form');
    await reply.getByLabel('采纳', { exact: true }).check();
    await reply.getByLabel('办理情况').fill('已依法吊销孙某机动车驾驶证，五年内不得重新取得。');
    await reply.getByLabel('行政处罚决定书文号').fill('京公交（朝）决字〔2026〕0918号');
    await reply.getByLabel('处罚种类').fill('吊销机动车驾驶证');
    await typeDate(reply.getByLabel('处罚决定日期'), '2026-11-18');
    await typeDate(reply.getByLabel('回复日期'), '2026-11-20');
    await reply.getByTestId('reply-submit').click();
    await expect.poll(() => traffic.getByTestId('reply').innerText()).toContain('京公交（朝）决字〔2026〕0918号');

    await evaluateAndClose(procurator, caseUrl, '2026-11-24', '处罚已落实');
    await procurator.getByRole('tab', { name: '时间线' }).click();
    const timeline = await procurator.getByTestId('case-timeline').innerText();
    for (const event of ['立案', '指派承办检察官', '文书签发', '文书送达', '收到书面回复', '评价回复', '结案']) expect(timeline).toContain(event);
    expect(timeline).toContain(`文号：${number}`);
    await shot(procurator, 'cases-closed', '[data-testid="case-state"]');
    const closed = await api(procurator, `/api/cases/${caseUrl.split('/').pop()}`);
    expect(closed).toMatchObject({ state: 'closed', closedOn: '2026-11-24' });
    expect(closed.replies[0]).toMatchObject({ result: 'adopted', evaluation: 'adopted', penalty: { decisionNo: '京公交（朝）决字〔2026〕0918号', type: '吊销机动车驾驶证' } });
    await session.closePages();
    expect(session.problems).toEqual([]);
  }, 240_000);

  it('illegal-act supervision: a confirmed public-housing hit becomes a suggestion, objected to, adopted', async () => {
    // A procurator confirms a hit of the latest demo run and registers it as a clue.
    const procurator = await session.loggedIn('procurator1');
    await procurator.getByTestId('main-menu').getByText('大数据模型').click();
    await procurator.getByText('公租房违规使用').first().click();
    await procurator.locator('a[href^="/runs/"]').first().click();
    await procurator.getByTestId('hits-table').locator('a[href^="/hits/"]').first().click();
    await procurator.waitForURL(/\/hits\/[0-9a-f-]{36}$/);
    const hit = await api(procurator, `/api/hits/${procurator.url().split('/').pop()}`);
    await procurator.getByTestId('hit-confirm').click();
    await expect.poll(() => procurator.getByText('已确认该线索').first().isVisible()).toBe(true);
    await procurator.getByRole('button', { name: '登记为线索' }).click();
    await procurator.waitForURL(/\/clues\/[0-9a-f-]{36}$/);
    const clueUrl = procurator.url();
    const evidence = procurator.getByTestId('clue-evidence');
    await expect.poll(() => evidence.innerText()).toContain('公租房违规使用');
    // Each rule that fired comes along with the rows that show why.
    const fired = (hit.rules as { id: string; fired: boolean }[]).filter((rule) => rule.fired && hit.evidence[rule.id]?.length > 0);
    expect(fired.length).toBeGreaterThan(0);
    for (const rule of fired) await procurator.getByTestId(`clue-evidence-${rule.id}`).waitFor();
    expect(await evidence.innerText()).toContain(hit.name);
    const clue = await api(procurator, `/api/clues/${clueUrl.split('/').pop()}`);
    expect(clue).toMatchObject({ source: 'model_hit', hitId: hit.id, subjectName: hit.name });
    await shot(procurator, 'cases-hit-clue', '[data-testid="clue-title"]');

    // The head files an illegal-act case against the housing commission, for procurator2.
    const head = await session.loggedIn('head1');
    await head.goto(clueUrl);
    const decide = head.getByTestId('clue-decisions');
    await decide.getByRole('tab', { name: '立案', exact: true }).click();
    await choose(head, decide.getByTestId('file-kind'), '行政违法行为监督');
    await choose(head, decide.getByLabel('主管行政机关'), '北京市朝阳区住房和城乡建设委员会');
    await choose(head, decide.getByLabel('承办检察官'), '王芳');
    await typeDate(decide.getByLabel('立案日期'), '2026-09-01');
    await decide.getByRole('button', { name: '确认立案' }).click();
    await head.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = head.url();
    await expect.poll(() => head.getByTestId('case-state').innerText()).toBe('调查核实');

    // A suggestion drafted before the investigation is written has blanks and cannot be submitted …
    const p2 = await session.loggedIn('procurator2');
    await p2.goto(caseUrl);
    const suggestionUrl = await draft(p2, '检察建议书', '类案监督');
    await expect.poll(() => p2.getByTestId('document-blanks').innerText()).toContain('建议的具体内容');
    expect(await p2.getByTestId('document-submit').isDisabled()).toBe(true);

    // … so procurator2 fills in the investigation, then redrafts it from the case.
    await p2.goto(caseUrl);
    const form = p2.getByTestId('review-form');
    await form.getByTestId('review-facts').fill('经调查核实，承租人于2025年购买商品住房一套，仍承租公共租赁住房，住房保障部门未开展年度复核。');
    await form.getByLabel('证据', { exact: true }).fill('不动产登记信息\n公共租赁住房租赁合同\n询问笔录');
    await form.getByLabel('线索来源', { exact: true }).fill('运用“公租房违规使用”大数据法律监督模型筛查');
    await form.getByLabel('存在的问题', { exact: true }).fill('承租人取得其他住房后未按规定退出公共租赁住房\n住房保障部门未开展年度复核');
    await form.getByLabel('问题产生的原因', { exact: true }).fill('日常监管和数据比对机制不健全');
    await form.getByLabel('建议的具体内容', { exact: true }).fill('依法收回该公共租赁住房\n建立与不动产登记数据的定期比对机制');
    await form.getByLabel('法律依据', { exact: true }).fill('《公共租赁住房管理办法》第二十九条、第三十一条');
    await form.getByLabel('异议期限', { exact: true }).fill('5');
    await form.getByTestId('save-review').click();
    await p2.getByText('已保存').first().waitFor();
    await p2.goto(suggestionUrl);
    await p2.getByRole('button', { name: '按案件重新生成' }).click();
    await p2.locator('.ant-popconfirm').getByRole('button', { name: /^确\s?定$/ }).click();
    await expect.poll(() => p2.getByTestId('document-blanks').count()).toBe(0);
    const preview = p2.getByRole('region', { name: '文书预览' });
    const text = await preview.innerText();
    expect(text).toContain('（一）依法收回该公共租赁住房。');
    expect(text).toContain('如对本检察建议书有异议，请在收到之日起五日内书面向本院提出。');
    expect(text).toContain('类案情况表');
    await shot(p2, 'cases-suggestion-preview', '[data-part="recipient"]');
    await p2.getByTestId('document-submit').click();
    await expect.poll(() => p2.getByTestId('document-state').first().innerText()).toBe('待部门负责人审批');
    await approve(head, suggestionUrl, '2026-09-21');
    const chief = await session.loggedIn('chief1');
    await approve(chief, suggestionUrl, '2026-09-22');
    await expect.poll(() => chief.getByTestId('document-state').first().innerText()).toBe('已签发');
    const number = await chief.getByTestId('document-number').innerText();
    expect(number).toMatch(/^京朝检行建〔2026〕\d+号$/);

    // Served; the commission objects from its inbox (2-month reply, received 09-24: due 11-24).
    await p2.reload();
    await serve(p2, '2026-09-23', '2026-09-24', '宣告送达');
    const housing = await session.loggedIn('housing_liaison');
    await openFromInbox(housing, number, '2026年11月24日');
    const objection = housing.getByTestId('objection-form');
    await objection.getByLabel('异议理由').fill('承租人已于9月提出退租申请，正在办理退租手续。');
    await typeDate(objection.getByLabel('提出日期'), '2026-09-25');
    await objection.getByTestId('objection-submit').click();
    await expect.poll(() => housing.getByTestId('objection').innerText()).toContain('复核中');

    // The chief rejects the objection from the case page.
    await chief.goto(caseUrl);
    await expect.poll(() => chief.getByTestId('case-state').innerText()).toBe('异议复核');
    await chief.getByRole('tab', { name: '回复与异议' }).click();
    const decision = chief.getByTestId('objection-decision');
    await decision.getByLabel('异议不成立（维持检察建议）').check();
    await decision.getByLabel('复核理由').fill('退租尚未完成，房屋仍被占用，应依法督促收回。');
    await typeDate(decision.getByLabel('日期', { exact: true }), '2026-09-28');
    await decision.getByRole('button', { name: '提交复核决定' }).click();
    await expect.poll(() => chief.getByTestId('case-state').innerText()).toBe('待回复');
    await shot(chief, 'cases-objection-rejected', '[data-testid="case-title"]');

    // The commission replies: adopted. procurator2 evaluates and closes.
    await housing.reload();
    await expect.poll(() => housing.getByTestId('objection').innerText()).toContain('异议不成立');
    const reply = housing.getByTestId('reply-form');
    // An agency's reply may confirm money recovered (a court's answer does not: litigation e2e).
    expect(await reply.getByTestId('reply-recovered-amount').count()).toBe(1);
    await reply.getByLabel('采纳', { exact: true }).check();
    await reply.getByLabel('办理情况').fill('已收回该公共租赁住房，并建立与不动产登记数据的季度比对机制。');
    await typeDate(reply.getByLabel('回复日期'), '2026-11-16');
    await reply.getByTestId('reply-submit').click();
    await expect.poll(() => housing.getByTestId('reply').innerText()).toContain('已收回该公共租赁住房');

    await evaluateAndClose(p2, caseUrl, '2026-11-18', '整改到位');
    await p2.getByRole('tab', { name: '时间线' }).click();
    const timeline = await p2.getByTestId('case-timeline').innerText();
    for (const event of ['立案', '文书签发', '文书送达', '提出异议', '异议不成立', '收到书面回复', '评价回复', '结案']) expect(timeline).toContain(event);
    expect(await api(p2, `/api/cases/${caseUrl.split('/').pop()}`)).toMatchObject({ state: 'closed', closedOn: '2026-11-18' });

    // Another agency finds neither the document nor the case.
    const market = await session.loggedIn('market_liaison');
    await market.goto(suggestionUrl);
    await expect.poll(() => market.getByText('记录不存在或已被删除').first().isVisible()).toBe(true);
    expect(await market.getByText(number).count()).toBe(0);
    await market.goto(caseUrl);
    await expect.poll(() => market.getByText('记录不存在或已被删除').first().isVisible()).toBe(true);
    await session.closePages();
    expect(session.problems).toEqual([]);
  }, 240_000);
});
