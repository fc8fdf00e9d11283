import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_HOLIDAY_CALENDAR } from '../../src/domain/calendar/index.js';
import { addDays } from '../../src/domain/calendar/isoDate.js';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { INDICATORS } from '../../src/domain/indicators/index.js';
import { fileCase, registerClue } from '../../src/server/commands/clues.js';
import { updateCaseReview } from '../../src/server/commands/cases.js';
import type { CommandContext } from '../../src/server/commands/context.js';
import { approveDocument, draftCaseDocument, submitDocument } from '../../src/server/commands/documents.js';
import { loadActor } from '../../src/server/commands/sessions.js';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * Indicators on the demo register (all dates in 2026), plus a late transfer, a late review and
 * two model clues added here so that no figure is trivially full or empty. `asOf` is fixed so
 * "due date passed" does not move with the clock of the machine running the test.
 */
const AS_OF = '2026-11-26';
const YEAR = `from=2026-01-01&to=2026-12-31&asOf=${AS_OF}`;

let t: TestApp;
let head: Client;
const org: Record<string, string> = {};
const orgId = (fragment: string) => Object.entries(org).find(([name]) => name.includes(fragment))![1];

async function as(username: string): Promise<CommandContext> {
  const user = await t.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = (await loadActor(t.database.db, user.id))!;
  return { actor, actorName: actor.displayName, clientIp: null, requestId: 'indicators-test' };
}

/** The decision whose transfer came one day after its 3rd working day. */
const LATE_DECISION = '2026-09-29';
const lateTransfer = addDays(BUILT_IN_HOLIDAY_CALENDAR.addWorkingDays(LATE_DECISION, 3), 1);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedDemoCases(db);
  for (const o of await db.selectFrom('organizations').select(['id', 'name']).execute()) org[o.name] = o.id;
  const criminal = await as('criminal1');
  const procurator = await as('procurator1');
  const headCtx = await as('head1');

  // A decision transferred late; its review registered in February and closed long after its 10 working days.
  const { clue } = await registerClue(db, criminal, {
    source: 'non_prosecution',
    title: '钱某盗窃不起诉案',
    subjectName: '钱某',
    subjectIdNumber: '11010519900101011' + idCheckChar('11010519900101011'),
    matter: '盗窃罪',
    receivedOn: lateTransfer,
    nonProsecution: { decisionNo: '京朝检刑不诉〔2026〕90号', decidedOn: LATE_DECISION, kind: 'discretionary', charge: '盗窃罪', facts: '盗窃价值500元。', actDate: null, transferredOn: lateTransfer, criminalDepartmentView: '建议给予治安管理处罚', procuratorate: null },
  });
  const late = await fileCase(db, headCtx, clue.id, { version: clue.version, kind: 'reverse_connection', agencyId: orgId('公安局朝阳分局'), procuratorId: procurator.actor!.id, registeredOn: '2026-10-12' });
  const reviewed = await updateCaseReview(db, procurator, late.id, {
    version: late.version,
    facts: '钱某盗窃超市商品价值500元，已退赔。',
    review: {
      subjectAddress: '北京市朝阳区',
      conclusion: 'termination',
      criminalFileExamination: '审查了不起诉决定书。',
      evidence: ['不起诉决定书'],
      riskAssessment: '风险较低',
      criminalDepartmentView: '建议给予治安管理处罚',
      followsCriminalDepartment: true,
      opinionsHeard: [],
      terminationReasons: ['已给予其他处理'],
    },
  });
  const report = await draftCaseDocument(db, procurator, late.id, { type: 'review_closing_report', suggestionKind: null });
  const submitted = await submitDocument(db, procurator, report.id, { version: report.version });
  await approveDocument(db, headCtx, submitted.id, { version: submitted.version, on: '2026-11-20' });
  expect(reviewed.id).toBe(late.id);

  // Two confirmed model hits registered as clues; one filed.
  const hitClue = (n: number) =>
    registerClue(db, procurator, { source: 'model_hit', sourceKey: `public-housing-misuse|test-${n}`, title: `公租房命中 ${n}`, matter: 'public-housing-misuse', receivedOn: '2026-11-02', agencyId: orgId('住房') });
  const first = (await hitClue(1)).clue;
  await hitClue(2);
  await fileCase(db, headCtx, first.id, { version: first.version, kind: 'illegal_act', agencyId: orgId('住房'), procuratorId: procurator.actor!.id, registeredOn: '2026-11-05' });

  head = await t.loginAs('head1');
});
afterAll(() => t.close());

