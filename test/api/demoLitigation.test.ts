import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoLitigation } from '../../src/server/db/demoLitigation.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo litigation supervision', () => {
  it('seeds three applications at different stages through the real commands, once', async () => {
    expect(await seedDemoLitigation(t.database.db)).toBe(true);
    expect(await seedDemoLitigation(t.database.db)).toBe(false);

    const procurator = await t.loginAs('procurator1');
    const list = (await procurator.get('/api/cases?kind=litigation&pageSize=50')).body;
    expect(list.total).toBe(3);
    const byState = Object.fromEntries(list.items.map((c: { state: string; id: string }) => [c.state, c.id]));
    expect(Object.keys(byState).sort()).toEqual(['awaiting_response', 'closed', 'reviewing']);

    // A late application accepted with its reason, reviewed after a hearing.
    const late = (await procurator.get(`/api/cases/${byState.reviewing}`)).body;
    expect(late.litigation.window).toMatchObject({ status: 'late', due: '2026-08-10' });
    expect(late.litigation.windowOverride.reason).toContain('住院');
    expect(late.litigation.applicant.idNumber).toMatch(/\*{8}/);
    expect(late.hearings).toHaveLength(1);
    expect(late.hearings[0].participants).toHaveLength(4);
    expect(late.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['window_overridden', 'hearing_held']));
    expect(late.clocks.find((k: { code: string }) => k.code === 'litigation_review').stoppedOn).toBeNull();

    // A retrial suggestion decided by the committee, signed and served: the court's answer is awaited.
    const awaiting = (await procurator.get(`/api/cases/${byState.awaiting_response}`)).body;
    expect(awaiting.committeeDecisions).toMatchObject([{ outcome: 'retrial_suggestion', decision: 'approved', session: '2026年第7次会议' }]);
    const suggestion = awaiting.documents.find((d: { type: string }) => d.type === 'retrial_suggestion');
    expect(suggestion).toMatchObject({ state: 'served', recipient: { name: '北京市第三中级人民法院' } });
    expect(suggestion.number).toMatch(/^京朝检行再建〔2026〕\d+号$/);
    const doc = (await procurator.get(`/api/documents/${suggestion.id}`)).body;
    expect(JSON.stringify(doc.content)).toContain('经本院检察委员会2026年第7次会议讨论决定');
    expect(awaiting.clocks.find((k: { code: string }) => k.code === 'court_response').stoppedOn).toBeNull();

    // Closed after the court changed its judgment: the answer counts as adopted.
    const closed = (await procurator.get(`/api/cases/${byState.closed}`)).body;
    expect(closed).toMatchObject({ state: 'closed', outcome: 'retrial_suggestion', closedOn: '2026-08-05' });
    expect(closed.replies).toMatchObject([{ courtOutcome: 'changed', result: 'adopted', evaluation: 'adopted' }]);

    // Every application came through the clue register, filed as a litigation case.
    const clues = await t.database.db.selectFrom('clues').select(['source', 'status']).where('source', '=', 'litigation_application').execute();
    expect(clues).toHaveLength(3);
    expect(clues.every((c) => c.status === 'filed')).toBe(true);
  });
});
