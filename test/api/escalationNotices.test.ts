import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { today } from '../../src/server/today.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * Escalation notices (通报) on the demo register: case 10 (illegal act, market regulation refused
 * the suggestion, now in follow-up, procurator2's) and case 2 (reverse connection, police silent,
 * follow-up, with the demo's own notice to the city police bureau).
 */
let t: TestApp;
let procurator1: Client;
let procurator2: Client;
let head: Client;
let observer: Client;
let market: Client;
let police: Client;
let followUpCase: { id: string; number: string; version: number };
let suggestion: { id: string; number: string; servedOn: string };
let draftLetterId: string;
let silentCase: string;
let otherStateCase: string;

const ok = (res: { status: number; body: any }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};
const fieldsOf = (res: { body: any }) => (res.body.fields ?? []).map((f: { path: string; params?: { reason?: string } }) => [f.path, f.params?.reason]);
const caseVersion = async (id: string) => ok(await procurator2.get(`/api/cases/${id}`)).version as number;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoCases(t.database.db)).toBe(true);
  [procurator1, procurator2, head, observer, market, police] = await Promise.all(
    ['procurator1', 'procurator2', 'head1', 'observer1', 'market_liaison', 'police_liaison'].map((u) => t.loginAs(u)),
  );
  const db = t.database.db;
  const ia10 = await db.selectFrom('cases').select(['id', 'number', 'version']).where('title', '=', '超市销售过期食品未依法查处').executeTakeFirstOrThrow();
  followUpCase = ia10;
  const sg = await db.selectFrom('documents').select(['id', 'number', 'served_on']).where('case_id', '=', ia10.id).where('type', '=', 'procuratorial_suggestion').executeTakeFirstOrThrow();
  suggestion = { id: sg.id, number: sg.number!, servedOn: sg.served_on! };
  draftLetterId = (await db.selectFrom('documents').select('id').where('case_id', '=', ia10.id).where('type', '=', 'follow_up_letter').executeTakeFirstOrThrow()).id;
  silentCase = (await db.selectFrom('cases').select('id').where('title', '=', '刘强盗窃不起诉案').executeTakeFirstOrThrow()).id;
  // Case 11: an illegal-act case still under investigation, procurator2's.
  otherStateCase = (await db.selectFrom('cases').select('id').where('title', '=', '某培训机构聘用有性侵害违法记录人员').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const notice = (overrides: Record<string, unknown> = {}) => ({
  recipientKind: 'government',
  recipientName: '北京市朝阳区人民政府',
  documentIds: [suggestion.id],
  content: '区市场监管局对检察建议不予采纳且理由不能成立，特予通报，请督促整改。',
  sentOn: '2026-08-03',
  method: 'written',
  answerExpectedBy: '2026-12-15',
  ...overrides,
});

describe('escalation notices (通报与抄送)', () => {
  it('the demo register already holds one: case 2 reported to the city police bureau, answer expected', async () => {
    const list = ok(await procurator2.get(`/api/cases/${silentCase}/escalation-notices`));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ recipientKind: 'superior_agency', recipientName: '北京市公安局', status: 'sent', sentOn: '2026-11-05', answerExpectedBy: '2026-12-04', answerOverdue: false });
    const opinion = list.items[0].documents[0];
    expect(opinion.type).toBe('procuratorial_opinion');
    expect(list.items[0].content).toContain(opinion.number);
  });

  it('records a notice on a case in follow-up: 201, a timeline event, the case version moves, and a task for the procurator', async () => {
    const before = await caseVersion(followUpCase.id);
    const created = ok(await procurator2.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version: before, ...notice() }), 201);
    expect(created).toMatchObject({ recipientKind: 'government', recipientName: '北京市朝阳区人民政府', status: 'sent', sentOn: '2026-08-03', method: 'written', version: 1 });
    expect(created.documents).toEqual([{ id: suggestion.id, type: 'procuratorial_suggestion', number: suggestion.number, servedOn: suggestion.servedOn }]);
    const c = ok(await procurator2.get(`/api/cases/${followUpCase.id}`));
    expect(c.version).toBe(before + 1);
    expect(c.state).toBe('follow_up');
    expect(c.actions).toContain('notify_escalation');
    const event = c.events.find((e: any) => e.type === 'escalation_notice_sent');
    expect(event).toMatchObject({ occurredOn: '2026-08-03', data: { noticeId: created.id, recipientKind: 'government', recipientName: '北京市朝阳区人民政府', documentNumbers: suggestion.number, answerExpectedBy: '2026-12-15' } });
    const work = ok(await procurator2.get('/api/me/work')).items;
    expect(work).toContainEqual({ kind: 'escalation.answer', title: `${followUpCase.number} 通报待答复：北京市朝阳区人民政府`, dueDate: '2026-12-15', link: `/cases/${followUpCase.id}` });
    // Someone else's tasks do not carry it.
    expect(ok(await procurator1.get('/api/me/work')).items.some((w: any) => w.kind === 'escalation.answer')).toBe(false);
  });

  it('records the answer, then closes the notice; each step on the timeline and in the audit log', async () => {
    const [n] = ok(await procurator2.get(`/api/cases/${followUpCase.id}/escalation-notices`)).items.filter((x: any) => x.recipientKind === 'government');
    const pending = ok(await procurator2.post(`/api/escalation-notices/${n.id}/answer`, { version: n.version, answeredOn: '2026-08-20', summary: '区政府已转区市场监管局研究办理。', outcome: 'pending' }));
    expect(pending).toMatchObject({ status: 'answered', answerOutcome: 'pending', answeredOn: '2026-08-20', version: 2 });
    // A later, final answer replaces the pending one.
    const answered = ok(await procurator2.post(`/api/escalation-notices/${n.id}/answer`, { version: 2, answeredOn: '2026-09-10', summary: '区市场监管局已对该超市立案查处。', outcome: 'action_taken' }));
    expect(answered).toMatchObject({ status: 'answered', answerOutcome: 'action_taken', answerSummary: '区市场监管局已对该超市立案查处。', version: 3 });
    expect(ok(await procurator2.get('/api/me/work')).items.some((w: any) => w.kind === 'escalation.answer' && w.link === `/cases/${followUpCase.id}`)).toBe(false);
    const closed = ok(await head.post(`/api/escalation-notices/${n.id}/close`, { version: 3, closedOn: '2026-09-12', note: '已整改' }));
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-09-12', closingNote: '已整改', version: 4 });
    const again = await procurator2.post(`/api/escalation-notices/${n.id}/answer`, { version: 4, answeredOn: '2026-09-15', summary: '再次答复', outcome: 'no_action' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('notice_closed');

    const events = ok(await procurator2.get(`/api/cases/${followUpCase.id}`)).events.filter((e: any) => e.type.startsWith('escalation_notice_'));
    expect(events.map((e: any) => [e.type, e.occurredOn, e.data.answerOutcome ?? null])).toEqual([
      ['escalation_notice_sent', '2026-08-03', null],
      ['escalation_notice_answered', '2026-08-20', 'pending'],
      ['escalation_notice_answered', '2026-09-10', 'action_taken'],
      ['escalation_notice_closed', '2026-09-12', null],
    ]);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_name', 'details']).where('record_type', '=', 'escalation_notice').where('record_id', '=', n.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['escalation_notice.record', 'escalation_notice.answer', 'escalation_notice.answer', 'escalation_notice.close']);
    expect(audit[0].details).toMatchObject({ caseId: followUpCase.id, recipientKind: 'government', documentIds: [suggestion.id] });
  });

  it('refuses a case that is not in follow-up (409, naming the state that allows it)', async () => {
    const res = await procurator2.post(`/api/cases/${otherStateCase}/escalation-notices`, { version: await caseVersion(otherStateCase), ...notice({ documentIds: [suggestion.id] }) });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('invalid_transition');
    expect(res.body.allowedFrom).toEqual(['follow_up']);
  });

  it('refuses bad dates and documents, naming the field, and records nothing', async () => {
    const version = await caseVersion(followUpCase.id);
    const count = async () => (await t.database.db.selectFrom('escalation_notices').select('id').where('case_id', '=', followUpCase.id).execute()).length;
    const before = await count();
    const post = (body: Record<string, unknown>) => procurator2.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version, ...notice(body) });

    const future = await post({ sentOn: '2099-01-04', answerExpectedBy: null });
    expect(future.status).toBe(400);
    expect(fieldsOf(future)).toEqual([['sentOn', 'future']]);
    // The suggestion was served on 2026-06-01: a notice about it cannot go out earlier.
    const early = await post({ sentOn: '2026-05-20', answerExpectedBy: null });
    expect(early.status).toBe(400);
    expect(fieldsOf(early)).toEqual([['sentOn', 'before_service']]);
    const expected = await post({ sentOn: '2026-08-03', answerExpectedBy: '2026-08-01' });
    expect(fieldsOf(expected)).toEqual([['answerExpectedBy', 'before_sent']]);
    const notADate = await post({ sentOn: '2026-02-30' });
    expect(notADate.status).toBe(400);
    expect(JSON.stringify(notADate.body)).toContain('sentOn');
    // The follow-up letter is still a draft: nothing to report yet.
    const draft = await post({ documentIds: [draftLetterId] });
    expect(fieldsOf(draft)).toEqual([['documentIds', 'document_not_served']]);
    const foreign = await post({ documentIds: [crypto.randomUUID()] });
    expect(fieldsOf(foreign)).toEqual([['documentIds', 'unknown']]);
    const nameless = await post({ recipientName: null });
    expect(fieldsOf(nameless)).toEqual([['recipientName', 'required']]);
    expect(await count()).toBe(before);

    const created = ok(await procurator2.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version, ...notice({ recipientKind: 'peoples_congress', recipientName: '朝阳区人大常委会', sentOn: '2026-09-01', answerExpectedBy: null }) }), 201);
    const beforeSent = await procurator2.post(`/api/escalation-notices/${created.id}/answer`, { version: 1, answeredOn: '2026-08-31', summary: '已知悉', outcome: 'pending' });
    expect(fieldsOf(beforeSent)).toEqual([['answeredOn', 'before_sent']]);
    const tomorrow = await procurator2.post(`/api/escalation-notices/${created.id}/answer`, { version: 1, answeredOn: '2099-01-01', summary: '已知悉', outcome: 'pending' });
    expect(fieldsOf(tomorrow)).toEqual([['answeredOn', 'future']]);
    const closedEarly = await procurator2.post(`/api/escalation-notices/${created.id}/close`, { version: 1, closedOn: '2026-08-30' });
    expect(fieldsOf(closedEarly)).toEqual([['closedOn', 'before_sent']]);
    expect(ok(await procurator2.get(`/api/cases/${followUpCase.id}/escalation-notices`)).items.find((x: any) => x.id === created.id)).toMatchObject({ status: 'sent', version: 1 });
  });

  it('answers 409 with the current record on a stale version, of the case or of the notice', async () => {
    const version = await caseVersion(followUpCase.id);
    const created = ok(await procurator2.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version, ...notice({ recipientKind: 'supervision_commission', recipientName: '朝阳区监委', sentOn: today() }) }), 201);
    const staleCase = await procurator2.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version, ...notice() });
    expect(staleCase.status).toBe(409);
    expect(staleCase.body.error).toBe('conflict');
    expect(staleCase.body.current.version).toBe(version + 1);
    ok(await procurator2.post(`/api/escalation-notices/${created.id}/answer`, { version: 1, answeredOn: today(), summary: '已转办', outcome: 'pending' }));
    const staleNotice = await head.post(`/api/escalation-notices/${created.id}/close`, { version: 1, closedOn: today() });
    expect(staleNotice.status).toBe(409);
    expect(staleNotice.body.error).toBe('conflict');
    expect(staleNotice.body.current).toMatchObject({ id: created.id, version: 2, status: 'answered' });
  });

  it('attaches files of the case to a notice, and no one else’s', async () => {
    const attachment = ok(await procurator2.upload('/api/attachments', { name: '通报函.pdf', content: '%PDF-1.4 通报函', type: 'application/pdf' }, { ownerType: 'case', ownerId: followUpCase.id }), 201);
    const created = ok(
      await procurator2.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version: await caseVersion(followUpCase.id), ...notice({ recipientKind: 'regulator', recipientName: '北京市市场监督管理局', attachmentIds: [attachment.id] }) }),
      201,
    );
    expect(created.attachments).toEqual([{ id: attachment.id, fileName: '通报函.pdf' }]);
    const otherCase = await t.database.db.selectFrom('attachments').select('id').where('owner_type', '!=', 'case').executeTakeFirst();
    const wrong = await procurator2.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version: await caseVersion(followUpCase.id), ...notice({ attachmentIds: [otherCase?.id ?? crypto.randomUUID()] }) });
    expect(fieldsOf(wrong)).toEqual([['attachmentIds', 'unknown']]);
  });

  it('is the procuratorate’s: the agency of the case gets 404 and its view of the case holds no trace; other staff are refused', async () => {
    // The market regulator sees the case (the suggestion was served on it) …
    const outward = ok(await market.get(`/api/cases/${followUpCase.id}`));
    expect(outward.outward).toBe(true);
    const text = JSON.stringify(outward);
    for (const secret of ['朝阳区人民政府', '朝阳区人大常委会', 'escalation', '通报']) expect(text).not.toContain(secret);
    // … but not its notices, nor may it act on them.
    expect((await market.get(`/api/cases/${followUpCase.id}/escalation-notices`)).status).toBe(404);
    expect((await police.get(`/api/cases/${silentCase}/escalation-notices`)).status).toBe(404);
    expect((await police.get(`/api/cases/${followUpCase.id}/escalation-notices`)).status).toBe(404);
    const demoNotice = ok(await procurator2.get(`/api/cases/${silentCase}/escalation-notices`)).items[0];
    expect((await police.post(`/api/escalation-notices/${demoNotice.id}/answer`, { version: 1, answeredOn: today(), summary: 'x', outcome: 'no_action' })).status).toBe(403);
    expect((await market.post(`/api/cases/${followUpCase.id}/escalation-notices`, { version: 1, ...notice() })).status).toBe(403);
    // The observer reads; a procurator not in charge may not record; the head may.
    expect(ok(await observer.get(`/api/cases/${silentCase}/escalation-notices`)).items).toHaveLength(1);
    expect((await procurator1.post(`/api/cases/${silentCase}/escalation-notices`, { version: await caseVersion(silentCase), ...notice({ documentIds: [demoNotice.documents[0].id], sentOn: '2026-11-20' }) })).status).toBe(403);
    expect((await procurator1.post(`/api/escalation-notices/${demoNotice.id}/answer`, { version: 1, answeredOn: today(), summary: 'x', outcome: 'no_action' })).status).toBe(403);
    ok(await head.post(`/api/cases/${silentCase}/escalation-notices`, { version: await caseVersion(silentCase), ...notice({ recipientKind: 'superior_procuratorate', recipientName: '北京市人民检察院第四分院', documentIds: [demoNotice.documents[0].id], sentOn: '2026-11-20' }) }), 201);
    expect((await procurator2.get(`/api/cases/${crypto.randomUUID()}/escalation-notices`)).status).toBe(404);
  });
});
