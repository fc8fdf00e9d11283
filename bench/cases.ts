/**
 * Case-handling benchmark (issue 5): 1,000,000 cases (and their clues) with 5,000,000 case events,
 * about 1.3M documents, their deadline clocks and the agencies' replies in PostgreSQL; then the
 * list and detail endpoints through real HTTP with 50 concurrent clients, and the deadline scan
 * over all open clocks. Prints measured numbers; asserts nothing.
 *
 *   npx tsx bench/cases.ts [--cases N] [--events-per-case M] [--concurrency C] [--requests R] [--think-ms T]
 *                          [--endpoint-seconds S] [--only TEXT,…] [--keep] [--reuse DIR] [--generate-only]
 *
 * A throwaway embedded PostgreSQL lives under .tmp/bench-cases-<pid> and is removed at the end
 * (--keep leaves it, --reuse DIR measures a kept one again without generating: its migrations run
 * first, so a new index is tried on the same data).
 *
 * Data is generated with set-based SQL from one plan row per case: kind, state (70 % closed, the
 * rest in every open state), agency, procurator, and the dates of each step, placed so that open
 * deadlines fall around today. Due dates come from the same deadline arithmetic as the app
 * (computed once per clock and start date, then joined), so lists, the detail view and the scan
 * agree. The requests run in a worker thread, so the client does not share the server's event
 * loop; each worker loops without think time (a closed loop: latency includes queueing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { dueOf } from '../src/server/commands/caseClocks.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/index.js';
import { BACKFILL as GOVERNANCE_BACKFILL } from '../src/server/db/migrations/0019_governance_facts.js';
import { seedDemo } from '../src/server/db/seed.js';
import { openWarehouse } from '../src/server/db/warehouse.js';
import { scanDeadlines } from '../src/server/jobs/deadlineScan.js';
import { today } from '../src/server/today.js';
import { VERSION } from '../src/server/version.js';
import type { ClockCode } from '../src/domain/deadlines/index.js';
import { DEFAULT_DOCUMENT_TYPE_CODES } from '../src/domain/documents/numbering.js';
import { login, percentile } from './http.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    'events-per-case': { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '50' },
    // Each client pauses 0.5–1.5 × this between requests, as people reading a page do; 0 = closed loop.
    'think-ms': { type: 'string', default: '0' },
    requests: { type: 'string', default: '1000' },
    'endpoint-seconds': { type: 'string', default: '60' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    // Generate (or reuse) the data and stop: bench/indicators.ts measures on the same data.
    'generate-only': { type: 'boolean', default: false },
  },
});
const N = Number(args.cases);
const EVENTS = Math.round(N * Number(args['events-per-case']));
const CONCURRENCY = Number(args.concurrency);
const REQUESTS = Number(args.requests);
const TODAY = today();
const T = `DATE '${TODAY}'`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
async function timed<R>(label: string, work: () => Promise<R>): Promise<R> {
  const started = performance.now();
  const result = await work();
  console.log(`  ${label.padEnd(46)} ${seconds(performance.now() - started)}`);
  return result;
}

/** `CASE WHEN u < c1 THEN v1 WHEN u < c2 THEN v2 … END` for weighted picks (weights sum to 1). */
function pick(u: string, weighted: [string, number][]): string {
  let sum = 0;
  const arms = weighted.map(([value, weight], i) => {
    sum += weight;
    return i === weighted.length - 1 ? `ELSE ${value}` : `WHEN ${u} < ${sum.toFixed(4)} THEN ${value}`;
  });
  return `CASE ${arms.join(' ')} END`;
}
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A deterministic UUID (version 4 layout, which the API's validation asks for) from a key. */
const uid = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;

/** 70 % closed; the rest spread over every open state, most where work waits (review, replies). */
const STATES: Record<'reverse_connection' | 'illegal_act', [string, number][]> = {
  reverse_connection: [
    ['closed', 0.7], ['registered', 0.015], ['under_review', 0.07], ['suspended', 0.01], ['report_done', 0.025], ['terminated', 0.02],
    ['opinion_issued', 0.01], ['awaiting_reply', 0.09], ['reply_received', 0.03], ['follow_up', 0.03],
  ],
  illegal_act: [
    ['closed', 0.7], ['registered', 0.015], ['investigating', 0.08], ['suspended', 0.01], ['suggestion_issued', 0.01], ['awaiting_reply', 0.09],
    ['objection_review', 0.005], ['reply_received', 0.03], ['follow_up', 0.03], ['terminated', 0.03],
  ],
};
/** Agencies by share of cases (police and market regulation see the most). */
const AGENCY_SHARES: [string, number][] = [['朝阳公安分局', 0.3], ['区市场监管局', 0.2], ['区住建委', 0.15], ['朝阳交通支队', 0.1], ['区人社局', 0.1], ['区教委', 0.08], ['区农业农村局', 0.07]];
const CHARGES = ['危险驾驶罪', '盗窃罪', '故意伤害罪', '帮助信息网络犯罪活动罪', '非法捕捞水产品罪', '掩饰、隐瞒犯罪所得罪', '诈骗罪', '非法占用农用地罪', '寻衅滋事罪', '非法经营罪'];
const MATTERS = ['违规保留公租房资格', '食品安全监管不到位', '违法占用耕地未依法查处', '行政处罚案件超期未办结', '违规发放养老金', '从业禁止未落实', '驾驶证应注销未注销', '欠薪案件未依法处理', '校外培训机构监管缺位', '违法建设未依法拆除'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉萍鹏辉飞鑫波宇浩凯健俊帆帅旭宁婷雪琳晶欣怡佳慧颖璐';
const FILLER =
  '经审查查明，该单位在履行法定职责过程中存在上述情形，违反了相关法律法规的规定，损害了国家利益和社会公共利益。为督促依法履职，根据《中华人民共和国人民检察院组织法》第二十一条、《人民检察院检察建议工作规定》的规定，提出如下意见，请依法处理，并将处理结果书面回复本院。';

const sqlArray = (values: string[]) => `ARRAY[${values.map(lit).join(',')}]`;
const nth = (values: string[], index: string) => `(${sqlArray(values)})[1 + (${index}) % ${values.length}]`;
const personName = (i: string) =>
  `substr(${lit(SURNAMES)}, 1 + (${i} * 7) % ${SURNAMES.length}, 1) || substr(${lit(GIVEN)}, 1 + (${i} * 13) % ${GIVEN.length}, 1) || CASE WHEN ${i} % 3 > 0 THEN substr(${lit(GIVEN)}, 1 + (${i} * 31) % ${GIVEN.length}, 1) ELSE '' END`;
const idNumber = (i: string) => `'110' || (101 + ${i} % 17)::text || to_char(DATE '1960-01-01' + (${i} * 37 % 14600)::int, 'YYYYMMDD') || lpad((${i} % 997)::text, 3, '0') || (${i} % 10)::text`;
const year = (d: string) => `extract(year FROM ${d})::int`;

interface Demo {
  procuratorate: string;
  agencies: { id: string; name: string; share: number }[];
  procurators: { id: string; name: string }[];
  head: { id: string; name: string };
}

async function demoIds(client: pg.Client): Promise<Demo> {
  const orgs = (await client.query<{ id: string; short_name: string; kind: string }>('SELECT id, short_name, kind FROM organizations')).rows;
  const users = (await client.query<{ id: string; username: string; display_name: string }>('SELECT id, username, display_name FROM users')).rows;
  const user = (name: string) => users.find((u) => u.username === name)!;
  return {
    procuratorate: orgs.find((o) => o.kind === 'procuratorate')!.id,
    agencies: AGENCY_SHARES.map(([short, share]) => ({ id: orgs.find((o) => o.short_name === short)!.id, name: short, share })),
    procurators: ['procurator1', 'procurator2'].map((n) => ({ id: user(n).id, name: user(n).display_name })),
    head: { id: user('head1').id, name: user('head1').display_name },
  };
}

/**
 * One row per case with everything the tables are made from. Each kind follows a fixed timeline
 * from registration (report +12 days, opinion +17, service +20, receipt +22 for a reverse
 * connection; suggestion +60, receipt +65 for an illegal act); the registration date is placed
 * so that the step a case is waiting on falls around today (replies received within the last
 * 75 days, reviews started within the last 16 …); closed cases go back five years.
 */
function planSql(demo: Demo): string {
  const agency = pick('ua', demo.agencies.map((a) => [`${lit(a.id)}::uuid`, a.share]));
  const agencyName = pick('ua', demo.agencies.map((a) => [lit(a.name), a.share]));
  const rc = `kind = 'reverse_connection'`;
  const gapDecided = `CASE WHEN ${rc} THEN 17 ELSE 60 END`;
  const gapReceived = `CASE WHEN ${rc} THEN 22 ELSE 65 END`;
  const served = `state IN ('awaiting_reply', 'objection_review', 'reply_received', 'follow_up') OR (state = 'closed' AND closed_via = 'reply')`;
  return `
    CREATE UNLOGGED TABLE bench_base AS
    WITH r AS (
      SELECT i, random() AS uk, random() AS us, random() AS ua, random() AS up, random() AS u, random() AS v, random() AS w, random() AS x
      FROM generate_series(1, ${N}) AS i
    ),
    k AS (SELECT r.*, CASE WHEN uk < 0.45 THEN 'reverse_connection' ELSE 'illegal_act' END AS kind FROM r),
    s AS (
      SELECT k.*,
        CASE WHEN kind = 'reverse_connection' THEN ${pick('us', STATES.reverse_connection.map(([s, p]) => [lit(s), p]))}
             ELSE ${pick('us', STATES.illegal_act.map(([s, p]) => [lit(s), p]))} END AS state,
        10 + floor(v * 70)::int AS reply_days
      FROM k
    ),
    c AS (
      SELECT s.*,
        CASE WHEN state = 'closed' THEN CASE WHEN w < (CASE WHEN ${rc} THEN 0.4 ELSE 0.3 END) THEN 'termination' ELSE 'reply' END END AS closed_via
      FROM s
    ),
    g AS (
      SELECT c.*,
        CASE state
          WHEN 'registered' THEN ${T} - floor(u * 10)::int
          WHEN 'under_review' THEN ${T} - floor(u * 16)::int
          WHEN 'investigating' THEN ${T} - floor(u * 100)::int
          WHEN 'suspended' THEN ${T} - 8 - floor(u * 60)::int
          WHEN 'report_done' THEN ${T} - 12 - floor(u * 20)::int
          WHEN 'terminated' THEN ${T} - ${gapDecided} - floor(u * 20)::int
          WHEN 'opinion_issued' THEN ${T} - ${gapDecided} - floor(u * 10)::int
          WHEN 'suggestion_issued' THEN ${T} - ${gapDecided} - floor(u * 10)::int
          WHEN 'awaiting_reply' THEN ${T} - ${gapReceived} - floor(u * 75)::int
          WHEN 'objection_review' THEN ${T} - ${gapReceived} - 10 - floor(u * 30)::int
          WHEN 'reply_received' THEN ${T} - floor(u * 30)::int - reply_days - ${gapReceived}
          WHEN 'follow_up' THEN ${T} - 12 - floor(u * 40)::int - reply_days - ${gapReceived}
          ELSE ${T} - 100 - floor(u * 2000)::int
        END AS reg_on
      FROM c
    )
    SELECT
      i, ${uid(`'case' || i`)} AS case_id, ${uid(`'clue' || i`)} AS clue_id, kind, state, closed_via, reply_days, x, w, v,
      ${agency} AS agency_id, ${agencyName} AS agency_name,
      CASE WHEN state = 'registered' THEN NULL WHEN up < 0.5 THEN ${lit(demo.procurators[0].id)}::uuid ELSE ${lit(demo.procurators[1].id)}::uuid END AS procurator_id,
      CASE WHEN state = 'registered' THEN ${lit(demo.head.name)} WHEN up < 0.5 THEN ${lit(demo.procurators[0].name)} ELSE ${lit(demo.procurators[1].name)} END AS procurator_name,
      ${personName('i')} AS subject_name,
      ${idNumber('i')} AS subject_id_number,
      ${nth(CHARGES, 'i * 11')} AS charge,
      ${nth(MATTERS, 'i * 17')} AS matter,
      reg_on,
      CASE WHEN ${rc} AND state NOT IN ('registered', 'under_review', 'suspended') THEN reg_on + 12 END AS report_on,
      CASE WHEN state NOT IN ('registered', 'under_review', 'investigating', 'suspended', 'report_done') THEN reg_on + ${gapDecided} END AS decided_on,
      CASE WHEN ${served} THEN reg_on + ${gapReceived} - 2 END AS served_on,
      CASE WHEN ${served} THEN reg_on + ${gapReceived} END AS received_on,
      CASE WHEN state IN ('reply_received', 'follow_up') OR (state = 'closed' AND closed_via = 'reply') THEN reg_on + ${gapReceived} + reply_days END AS replied_on,
      CASE WHEN state = 'follow_up' THEN CASE WHEN w < 0.5 THEN 'served' ELSE 'pending_head' END END AS letter_state,
      CASE WHEN state = 'objection_review' THEN ${T} - floor(v * 8)::int END AS objection_on,
      CASE WHEN state = 'suspended' THEN reg_on + 3 + floor(v * 4)::int END AS paused_on,
      CASE WHEN state = 'closed' THEN CASE WHEN closed_via = 'reply' THEN reg_on + ${gapReceived} + reply_days + 10 ELSE reg_on + ${gapDecided} + 5 END END AS closed_on,
      state = 'terminated' OR coalesce(closed_via = 'termination', false) AS terminated
    FROM g`;
}

/**
 * The case's history in order as (type, date) arrays, and how many event rows each case gets: the
 * wanted total spread over the cases in proportion to the length of their histories (a case with
 * fewer rows than steps keeps its first and last step). Sorted by case id.
 */
function historySql(total: number): string {
  const steps: [string, string[], string[]][] = [
    ['true', ['filed'], ['reg_on']],
    ['procurator_id IS NOT NULL', ['assigned'], ['reg_on']],
    ['paused_on IS NOT NULL', ['suspended'], ['paused_on']],
    ['report_on IS NOT NULL', ['document_approved'], ['report_on']],
    ['decided_on IS NOT NULL', ['document_approved'], ['decided_on']],
    ['served_on IS NOT NULL', ['document_served'], ['served_on']],
    ['objection_on IS NOT NULL', ['objection_raised'], ['objection_on']],
    ['replied_on IS NOT NULL', ['reply_received'], ['replied_on']],
    [`replied_on IS NOT NULL AND state IN ('closed', 'follow_up')`, ['reply_evaluated'], ['replied_on + 5']],
    [`state = 'follow_up'`, ['follow_up'], ['replied_on + 8']],
    [`letter_state = 'served'`, ['document_approved', 'document_served'], ['replied_on + 9', 'replied_on + 10']],
    ['closed_on IS NOT NULL', ['closed'], ['closed_on']],
  ];
  const types = steps.map(([when, t]) => `CASE WHEN ${when} THEN ${sqlArray(t)} ELSE '{}'::text[] END`).join(' || ');
  const dates = steps.map(([when, , d]) => `CASE WHEN ${when} THEN ARRAY[${d.join(', ')}] ELSE '{}'::date[] END`).join(' || ');
  return `
    CREATE UNLOGGED TABLE bench_plan AS
    WITH h AS (SELECT b.*, ${types} AS ev_types, ${dates} AS ev_dates FROM bench_base b),
    w AS (SELECT h.*, sum(cardinality(ev_types)) OVER (ORDER BY case_id) AS upto, sum(cardinality(ev_types)) OVER () AS whole FROM h)
    SELECT w.*, greatest(1, floor(${total}::numeric * upto / whole) - floor(${total}::numeric * (upto - cardinality(ev_types)) / whole))::int AS ev_n
    FROM w ORDER BY case_id`;
}

function cluesSql(demo: Demo): string {
  const extra = Math.round(N / 10);
  const source = `${pick('((i::bigint * 7919) % 1000) / 1000.0', [["'model_hit'", 0.35], ["'agency_transfer'", 0.15], ["'complaint'", 0.2], ["'manual'", 0.3]])}`;
  return `
    INSERT INTO clues (id, procuratorate_id, number, source, source_key, status, title, summary, subject_name, subject_id_number, matter, agency_id,
                       submitted_by_organization_id, evidence, non_prosecution, received_on, assignee_id, evaluation, decision_reason, merged_into_id, case_id,
                       version, created_by, created_by_name, created_at, updated_at)
    SELECT id, ${lit(demo.procuratorate)}::uuid,
           '京朝检行线〔' || ${year('received_on')} || '〕' || row_number() OVER (PARTITION BY ${year('received_on')} ORDER BY received_on, id) || '号',
           source,
           CASE source WHEN 'non_prosecution' THEN '京朝检刑不诉〔' || ${year('received_on')} || '〕' || k || '号|' || subject_id_number
                       WHEN 'model_hit' THEN 'public-housing-misuse|' || k END,
           status, title, summary, subject_name, subject_id_number, matter, agency_id,
           CASE WHEN source = 'agency_transfer' THEN agency_id ELSE ${lit(demo.procuratorate)}::uuid END,
           CASE WHEN source = 'model_hit' THEN jsonb_build_object('modelId', 'public-housing-misuse', 'modelVersion', 1, 'rules', jsonb_build_array('owns_property'), 'evidence', jsonb_build_object('subject_id_number', subject_id_number)) ELSE '{}'::jsonb END,
           CASE WHEN source = 'non_prosecution' THEN jsonb_build_object('decisionNo', '京朝检刑不诉〔' || ${year('received_on')} || '〕' || k || '号',
             -- most decisions reach the procuratorate's administrative department in 1–3 days, one in ten late (the transfer indicator)
             'decidedOn', received_on - 1 - CASE WHEN k % 10 = 0 THEN 4 + k % 9 ELSE 1 + k % 3 END,
             'kind', (ARRAY['discretionary','statutory','insufficient_evidence','conditional'])[1 + k % 4], 'charge', charge,
             'facts', subject_name || '因' || charge || '被不起诉。', 'actDate', received_on - 200, 'transferredOn', received_on - 1,
             'criminalDepartmentView', '建议移送行政主管机关给予行政处罚', 'procuratorate', '北京市朝阳区人民检察院') END,
           received_on, assignee_id, evaluation, decision_reason, merged_into_id, case_id, 3, ${lit(demo.head.id)}::uuid, ${lit(demo.head.name)},
           received_on + time '09:00', received_on + time '09:00'
    FROM (
      SELECT clue_id AS id, i AS k, CASE WHEN kind = 'reverse_connection' THEN 'non_prosecution' ELSE ${source} END AS source, 'filed' AS status,
             CASE WHEN kind = 'reverse_connection' THEN subject_name || charge || '不起诉案件反向衔接' ELSE agency_name || matter END AS title,
             subject_name || '：' || CASE WHEN kind = 'reverse_connection' THEN charge || '，检察机关作出不起诉决定，需审查是否应予行政处罚。' ELSE matter || '，行政机关可能存在违法行使职权或者不行使职权情形。' END AS summary,
             subject_name, subject_id_number, CASE WHEN kind = 'reverse_connection' THEN charge ELSE matter END AS matter, charge, agency_id,
             reg_on - 1 - (i % 10)::int AS received_on, procurator_id AS assignee_id, '经评估，符合立案条件。' AS evaluation, NULL AS decision_reason,
             NULL::uuid AS merged_into_id, case_id
      FROM bench_plan
      UNION ALL
      SELECT ${uid(`'clue-open' || j`)}, ${N} + j, (ARRAY['model_hit','non_prosecution','manual','agency_transfer','complaint'])[1 + j % 5], st,
             '待评估线索' || j, '线索摘要' || j, ${personName('j')}, ${idNumber(`(${N} + j)`)}, ${nth(MATTERS, 'j')}, ${nth(CHARGES, 'j')}, ${lit(demo.agencies[0].id)}::uuid,
             CASE WHEN st IN ('received', 'evaluating') THEN ${T} - (j % 60) ELSE ${T} - 100 - (j % 2000) END, NULL,
             CASE WHEN st <> 'received' THEN '评估意见' END, CASE WHEN st = 'declined' THEN '不符合立案条件' END,
             CASE WHEN st = 'merged' THEN ${uid(`'clue' || (1 + j % ${N})`)} END, NULL
      FROM (SELECT j, ${pick('((j::bigint * 104729) % 1000) / 1000.0', [["'received'", 0.25], ["'evaluating'", 0.25], ["'declined'", 0.4], ["'merged'", 0.1]])} AS st FROM generate_series(1, ${extra}) AS j) e
    ) clue`;
}

function casesSql(demo: Demo): string {
  return `
    INSERT INTO cases (id, procuratorate_id, number, kind, state, clue_id, title, subject_name, subject_id_number, agency_id, procurator_id, registered_on, facts, review,
                       outcome, closing_reason, closed_on, version, created_at, updated_at)
    SELECT case_id, ${lit(demo.procuratorate)}::uuid,
           '京朝检行' || CASE WHEN kind = 'reverse_connection' THEN '反受' ELSE '监立' END || '〔' || ${year('reg_on')} || '〕'
             || row_number() OVER (PARTITION BY kind, ${year('reg_on')} ORDER BY reg_on, case_id) || '号',
           kind, state, clue_id,
           CASE WHEN kind = 'reverse_connection' THEN subject_name || charge || '不起诉案件反向衔接' ELSE agency_name || matter END,
           subject_name, subject_id_number, agency_id, procurator_id, reg_on,
           subject_name || '因' || CASE WHEN kind = 'reverse_connection' THEN charge || '被本院作出不起诉决定。' ELSE matter || '，经调查核实属实。' END || ${lit(FILLER)},
           CASE WHEN report_on IS NOT NULL THEN jsonb_build_object('checklist', jsonb_build_object('penaltyNeeded', jsonb_build_object('answer', 'yes', 'reason', '应当给予行政处罚'))) ELSE '{}'::jsonb END,
           CASE WHEN state = 'closed' THEN CASE WHEN closed_via = 'reply' THEN 'adopted' ELSE 'terminated' END END,
           CASE WHEN state = 'closed' THEN CASE WHEN closed_via = 'reply' THEN '行政机关已依法处理并书面回复' ELSE '经审查无需提出检察意见，终结审查' END END,
           closed_on, cardinality(ev_types), reg_on + time '09:30', coalesce(closed_on, ${T}) + time '16:00'
    FROM bench_plan`;
}

/** Documents slot by slot (each slot one INSERT, so a case's documents lie apart, as when written over time). */
function documentSlots(): { slot: string; type: string; where: string; state: string; approvedOn: string; recipient: boolean }[] {
  const mainType = `CASE WHEN kind = 'reverse_connection' THEN 'procuratorial_opinion' ELSE 'procuratorial_suggestion' END`;
  const pending = (share: number) => `CASE WHEN x < ${share / 3} THEN 'draft' WHEN x < ${(2 * share) / 3} THEN 'pending_head' ELSE 'pending_chief' END`;
  return [
    {
      slot: 'report',
      type: `'review_closing_report'`,
      where: `report_on IS NOT NULL OR (state = 'under_review' AND x < 0.15)`,
      state: `CASE WHEN report_on IS NOT NULL THEN 'approved' WHEN x < 0.08 THEN 'pending_head' ELSE 'draft' END`,
      approvedOn: 'report_on',
      recipient: false,
    },
    {
      slot: 'main',
      type: mainType,
      where: `(decided_on IS NOT NULL AND NOT terminated) OR (state = 'report_done' AND x < 0.6) OR (state = 'investigating' AND x < 0.2)`,
      state: `CASE WHEN received_on IS NOT NULL THEN 'served' WHEN decided_on IS NOT NULL THEN 'approved' WHEN state = 'report_done' THEN ${pending(0.6)} ELSE ${pending(0.2)} END`,
      approvedOn: 'decided_on',
      recipient: true,
    },
    { slot: 'termination', type: `'termination_decision'`, where: 'terminated', state: `'approved'`, approvedOn: 'decided_on', recipient: false },
    { slot: 'suspension', type: `'suspension_decision'`, where: 'paused_on IS NOT NULL', state: `'approved'`, approvedOn: 'paused_on', recipient: false },
    {
      slot: 'letter',
      type: `'follow_up_letter'`,
      where: `state = 'follow_up'`,
      state: `CASE WHEN letter_state = 'served' THEN 'served' ELSE 'pending_head' END`,
      approvedOn: `CASE WHEN letter_state = 'served' THEN replied_on + 9 END`,
      recipient: true,
    },
  ];
}

const TITLES: Record<string, string> = {
  review_closing_report: '审查终结报告',
  procuratorial_opinion: '检察意见书',
  procuratorial_suggestion: '检察建议书',
  termination_decision: '终结审查决定书',
  suspension_decision: '中止审查决定书',
  follow_up_letter: '跟进监督函',
};

function documentSql(s: ReturnType<typeof documentSlots>[number], demo: Demo): string {
  const title = `(${lit(JSON.stringify(TITLES))}::jsonb ->> d.type)`;
  const code = `(${lit(JSON.stringify(DEFAULT_DOCUMENT_TYPE_CODES))}::jsonb ->> p.type)`;
  const served = s.slot === 'letter' ? { servedOn: 'replied_on + 10', receivedOn: 'replied_on + 12' } : { servedOn: 'served_on', receivedOn: 'received_on' };
  return `
    INSERT INTO documents (id, case_id, type, suggestion_kind, state, recipient_id, content, number, number_year, number_serial, drafted_by, drafted_by_name, approvals,
                           approved_on, served_on, received_on, service_method, reply_months, version, created_at, updated_at)
    SELECT d.id, d.case_id, d.type, d.suggestion_kind, d.state, d.recipient_id,
           jsonb_build_object('type', d.type, 'issuer', '北京市朝阳区人民检察院', 'title', ${title}, 'number', d.number, 'recipient', d.recipient_name,
             'paragraphs', jsonb_build_array(jsonb_build_object('text', d.recipient_name || '：'), jsonb_build_object('heading', '一、基本情况', 'text', d.subject_name || '一案，' || ${lit(FILLER)}),
               jsonb_build_object('heading', '二、意见', 'text', '请依法处理，并将处理结果书面回复本院。'), jsonb_build_object('text', '特此函告。')),
             'signOff', jsonb_build_object('issuer', '北京市朝阳区人民检察院', 'date', d.approved_on), 'copyTo', '[]'::jsonb, 'annex', NULL, 'internal', d.type = 'review_closing_report'),
           d.number, d.number_year, d.number_serial, d.procurator_id, d.procurator_name,
           CASE WHEN d.approved_on IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('step', 'submitted', 'by', d.procurator_id, 'byName', d.procurator_name, 'at', d.approved_on - 2, 'comment', NULL),
             jsonb_build_object('step', 'head_approved', 'by', ${lit(demo.head.id)}, 'byName', ${lit(demo.head.name)}, 'at', d.approved_on, 'comment', NULL)) END,
           d.approved_on, d.served_on, d.received_on, CASE WHEN d.served_on IS NOT NULL THEN 'written' END,
           NULL, 1, coalesce(d.approved_on, ${T} - 3) - 5 + time '10:00', coalesce(d.received_on, d.approved_on, ${T} - 1) + time '11:00'
    FROM (
      SELECT p.*, CASE WHEN p.numbered THEN '京朝检行' || ${code} || '〔' || p.number_year || '〕' || p.number_serial || '号' END AS number
      FROM (
        SELECT q.*, CASE WHEN numbered THEN ${year('q.approved_on')} END AS number_year,
               CASE WHEN numbered THEN row_number() OVER (PARTITION BY numbered, type, ${year('q.approved_on')} ORDER BY approved_on, i)::int END AS number_serial
        FROM (
          SELECT ${uid(`${lit(s.slot)} || i`)} AS id, case_id, ${s.type} AS type, ${s.state} AS state, i,
                 CASE WHEN kind = 'illegal_act' AND ${lit(s.slot)} = 'main' THEN 'individual' END AS suggestion_kind,
                 ${s.recipient ? 'agency_id' : 'NULL::uuid'} AS recipient_id, agency_name AS recipient_name, subject_name, procurator_id, procurator_name,
                 CASE WHEN ${s.state} IN ('approved', 'served') THEN ${s.approvedOn} END AS approved_on,
                 CASE WHEN ${s.state} = 'served' THEN ${served.servedOn} END AS served_on,
                 CASE WHEN ${s.state} = 'served' THEN ${served.receivedOn} END AS received_on,
                 ${s.state} IN ('approved', 'served') AND ${s.type} <> 'review_closing_report' AS numbered
          FROM bench_plan WHERE ${s.where}
        ) q
      ) p
    ) d`;
}

function repliesSql(): string {
  return `
    INSERT INTO replies (id, document_id, case_id, organization_id, result, summary, reasons, penalty_decision_no, penalty_type, penalty_amount, penalty_date,
                         replied_on, submitted_by, submitted_by_name, submitted_at, evaluation, evaluation_note, evaluated_on, evaluated_by)
    SELECT ${uid(`'reply' || i`)}, ${uid(`'main' || i`)}, case_id, agency_id, result,
           CASE result WHEN 'adopted' THEN '已按检察意见依法处理' WHEN 'partially_adopted' THEN '部分采纳，已整改' ELSE '经研究不予采纳' END,
           CASE WHEN result <> 'adopted' THEN '相关事实另有处理依据' END,
           CASE WHEN kind = 'reverse_connection' AND result = 'adopted' THEN '京朝公（法）行罚决字〔' || ${year('replied_on')} || '〕' || i || '号' END,
           CASE WHEN kind = 'reverse_connection' AND result = 'adopted' THEN '罚款' END,
           CASE WHEN kind = 'reverse_connection' AND result = 'adopted' THEN 200 + (i % 50) * 100 END,
           CASE WHEN kind = 'reverse_connection' AND result = 'adopted' THEN replied_on - 3 END,
           replied_on, NULL, agency_name || '联络员', replied_on + time '15:00',
           CASE WHEN state IN ('closed', 'follow_up') THEN result END, NULL, CASE WHEN state IN ('closed', 'follow_up') THEN replied_on + 5 END,
           CASE WHEN state IN ('closed', 'follow_up') THEN procurator_id END
    FROM (SELECT *, CASE WHEN state = 'follow_up' THEN CASE WHEN w < 0.5 THEN 'partially_adopted' ELSE 'not_adopted' END
                         WHEN v < 0.8 THEN 'adopted' WHEN v < 0.9 THEN 'partially_adopted' ELSE 'not_adopted' END AS result
          FROM bench_plan WHERE replied_on IS NOT NULL) p`;
}

const OBJECTIONS_SQL = `
  INSERT INTO objections (id, document_id, case_id, organization_id, grounds, raised_on, raised_by, raised_by_name, state)
  SELECT ${uid(`'objection' || i`)}, ${uid(`'main' || i`)}, case_id, agency_id, '认为检察建议认定事实有误', objection_on, NULL, agency_name || '联络员', 'pending'
  FROM bench_plan WHERE objection_on IS NOT NULL`;

/** Clocks: the case's review clock, the reply clock of each served document, the objection review. */
function clockSlots(): { slot: string; code: string; documentId: string; start: string; stop: string; pause: string; where: string }[] {
  return [
    {
      slot: 'review',
      code: `CASE WHEN kind = 'reverse_connection' THEN 'reverse_connection_review' ELSE 'illegal_act_case' END`,
      documentId: 'NULL::uuid',
      start: 'reg_on',
      stop: `CASE WHEN kind = 'reverse_connection' THEN report_on ELSE coalesce(decided_on, closed_on) END`,
      pause: 'paused_on',
      where: 'true',
    },
    {
      slot: 'reply',
      code: `CASE WHEN kind = 'reverse_connection' THEN 'opinion_reply' ELSE 'suggestion_reply' END`,
      documentId: `${uid(`'main' || i`)}`,
      start: 'received_on',
      stop: 'replied_on',
      pause: 'NULL::date',
      where: 'received_on IS NOT NULL',
    },
    { slot: 'letter', code: `'follow_up_reply'`, documentId: `${uid(`'letter' || i`)}`, start: 'replied_on + 12', stop: 'NULL::date', pause: 'NULL::date', where: `letter_state = 'served'` },
    { slot: 'objection', code: `'objection_review'`, documentId: `${uid(`'main' || i`)}`, start: 'objection_on', stop: 'NULL::date', pause: 'NULL::date', where: 'objection_on IS NOT NULL' },
  ];
}

function clockSql(s: ReturnType<typeof clockSlots>[number]): string {
  return `
    INSERT INTO case_clocks (id, case_id, agency_id, document_id, code, events, due_on, stopped_on, created_at)
    SELECT ${uid(`${lit(`clock-${s.slot}`)} || c.i`)}, c.case_id, c.agency_id, c.document_id, c.code,
           jsonb_build_array(jsonb_build_object('type', 'start', 'on', c.start_on))
             || CASE WHEN c.pause_on IS NOT NULL THEN jsonb_build_array(jsonb_build_object('type', 'pause', 'on', c.pause_on, 'reason', c.pause_reason)) ELSE '[]'::jsonb END
             || CASE WHEN c.stop_on IS NOT NULL THEN jsonb_build_array(jsonb_build_object('type', 'stop', 'on', c.stop_on)) ELSE '[]'::jsonb END,
           CASE WHEN c.pause_on IS NULL THEN due.due_on END, c.stop_on, c.start_on + time '09:00'
    FROM (SELECT i, case_id, agency_id, ${s.documentId} AS document_id, ${s.code} AS code, ${s.start} AS start_on, ${s.stop} AS stop_on, ${s.pause} AS pause_on,
                 -- an illegal-act clock excludes appraisal time, not suspensions (DEFAULT_CLOCKS)
                 CASE WHEN kind = 'reverse_connection' THEN 'suspension' ELSE 'appraisal' END AS pause_reason
          FROM bench_plan WHERE ${s.where}) c
    LEFT JOIN bench_due due ON due.code = c.code AND due.start_on = c.start_on`;
}

/** Due dates by the app's own arithmetic, once per clock and start date (a few thousand rows). */
async function loadDueDates(client: pg.Client) {
  const { rows } = await client.query<{ min: string }>(`SELECT least(min(reg_on), min(objection_on)) AS min FROM bench_plan`);
  const codes: ClockCode[] = ['reverse_connection_review', 'illegal_act_case', 'opinion_reply', 'suggestion_reply', 'follow_up_reply', 'objection_review'];
  const c: string[] = [];
  const s: string[] = [];
  const d: (string | null)[] = [];
  for (let day = new Date(`${rows[0].min}T00:00:00Z`); day.toISOString().slice(0, 10) <= TODAY; day.setUTCDate(day.getUTCDate() + 1)) {
    const on = day.toISOString().slice(0, 10);
    for (const code of codes) {
      c.push(code);
      s.push(on);
      d.push(dueOf(code, [{ type: 'start', on }]).due);
    }
  }
  await client.query(`CREATE UNLOGGED TABLE bench_due AS SELECT * FROM unnest($1::text[], $2::date[], $3::date[]) AS t(code, start_on, due_on)`, [c, s, d]);
  await client.query(`CREATE UNIQUE INDEX ON bench_due (code, start_on)`);
}

const GENERATED_TABLES = ['clues', 'cases', 'case_events', 'documents', 'replies', 'objections', 'case_clocks'];

/** Runs generated SQL; on an error shows where in the statement it is. */
async function run(client: pg.Client, text: string) {
  try {
    return await client.query(text);
  } catch (e) {
    const at = Number((e as { position?: string }).position);
    if (at) console.error(`near: …${text.slice(Math.max(0, at - 300), at)}⟨here⟩${text.slice(at, at + 100)}…`);
    throw e;
  }
}

async function generate(client: pg.Client, db: Database['db'], demo: Demo) {
  // Bulk load as the owner: foreign keys are checked by construction, not row by row (clues and
  // cases point at each other), and commits need not wait for the WAL flush. Checkpoints are
  // spaced out during the load only (the setting is reset before anything is measured).
  await client.query(`ALTER SYSTEM SET max_wal_size = '16GB'`);
  await client.query('SELECT pg_reload_conf()');
  await client.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
  const started = performance.now();
  console.log(`generating ${N.toLocaleString('en')} cases, ${EVENTS.toLocaleString('en')} events (today ${TODAY}):`);
  // Secondary indexes are dropped during the load and built again from their own definitions
  // afterwards (a sort per index instead of millions of random insertions).
  const { rows: secondary } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relname = ANY($1) AND NOT i.indisprimary AND NOT i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [GENERATED_TABLES],
  );
  await client.query(`DROP INDEX ${secondary.map((i) => i.name).join(', ')}`);
  await timed('plan (one row per case)', async () => {
    await run(client, planSql(demo));
    await run(client, historySql(EVENTS));
    await client.query('DROP TABLE bench_base');
  });
  await timed('due dates by the deadline arithmetic', () => loadDueDates(client));
  await timed('clues', () => run(client, cluesSql(demo)));
  await timed('cases', () => run(client, casesSql(demo)));
  await timed('case_events', async () => {
    const { rows } = await client.query<{ max: number }>('SELECT max(ev_n) AS max FROM bench_plan');
    // Pass p writes every case's p-th event: a case's events lie apart in the table, as when written over time.
    for (let p = 1; p <= rows[0].max; p++) {
      await run(client, `
        INSERT INTO case_events (case_id, type, occurred_on, at, actor_id, actor_name, data)
        SELECT case_id, ev_types[ix], ev_dates[ix], ev_dates[ix] + time '09:00' + (i % 480) * interval '1 minute',
               CASE WHEN ev_types[ix] IN ('filed', 'assigned') THEN ${lit(demo.head.id)}::uuid WHEN ev_types[ix] = 'reply_received' THEN NULL ELSE procurator_id END,
               CASE WHEN ev_types[ix] IN ('filed', 'assigned') THEN ${lit(demo.head.name)} WHEN ev_types[ix] = 'reply_received' THEN agency_name || '联络员' ELSE procurator_name END,
               CASE ev_types[ix] WHEN 'filed' THEN jsonb_build_object('kind', kind) WHEN 'assigned' THEN jsonb_build_object('procuratorId', procurator_id) ELSE '{}'::jsonb END
        FROM (SELECT *, 1 + round((${p} - 1) * (cardinality(ev_types) - 1)::numeric / greatest(ev_n - 1, 1))::int AS ix FROM bench_plan WHERE ev_n >= ${p}) q`);
    }
  });
  for (const slot of documentSlots()) await timed(`documents: ${slot.slot}`, () => run(client, documentSql(slot, demo)));
  await timed('replies and objections', async () => {
    await run(client, repliesSql());
    await run(client, OBJECTIONS_SQL);
  });
  for (const slot of clockSlots()) await timed(`case_clocks: ${slot.slot}`, () => run(client, clockSql(slot)));
  await client.query('DROP TABLE bench_plan, bench_due');
  await timed(`${secondary.length} secondary indexes`, async () => {
    for (const index of secondary) await client.query(index.def);
  });
  await timed('indicator and governance facts (no trigger fired)', () => rebuildFacts(client, db));
  await client.query('RESET ALL');
  await client.query('ALTER SYSTEM RESET max_wal_size');
  await client.query('SELECT pg_reload_conf()');
  await timed('VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'));
  console.log(`  ${'generated in'.padEnd(46)} ${seconds(performance.now() - started)}`);
  await client.query('CREATE TABLE IF NOT EXISTS bench_generated (cases int, events int, today date)');
  await client.query('INSERT INTO bench_generated VALUES ($1, $2, $3)', [N, EVENTS, TODAY]);
}

