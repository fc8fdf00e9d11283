import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDeadlines } from '../../src/server/jobs/deadlineScan.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * Administrative litigation supervision (行政诉讼监督, DOMAIN.md §5) through the HTTP API: an
 * application checked against its 6-month window, acceptance, review with a hearing, a retrial
 * suggestion decided by the procuratorial committee, approved, served on the court, the court's
 * answer, closure; the decision not to support an application; addressees by kind.
 */
let t: TestApp;
let procurator: Client;
let head: Client;
let chief: Client;
let police: Client;
const org: Record<string, string> = {};
const user: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const o of await t.database.db.selectFrom('organizations').select(['id', 'short_name']).execute()) org[o.short_name ?? ''] = o.id;
  for (const u of await t.database.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
  procurator = await t.loginAs('procurator1');
  head = await t.loginAs('head1');
  chief = await t.loginAs('chief1');
  police = await t.loginAs('police_liaison');
});
afterAll(() => t.close());

function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
}

const decisions = (servedOn: string | null) => [
  { kind: 'first_instance_judgment', court: '北京市朝阳区人民法院', caseNo: '（2025）京0105行初123号', decidedOn: '2025-06-10', servedOn: '2025-06-15' },
  { kind: 'second_instance_judgment', court: '北京市第三中级人民法院', caseNo: '（2025）京03行终456号', decidedOn: '2025-11-20', servedOn: '2025-11-25' },
  { kind: 'retrial_refusal', court: '北京市高级人民法院', caseNo: '（2026）京行申78号', decidedOn: '2026-03-02', servedOn },
];

async function register(receivedOn: string, servedOn: string | null, name = '王五') {
  return procurator.post('/api/litigation/clues', {
    supervisionType: 'effective_judgment',
    applicant: { name, idNumber: '110105199001011237', role: 'plaintiff', contact: '13812345678' },
    courtId: org['北京三中院'],
    agencyId: org['区市场监管局'],
    courtDecisions: decisions(servedOn),
    grounds: '原判决认定事实的主要证据不足，适用法律确有错误。',
    receivedOn,
  });
}

describe('the 6-month application window (from service of the retrial refusal)', () => {
  it('is checked on the holiday calendar: the last day is within, the next day is late', async () => {
    const within = ok(await procurator.post('/api/litigation/window-check', { supervisionType: 'effective_judgment', applicant: { name: '王五', role: 'plaintiff' }, courtDecisions: decisions('2026-03-10'), appliedOn: '2026-09-10' }));
    expect(within).toMatchObject({ status: 'within', due: '2026-09-10' });
    const late = ok(await procurator.post('/api/litigation/window-check', { supervisionType: 'effective_judgment', applicant: { name: '王五', role: 'plaintiff' }, courtDecisions: decisions('2026-03-10'), appliedOn: '2026-09-11' }));
    expect(late).toMatchObject({ status: 'late', due: '2026-09-10' });
    // A refusal served on 2026-04-04 (清明 holiday): six months end 2026-10-04, inside 国庆 → the next working day.
    const rolled = ok(await procurator.post('/api/litigation/window-check', { supervisionType: 'effective_judgment', applicant: { name: '王五', role: 'plaintiff' }, courtDecisions: decisions('2026-04-04'), appliedOn: '2026-10-08' }));
    expect(rolled.status).toBe('within');
    expect(rolled.due > '2026-10-04').toBe(true);
    const none = ok(await procurator.post('/api/litigation/window-check', { supervisionType: 'effective_judgment', applicant: { name: '王五', role: 'plaintiff' }, courtDecisions: decisions(null), appliedOn: '2026-05-01' }));
    expect(none.status).toBe('no_retrial_refusal');
    const exOfficio = ok(await procurator.post('/api/litigation/window-check', { supervisionType: 'effective_judgment', exOfficioGround: 'public_interest', courtDecisions: decisions(null) }));
    expect(exOfficio.status).toBe('not_applicable');
  });

  it('a late application is accepted only with a stated reason, which the case keeps', async () => {
    const { clue } = ok(await register('2026-10-20', '2026-03-10', '赵六'), 201);
    expect(clue.source).toBe('litigation_application');
    expect(clue.litigation.window).toMatchObject({ status: 'late', due: '2026-09-10' });
    expect(clue.litigation.applicant.idNumber).toBe('110105********1237');
    expect(clue.litigation.applicant.contact).not.toContain('1234');

    const asIllegalAct = await head.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'illegal_act', agencyId: org['区市场监管局'] });
    expect(asIllegalAct.status).toBe(400);
    const noReason = await head.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'litigation', agencyId: org['区市场监管局'], registeredOn: '2026-10-22' });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ error: 'application_window', field: 'windowOverrideReason', status: 'late', due: '2026-09-10' });

    const filed = ok(
      await head.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'litigation', agencyId: org['区市场监管局'], registeredOn: '2026-10-22', windowOverrideReason: '申请人因重病住院未能按期申请，有医院证明' }),
      201,
    );
    const c = ok(await procurator.get(`/api/cases/${filed.id}`));
    expect(c.kind).toBe('litigation');
    expect(c.litigation.windowOverride).toMatchObject({ reason: '申请人因重病住院未能按期申请，有医院证明', on: '2026-10-22' });
    expect(c.events.map((e: { type: string }) => e.type)).toContain('window_overridden');
  });
});

