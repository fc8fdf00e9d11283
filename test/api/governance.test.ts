import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { fileCase, registerClue, type ClueInput } from '../../src/server/commands/clues.js';
import type { CommandContext } from '../../src/server/commands/context.js';
import { loadActor } from '../../src/server/commands/sessions.js';
import { draftPatternSuggestion } from '../../src/server/indicators/sourceGovernanceDraft.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * 诉源治理 on generated data, all in 2025 (the demo register lies in 2026 and is not loaded):
 *
 * | agency      | matter (source)                          | cases | flags                      |
 * |-------------|------------------------------------------|-------|----------------------------|
 * | 区市场监管局 | 销售过期食品 (clue matter)                 | 3     | one served                 |
 * | 区市场监管局 | 无证经营 (clue matter)                     | 1     | reply not adopted          |
 * | 区住建委     | 公租房违规转租 (clue matter)               | 2     | —                          |
 * | 区人社局     | 拖欠劳动报酬 (clue matter)                 | 1     | follow-up letter served    |
 * | 朝阳公安分局 | 盗窃 (non-prosecution charge over matter)  | 1     | reply overdue              |
 * | 朝阳交通支队 | model title (over charge and matter)      | 1     | —                          |
 *
 * plus one 区市场监管局 销售过期食品 case filed on 2024-12-31, outside the period.
 */
const PERIOD = 'from=2025-01-01&to=2025-12-31&asOf=2025-12-31';

let t: TestApp;
let procurator: Client;
let head: Client;
const org: Record<string, string> = {};
let modelTitle = '';

async function as(username: string): Promise<CommandContext> {
  const user = await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = (await loadActor(t.database.db, user.id))!;
  return { actor, actorName: actor.displayName, clientIp: null, requestId: 'governance-test' };
}

function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
}

let serial = 0;
async function fileOne(agency: string, registeredOn: string, clue: Partial<ClueInput>, kind: 'illegal_act' | 'reverse_connection' = 'illegal_act') {
  const db = t.database.db;
  const procuratorCtx = await as('procurator1');
  serial++;
  const { clue: row } = await registerClue(db, procuratorCtx, { source: 'complaint', title: `案件${serial}`, receivedOn: registeredOn, ...clue });
  return fileCase(db, procuratorCtx, row.id, { version: row.version, kind, agencyId: org[agency], procuratorId: procuratorCtx.actor!.id, registeredOn, title: `${agency}案件${serial}` });
}