/**
 * The load ran with triggers off (session_replication_role = replica), so nothing kept the
 * derived rows in step: the non-prosecution dates copied onto clues (migration 0018's BEFORE
 * trigger) and the facts the dashboards and 诉源治理 count (0018, 0019). Rebuilt here set-based,
 * from the same views and backfill the migrations use, with the queues emptied (the demo seed's
 * entries are covered by the rebuild).
 */
async function rebuildFacts(client: pg.Client, db: Database['db']) {
  await client.query(`
    UPDATE clues SET np_decided_on = indicator_iso_date(non_prosecution->>'decidedOn'),
                     np_transferred_on = coalesce(indicator_iso_date(non_prosecution->>'transferredOn'), received_on)
    WHERE non_prosecution IS NOT NULL`);
  await client.query(`TRUNCATE indicator_document_facts, indicator_clue_facts, indicator_review_facts, indicator_fact_queue, indicator_clue_queue, indicator_case_queue,
    governance_case_facts, governance_fact_queue`);
  await client.query('INSERT INTO indicator_document_facts SELECT * FROM indicator_document_facts_source');
  await client.query('INSERT INTO indicator_clue_facts SELECT * FROM indicator_clue_facts_source');
  await client.query('INSERT INTO indicator_review_facts SELECT * FROM indicator_review_facts_source');
  await GOVERNANCE_BACKFILL.execute(db);
}