function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
}

type Figure = { numerator: number; denominator: number; value: number | null; area: number | null; definition: { id: string; unit: 'percent' | 'days' | 'money' | 'count' } };
const cents = (n: number) => Math.round(n * 100);

async function figures(client: Client, query = YEAR): Promise<Map<string, Figure>> {
  const body = ok(await client.get(`/api/indicators?${query}`));
  return new Map(body.items.map((f: Figure) => [f.definition.id, f]));
}

/** Every line of a drill-down, read page by page (small pages, so paging is exercised too). */
async function allItems(client: Client, id: string, part: 'numerator' | 'denominator', query = YEAR) {
  const items: any[] = [];
  for (let page = 1; ; page++) {
    const body = ok(await client.get(`/api/indicators/${id}/items?${query}&part=${part}&page=${page}&pageSize=2`));
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) {
      expect(items.length).toBe(body.total);
      return items;
    }
  }
}

/** Each figure equals the count (or, for averages, the sum of days) of its own drill-down. */
async function expectAgreement(client: Client, query = YEAR) {
  const shown = await figures(client, query);
  expect(shown.size).toBeGreaterThan(0);
  for (const [id, f] of shown) {
    const denominator = await allItems(client, id, 'denominator', query);
    const numerator = await allItems(client, id, 'numerator', query);
    expect(denominator.length, `${id} denominator`).toBe(f.denominator);
    if (f.definition.unit === 'days') {
      expect(numerator.reduce((sum, i) => sum + i.days, 0), `${id} numerator`).toBe(f.numerator);
    } else if (f.definition.unit === 'money' || f.definition.unit === 'count') {
      // A sum: the value is the numerator, the sum of the amounts of its list.
      expect(cents(numerator.reduce((sum, i) => sum + i.amount, 0)), `${id} numerator`).toBe(cents(f.numerator));
      expect(numerator.length, `${id} items`).toBe(f.denominator);
      expect(f.value).toBe(f.numerator);
      continue;
    } else {
      expect(numerator.length, `${id} numerator`).toBe(f.numerator);
      expect(numerator.every((i) => i.inNumerator)).toBe(true);
      expect(denominator.filter((i) => i.inNumerator).length, `${id} numerator within denominator`).toBe(f.numerator);
    }
    expect(new Set(numerator.map((i) => i.id)).size).toBe(numerator.length);
    expect(numerator.every((n) => denominator.some((d) => d.id === n.id))).toBe(true);
    expect(f.value).toBe(f.denominator === 0 ? null : f.numerator / f.denominator);
  }
  return shown;
}

const pair = (f: Figure | undefined) => [f?.numerator, f?.denominator];

