import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKind } from '../../src/domain/datasetKinds.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createDataset, importDataset } from '../../src/server/commands/datasets.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';
import { SUGGESTION_FORM } from '../helpers/caseForms.js';

let t: TestApp;
let criminal: Client;
let procurator: Client;
let procurator2: Client;
let head: Client;
let chief: Client;
let police: Client;
let traffic: Client;
let market: Client;
const org: Record<string, string> = {};
const user: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const o of await t.database.db.selectFrom('organizations').select(['id', 'short_name', 'name']).execute()) org[o.name] = o.id;
  for (const u of await t.database.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
  criminal = await t.loginAs('criminal1');
  procurator = await t.loginAs('procurator1');
  procurator2 = await t.loginAs('procurator2');
  head = await t.loginAs('head1');
  chief = await t.loginAs('chief1');
  police = await t.loginAs('police_liaison');
  traffic = await t.loginAs('traffic_liaison');
  market = await t.loginAs('market_liaison');
});
afterAll(() => t.close());

const orgId = (fragment: string) => {
  const name = Object.keys(org).find((n) => n.includes(fragment));
  if (!name) throw new Error(`no organization like ${fragment}`);
  return org[name];
};

function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
}

async function fillSuggestionForm(client: Client, caseId: string) {
  const c = ok(await client.get(`/api/cases/${caseId}`));
  ok(await client.patch(`/api/cases/${caseId}/review`, { version: c.version, facts: '经调查，该超市多次销售过期食品。', review: SUGGESTION_FORM }));
}

async function approveAll(docId: string, on: string) {
  let doc = ok(await procurator.post(`/api/documents/${docId}/submit`, { version: (await procurator.get(`/api/documents/${docId}`)).body.version }));
  while (doc.state === 'pending_head' || doc.state === 'pending_chief') {
    const approver = doc.state === 'pending_head' ? head : chief;
    doc = ok(await approver.post(`/api/documents/${docId}/approve`, { version: doc.version, on }));
  }
  return doc;
}