async function printSizes(client: pg.Client) {
  const { rows } = await client.query<{ name: string; rows: number; size: string }>(`
    SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
    FROM pg_class c WHERE c.relname = ANY($1) ORDER BY pg_total_relation_size(c.oid) DESC`, [['clues', 'cases', 'case_events', 'documents', 'case_clocks', 'replies', 'objections', 'notifications', 'reminders_sent']]);
  console.log('tables (rows, size with indexes):');
  for (const r of rows) console.log(`  ${r.name.padEnd(16)} ${Number(r.rows).toLocaleString('en').padStart(12)}  ${r.size}`);
  const clocks = await client.query<{ status: string; n: number }>(`
    SELECT CASE WHEN stopped_on IS NOT NULL THEN 'stopped' WHEN events @> '[{"type":"pause"}]' THEN 'paused'
                WHEN due_on IS NULL THEN 'running, due date unknown (calendar year not loaded)'
                WHEN due_on < $1 THEN 'overdue' WHEN due_on <= $1::date + 7 THEN 'due within 7 days' ELSE 'running' END AS status, count(*)::int AS n
    FROM case_clocks GROUP BY 1 ORDER BY 2 DESC`, [TODAY]);
  console.log('clocks:', clocks.rows.map((r) => `${r.status} ${r.n.toLocaleString('en')}`).join(', '));
}