describe('indicators for the procuratorate', () => {
  it('shows every indicator with its definition, and each figure agrees with its drill-down', async () => {
    const shown = await expectAgreement(head);
    expect([...shown.keys()]).toEqual(INDICATORS.map((d) => d.id));
    const reply = shown.get('reply_rate') as any;
    expect(reply.definition.name).toEqual({ 'zh-CN': '回复率', 'en-US': 'Reply rate' });
    expect(reply.definition.description['zh-CN']).toContain('回复率');
  });

  it('gives the hand-counted figures of the demo register', async () => {
    const f = await figures(head);
    // Due by 26 Nov: opinions to traffic (replied 8 Jul, due 27 Jul) and police (due 19 Oct, silent),
    // suggestions to housing (due 2 Nov, replied 28 Oct) and market (due 3 Aug, replied 20 Jul).
    // The opinion to police of 26 Oct is due 28 Dec: not yet counted.
    expect(pair(f.get('reply_rate'))).toEqual([3, 4]);
    expect(pair(f.get('on_time_reply_rate'))).toEqual([3, 4]);
    // Evaluated: traffic adopted, market not adopted; housing's partial reply is not evaluated yet.
    expect(pair(f.get('adoption_rate'))).toEqual([1, 2]);
    expect(pair(f.get('partial_adoption_rate'))).toEqual([0, 2]);
    expect(pair(f.get('penalties_per_reply'))).toEqual([1, 1]);
    // 42 (27 May → 8 Jul) + 57 (1 Sep → 28 Oct) + 48 (2 Jun → 20 Jul) days over 3 replies.
    expect(pair(f.get('average_reply_days'))).toEqual([147, 3]);
    expect(f.get('average_reply_days')!.value).toBe(49);
    // 8 demo decisions transferred in time, the one added here a day late.
    expect(pair(f.get('transfer_compliance'))).toEqual([8, 9]);
    // 5 demo reviews closed in time; the added one registered 12 Oct, closed 20 Nov.
    expect(pair(f.get('review_on_time'))).toEqual([5, 6]);
    expect(pair(f.get('model_clue_to_case'))).toEqual([1, 2]);
    // Of the 4 due, only the traffic opinion was answered by its due date and evaluated adopted.
    expect(pair(f.get('adoption_at_due_date'))).toEqual([1, 4]);
    // Opinions served in 2026 and due by 26 Nov: traffic (penalty reported) and police (silent).
    expect(pair(f.get('penalty_rate_per_opinion'))).toEqual([1, 2]);
    // The housing office's reply: 18,600 yuan recovered on 25 Oct, one unit of 52.3 m² on 20 Oct.
    expect(pair(f.get('money_recovered'))).toEqual([18600, 1]);
    expect(f.get('money_recovered')!.value).toBe(18600);
    expect(pair(f.get('units_reclaimed'))).toEqual([1, 1]);
    expect(f.get('units_reclaimed')!.area).toBe(52.3);
    // Nothing recovered in the first half year.
    const h1 = await figures(head, `from=2026-01-01&to=2026-06-30&asOf=${AS_OF}`);
    expect(pair(h1.get('money_recovered'))).toEqual([0, 0]);
    expect(h1.get('money_recovered')!.value).toBe(0);
  });

  it('shows the late transfer with its working-day deadline in the drill-down', async () => {
    const late = (await allItems(head, 'transfer_compliance', 'denominator')).filter((i) => !i.inNumerator);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ type: 'clue', periodDate: LATE_DECISION, dueOn: BUILT_IN_HOLIDAY_CALENDAR.addWorkingDays(LATE_DECISION, 3), doneOn: lateTransfer, title: '钱某盗窃不起诉案' });
    expect(late[0].case.number).toMatch(/^京朝检行反受〔2026〕\d+号$/);
  });

  it('judges "due date passed" on the as-of day', async () => {
    const f = await figures(head, 'from=2026-01-01&to=2026-12-31&asOf=2027-01-04');
    expect(pair(f.get('reply_rate'))).toEqual([3, 5]);
  });

  it('filters by agency and by case kind, and still agrees with the drill-down', async () => {
    const traffic = await expectAgreement(head, `${YEAR}&agencyId=${orgId('交通')}`);
    expect(pair(traffic.get('reply_rate'))).toEqual([1, 1]);
    expect(traffic.get('reply_rate')!.value).toBe(1);
    const illegal = await expectAgreement(head, `${YEAR}&kind=illegal_act`);
    expect(pair(illegal.get('reply_rate'))).toEqual([2, 2]);
    expect(pair(illegal.get('penalties_per_reply'))).toEqual([0, 0]);
    expect(illegal.get('penalties_per_reply')!.value).toBeNull();
    expect(pair(illegal.get('transfer_compliance'))).toEqual([0, 0]);
    // A clue has no kind yet: the model-clue figure ignores the kind filter.
    expect(pair(illegal.get('model_clue_to_case'))).toEqual([1, 2]);
  });

  it('refuses a period that ends before it starts, and unknown indicators', async () => {
    expect(ok(await head.get('/api/indicators?from=2026-12-01&to=2026-01-01'), 422).error).toBe('from_after_to');
    expect((await head.get('/api/indicators?from=2026-13-01')).status).toBe(400);
    expect((await head.get('/api/indicators?asOf=2026-02-30')).status).toBe(400);
    expect((await head.get('/api/indicators/nonsense/items')).status).toBe(404);
    expect((await head.get('/api/indicators/reply_rate/items?part=all')).status).toBe(400);
  });
});