describe('application → review → retrial suggestion → court response → closed', () => {
  let caseId: string;
  let docId: string;

  it('accepts an application within the window and starts the 3-month review clock', async () => {
    const { clue } = ok(await register('2026-05-06', '2026-03-10'), 201);
    expect(clue.litigation.window.status).toBe('within');
    const filed = ok(await head.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'litigation', agencyId: org['区市场监管局'], procuratorId: user['procurator1'], registeredOn: '2026-05-08' }), 201);
    expect(filed.state).toBe('reviewing');
    expect(filed.number).toMatch(/〔2026〕\d+号$/);
    caseId = filed.id;
    const c = ok(await procurator.get(`/api/cases/${caseId}`));
    const clock = c.clocks.find((k: { code: string }) => k.code === 'litigation_review');
    expect(clock.due).toBe('2026-08-10'); // 2026-08-08 is a Saturday
  });

  it('records a hearing (听证)', async () => {
    const c = ok(await procurator.get(`/api/cases/${caseId}`));
    const after = ok(
      await procurator.post(`/api/cases/${caseId}/hearings`, {
        version: c.version,
        heldOn: '2026-06-02',
        place: '本院听证室',
        presiding: '李检察官',
        participants: [
          { name: '王五', role: '申请人' },
          { name: '区市场监管局 刘某', role: '行政机关代理人' },
          { name: '张律师', role: '听证员' },
        ],
        summary: '申请人陈述了申请理由，行政机关答辩，听证员发表意见。',
        conclusion: '多数听证员认为原判决适用法律错误',
      }),
      201,
    );
    expect(after.hearings).toHaveLength(1);
    expect(after.hearings[0].participants).toHaveLength(3);
    expect(after.events.map((e: { type: string }) => e.type)).toContain('hearing_held');
    const stale = await procurator.post(`/api/cases/${caseId}/hearings`, { version: c.version, heldOn: '2026-06-03', presiding: '李', participants: [{ name: 'a', role: 'b' }], summary: 'x' });
    expect(stale.status).toBe(409);
  });

  it('drafts the retrial suggestion to the court; it cannot be submitted before the committee has decided', async () => {
    let c = ok(await procurator.get(`/api/cases/${caseId}`));
    ok(await procurator.patch(`/api/cases/${caseId}/review`, { version: c.version, facts: '申请人王五因行政处罚一案不服，提起行政诉讼。', review: { problems: ['原判决认定事实的主要证据不足', '原判决适用法律确有错误'] } }));
    const doc = ok(await procurator.post(`/api/cases/${caseId}/documents`, { type: 'retrial_suggestion' }), 201);
    docId = doc.id;
    expect(doc.recipient?.id ?? doc.recipientId).toBe(org['北京三中院']);
    expect(doc.content.title).toBe('再审检察建议书');
    expect(doc.content.paragraphs[0].text).toContain('王五不服北京市第三中级人民法院（2025）京03行终456号行政判决');
    expect(doc.content.paragraphs[0].text).toContain('驳回其再审申请');
    const submit = await procurator.post(`/api/documents/${docId}/submit`, { version: doc.version });
    expect(submit.status).toBe(422);
    expect(JSON.stringify(submit.body)).toContain('检察委员会会议届次');

    c = ok(await procurator.get(`/api/cases/${caseId}`));
    const byProcurator = await procurator.post(`/api/cases/${caseId}/committee-decisions`, { version: c.version, meetingOn: '2026-07-01', session: '2026年第9次会议', outcome: 'retrial_suggestion', decision: 'approved', minutes: '同意提出再审检察建议' });
    expect(byProcurator.status).toBe(403);
    const decided = ok(
      await chief.post(`/api/cases/${caseId}/committee-decisions`, { version: c.version, meetingOn: '2026-07-01', session: '2026年第9次会议', outcome: 'retrial_suggestion', decision: 'approved', minutes: '同意提出再审检察建议' }),
      201,
    );
    expect(decided.committeeDecisions).toHaveLength(1);
    const redrafted = ok(await procurator.post(`/api/documents/${docId}/redraft`, { version: (await procurator.get(`/api/documents/${docId}`)).body.version }));
    expect(JSON.stringify(redrafted.content)).toContain('经本院检察委员会2026年第9次会议讨论决定');
    expect(JSON.stringify(redrafted.content)).not.toContain('待填写');
  });

  it('the final approval needs the committee decision to stand: a later rejection blocks it', async () => {
    let doc = ok(await procurator.post(`/api/documents/${docId}/submit`, { version: (await procurator.get(`/api/documents/${docId}`)).body.version }));
    doc = ok(await head.post(`/api/documents/${docId}/approve`, { version: doc.version, on: '2026-07-03' }));
    expect(doc.state).toBe('pending_chief');
    let c = ok(await procurator.get(`/api/cases/${caseId}`));
    ok(await chief.post(`/api/cases/${caseId}/committee-decisions`, { version: c.version, meetingOn: '2026-07-05', session: '2026年第10次会议', outcome: 'retrial_suggestion', decision: 'rejected', minutes: '复议后不同意' }), 201);
    const refused = await chief.post(`/api/documents/${docId}/approve`, { version: doc.version, on: '2026-07-06' });
    expect(refused.status).toBe(409);
    expect((refused.body as any).error).toBe('committee_decision_required');
    expect((await procurator.get(`/api/documents/${docId}`)).body.number).toBeNull();

    c = ok(await procurator.get(`/api/cases/${caseId}`));
    ok(await chief.post(`/api/cases/${caseId}/committee-decisions`, { version: c.version, meetingOn: '2026-07-08', session: '2026年第11次会议', outcome: 'retrial_suggestion', decision: 'approved', minutes: '同意' }), 201);
    doc = ok(await chief.post(`/api/documents/${docId}/approve`, { version: doc.version, on: '2026-07-09' }));
    expect(doc.state).toBe('approved');
    expect(doc.number).toMatch(/^京朝检行再建〔2026〕\d+号$/);
    c = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('decision_issued');
    expect(c.outcome).toBe('retrial_suggestion');
    expect(c.clocks.find((k: { code: string }) => k.code === 'litigation_review').stoppedOn).toBe('2026-07-09');
  });

  it('is served on the court, whose answer is recorded with its outcome; then the case closes', async () => {
    let doc = ok(await procurator.get(`/api/documents/${docId}`));
    doc = ok(await procurator.post(`/api/documents/${docId}/serve`, { version: doc.version, servedOn: '2026-07-10', receivedOn: '2026-07-10', method: 'written' }));
    let c = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('awaiting_response');
    expect(c.clocks.find((k: { code: string }) => k.code === 'court_response').due).toBe('2026-10-10');

    // Overdue at the court: the procurator (and head) are reminded; the case's agency, on which
    // nothing was served, hears nothing of it.
    await scanDeadlines(t.database.db, '2026-10-13');
    const notified = await t.database.db.selectFrom('notifications').select(['user_id']).where('link', '=', `/documents/${docId}`).execute();
    const users = notified.map((n) => n.user_id);
    expect(users).toContain(user['procurator1']);
    expect(users).toContain(user['head1']);
    expect(users).not.toContain(user['market_liaison']);
    expect(notified).toHaveLength(2);

    const noOutcome = await procurator.post(`/api/documents/${docId}/replies`, { result: 'adopted', summary: '法院已裁定再审', repliedOn: '2026-08-20' });
    expect(noOutcome.status).toBe(400);
    const wrongOutcome = await procurator.post(`/api/documents/${docId}/replies`, { result: 'adopted', summary: '法院已裁定再审', repliedOn: '2026-08-20', courtOutcome: 'protest_lodged' });
    expect(wrongOutcome.status).toBe(400);
    // The court's outcome decides the result, whatever the form said.
    doc = ok(await procurator.post(`/api/documents/${docId}/replies`, { result: 'not_adopted', reasons: '-', summary: '法院再审后改判撤销原行政处罚', repliedOn: '2026-09-15', courtOutcome: 'changed' }), 201);
    expect(doc.replies[0]).toMatchObject({ courtOutcome: 'changed', result: 'adopted' });
    c = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('response_received');
    ok(await procurator.post(`/api/replies/${doc.replies[0].id}/evaluation`, { evaluation: 'adopted', next: 'close', caseVersion: c.version, on: '2026-09-16' }));
    c = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('closed');
  });

  it('counts in the indicators: the change rate and the adoption rate, but not in the justice bureau’s view of agencies', async () => {
    const year = 'from=2026-01-01&to=2026-12-31&asOf=2026-11-26';
    const figures = ok(await head.get(`/api/indicators?${year}`));
    const change = figures.items.find((f: { definition: { id: string } }) => f.definition.id === 'change_rate');
    expect(change).toMatchObject({ numerator: 1, denominator: 1 });
    const changed = ok(await head.get(`/api/indicators/change_rate/items?${year}&part=numerator`));
    expect(changed.items.map((i: { id: string }) => i.id)).toEqual([docId]);
    const adopted = ok(await head.get(`/api/indicators/adoption_rate/items?${year}&part=numerator&pageSize=100`));
    expect(adopted.items.map((i: { id: string }) => i.id)).toContain(docId);
    const justice = await t.loginAs('justice_observer');
    const theirs = ok(await justice.get(`/api/indicators/adoption_rate/items?${year}&pageSize=100`));
    expect(theirs.items.map((i: { id: string }) => i.id)).not.toContain(docId);
    expect((await justice.get(`/api/indicators/change_rate/items?${year}`)).status).toBe(404);
  });
});