// ---------------------------------------------------------------------------------------------
// Load: a worker thread runs C fetch loops per endpoint; the server keeps the main thread.

interface Job {
  name: string;
  cookie: string;
  paths: string[];
}
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { baseUrl, concurrency, jobs, warmup, serial, budgetMs, thinkMs } = workerData;
async function run(job, paths, clients, think = 0) {
  const latencies = [];
  let errors = 0, next = 0, sample = null;
  const started = performance.now();
  async function loop() {
    // With think time, clients start spread over one pause, as people arrive, not all at once.
    if (think > 0) await new Promise((r) => setTimeout(r, think * Math.random()));
    for (;;) {
      const k = next++;
      // An endpoint too slow to finish its requests in the time budget stops early (fewer counted).
      if (k >= paths.length || performance.now() - started > budgetMs) return;
      const t = performance.now();
      try {
        const res = await fetch(baseUrl + paths[k], { headers: { cookie: job.cookie } });
        const body = await res.text();
        if (res.status !== 200) { errors++; sample = sample || res.status + ' ' + paths[k] + ' ' + body.slice(0, 200); }
      } catch (e) { errors++; sample = sample || String(e); }
      latencies.push(performance.now() - t);
      if (think > 0) await new Promise((r) => setTimeout(r, think * (0.5 + Math.random())));
    }
  }
  await Promise.all(Array.from({ length: Math.min(clients, paths.length) }, loop));
  return { latencies, errors, wallMs: performance.now() - started, sample };
}
(async () => {
  for (const job of jobs) {
    await run(job, job.paths.slice(0, warmup), concurrency);
    const alone = await run(job, job.paths.slice(warmup, warmup + serial), 1);
    const loaded = await run(job, job.paths.slice(warmup + serial), concurrency, thinkMs);
    parentPort.postMessage({ name: job.name, alone, loaded });
  }
  parentPort.postMessage('done');
})();`;

interface RunResult {
  latencies: number[];
  errors: number;
  wallMs: number;
  sample: string | null;
}
interface JobResult {
  name: string;
  /** One client: the service time of the endpoint. */
  alone: RunResult;
  /** CONCURRENCY clients without think time: latency includes queueing for the two cores. */
  loaded: RunResult;
}

function runLoad(baseUrl: string, jobs: Job[], onResult: (r: JobResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const budgetMs = Number(args['endpoint-seconds']) * 1000;
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { baseUrl, concurrency: CONCURRENCY, jobs, warmup: warmupCount(), serial: serialCount(), budgetMs, thinkMs: Number(args['think-ms']) } });
    worker.on('message', (m: JobResult | 'done') => (m === 'done' ? void worker.terminate().then(() => resolve()) : onResult(m)));
    worker.on('error', reject);
  });
}

async function jobsFor(client: pg.Client, cookies: Record<string, string>): Promise<Job[]> {
  const total = warmupCount() + serialCount() + REQUESTS;
  const page = (k: number) => (k % 2 === 0 ? 1 : 2 + (k % 49)); // half on the first page, the rest up to page 50
  const repeat = (make: (k: number) => string) => Array.from({ length: total }, (_, k) => make(k));
  const ids = (await client.query<{ id: string }>(`SELECT id FROM cases ORDER BY random() LIMIT $1`, [total])).rows.map((r) => r.id);
  const numbers = (await client.query<{ number: string }>(`SELECT number FROM cases ORDER BY random() LIMIT $1`, [total])).rows.map((r) => r.number);
  const agencies = (await client.query<{ id: string }>(`SELECT id FROM organizations WHERE kind = 'agency' ORDER BY name`)).rows.map((r) => r.id);
  // A number without its last digit and 号: what someone types to find a case.
  const prefix = (n: string) => encodeURIComponent(n.replace(/\d号$/, ''));
  const p1 = cookies.procurator1;
  return [
    { name: 'GET /api/auth/session (floor: session only)', cookie: p1, paths: repeat(() => '/api/auth/session') },
    { name: 'GET /api/cases?page=N', cookie: p1, paths: repeat((k) => `/api/cases?page=${page(k)}`) },
    { name: 'GET /api/cases?state=open&page=N', cookie: p1, paths: repeat((k) => `/api/cases?state=open&page=${page(k)}`) },
    { name: 'GET /api/cases?kind=…&page=N', cookie: p1, paths: repeat((k) => `/api/cases?kind=${k % 2 ? 'illegal_act' : 'reverse_connection'}&page=${page(k)}`) },
    { name: 'GET /api/cases?agencyId=…&page=N', cookie: p1, paths: repeat((k) => `/api/cases?agencyId=${agencies[k % agencies.length]}&page=${page(k)}`) },
    { name: 'GET /api/cases?q=<number prefix>', cookie: p1, paths: repeat((k) => `/api/cases?q=${prefix(numbers[k % numbers.length])}`) },
    { name: 'GET /api/cases?mine=1&page=N', cookie: p1, paths: repeat((k) => `/api/cases?mine=1&page=${page(k)}`) },
    { name: 'GET /api/cases/:id', cookie: p1, paths: repeat((k) => `/api/cases/${ids[k % ids.length]}`) },
    { name: 'GET /api/clues?page=N', cookie: p1, paths: repeat((k) => `/api/clues?page=${page(k)}`) },
    { name: 'GET /api/clues?status=received&page=N', cookie: p1, paths: repeat((k) => `/api/clues?status=received&page=${page(k)}`) },
    { name: 'GET /api/inbox?page=N (police liaison)', cookie: cookies.police_liaison, paths: repeat((k) => `/api/inbox?page=${page(k)}`) },
    { name: 'GET /api/inbox?status=open (police liaison)', cookie: cookies.police_liaison, paths: repeat((k) => `/api/inbox?status=open&page=${page(k)}`) },
    { name: 'GET /api/cases/overdue?page=N (head)', cookie: cookies.head1, paths: repeat((k) => `/api/cases/overdue?page=${page(k)}`) },
    { name: 'GET /api/cases/overdue (police liaison)', cookie: cookies.police_liaison, paths: repeat((k) => `/api/cases/overdue?page=${page(k)}`) },
    { name: 'GET /api/me/work (procurator)', cookie: p1, paths: repeat(() => `/api/me/work`) },
    { name: 'GET /api/me/work (head)', cookie: cookies.head1, paths: repeat(() => `/api/me/work`) },
    { name: 'GET /api/me/work (police liaison)', cookie: cookies.police_liaison, paths: repeat(() => `/api/me/work`) },
  ];
}

const warmupCount = () => Math.min(100, Math.ceil(REQUESTS / 10));
const serialCount = () => Math.min(100, Math.ceil(REQUESTS / 10));

async function main() {
  const dataDir = path.resolve(args.reuse ?? `.tmp/bench-cases-${process.pid}`);
  fs.mkdirSync(dataDir, { recursive: true });
  // Always the throwaway embedded server, whatever DATABASE_URL says.
  const config = { ...loadConfig({ dataDir, seedDemo: false, warehouse: 'duckdb', logLevel: 'warn' }), databaseUrl: undefined, databaseAppUrl: undefined };
  const database = await openDatabase(config);
  const client = new pg.Client(database.ownerUrl);
  await client.connect();
  try {
    const generated = (await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'bench_generated'`)).rowCount === 1;
    if (!generated) {
      await seedDemo(database.db);
      await generate(client, database.db, await demoIds(client));
    } else {
      const { rows } = await client.query('SELECT cases, events, today::text FROM bench_generated');
      console.log(`reusing ${dataDir}: ${rows[0].cases.toLocaleString('en')} cases generated on ${rows[0].today}`);
      // The scan starts from nothing sent, as in a fresh run.
      await client.query('TRUNCATE reminders_sent, notifications');
      await timed('ANALYZE (after migrations)', () => client.query('ANALYZE'));
    }
    await printSizes(client);
    if (args['generate-only']) return;

    if (REQUESTS > 0) await measureHttp(config, database, client);
    await measureScan(database);
  } finally {
    await client.end();
    await database.close();
    if (args.keep || args.reuse) console.log(`\nkept ${dataDir} (measure again with --reuse ${path.relative(process.cwd(), dataDir)})`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureHttp(config: Config, database: Database, client: pg.Client) {
  const warehouse = await openWarehouse(config, database);
  const app = await buildApp({ config, database, warehouse, version: VERSION });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const cookies: Record<string, string> = {};
    for (const u of ['procurator1', 'head1', 'police_liaison']) cookies[u] = await login(baseUrl, u);

    console.log(
      `\nHTTP: ${serialCount()} requests per endpoint from one client, then ${REQUESTS} from ${CONCURRENCY} concurrent clients ${Number(args['think-ms']) > 0 ? `pausing ~${args['think-ms']} ms between requests` : 'without think time'}, after ${warmupCount()} warm-up (ms):`,
    );
    const w = [46, 7, 7, 6, 6, 7, 7, 7, 7, 6];
    const row = (cells: (string | number)[]) => `  ${cells.map((c, i) => (i === 0 ? String(c).padEnd(w[0]) : String(c).padStart(w[i]))).join(' ')}`;
    console.log(row(['', '1 client', '', `${CONCURRENCY} clients`, '', '', '', '', '', '']));
    console.log(row(['endpoint', 'p50', 'p95', 'count', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s']));
    const only = args.only?.split(',');
    const jobs = (await jobsFor(client, cookies)).filter((j) => !only || only.some((o) => j.name.includes(o)));
    await runLoad(baseUrl, jobs, ({ name, alone, loaded }) => {
      const a = [...alone.latencies].sort((x, y) => x - y);
      const l = [...loaded.latencies].sort((x, y) => x - y);
      const f = (ms: number) => ms.toFixed(1);
      console.log(
        row([name, f(percentile(a, 0.5)), f(percentile(a, 0.95)), l.length, loaded.errors + alone.errors, f(percentile(l, 0.5)), f(percentile(l, 0.95)), f(percentile(l, 0.99)), f(l[l.length - 1]), (l.length / (loaded.wallMs / 1000)).toFixed(0)]),
      );
      const sample = alone.sample ?? loaded.sample;
      if (sample) console.log(`    first error: ${sample}`);
    });
  } finally {
    await app.close();
    await warehouse.close();
  }
}

async function measureScan(database: Database) {
  console.log('\ndeadline scan over all open clocks:');
  for (const run of ['first (creates reminders)', 'second (all already sent)']) {
    const result = await scanDeadlines(database.db, TODAY);
    console.log(
      `  ${run.padEnd(28)} ${seconds(result.ms)}  clocksExamined ${result.clocksExamined.toLocaleString('en')}, remindersCreated ${result.remindersCreated.toLocaleString('en')}, notificationsCreated ${result.notificationsCreated.toLocaleString('en')}`,
    );
  }
}

await main();