/** A served document on the case (what the document flow leaves behind), by SQL for brevity. */
async function servedDocument(caseId: string, agency: string, type: string, servedOn: string) {
  const doc = await t.database.db
    .insertInto('documents')
    .values({ case_id: caseId, type, state: 'served', recipient_id: org[agency], content: JSON.stringify({ title: type }), drafted_by_name: 'test', served_on: servedOn, received_on: servedOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  return doc.id;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  for (const o of await db.selectFrom('organizations').select(['id', 'short_name']).execute()) org[o.short_name] = o.id;

  for (const on of ['2025-02-10', '2025-03-15', '2025-03-20']) await fileOne('区市场监管局', on, { matter: '销售过期食品' });
  const served = (await db.selectFrom('cases').select('id').where('registered_on', '=', '2025-03-15').executeTakeFirstOrThrow()).id;
  await servedDocument(served, '区市场监管局', 'procuratorial_suggestion', '2025-04-01');
  await fileOne('区市场监管局', '2024-12-31', { matter: '销售过期食品' });

  const unlicensed = await fileOne('区市场监管局', '2025-05-06', { matter: '无证经营' });
  const notAdoptedDoc = await servedDocument(unlicensed.id, '区市场监管局', 'procuratorial_suggestion', '2025-05-20');
  await db
    .insertInto('replies')
    .values({ document_id: notAdoptedDoc, case_id: unlicensed.id, organization_id: org['区市场监管局'], result: 'not_adopted', summary: '不予采纳', replied_on: '2025-06-20', submitted_by_name: 'test', evaluation: 'not_adopted', evaluated_on: '2025-06-25' })
    .execute();

  for (const on of ['2025-04-01', '2025-04-02']) await fileOne('区住建委', on, { matter: '公租房违规转租' });

  const wages = await fileOne('区人社局', '2025-06-01', { matter: '拖欠劳动报酬' });
  await servedDocument(wages.id, '区人社局', 'follow_up_letter', '2025-09-01');

  const theft = await fileOne(
    '朝阳公安分局',
    '2025-07-01',
    {
      source: 'non_prosecution',
      matter: '治安案件',
      subjectName: '钱某',
      subjectIdNumber: '11010519900101011' + idCheckChar('11010519900101011'),
      nonProsecution: { decisionNo: '京朝检刑不诉〔2025〕1号', decidedOn: '2025-06-20', kind: 'discretionary', charge: '涉嫌盗窃罪', facts: '盗窃', actDate: null, transferredOn: '2025-06-23', criminalDepartmentView: null, procuratorate: null },
    },
    'reverse_connection',
  );
  const opinion = await servedDocument(theft.id, '朝阳公安分局', 'procuratorial_opinion', '2025-08-01');
  await db.insertInto('case_clocks').values({ case_id: theft.id, document_id: opinion, code: 'opinion_reply', events: '[]', due_on: '2025-10-01' }).execute();

  // A model hit: the run's model version names the matter, whatever the clue's charge and matter say.
  const version = await db.selectFrom('model_versions').select(['model_id', 'version', 'document']).where('model_id', '=', 'drunk-driving-license').executeTakeFirstOrThrow();
  modelTitle = (version.document as { title: Record<string, string> }).title['zh-CN'];
  const run = await db
    .insertInto('model_runs')
    .values({ model_id: version.model_id, model_version: version.version, as_of: '2025-08-01', parameters: '{}', status: 'succeeded', runner_process: 'test', started_by_name: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hit = await db
    .insertInto('hits')
    .values({ run_id: run.id, model_id: version.model_id, subject_key: 'k1', rules: ['r'], evidence: '{}', change: 'new' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await fileOne('朝阳交通支队', '2025-08-05', {
    source: 'model_hit',
    hitId: hit.id,
    matter: '驾驶证',
    nonProsecution: { decisionNo: '京朝检刑不诉〔2025〕2号', decidedOn: '2025-07-20', kind: 'discretionary', charge: '危险驾驶罪', facts: '醉驾', actDate: null, transferredOn: '2025-07-21', criminalDepartmentView: null, procuratorate: null },
  });

  procurator = await t.loginAs('procurator1');
  head = await t.loginAs('head1');
});
afterAll(() => t.close());

const enc = encodeURIComponent;

/** Every line of a drill-down, read two at a time so that paging is exercised too. */
async function allCases(client: Client, url: string) {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const body = ok(await client.get(`${url}&page=${page}&pageSize=2`));
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) {
      expect(items.length).toBe(body.total);
      return items;
    }
  }
}

const FLAGS: [string, string][] = [
  ['served', 'served'],
  ['notAdopted', 'not_adopted'],
  ['followUps', 'follow_up'],
  ['overdue', 'overdue'],
];

/** Each count of a row equals the length of its case list: the whole group, then each flag. */
async function expectAgreement(row: any, listUrl: string) {
  const all = await allCases(head, listUrl);
  expect(all.length, listUrl).toBe(row.cases);
  expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  for (const [count, flag] of FLAGS) {
    const flagged = await allCases(head, `${listUrl}&flag=${flag}`);
    expect(flagged.length, `${listUrl} ${flag}`).toBe(row[count]);
  }
  return all;
}

describe('which agencies produce the most supervision cases', () => {
  it('ranks agencies by cases filed in the period, with served, not adopted, follow-ups and overdue', async () => {
    const body = ok(await head.get(`/api/governance/agencies?${PERIOD}`));
    const rows = body.items.map((r: any) => [r.agency.name, r.cases, r.served, r.notAdopted, r.followUps, r.overdue]);
    expect(rows).toEqual([
      ['区市场监管局', 4, 2, 1, 0, 0],
      ['区住建委', 2, 0, 0, 0, 0],
      ['区人社局', 1, 1, 0, 1, 0],
      ['朝阳公安分局', 1, 1, 0, 0, 1],
      ['朝阳交通支队', 1, 0, 0, 0, 0],
    ]);
    for (const row of body.items) await expectAgreement(row, `/api/governance/cases?${PERIOD}&agencyId=${row.agency.id}`);
  });

  it('narrows to one agency', async () => {
    const body = ok(await head.get(`/api/governance/agencies?${PERIOD}&agencyId=${org['区住建委']}`));
    expect(body.items.map((r: any) => r.agency.name)).toEqual(['区住建委']);
    const matters = ok(await head.get(`/api/governance/matters?${PERIOD}&agencyId=${org['区住建委']}`));
    expect(matters.items.map((r: any) => [r.matter, r.cases])).toEqual([['公租房违规转租', 2]]);
  });
});

describe('which matters produce the most supervision cases', () => {
  it("takes a case's matter from its model, else its charge, else its clue's matter", async () => {
    const body = ok(await head.get(`/api/governance/matters?${PERIOD}`));
    expect(body.items.slice(0, 3).map((r: any) => [r.matter, r.cases, r.agencies])).toEqual([
      ['销售过期食品', 3, 1],
      ['公租房违规转租', 2, 1],
      ['无证经营', 1, 1],
    ]);
    expect(body.items.slice(3, 5).map((r: any) => r.matter)).toEqual(['拖欠劳动报酬', '盗窃']);
    const byMatter = new Map(body.items.map((r: any) => [r.matter, r.cases]));
    expect(byMatter.get('销售过期食品')).toBe(3);
    expect(byMatter.get('公租房违规转租')).toBe(2);
    expect(byMatter.get('盗窃')).toBe(1);
    expect(byMatter.get(modelTitle)).toBe(1);
    expect(byMatter.has('治安案件')).toBe(false);
    expect(byMatter.has('危险驾驶')).toBe(false);
    expect(body.items.map((r: any) => r.cases)).toEqual([3, 2, 1, 1, 1, 1]);
    for (const row of body.items) await expectAgreement(row, `/api/governance/cases?${PERIOD}&matter=${enc(row.matter)}`);
  });

  it('counts cases per month of filing', async () => {
    const body = ok(await head.get(`/api/governance/trend?${PERIOD}`));
    expect(body.items.map((r: any) => [r.month, r.cases])).toEqual([
      ['2025-02', 1],
      ['2025-03', 2],
      ['2025-04', 2],
      ['2025-05', 1],
      ['2025-06', 1],
      ['2025-07', 1],
      ['2025-08', 1],
    ]);
    for (const row of body.items) await expectAgreement(row, `/api/governance/cases?${PERIOD}&month=${row.month}`);
  });
});

describe('repeated problems', () => {
  const patterns = async (minCases?: number) =>
    ok(await head.get(`/api/governance/patterns?${PERIOD}${minCases ? `&minCases=${minCases}` : ''}`)).items.map((r: any) => `${r.agency.name}|${r.matter}|${r.cases}`);

  it('are (agency × matter) pairs with N cases, or with a not-adopted reply or a follow-up letter', async () => {
    expect(await patterns()).toEqual(['区市场监管局|销售过期食品|3', '区市场监管局|无证经营|1', '区人社局|拖欠劳动报酬|1']);
  });

  it('N−1 cases are not a pattern, N cases are', async () => {
    // 区住建委 has 2 cases: a pattern from N = 2, not at N = 3; 区市场监管局 销售过期食品 has 3.
    expect(await patterns(2)).toContain('区住建委|公租房违规转租|2');
    expect(await patterns(3)).not.toContain('区住建委|公租房违规转租|2');
    expect(await patterns(3)).toContain('区市场监管局|销售过期食品|3');
    expect(await patterns(4)).not.toContain('区市场监管局|销售过期食品|3');
    // Flagged pairs stay patterns whatever N is.
    expect(await patterns(50)).toEqual(['区市场监管局|无证经营|1', '区人社局|拖欠劳动报酬|1']);
  });

  it('each pattern lists its cases, as many as it counts', async () => {
    const body = ok(await head.get(`/api/governance/patterns?${PERIOD}&minCases=2`));
    for (const row of body.items) {
      const cases = await expectAgreement(row, `/api/governance/patterns/cases?${PERIOD}&agencyId=${row.agency.id}&matter=${enc(row.matter)}`);
      expect(cases.every((c) => c.agency.id === row.agency.id && c.matter === row.matter)).toBe(true);
      expect(cases.every((c) => c.registeredOn >= row.firstOn && c.registeredOn <= row.lastOn)).toBe(true);
    }
  });
});

describe('who may see it', () => {
  it('refuses agencies and the justice bureau', async () => {
    for (const username of ['market_liaison', 'police_leader', 'justice_observer', 'analyst1']) {
      const client = await t.loginAs(username);
      for (const url of ['/api/governance/agencies', '/api/governance/matters', '/api/governance/patterns', '/api/governance/trend', `/api/governance/cases?${PERIOD}`]) {
        expect((await client.get(url)).status, `${username} ${url}`).toBe(403);
      }
      expect((await client.post('/api/governance/patterns/suggestion', { agencyId: org['区住建委'], matter: '公租房违规转租', kind: 'class' })).status).toBe(403);
    }
  });

  it('lets the department head and observers read but only a procurator draft', async () => {
    const observer = await t.loginAs('observer1');
    ok(await observer.get(`/api/governance/patterns?${PERIOD}`));
    const body = { agencyId: org['区市场监管局'], matter: '销售过期食品', kind: 'class', from: '2025-01-01', to: '2025-12-31' };
    expect((await head.post('/api/governance/patterns/suggestion', body)).status).toBe(403);
    expect((await observer.post('/api/governance/patterns/suggestion', body)).status).toBe(403);
  });
});

describe('drafting a suggestion for a pattern', () => {
  const period = { from: '2025-01-01', to: '2025-12-31' };
  let classCase = '';
  let classDocument = '';

  it('opens a class case from a manual clue and drafts a class 检察建议书 addressed to the agency, with the cases as annex', async () => {
    const before = await allCases(head, `/api/governance/patterns/cases?${PERIOD}&agencyId=${org['区市场监管局']}&matter=${enc('销售过期食品')}`);
    const created = ok(await procurator.post('/api/governance/patterns/suggestion', { agencyId: org['区市场监管局'], matter: '销售过期食品', kind: 'class', ...period }), 201);
    expect(created.created).toBe(true);
    classCase = created.caseId;
    classDocument = created.documentId;

    const c = ok(await procurator.get(`/api/cases/${classCase}`));
    expect(c.kind).toBe('illegal_act');
    expect(c.state).toBe('investigating');
    const clue = await t.database.db.selectFrom('clues').selectAll().where('case_id', '=', classCase).executeTakeFirstOrThrow();
    expect(clue.source).toBe('manual');
    expect(clue.title).toBe('关于区市场监管局“销售过期食品”问题的类案监督线索');
    for (const b of before) expect(clue.summary).toContain(b.number);
    const row = await t.database.db.selectFrom('cases').select(['procurator_id', 'agency_id']).where('id', '=', classCase).executeTakeFirstOrThrow();
    expect(row.agency_id).toBe(org['区市场监管局']);
    const me = ok(await procurator.get('/api/auth/session')).user;
    expect(row.procurator_id).toBe(me.id);

    const doc = ok(await procurator.get(`/api/documents/${classDocument}`));
    expect(doc.type).toBe('procuratorial_suggestion');
    expect(doc.suggestionKind).toBe('class');
    expect(doc.state).toBe('draft');
    expect(doc.recipient.id).toBe(org['区市场监管局']);
    expect(doc.content.recipient).toBe('北京市朝阳区市场监督管理局');
    expect(doc.content.annex.title).toBe('类案情况表');
    expect(doc.content.annex.rows.map((r: string[]) => r[1])).toEqual(before.map((b) => b.number));
    const text = doc.content.paragraphs.map((p: { text: string }) => p.text).join('\n');
    expect(text).toContain('共涉及3件案件');
    expect(text).toContain('2025年1月1日至2025年12月31日');
    expect(text).toContain('“销售过期食品”');
    for (const b of before) expect(text).toContain(b.number);

    // The commands audited each step.
    const byRecord = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'record_id'])
      .where('record_id', 'in', [clue.id, classCase, classDocument])
      .execute();
    expect(byRecord.map((a) => a.action).sort()).toEqual(['case.file', 'case.update_review', 'clue.register', 'document.draft', 'document.edit']);
  });

  it('keeps the annex of like cases when the suggestion is redrafted from the case', async () => {
    const before = ok(await procurator.get(`/api/documents/${classDocument}`));
    const redrafted = ok(await procurator.post(`/api/documents/${classDocument}/redraft`, { version: before.version }));
    expect(redrafted.content.annex.title).toBe('类案情况表');
    expect(redrafted.content.annex.rows).toEqual(before.content.annex.rows);
    expect(redrafted.content.paragraphs.map((p: { text: string }) => p.text).join('\n')).toContain('共涉及3件案件');
  });

  it('does not count the class case as one more case of its pattern', async () => {
    const body = ok(await head.get(`/api/governance/patterns?${PERIOD}`));
    expect(body.items.find((r: any) => r.matter === '销售过期食品').cases).toBe(3);
  });

  it('a second click returns the open case and its draft instead of creating another', async () => {
    const cases = async () => (await t.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const n = await cases();
    const again = ok(await procurator.post('/api/governance/patterns/suggestion', { agencyId: org['区市场监管局'], matter: '销售过期食品', kind: 'social_governance', ...period }));
    expect(again).toEqual({ created: false, caseId: classCase, documentId: classDocument });
    expect(await cases()).toBe(n);
  });

  it('drafts anew once the earlier class case is closed', async () => {
    await t.database.db.updateTable('cases').set({ state: 'closed', closed_on: '2025-12-01' }).where('id', '=', classCase).execute();
    const fresh = ok(await procurator.post('/api/governance/patterns/suggestion', { agencyId: org['区市场监管局'], matter: '销售过期食品', kind: 'class', ...period }), 201);
    expect(fresh.caseId).not.toBe(classCase);
  });

  it('drafts a social-governance suggestion for a flagged pattern, and one for a chosen subset of cases', async () => {
    const social = ok(await procurator.post('/api/governance/patterns/suggestion', { agencyId: org['区人社局'], matter: '拖欠劳动报酬', kind: 'social_governance', ...period }), 201);
    const doc = ok(await procurator.get(`/api/documents/${social.documentId}`));
    expect(doc.suggestionKind).toBe('social_governance');
    expect(doc.content.annex.rows).toHaveLength(1);
    expect(doc.content.annex.rows[0][4]).toBe('已制发跟进监督函');

    const housing = await allCases(head, `/api/governance/patterns/cases?${PERIOD}&agencyId=${org['区住建委']}&matter=${enc('公租房违规转租')}`);
    const subset = ok(
      await procurator.post('/api/governance/patterns/suggestion', { agencyId: org['区住建委'], matter: '公租房违规转租', kind: 'class', minCases: 2, caseIds: [housing[1].id], ...period }),
      201,
    );
    const subsetDoc = ok(await procurator.get(`/api/documents/${subset.documentId}`));
    expect(subsetDoc.content.annex.rows.map((r: string[]) => r[1])).toEqual([housing[1].number]);
  });

  it('refuses what is not a pattern, and cases outside the pattern', async () => {
    const notPattern = await procurator.post('/api/governance/patterns/suggestion', { agencyId: org['朝阳交通支队'], matter: modelTitle, kind: 'class', ...period });
    expect(notPattern.status).toBe(422);
    expect(notPattern.body.error).toBe('not_a_pattern');
    const theft = await allCases(head, `/api/governance/cases?${PERIOD}&matter=${enc('盗窃')}`);
    const outside = await procurator.post('/api/governance/patterns/suggestion', { agencyId: org['区市场监管局'], matter: '无证经营', kind: 'class', caseIds: [theft[0].id], ...period });
    expect(outside.status).toBe(422);
    expect(outside.body.error).toBe('case_not_in_pattern');
    const nothingCreated = await t.database.db.selectFrom('clues').select('id').where('title', 'like', '%朝阳交通支队%').execute();
    expect(nothingCreated).toEqual([]);
  });

  it('leaves nothing behind when a step fails: the commands share one transaction', async () => {
    // The department head is no procurator: filing the case assigned to them fails after the clue was registered.
    const headCtx = await as('head1');
    const clues = async () => (await t.database.db.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await clues();
    const f = { procuratorateId: headCtx.actor!.organizationId, from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31', agencyId: null };
    await expect(draftPatternSuggestion(t.database.db, headCtx, f, { agencyId: org['区市场监管局'], matter: '无证经营', kind: 'class', on: '2025-12-31' }, () => true)).rejects.toMatchObject({
      status: 400,
      code: 'validation',
    });
    expect(await clues()).toBe(before);
  });
});

describe('the counts follow changes at once', () => {
  it('a follow-up letter served after the pages were read counts on the next read, in every grouping and list', async () => {
    const row = async () => ok(await head.get(`/api/governance/agencies?${PERIOD}`)).items.find((r: any) => r.agency.name === '区住建委');
    expect(await row()).toMatchObject({ cases: 2, served: 0, followUps: 0 });
    const housing = await allCases(head, `/api/governance/cases?${PERIOD}&agencyId=${org['区住建委']}`);
    await servedDocument(housing[0].id, '区住建委', 'follow_up_letter', '2025-10-10');
    const after = await row();
    expect(after).toMatchObject({ cases: 2, served: 1, followUps: 1 });
    await expectAgreement(after, `/api/governance/cases?${PERIOD}&agencyId=${org['区住建委']}`);
    // a follow-up letter makes the pair a repeated problem whatever N is
    expect((ok(await head.get(`/api/governance/patterns?${PERIOD}&minCases=50`)).items as any[]).map((r) => `${r.agency.name}|${r.matter}`)).toContain('区住建委|公租房违规转租');
  });
});
