import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKind } from '../../src/domain/datasetKinds.js';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createDataset, importDataset } from '../../src/server/commands/datasets.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

const id = (body17: string) => body17 + idCheckChar(body17);
/** Born 1985-06-15: has a first-generation 15-digit form. */
const PERSON = id('11010519850615123');
const PERSON_15 = '110105850615123';
const OTHER = id('11010519900101456');
const MINOR = id('11010520100615123');

/** A 行政处罚 export as agencies hand it over (Chinese headers); one row keeps the old 15-digit number. */
const PENALTIES = [
  '处罚决定书文号,执法机关,当事人证件号,当事人,违法行为类型,涉案金额,罚款金额,处罚日期,是否移送',
  `京朝市监罚〔2024〕12号,区市场监管局,${PERSON},张三,其他,800,500,2024-03-20,否`,
  `京朝市监罚〔2023〕3号,区市场监管局,${PERSON_15},张三,其他,,200,2023-01-10,否`,
  `京朝市监罚〔2024〕13号,区市场监管局,${OTHER},李四,其他,,300,2024-03-21,否`,
  '京朝市监罚〔2024〕14号,区市场监管局,91110105MA01ABCD1X,某某公司,非法经营,60000,10000,2024-03-22,否',
].join('\n');

async function importPenalties(t: TestApp) {
  const file = path.join(t.dataDir, '行政处罚.csv');
  fs.writeFileSync(file, PENALTIES);
  const ctx = systemContext('test');
  const datasetId = await createDataset(t.database.db, ctx, { kind: 'admin_penalties', name: '区市场监管局行政处罚', ownerOrganizationId: null, legalBasis: 'agreement', legalBasisNote: '府检联动协议' });
  const outcome = await importDataset({ db: t.database.db, warehouse: t.warehouse, dataDir: t.dataDir }, ctx, { datasetId, kind: builtInKind('admin_penalties')!, file, fileName: '行政处罚.csv' });
  expect(outcome.status).toBe('committed');
  expect(outcome.report!.rowsImported).toBe(4);
}

const CHECK_INPUT = {
  actDate: '2024-03-05',
  asOf: '2025-01-01',
  idNumber: PERSON_15,
  chargeText: '盗窃罪',
  nonProsecution: { kind: 'discretionary', decisionDate: '2024-12-02', transferredOn: '2024-12-04' },
};