describe('other outcomes and addressees', () => {
  async function openCase(name: string) {
    const { clue } = ok(await register('2026-05-06', '2026-03-10', name), 201);
    const filed = ok(await head.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'litigation', agencyId: org['区市场监管局'], procuratorId: user['procurator1'], registeredOn: '2026-05-08' }), 201);
    return filed.id as string;
  }

  it('a request for protest goes to the superior procuratorate, not to a court', async () => {
    const caseId = await openCase('钱七');
    const toCourt = await procurator.post(`/api/cases/${caseId}/documents`, { type: 'protest_request_report', recipientId: org['朝阳法院'] });
    expect(toCourt.status).toBe(400);
    expect(JSON.stringify(toCourt.body)).toContain('recipientId');
    const toAgency = await procurator.post(`/api/cases/${caseId}/documents`, { type: 'retrial_suggestion', recipientId: org['区市场监管局'] });
    expect(toAgency.status).toBe(400);
    const doc = ok(await procurator.post(`/api/cases/${caseId}/documents`, { type: 'protest_request_report', recipientId: org['市检三分院'] }), 201);
    expect(doc.content.recipient).toBe('北京市人民检察院第三分院');
    // A suggestion to an agency that ignores a judgment goes to the agency.
    const noncompliance = ok(await procurator.post(`/api/cases/${caseId}/documents`, { type: 'litigation_suggestion', suggestionKind: 'agency_noncompliance' }), 201);
    expect(noncompliance.content.recipient).toBe('北京市朝阳区市场监督管理局');
    expect(noncompliance.suggestionKind ?? noncompliance.suggestion_kind).toBe('agency_noncompliance');
  });

  it('the decision not to support an application closes the review without a court', async () => {
    const caseId = await openCase('孙八');
    let c = ok(await procurator.get(`/api/cases/${caseId}`));
    ok(await procurator.patch(`/api/cases/${caseId}/review`, { version: c.version, facts: '经审查', review: { terminationReasons: ['原判决认定事实清楚，适用法律正确'] } }));
    const doc = ok(await procurator.post(`/api/cases/${caseId}/documents`, { type: 'non_support_decision' }), 201);
    expect(doc.content.recipient).toBe('孙八');
    expect(doc.content.paragraphs.map((p: { text: string }) => p.text).join('')).toContain('不支持你（单位）的监督申请');
    let d = ok(await procurator.post(`/api/documents/${doc.id}/submit`, { version: doc.version }));
    d = ok(await head.post(`/api/documents/${doc.id}/approve`, { version: d.version, on: '2026-06-01' }));
    d = ok(await chief.post(`/api/documents/${doc.id}/approve`, { version: d.version, on: '2026-06-02' }));
    expect(d.number).toMatch(/^京朝检行不支持〔2026〕\d+号$/);
    c = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(c.state).toBe('not_supported');
    expect(c.outcome).toBe('not_supported');
    ok(await procurator.post(`/api/cases/${caseId}/close`, { version: c.version, on: '2026-06-03', reason: '已送达申请人' }));
    expect(ok(await procurator.get(`/api/cases/${caseId}`)).state).toBe('closed');
  });

  it('refuses inconsistent dates with the field named, and registers nothing', async () => {
    const before = await t.database.db.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const servedBeforeDecided = await procurator.post('/api/litigation/clues', {
      supervisionType: 'effective_judgment',
      applicant: { name: '周九', role: 'plaintiff' },
      courtDecisions: [{ kind: 'retrial_refusal', court: '北京市高级人民法院', caseNo: '（2026）京行申1号', decidedOn: '2026-03-02', servedOn: '2026-03-01' }],
      grounds: '原判决错误',
      receivedOn: '2026-05-06',
    });
    expect(servedBeforeDecided.status).toBe(400);
    expect(JSON.stringify(servedBeforeDecided.body)).toContain('courtDecisions');
    const after = await t.database.db.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const caseId = await openCase('吴十');
    const c = ok(await procurator.get(`/api/cases/${caseId}`));
    const early = await chief.post(`/api/cases/${caseId}/committee-decisions`, { version: c.version, meetingOn: '2026-05-01', session: '第1次会议', outcome: 'protest', decision: 'approved', minutes: '同意' });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('meetingOn');
    const future = await procurator.post(`/api/cases/${caseId}/hearings`, { version: c.version, heldOn: '2099-01-01', presiding: '李', participants: [{ name: 'a', role: 'b' }], summary: 'x' });
    expect(future.status).toBe(422);
    const unchanged = ok(await procurator.get(`/api/cases/${caseId}`));
    expect(unchanged).toMatchObject({ version: c.version, hearings: [], committeeDecisions: [] });
  });

  it('agencies cannot register applications or see the courts; an ex-officio matter needs its ground', async () => {
    expect((await police.post('/api/litigation/clues', { supervisionType: 'effective_judgment', grounds: 'x', exOfficioGround: 'public_interest' })).status).toBe(403);
    expect((await police.get('/api/litigation/courts')).status).toBe(403);
    const courts = ok(await procurator.get('/api/litigation/courts'));
    expect(courts.items.map((o: { kind: string }) => o.kind).sort()).toEqual(['court', 'court', 'external_procuratorate']);
    const noGround = await procurator.post('/api/litigation/clues', { supervisionType: 'effective_judgment', grounds: '发现审判人员徇私枉法' });
    expect(noGround.status).toBe(400);
    const exOfficio = ok(await procurator.post('/api/litigation/clues', { supervisionType: 'trial_conduct', exOfficioGround: 'judicial_misconduct', courtId: org['朝阳法院'], grounds: '发现审判人员徇私枉法', courtDecisions: [] }), 201);
    expect(exOfficio.clue.source).toBe('manual');
    expect(exOfficio.clue.litigation.window.status).toBe('not_applicable');
  });
});