describe('who sees which figures', () => {
  it('shows an agency only its own agency’s figures and none of the procuratorate’s own work', async () => {
    const police = await t.loginAs('police_liaison');
    const body = ok(await police.get(`/api/indicators?${YEAR}`));
    expect(body.agencyId).toBe(orgId('公安局朝阳分局'));
    const shown = await expectAgreement(police);
    expect([...shown.keys()]).toEqual(INDICATORS.filter((d) => d.audience === 'all').map((d) => d.id));
    // The opinion of 14 Aug, silent; the one of 26 Oct not due yet.
    expect(pair(shown.get('reply_rate'))).toEqual([0, 1]);
    const items = await allItems(police, 'reply_rate', 'denominator');
    expect(items.every((i) => i.agency.id === orgId('公安局朝阳分局'))).toBe(true);
    // Another agency's figures, or the procuratorate's internal ones: not found.
    expect((await police.get(`/api/indicators?${YEAR}&agencyId=${orgId('交通')}`)).status).toBe(404);
    expect((await police.get(`/api/indicators/reply_rate/items?${YEAR}&agencyId=${orgId('交通')}`)).status).toBe(404);
    expect((await police.get(`/api/indicators/transfer_compliance/items?${YEAR}`)).status).toBe(404);
    const traffic = await figures(await t.loginAs('traffic_liaison'));
    expect(pair(traffic.get('reply_rate'))).toEqual([1, 1]);
  });

  it('shows the justice bureau every agency, without case titles', async () => {
    const justice = await t.loginAs('justice_observer');
    const shown = await expectAgreement(justice);
    const all = await figures(head);
    expect([...shown.keys()]).toEqual(INDICATORS.filter((d) => d.audience === 'all').map((d) => d.id));
    for (const [id, f] of shown) expect(pair(f), id).toEqual(pair(all.get(id)));
    const items = await allItems(justice, 'reply_rate', 'denominator');
    expect(items.length).toBe(4);
    expect(items.every((i) => i.title === null && i.label)).toBe(true);
    expect(pair((await figures(justice, `${YEAR}&agencyId=${orgId('交通')}`)).get('reply_rate'))).toEqual([1, 1]);
  });

  it('gives the procuratorate’s observer all figures', async () => {
    const observer = await figures(await t.loginAs('observer1'));
    expect(observer.size).toBe(INDICATORS.length);
  });

  it('refuses roles without access', async () => {
    for (const username of ['admin', 'analyst1', 'criminal1']) {
      const c = await t.loginAs(username);
      expect((await c.get('/api/indicators')).status, username).toBe(403);
      expect((await c.get('/api/indicators/reply_rate/items')).status, username).toBe(403);
    }
    expect((await t.anonymous().get('/api/indicators')).status).toBe(401);
  });
});