describe('the knowledge base through the API', () => {
  let t: TestApp;
  let head: Client;
  let procurator: Client;
  let analyst: Client;
  let liaison: Client;

  beforeAll(async () => {
    t = await createTestApp();
    [head, procurator, analyst, liaison] = await Promise.all(['head1', 'procurator1', 'analyst1', 'traffic_liaison'].map((u) => t.loginAs(u)));
  });
  afterAll(() => t.close());

  it('lists the 24 built-in rules with their sectors and provisions', async () => {
    const res = await procurator.get('/api/knowledge/charge-rules');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(24);
    expect(res.body.items[0]).toMatchObject({
      code: 'dangerous_driving_drunk',
      charge: '危险驾驶罪（醉酒驾驶）',
      sectors: ['traffic_police'],
      version: 1,
      builtIn: true,
      confidence: 'confirmed',
      provisions: [{ article: '第九十一条第二款', confidence: 'confirmed', effectiveFrom: '2011-05-01' }],
    });
    expect(res.body.sectors).toHaveLength(16);
    expect(res.body.sectors[1]).toEqual({ code: 'traffic_police', label: { 'zh-CN': '公安交管', 'en-US': 'Traffic police' } });
  });

  it('proposes the traffic police for 危险驾驶, with the provision in force on the act date', async () => {
    const res = await procurator.get(`/api/knowledge/propose?charge=${encodeURIComponent('涉嫌危险驾驶罪')}&actDate=2025-03-01`);
    expect(res.status).toBe(200);
    const [drunk, operating] = res.body.proposals;
    expect(drunk).toMatchObject({ rule: { code: 'dangerous_driving_drunk' }, version: 1, match: { kind: 'exact' }, needsVerification: false });
    expect(drunk.provisions[0]).toMatchObject({ article: '第九十一条第二款', status: 'in_force', inForce: true });
    expect(drunk.agencies).toEqual([{ sector: 'traffic_police', organizations: [expect.objectContaining({ name: '北京市公安局公安交通管理局朝阳交通支队', shortName: '朝阳交通支队' })] }]);
    // No transport agency is mapped in the demo: the sector is proposed with no organization.
    expect(operating.agencies.map((a: { sector: string; organizations: unknown[] }) => [a.sector, a.organizations.length])).toEqual([
      ['traffic_police', 1],
      ['transport', 0],
    ]);
  });

  it('shows both versions of 治安管理处罚法 for an act just before 2026', async () => {
    const res = await procurator.get(`/api/knowledge/propose?charge=${encodeURIComponent('盗窃罪')}&actDate=2025-12-20`);
    const [theft] = res.body.proposals;
    expect(theft).toMatchObject({ versionChoice: true, agencies: [{ sector: 'public_security', organizations: [{ name: '北京市公安局朝阳分局' }] }] });
    expect(theft.provisions.map((p: { lawVersion: string; status: string }) => [p.lawVersion, p.status])).toEqual([
      ['2012年修正', 'in_force'],
      ['2025年修订', 'not_yet_in_force'],
    ]);
  });

  it('saves an edit as version 2, keeps version 1 in the history, and proposes with the edited rule', async () => {
    const before = (await head.get('/api/knowledge/charge-rules/theft')).body;
    expect(before.history.map((h: { version: number }) => h.version)).toEqual([1]);
    const { version, builtIn, changeNote, updatedBy, updatedAt, history, code, ...content } = before;
    const edited = { ...content, aliases: [...content.aliases, '扒窃'], note: '补充“扒窃”。' };
    const res = await head.put('/api/knowledge/charge-rules/theft', { ...edited, version: 1, changeNote: '增加别名' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ code: 'theft', version: 2, aliases: ['盗窃', '扒窃'], changeNote: '增加别名', updatedBy: '张建国', builtIn: true });

    const after = (await procurator.get('/api/knowledge/charge-rules/theft')).body;
    expect(after.version).toBe(2);
    expect(after.history.map((h: { version: number; retiredAt: string | null }) => [h.version, h.retiredAt === null])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(after.history[1].rule.aliases).toEqual(['盗窃']);
    expect(after.history[0]).toMatchObject({ changeNote: '增加别名', createdBy: '张建国' });

    const proposals = (await procurator.get(`/api/knowledge/propose?charge=${encodeURIComponent('扒窃')}&actDate=2025-03-01`)).body.proposals;
    expect(proposals.map((p: { rule: { code: string }; version: number }) => [p.rule.code, p.version])).toEqual([['theft', 2]]);

    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'details']).where('record_id', '=', 'theft').execute();
    expect(audit).toEqual([{ action: 'charge_rule.update', details: { version: 2, previousVersion: 1, changeNote: '增加别名' } }]);
  });

  it('refuses a stale edit with 409 and the rule as it is now', async () => {
    const current = (await head.get('/api/knowledge/charge-rules/theft')).body;
    const { version, builtIn, changeNote, updatedBy, updatedAt, history, code, ...content } = current;
    const stale = await head.put('/api/knowledge/charge-rules/theft', { ...content, aliases: ['盗窃'], version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'conflict', current: { code: 'theft', version: 2, aliases: ['盗窃', '扒窃'] } });
    expect((await head.get('/api/knowledge/charge-rules/theft')).body.history).toHaveLength(2);
  });

  it('refuses a rule that cannot be used, field by field', async () => {
    const current = (await head.get('/api/knowledge/charge-rules/dangerous_driving_drunk')).body;
    const { version, builtIn, changeNote, updatedBy, updatedAt, history, code, ...content } = current;
    const res = await head.put('/api/knowledge/charge-rules/dangerous_driving_drunk', {
      ...content,
      provisions: [{ ...content.provisions[0], sectors: ['tax'], effectiveFrom: '2026-01-01', effectiveTo: '2025-01-01' }],
      version,
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['provisions.0.sectors.0', 'provisions.0.effectiveTo']);
    expect((await head.get('/api/knowledge/charge-rules/dangerous_driving_drunk')).body.version).toBe(1);
  });

  it('adds a new rule, once', async () => {
    const rule = {
      code: 'illegal_hunting',
      charge: '非法狩猎罪',
      aliases: ['非法狩猎'],
      sectors: ['forestry'],
      confidence: 'unconfirmed',
      provisions: [{ id: 'wildlife', law: '中华人民共和国野生动物保护法', summary: '非法猎捕野生动物的处罚（条文待核实）。', sanctionKinds: ['confiscation', 'fine'], confidence: 'unconfirmed' }],
    };
    const res = await head.post('/api/knowledge/charge-rules', rule);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ code: 'illegal_hunting', version: 1, builtIn: false, appliesAfter: ['non_prosecution'], provisions: [{ article: '', effectiveFrom: null }] });
    expect((await head.post('/api/knowledge/charge-rules', rule)).status).toBe(400);
    expect((await procurator.get('/api/knowledge/charge-rules')).body.items.at(-1).code).toBe('illegal_hunting');
  });

  it('maps agencies to sectors, and proposes the newly mapped agency', async () => {
    const list = (await procurator.get('/api/knowledge/sectors')).body;
    const byName = (name: string) => list.organizations.find((o: { name: string }) => o.name === name);
    expect(byName('北京市公安局公安交通管理局朝阳交通支队').sectors).toEqual(['traffic_police']);
    expect(list.organizations.some((o: { kind: string }) => o.kind === 'procuratorate')).toBe(false);
    const agriculture = byName('北京市朝阳区农业农村局');
    expect(agriculture.sectors).toEqual(['agriculture']);

    const res = await head.put(`/api/knowledge/sectors/${agriculture.id}`, { sectors: ['agriculture', 'forestry'] });
    expect(res.status).toBe(200);
    expect(res.body.sectors).toEqual(['agriculture', 'forestry']);
    expect((await procurator.get(`/api/knowledge/sectors/${agriculture.id}`)).body.sectors).toEqual(['agriculture', 'forestry']);
    const [logging] = (await procurator.get(`/api/knowledge/propose?charge=${encodeURIComponent('滥伐林木罪')}`)).body.proposals;
    expect(logging.agencies).toEqual([{ sector: 'forestry', organizations: [expect.objectContaining({ id: agriculture.id })] }]);

    const audit = await t.database.db.selectFrom('audit_events').select(['details']).where('action', '=', 'organization.sectors_set').where('record_id', '=', agriculture.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ before: ['agriculture'], after: ['agriculture', 'forestry'] });

    const procuratorate = (await t.database.db.selectFrom('organizations').select('id').where('kind', '=', 'procuratorate').executeTakeFirstOrThrow()).id;
    expect((await head.put(`/api/knowledge/sectors/${procuratorate}`, { sectors: ['tax'] })).status).toBe(400);
    expect((await head.put(`/api/knowledge/sectors/${agriculture.id}`, { sectors: ['fisheries'] })).status).toBe(400);
  });

  it('is closed to agency liaisons, and editing is for department heads', async () => {
    expect((await liaison.get('/api/knowledge/charge-rules')).status).toBe(403);
    expect((await liaison.get(`/api/knowledge/propose?charge=${encodeURIComponent('危险驾驶罪')}`)).status).toBe(403);
    expect((await liaison.post('/api/knowledge/review-checks', CHECK_INPUT)).status).toBe(403);
    const current = (await procurator.get('/api/knowledge/charge-rules/fraud')).body;
    const { history, ...rule } = current;
    expect((await procurator.put('/api/knowledge/charge-rules/fraud', rule)).status).toBe(403);
    expect((await analyst.post('/api/knowledge/charge-rules', { ...rule, code: 'x_rule' })).status).toBe(403);
  });

  it('says so when no admin_penalties dataset has been imported', async () => {
    const res = await procurator.post('/api/knowledge/review-checks', CHECK_INPUT);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.priorPenalties).toEqual({ status: 'no_dataset' });
  });

  it('computes the review checks and finds earlier penalties by a 15-digit ID number', async () => {
    await importPenalties(t);
    const res = await procurator.post('/api/knowledge/review-checks', CHECK_INPUT);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const checks = res.body;
    expect(checks.idNumber).toBe(`${PERSON.slice(0, 6)}********${PERSON.slice(14)}`);
    expect(checks.limitation).toMatchObject({ periodMonths: 24, periodEndsOn: '2026-03-05', expired: false, needsLegalReview: true });
    expect(checks.age).toMatchObject({ status: 'known', birthDate: '1985-06-15', ageYears: 38, band: 'adult', source: 'id_number' });
    expect(checks.nonProsecutionKind).toMatchObject({ kind: 'discretionary', transferred: true, excluded: false });
    expect(checks.transfer).toMatchObject({ status: 'on_time', due: '2024-12-05' });

    const lookup = checks.priorPenalties;
    expect(lookup).toMatchObject({ status: 'searched', datasets: [{ name: '区市场监管局行政处罚', version: 1 }], failed: [] });
    expect(lookup.result.penalties.map((p: { decisionNo: string; probablySameAct: boolean; daysAfterAct: number }) => [p.decisionNo, p.daysAfterAct, p.probablySameAct])).toEqual([
      ['京朝市监罚〔2024〕12号', 15, true],
      ['京朝市监罚〔2023〕3号', -420, false],
    ]);
    expect(lookup.result).toMatchObject({ probablySameAct: 1, windowDays: 30, needsLegalReview: true });
    expect(lookup.result.penalties[0]).toMatchObject({ agency: '区市场监管局', partyName: '张三', fine: '500.00', partyId: `${PERSON.slice(0, 6)}********${PERSON.slice(14)}` });
    // The person's number leaves the server masked only, in either form.
    expect(JSON.stringify(checks)).not.toContain(PERSON);
    expect(JSON.stringify(checks)).not.toContain(PERSON_15);

    const audit = await t.database.db.selectFrom('audit_events').select(['details', 'actor_name']).where('action', '=', 'person.penalty_lookup').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: '李明', details: { idNumber: checks.idNumber, found: 2 } });
  });

  it('narrows the same-act window on request, and reads a minor’s age from the ID', async () => {
    const res = await procurator.post('/api/knowledge/review-checks', { ...CHECK_INPUT, idNumber: PERSON, settings: { sameActWindowDays: 10 } });
    expect(res.body.priorPenalties.result.probablySameAct).toBe(0);
    const minor = await procurator.post('/api/knowledge/review-checks', { actDate: '2024-06-14', idNumber: MINOR, nonProsecution: { kind: 'conditional' } });
    expect(minor.body.age).toMatchObject({ ageYears: 13, band: 'under_14', needsLegalReview: true });
    expect(minor.body.nonProsecutionKind).toMatchObject({ kind: 'conditional', flagged: true, excluded: false });
    expect(minor.body.transfer).toBeNull();
    expect(minor.body.priorPenalties.result.penalties).toEqual([]);
  });

  it('searches only datasets the asker may see', async () => {
    // Datasets are visible to analysts and procurators by default; a department head sees none.
    expect((await analyst.post('/api/knowledge/review-checks', CHECK_INPUT)).body.priorPenalties.status).toBe('searched');
    expect((await head.post('/api/knowledge/review-checks', CHECK_INPUT)).body.priorPenalties).toEqual({ status: 'not_visible' });
  });

  it('refuses dates that cannot be, and an invalid ID takes no part in the lookup', async () => {
    const bad = await procurator.post('/api/knowledge/review-checks', { ...CHECK_INPUT, continuingActEndDate: '2024-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({ path: 'continuingActEndDate', params: { reason: 'invalid_dates' } });
    const invalid = await procurator.post('/api/knowledge/review-checks', { ...CHECK_INPUT, idNumber: `${PERSON.slice(0, 17)}${PERSON[17] === '1' ? '2' : '1'}` });
    expect(invalid.body.priorPenalties).toEqual({ status: 'invalid_id_number' });
    expect(invalid.body.age).toMatchObject({ status: 'unknown', reason: 'invalid_id_number' });
  });
});

describe('the penalty lookup on a DuckDB warehouse', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ warehouse: 'duckdb' });
    await importPenalties(t);
  });
  afterAll(() => t.close());

  it('finds the same penalties with the same query', async () => {
    const procurator = await t.loginAs('procurator1');
    const res = await procurator.post('/api/knowledge/review-checks', CHECK_INPUT);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.priorPenalties.result.penalties.map((p: { decisionNo: string; decidedOn: string; fine: string }) => [p.decisionNo, p.decidedOn, p.fine])).toEqual([
      ['京朝市监罚〔2024〕12号', '2024-03-20', '500.00'],
      ['京朝市监罚〔2023〕3号', '2023-01-10', '200.00'],
    ]);
  });
});