describe('reverse connection (行刑反向衔接), from the non-prosecution decision to the agency penalty', () => {
  let clueId: string;
  let caseId: string;
  let opinionId: string;

  it('the criminal department hands over a decision; the transfer is checked against 3 working days', async () => {
    const body = ok(
      await criminal.post('/api/clues', {
        title: '张三危险驾驶不起诉案',
        subjectName: '張三',
        subjectIdNumber: '110105199001011232',
        nonProsecution: { decisionNo: '京朝检刑不诉〔2026〕12号', decidedOn: '2026-02-26', kind: 'discretionary', charge: '危险驾驶罪', facts: '2026年1月10日醉酒驾驶机动车', transferredOn: '2026-03-04' },
        receivedOn: '2026-03-04',
      }),
      201,
    );
    clueId = body.clue.id;
    expect(body.clue.source).toBe('non_prosecution');
    expect(body.clue.number).toBe('京朝检行线〔2026〕1号');
    expect(body.clue.subjectName).toBe('张三'); // traditional → simplified
    expect(body.clue.subjectIdNumber).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    // 2026-02-26 (Thu) + 3 working days: Fri 02-27, Sat 02-28 (a 调休 working day after the
    // Spring Festival), Mon 03-02. Handed over on 03-04: late.
    expect(body.clue.transfer).toMatchObject({ due: '2026-03-02', transferredOn: '2026-03-04', status: 'late' });
  });

  it('refuses a hand-over without its decision, or with a date that does not exist', async () => {
    const missing = await criminal.post('/api/clues', { title: '缺少决定书', subjectName: '某人' });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toBe('non_prosecution_required');
    const badDate = await criminal.post('/api/clues', { title: '日期错误', nonProsecution: { decisionNo: 'X〔2026〕1号', decidedOn: '2026/02/30', kind: 'discretionary', charge: '盗窃罪' } });
    expect(badDate.status).toBe(400);
    expect((await criminal.get('/api/clues?q=缺少决定书')).body.items).toHaveLength(0);
  });

  it('the department head files it and assigns procurator1: the 10-working-day review clock starts', async () => {
    const clue = ok(await head.get(`/api/clues/${clueId}`));
    const created = ok(await head.post(`/api/clues/${clueId}/case`, { version: clue.version, kind: 'reverse_connection', agencyId: orgId('交通'), procuratorId: user.procurator1, registeredOn: '2026-03-02' }), 201);
    caseId = created.id;
    expect(created.number).toBe('京朝检行反受〔2026〕1号');
    expect(created.state).toBe('under_review');
    const c = ok(await procurator.get(`/api/cases/${caseId}`));
    const clock = c.clocks.find((k: any) => k.code === 'reverse_connection_review');
    expect(clock.due).toBe('2026-03-16'); // Mon 03-02 + 10 working days
    expect(c.actions).toEqual(expect.arrayContaining(['suspend']));
    expect(ok(await head.get(`/api/clues/${clueId}`)).status).toBe('filed');
  });

  it('suspension pauses the clock, resumption and the chief’s extension move the due date', async () => {
    let c = ok(await procurator.get(`/api/cases/${caseId}`));
    c = ok(await procurator.post(`/api/cases/${caseId}/suspend`, { version: c.version, on: '2026-03-05', ground: '公安机关要求复议' }));
    expect(c.state).toBe('suspended');
    expect(c.clocks[0].status.status).not.toBe('running');
    c = ok(await procurator.post(`/api/cases/${caseId}/resume`, { version: c.version, on: '2026-03-10' }));
    expect(c.state).toBe('under_review');
    // 3 days counted (03-03..05), paused 03-06..03-10, 7 more from 03-11: due 03-19.
    expect(c.clocks[0].due).toBe('2026-03-19');
    expect((await procurator.post(`/api/cases/${caseId}/extension`, { version: c.version, on: '2026-03-12', days: 5 })).status).toBe(403);
    c = ok(await chief.post(`/api/cases/${caseId}/extension`, { version: c.version, on: '2026-03-12', days: 5 }));
    expect(c.clocks[0].due).toBe('2026-03-26');
    expect(c.events.map((e: any) => e.type)).toEqual(['filed', 'assigned', 'suspended', 'resumed', 'review_extended']);
  });

  it('two people saving the review form: the second gets a conflict with the first one’s change', async () => {
    const c = ok(await procurator.get(`/api/cases/${caseId}`));
    const review = {
      subjectAddress: '北京市朝阳区某街道1号',
      conclusion: 'opinion',
      criminalFileExamination: '审查了起诉意见书、血液酒精含量鉴定意见和不起诉决定书。',
      evidence: ['血液酒精含量检验报告', '现场执法视频'],
      riskAssessment: '无重大风险。',
      followsCriminalDepartment: true,
      opinionsHeard: [],
      actDate: '2026-01-10',
      criminalDepartmentView: '建议给予吊销驾驶证处罚',
      proposedSanction: '吊销机动车驾驶证，五年内不得重新取得',
      sanctionProvisions: ['《中华人民共和国道路交通安全法》第九十一条第二款'],
      checklist: { penalty_norm: { answer: 'yes', reason: '醉驾应吊销驾驶证' } },
    };
    ok(await procurator.patch(`/api/cases/${caseId}/review`, { version: c.version, review, facts: '经审查，张三于2026年1月10日醉酒驾驶。' }));
    const stale = await head.patch(`/api/cases/${caseId}/review`, { version: c.version, facts: '覆盖' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.facts).toBe('经审查，张三于2026年1月10日醉酒驾驶。');
    expect(ok(await procurator.get(`/api/cases/${caseId}`)).review.criminalDepartmentView).toBe('建议给予吊销驾驶证处罚');
  });

  it('computes the checklist items it can: limitation, age, kind of non-prosecution, transfer', async () => {
    const checks = ok(await procurator.get(`/api/cases/${caseId}/review-checks`));
    expect(checks.limitation).toMatchObject({ startsFrom: '2026-01-10', periodBasis: 'two_years', needsLegalReview: true });
    expect(checks.age).toMatchObject({ status: 'known', ageYears: 36, band: 'adult' });
    expect(checks.nonProsecutionKind.kind).toBe('discretionary');
    expect(checks.transfer).toMatchObject({ status: 'late', due: '2026-03-02' });
    expect(checks.priorPenalties.status).toBe('no_dataset');
    expect(checks.idNumber).toMatch(/\*{8}/);
    expect((await traffic.get(`/api/cases/${caseId}/review-checks`)).status).toBe(404);
  });

  it('the closing report, approved by the head, ends the review on time', async () => {
    const report = ok(await procurator.post(`/api/cases/${caseId}/documents`, { type: 'review_closing_report' }), 201);
    expect(report.state).toBe('draft');
    expect(report.content.internal).toBe(true);
    const approved = await approveAll(report.id, '2026-03-20');
    expect(approved.state).toBe('approved');
    expect(approved.number).toBeNull(); // internal: not numbered
    const c = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('report_done');
    expect(c.clocks[0].status).toMatchObject({ status: 'stopped', onTime: true });
  });

  it('the opinion goes procurator → head → chief, and only the chief’s approval numbers it', async () => {
    const draft = ok(await procurator.post(`/api/cases/${caseId}/documents`, { type: 'procuratorial_opinion' }), 201);
    opinionId = draft.id;
    expect(draft.recipient.id).toBe(orgId('交通'));
    expect(draft.content.paragraphs.map((p: any) => p.text).join('')).toContain('张三');
    // Edit the draft; the system keeps number and issuer.
    const edited = ok(await procurator.put(`/api/documents/${opinionId}`, { version: draft.version, content: { ...draft.content, number: '伪造〔2026〕99号', paragraphs: [...draft.content.paragraphs, { text: '特此函告。' }] } }));
    expect(edited.content.number).toBeNull();
    let doc = ok(await procurator.post(`/api/documents/${opinionId}/submit`, { version: edited.version }));
    expect(doc.state).toBe('pending_head');
    expect((await chief.post(`/api/documents/${opinionId}/approve`, { version: doc.version, on: '2026-03-23' })).status).toBe(403); // not yet the chief's turn
    doc = ok(await head.post(`/api/documents/${opinionId}/return`, { version: doc.version, comment: '补充处罚依据' }));
    expect(doc.state).toBe('draft');
    doc = ok(await procurator.post(`/api/documents/${opinionId}/submit`, { version: doc.version }));
    doc = ok(await head.post(`/api/documents/${opinionId}/approve`, { version: doc.version, on: '2026-03-23' }));
    expect(doc.state).toBe('pending_chief');
    expect(doc.number).toBeNull();
    doc = ok(await chief.post(`/api/documents/${opinionId}/approve`, { version: doc.version, on: '2026-03-23' }));
    expect(doc.state).toBe('approved');
    expect(doc.number).toBe('京朝检行意〔2026〕1号');
    expect(doc.content.number).toBe('京朝检行意〔2026〕1号');
    expect(doc.approvals.map((a: any) => a.step)).toEqual(['submitted', 'returned', 'submitted', 'head_approved', 'chief_approved']);
    expect(ok(await procurator.get(`/api/cases/${caseId}`)).state).toBe('opinion_issued');
  });

  it('exports the opinion as a DOCX file', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/documents/${opinionId}/docx`, headers: { cookie: procurator.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('京朝检行意〔2026〕1号'));
  });

  it('service starts the 2-month reply clock; the agency sees it in its inbox, another agency sees nothing', async () => {
    let doc = ok(await procurator.get(`/api/documents/${opinionId}`));
    // Before service, the agency cannot see the draft or the case.
    expect((await traffic.get(`/api/documents/${opinionId}`)).status).toBe(404);
    expect((await traffic.get(`/api/cases/${caseId}`)).status).toBe(404);
    doc = ok(await procurator.post(`/api/documents/${opinionId}/serve`, { version: doc.version, servedOn: '2026-03-24', receivedOn: '2026-03-25' }));
    expect(doc.state).toBe('served');
    expect(doc.clocks[0]).toMatchObject({ code: 'opinion_reply', due: '2026-05-25' });
    const inbox = ok(await traffic.get('/api/inbox?status=open'));
    expect(inbox.items.map((i: any) => i.number)).toContain('京朝检行意〔2026〕1号');
    expect(inbox.items[0].due).toBe('2026-05-25');
    const outward = ok(await traffic.get(`/api/cases/${caseId}`));
    expect(outward.outward).toBe(true);
    expect(outward.review).toBeUndefined();
    expect(outward.events).toBeUndefined();
    expect(ok(await police.get('/api/inbox')).items).toHaveLength(0);
    expect((await police.get(`/api/documents/${opinionId}`)).status).toBe(404);
    expect((await police.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await police.post(`/api/documents/${opinionId}/replies`, { result: 'adopted', summary: 'x' })).status).toBe(404);
  });

  it('the agency replies with the penalty decision; the procurator evaluates and closes', async () => {
    const noReason = await traffic.post(`/api/documents/${opinionId}/replies`, { result: 'not_adopted', summary: '不予处罚' });
    expect(noReason.status).toBe(422);
    const replied = ok(
      await traffic.post(`/api/documents/${opinionId}/replies`, {
        result: 'adopted',
        summary: '已依法吊销张三机动车驾驶证',
        penaltyDecisionNo: '京公交决字〔2026〕0331号',
        penaltyType: '吊销机动车驾驶证',
        penaltyAmount: 0,
        penaltyDate: '2026-04-20',
        repliedOn: '2026-04-22',
      }),
      201,
    );
    expect(replied.replies[0]).toMatchObject({ result: 'adopted', penalty: { decisionNo: '京公交决字〔2026〕0331号' } });
    expect(replied.clocks[0].status).toMatchObject({ status: 'stopped', onTime: true });
    expect((await traffic.post(`/api/documents/${opinionId}/replies`, { result: 'adopted', summary: 'again', repliedOn: '2026-04-23' })).status).toBe(409);
    let c = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('reply_received');
    c = ok(await procurator.post(`/api/replies/${replied.replies[0].id}/evaluation`, { evaluation: 'adopted', note: '已落实', next: 'close', caseVersion: c.version, on: '2026-04-24' }));
    expect(c.state).toBe('closed');
    expect(c.closedOn).toBe('2026-04-24');
    const actions = (await t.database.db.selectFrom('audit_events').select('action').where('record_id', 'in', [caseId, opinionId, replied.replies[0].id]).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['case.file', 'case.suspend', 'case.extend', 'document.approve', 'document.serve', 'reply.submit', 'reply.evaluate']));
  });
});

describe('illegal-act supervision (行政违法行为监督): suggestion, objection, follow-up', () => {
  let caseId: string;
  let suggestionId: string;

  it('detects a duplicate clue (same person, same matter) and merges it', async () => {
    const first = ok(await procurator.post('/api/clues', { source: 'complaint', title: '某超市销售过期食品未被查处', subjectName: '李四', subjectIdNumber: '11010519850315006X', matter: '销售过期食品', receivedOn: '2026-04-01', agencyId: orgId('市场') }), 201);
    expect(first.duplicates).toHaveLength(0);
    const second = ok(await procurator.post('/api/clues', { source: 'manual', title: '李四销售过期食品', subjectName: '李四', subjectIdNumber: '110105 19850315006x', matter: ' 销售过期食品 ', receivedOn: '2026-04-02' }), 201);
    expect(second.duplicates.map((d: any) => d.id)).toEqual([first.clue.id]);
    const merged = ok(await procurator.post(`/api/clues/${second.clue.id}/merge`, { version: second.clue.version, intoId: first.clue.id }));
    expect(merged.status).toBe('merged');
    const clue = ok(await head.get(`/api/clues/${first.clue.id}`));
    const created = ok(await head.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'illegal_act', agencyId: orgId('市场'), procuratorId: user.procurator2, registeredOn: '2026-04-03' }), 201);
    caseId = created.id;
    expect(created.state).toBe('investigating');
    const c = ok(await procurator2.get(`/api/cases/${caseId}`));
    expect(c.clocks[0]).toMatchObject({ code: 'illegal_act_case', due: '2026-07-03' });
    // Only the procurator in charge (or the head) works the case.
    expect((await procurator.patch(`/api/cases/${caseId}/review`, { version: c.version, facts: 'x' })).status).toBe(403);
    // Suspending an illegal-act case pauses its 3-month clock too: 04-11..04-15 excluded.
    const suspended = ok(await procurator2.post(`/api/cases/${caseId}/suspend`, { version: c.version, on: '2026-04-10', ground: '等待鉴定意见' }));
    expect(suspended.state).toBe('suspended');
    const resumed = ok(await procurator2.post(`/api/cases/${caseId}/resume`, { version: suspended.version, on: '2026-04-15' }));
    expect(resumed.state).toBe('investigating');
    expect(resumed.clocks[0]).toMatchObject({ code: 'illegal_act_case', due: '2026-07-08' });
  });

  it('a suggestion is approved, served, objected to, and the objection rejected by the chief', async () => {
    const blanks = ok(await procurator2.post(`/api/cases/${caseId}/documents`, { type: 'procuratorial_suggestion', suggestionKind: 'individual' }), 201);
    const refused = await procurator2.post(`/api/documents/${blanks.id}/submit`, { version: blanks.version });
    expect(refused.status).toBe(422);
    expect(refused.body.blanks).toContain('建议的具体内容');
    // Complete the case, then fill the same draft again from it.
    await fillSuggestionForm(procurator2, caseId);
    const draft = ok(await procurator2.post(`/api/documents/${blanks.id}/redraft`, { version: blanks.version }));
    expect(draft.content.paragraphs.map((p: any) => p.text).join('')).toContain('依法立案查处');
    suggestionId = draft.id;
    const approved = await (async () => {
      let doc = ok(await procurator2.post(`/api/documents/${suggestionId}/submit`, { version: draft.version }));
      doc = ok(await head.post(`/api/documents/${suggestionId}/approve`, { version: doc.version, on: '2026-05-06' }));
      return ok(await chief.post(`/api/documents/${suggestionId}/approve`, { version: doc.version, on: '2026-05-06' }));
    })();
    expect(approved.number).toMatch(/^京朝检行建〔2026〕\d+号$/);
    let c = ok(await procurator2.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('suggestion_issued');
    expect(c.clocks.find((k: any) => k.code === 'illegal_act_case').status.status).toBe('stopped');
    ok(await procurator2.post(`/api/documents/${suggestionId}/serve`, { version: approved.version, servedOn: '2026-05-07', receivedOn: '2026-05-08', method: 'announced' }));
    const objected = ok(await market.post(`/api/documents/${suggestionId}/objections`, { grounds: '该超市已于4月整改', raisedOn: '2026-05-11' }), 201);
    expect(objected.objections[0].state).toBe('pending');
    c = ok(await procurator2.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('objection_review');
    expect(c.clocks.find((k: any) => k.code === 'objection_review').due).toBe('2026-05-18'); // 5 working days
    expect((await procurator2.post(`/api/objections/${objected.objections[0].id}/decision`, { decision: 'rejected', reasons: 'x', caseVersion: c.version })).status).toBe(403);
    c = ok(await chief.post(`/api/objections/${objected.objections[0].id}/decision`, { decision: 'rejected', reasons: '整改不彻底，仍有过期食品在售', caseVersion: c.version, on: '2026-05-13' }));
    expect(c.state).toBe('awaiting_reply');
  });

  it('a refusal leads to follow-up: a 跟进监督函 with its own number and reply clock', async () => {
    ok(await market.post(`/api/documents/${suggestionId}/replies`, { result: 'not_adopted', summary: '不予采纳', reasons: '已整改', repliedOn: '2026-06-01' }), 201);
    let c = ok(await procurator2.get(`/api/cases/${caseId}`));
    c = ok(await procurator2.post(`/api/replies/${c.replies[0].id}/evaluation`, { evaluation: 'not_adopted', note: '理由不成立', next: 'follow_up', caseVersion: c.version, on: '2026-06-02' }));
    expect(c.state).toBe('follow_up');
    const letter = ok(await procurator2.post(`/api/cases/${caseId}/documents`, { type: 'follow_up_letter' }), 201);
    expect(letter.content.paragraphs.map((p: any) => p.text).join('')).toContain('京朝检行建〔2026〕');
    let doc = ok(await procurator2.post(`/api/documents/${letter.id}/submit`, { version: letter.version }));
    doc = ok(await head.post(`/api/documents/${letter.id}/approve`, { version: doc.version, on: '2026-06-03' }));
    expect(doc.state).toBe('approved'); // head alone approves a follow-up letter
    expect(doc.number).toBe('京朝检行跟〔2026〕1号');
    doc = ok(await procurator2.post(`/api/documents/${letter.id}/serve`, { version: doc.version, servedOn: '2026-06-04' }));
    expect(doc.clocks[0]).toMatchObject({ code: 'follow_up_reply', due: '2026-07-06' }); // 1 month → 07-04 (Sat) → Mon 07-06
    expect(ok(await procurator2.get(`/api/cases/${caseId}`)).state).toBe('awaiting_reply');
  });
});

describe('document numbers', () => {
  async function pendingSuggestion(title: string) {
    const clue = ok(await procurator.post('/api/clues', { title, receivedOn: '2026-06-10', agencyId: orgId('市场') }), 201).clue;
    const created = ok(await head.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'illegal_act', agencyId: orgId('市场'), procuratorId: user.procurator1, registeredOn: '2026-06-10' }), 201);
    await fillSuggestionForm(procurator, created.id);
    const draft = ok(await procurator.post(`/api/cases/${created.id}/documents`, { type: 'procuratorial_suggestion' }), 201);
    let doc = ok(await procurator.post(`/api/documents/${draft.id}/submit`, { version: draft.version }));
    doc = ok(await head.post(`/api/documents/${draft.id}/approve`, { version: doc.version, on: '2026-06-11' }));
    return doc;
  }

  it('two approvals at the same moment get consecutive numbers, never the same one', async () => {
    const docs = await Promise.all(['甲', '乙', '丙'].map((n) => pendingSuggestion(`并发编号${n}`)));
    const before = (await t.database.db.selectFrom('document_serials').select('last_serial').where('type', '=', 'procuratorial_suggestion').where('year', '=', 2026).executeTakeFirst())?.last_serial ?? 0;
    const approved = await Promise.all(docs.map((d) => chief.post(`/api/documents/${d.id}/approve`, { version: d.version, on: '2026-06-12' })));
    const serials = approved.map((r) => ok(r).number.match(/〔2026〕(\d+)号/)[1]).map(Number).sort((a, b) => a - b);
    expect(serials).toEqual([before + 1, before + 2, before + 3]);
  });

  it('a stale approval is a conflict and takes no number', async () => {
    const doc = await pendingSuggestion('过期版本');
    const before = (await t.database.db.selectFrom('document_serials').select('last_serial').where('type', '=', 'procuratorial_suggestion').executeTakeFirstOrThrow()).last_serial;
    const res = await chief.post(`/api/documents/${doc.id}/approve`, { version: doc.version - 1, on: '2026-06-12' });
    expect(res.status).toBe(409);
    expect(res.body.current.state).toBe('pending_chief');
    const after = (await t.database.db.selectFrom('document_serials').select('last_serial').where('type', '=', 'procuratorial_suggestion').executeTakeFirstOrThrow()).last_serial;
    expect(after).toBe(before);
  });
});

describe('non-prosecution decisions imported as a dataset', () => {
  it('every imported decision becomes a review item, once', async () => {
    const def = builtInKind('non_prosecution_decisions')!;
    const file = path.join(t.dataDir, 'npd.csv');
    fs.writeFileSync(
      file,
      [
        '文书号,被不起诉人身份证号,被不起诉人,罪名,不起诉类型,决定日期,案情摘要',
        '京朝检刑不诉〔2026〕40号,110105198001010019,王五,盗窃罪,酌定不起诉,2026-05-06,盗窃电动车一辆',
        '京朝检刑不诉〔2026〕41号,110105198202020028,赵六,帮助信息网络犯罪活动罪,存疑不起诉,2026-05-07,',
      ].join('\n'),
    );
    const ctx = systemContext('test');
    const datasetId = await createDataset(t.database.db, ctx, { kind: 'non_prosecution_decisions', name: '不起诉决定', ownerOrganizationId: null, legalBasis: 'agreement', legalBasisNote: '内部数据' });
    const outcome = await importDataset({ db: t.database.db, warehouse: t.warehouse, dataDir: t.dataDir }, ctx, { datasetId, kind: def, file, fileName: 'npd.csv' });
    expect(outcome.status).toBe('committed');
    // The import itself registered both decisions; syncing again finds nothing new.
    expect(ok(await criminal.post('/api/clues/sync-non-prosecution'))).toMatchObject({ read: 2, created: 0, alreadyRegistered: 2 });
    const list = ok(await criminal.get('/api/clues?source=non_prosecution&q=王五'));
    expect(list.items).toHaveLength(1);
    expect(list.items[0].nonProsecution).toMatchObject({ decisionNo: '京朝检刑不诉〔2026〕40号', kind: 'discretionary', decidedOn: '2026-05-06' });
    // The criminal department sees only non-prosecution clues.
    expect(ok(await criminal.get('/api/clues?pageSize=200')).items.every((c: any) => c.source === 'non_prosecution')).toBe(true);
  });
});

describe('agency isolation', () => {
  it('every clue, case and document route answers another agency as if the id did not exist', async () => {
    // The market agency's own items from the tests above, probed by the police liaison.
    const docs = await t.database.db.selectFrom('documents').select(['id', 'case_id']).where('recipient_id', '=', orgId('市场')).where('state', '=', 'served').execute();
    const reply = await t.database.db.selectFrom('replies').select('id').where('organization_id', '=', orgId('市场')).executeTakeFirstOrThrow();
    const objection = await t.database.db.selectFrom('objections').select('id').where('organization_id', '=', orgId('市场')).executeTakeFirstOrThrow();
    const transferred = ok(await market.post('/api/clues', { title: '某企业无证经营', summary: '群众反映', receivedOn: '2026-06-15' }), 201).clue;
    expect(transferred.source).toBe('agency_transfer');
    const ids: Record<string, string> = { clues: transferred.id, cases: docs[0].case_id, documents: docs[0].id, replies: reply.id, objections: objection.id, hits: '00000000-0000-4000-8000-000000000000' };
    const routes = t.app.apiRoutes.filter((r) => /^\/api\/(clues|cases|documents|replies|objections)\/:id/.test(r.url));
    expect(routes.length).toBeGreaterThan(20);
    const body = { version: 1, caseVersion: 1, result: 'adopted', summary: 'x', grounds: 'x', reason: 'x', comment: 'x', decision: 'rejected', reasons: 'x', evaluation: 'adopted', next: 'close' };
    for (const route of routes) {
      const resource = route.url.split('/')[2];
      const real = route.url.replace(':id', ids[resource]);
      const missing = route.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const onReal = await police.request(route.method, real, route.method === 'GET' ? undefined : body);
      const onMissing = await police.request(route.method, missing, route.method === 'GET' ? undefined : body);
      expect([404, 403], `${route.method} ${route.url}`).toContain(onReal.status);
      expect(onReal.status, `${route.method} ${route.url}: same answer as for a missing id`).toBe(onMissing.status);
      if (route.method === 'GET') expect(onReal.status, `${route.method} ${route.url}`).toBe(404);
    }
    // The owner sees its own transfer; the other agency's list does not show it.
    expect(ok(await market.get(`/api/clues/${transferred.id}`)).title).toBe('某企业无证经营');
    expect(ok(await police.get('/api/clues')).items.map((c: any) => c.id)).not.toContain(transferred.id);
  });
});
