import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInModel } from '../builtins.js';
import { compileModel } from '../compiler.js';
import { duckdb } from '../dialects.js';
import { explainModel } from '../explain.js';
import { fixtureWarehouse, type FixtureWarehouse } from '../fixtureWarehouse.js';
import { runCompiled } from '../runner.js';
import { nonLitigationEnforcementFixture } from './non-litigation-enforcement.fixture.js';

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await fixtureWarehouse(nonLitigationEnforcementFixture.data);
});
afterAll(() => w.close());

const run = async (parameters: Record<string, unknown> = {}, asOf = '2026-06-30') =>
  runCompiled(w, compileModel({ document: builtInModel('non-litigation-enforcement')!, dialect: duckdb, datasets: w.datasets, asOf, parameters }));
const keys = (hits: { subjectKey: string; rules: string[] }[]) => Object.fromEntries(hits.map((h) => [h.subjectKey, h.rules]));

describe('non-litigation-enforcement: evidence and parameters', () => {
  it('shows the late filings with the first late date, and the decision as the subject', async () => {
    const { hits } = await run();
    const late = hits.find((h) => h.subjectKey === '京朝市监罚〔2025〕13号')!;
    // Only the late filing is evidence; the timely one of 2025-10-15 is not.
    expect(late.evidence['applied-late']).toEqual([expect.objectContaining({ filing_no: '（2026）京0105行审7号', filed_on: '2026-01-20', ruling: 'granted' })]);
    expect(late.summaries['applied-late']).toEqual({ first_late_filing: '2026-01-20' });
    expect(late.subject[0]).toMatchObject({ decision_no: '京朝市监罚〔2025〕13号', performed: 'no', decided_on: '2025-01-15' });
    const never = hits.find((h) => h.subjectKey === '京朝市监罚〔2025〕9号')!;
    expect(never.name).toBe('当事人9');
    expect(never.evidence['never-applied']).toEqual([]);
  });

  it('matches a filing that writes the decision number with other year brackets or a space', async () => {
    const { hits } = await run();
    // 〔2025〕15号 was filed as [2025]15号 on the last day: in time, no finding (before the brackets were unified it read as never applied).
    expect(keys(hits)['京朝市监罚〔2025〕15号']).toBeUndefined();
    const late = hits.find((h) => h.subjectKey === '京朝市监罚〔2025〕16号')!;
    expect(late.rules).toEqual(['applied-late']);
    expect(late.evidence['applied-late']).toEqual([expect.objectContaining({ penalty_decision_no: '京朝市监罚 (2025) 16号', filed_on: '2026-05-29' })]);
  });

  it('follows its parameters: a shorter suit period closes more windows, a fine floor drops small fines', async () => {
    // 5 + 3 months: decided 2025-09-30 → 2026-02-28 → 2026-05-28, closed; 2025-08-31 → 2026-01-31 → 2026-04-30, so 05-28 is late too.
    expect(keys((await run({ litigation_months: 5 })).hits)).toEqual({
      '京朝市监罚〔2025〕1号': ['applied-late'],
      '京朝市监罚〔2025〕2号': ['applied-late'],
      '京朝市监罚〔2025〕3号': ['never-applied'],
      '京朝市监罚〔2025〕4号': ['never-applied'],
      '京朝市监罚〔2025〕9号': ['never-applied'],
      '京朝市监罚〔2025〕13号': ['applied-late'],
      '京朝市监罚〔2025〕14号': ['never-applied'],
      '京朝市监罚〔2025〕15号': ['applied-late'],
      '京朝市监罚〔2025〕16号': ['applied-late'],
    });
    expect((await run({ min_fine: 5000 })).hits).toHaveLength(6);
    expect(await run({ min_fine: 5000.01 })).toEqual({ hits: [], subjects: 0 });
    // One day later the window of 2025-09-30 has closed too.
    expect(keys((await run({}, '2026-07-01')).hits)['京朝市监罚〔2025〕3号']).toEqual(['never-applied']);
    // Once its date has come, the filing of 2026-07-02 counts, and it is late.
    expect(keys((await run({}, '2026-07-02')).hits)['京朝市监罚〔2025〕14号']).toEqual(['applied-late']);
  });

  it('explains the model, its periods and the shifted dates in both languages', () => {
    const zh = explainModel(builtInModel('non-litigation-enforcement')!, 'zh-CN', { litigation_months: 6 });
    expect(zh).toContain('行政非诉执行监督 (non-litigation-enforcement v2)');
    expect(zh).toContain('起诉期限（月） (litigation_months) = 6');
    expect(zh).toContain('[applied-late] 超过申请期限申请强制执行 — court_enforcement_filings, 存在匹配记录');
    expect(zh).toContain('decided_on 加 litigation_months 个月、再加 application_months 个月');
    expect(zh).toContain('文号比对：decision_no 与 penalty_decision_no 统一年份括号（〔〕、[]、()、【】）并去除空格后比较');
    const en = explainModel(builtInModel('non-litigation-enforcement')!, 'en-US');
    expect(en).toContain('[never-applied] Never applied for enforcement — court_enforcement_filings, no matching row exists');
    expect(en).toContain('Subject filter (admin_penalties): performed = "no" and fine > 0 and fine ≥ parameter min_fine and decided_on plus litigation_months months, then plus application_months months < as_of');
    expect(en).toContain('Condition: filed_on > the subject\'s decided_on plus litigation_months months, then plus application_months months');
  });
});