describe('breakdowns and the funnel', () => {
  it('break a figure down by agency, month, procurator and kind, each cell equal to its own list', async () => {
    const all = await figures(head);
    for (const dimension of ['agency', 'month', 'procurator', 'kind']) {
      const rows = ok(await head.get(`/api/indicators/reply_rate/breakdown?${YEAR}&dimension=${dimension}`)).items;
      expect(rows.reduce((s: number, r: any) => s + r.denominator, 0), dimension).toBe(all.get('reply_rate')!.denominator);
      expect(rows.reduce((s: number, r: any) => s + r.numerator, 0), dimension).toBe(all.get('reply_rate')!.numerator);
    }
    const byAgency = ok(await head.get(`/api/indicators/reply_rate/breakdown?${YEAR}&dimension=agency`)).items;
    const traffic = byAgency.find((r: any) => r.key === orgId('交通'));
    expect(traffic).toMatchObject({ label: '朝阳交通支队', numerator: 1, denominator: 1, value: 1 });
    const byKind = ok(await head.get(`/api/indicators/reply_rate/breakdown?${YEAR}&dimension=kind`)).items;
    expect(byKind.map((r: any) => [r.key, r.numerator, r.denominator])).toEqual([
      ['illegal_act', 2, 2],
      ['reverse_connection', 1, 2],
    ]);
    const illegal = await allItems(head, 'reply_rate', 'denominator', `${YEAR}&caseKind=illegal_act`);
    expect(illegal.map((i) => i.kind)).toEqual(['illegal_act', 'illegal_act']);
    // The overdue items of an agency: the denominator's rest.
    const police = ok(await head.get(`/api/indicators/reply_rate/items?${YEAR}&agencyId=${orgId('公安局朝阳分局')}&part=remainder`));
    expect(police.total).toBe(1);
    expect(police.items[0].documentType).toBe('procuratorial_opinion');
    expect((await head.get(`/api/indicators/reply_rate/breakdown?${YEAR}&dimension=colour`)).status).toBe(400);
    expect((await head.get(`/api/indicators/reply_rate/items?${YEAR}&month=2026-13`)).status).toBe(400);
  });

  it('counts the funnel from clues to corrections, each step within the one before and equal to its list', async () => {
    const funnel = ok(await head.get(`/api/indicators/funnel?${YEAR}`));
    const counts = funnel.steps.map((s: any) => s.count);
    expect(funnel.steps.map((s: any) => s.id)).toEqual(['clues_received', 'cases_filed', 'documents_served', 'replied', 'corrected']);
    expect(funnel.steps[0].name['zh-CN']).toBe('受理线索');
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]);
    // Corrected: the traffic opinion (penalty, adopted); the housing reply is partial and not evaluated.
    expect(counts[4]).toBe(1);
    for (const step of funnel.steps) {
      const list = ok(await head.get(`/api/indicators/funnel/items?${YEAR}&step=${step.id}&pageSize=100`));
      expect(list.total, step.id).toBe(step.count);
      expect(list.items.every((i: any) => i.type === 'clue')).toBe(true);
    }
  });

  it('keeps the funnel and the procurator breakdown inside the procuratorate', async () => {
    const police = await t.loginAs('police_liaison');
    expect((await police.get(`/api/indicators/funnel?${YEAR}`)).status).toBe(403);
    expect((await police.get(`/api/indicators/reply_rate/breakdown?${YEAR}&dimension=procurator`)).status).toBe(403);
    expect((await police.get(`/api/indicators/reply_rate/items?${YEAR}&procuratorId=none`)).status).toBe(403);
    expect((await police.get(`/api/indicators/reply_rate/items?${YEAR}&agencyId=none`)).status).toBe(404);
    const own = ok(await police.get(`/api/indicators/reply_rate/breakdown?${YEAR}&dimension=agency`)).items;
    expect(own.map((r: any) => r.key)).toEqual([orgId('公安局朝阳分局')]);
    const justice = await t.loginAs('justice_observer');
    expect((await justice.get(`/api/indicators/funnel?${YEAR}`)).status).toBe(403);
    const agencies = ok(await justice.get(`/api/indicators/on_time_reply_rate/breakdown?${YEAR}&dimension=agency`)).items;
    expect(agencies.length).toBe(4);
  });
});

describe('replies that confirm recoveries', () => {
  it('take money recovered and housing reclaimed from the agency’s reply, with their dates', async () => {
    const police = await t.loginAs('police_liaison');
    const doc = await t.database.db
      .selectFrom('documents')
      .leftJoin('replies', 'replies.document_id', 'documents.id')
      .select('documents.id')
      .where('documents.recipient_id', '=', orgId('公安局朝阳分局'))
      .where('documents.state', '=', 'served')
      .where('replies.id', 'is', null)
      .orderBy('documents.served_on', 'desc')
      .executeTakeFirstOrThrow();
    const base = { result: 'adopted', summary: '已依法处罚并追缴违法所得。', penaltyDecisionNo: '京公（朝）行罚决字〔2026〕77号', penaltyType: '罚款', repliedOn: '2026-11-20' };
    expect(ok(await police.post(`/api/documents/${doc.id}/replies`, { ...base, recoveredAmount: 1234.56 }), 422).error).toBe('recovered_on_required');
    expect((await police.post(`/api/documents/${doc.id}/replies`, { ...base, recoveredAmount: -1, recoveredOn: '2026-11-18' })).status).toBe(400);
    ok(await police.post(`/api/documents/${doc.id}/replies`, { ...base, recoveredAmount: 1234.56, recoveredOn: '2026-11-18', unitsReclaimed: 2, areaReclaimed: 120.5, reclaimedOn: '2026-11-19' }), 201);
    const f = await figures(head);
    expect(pair(f.get('money_recovered'))).toEqual([18600 + 1234.56, 2]);
    expect(pair(f.get('units_reclaimed'))).toEqual([3, 2]);
    expect(f.get('units_reclaimed')!.area).toBe(172.8);
    const own = await figures(police);
    expect(pair(own.get('money_recovered'))).toEqual([1234.56, 1]);
    await expectAgreement(head);
  });
});
