/**
 * Model benchmark (issue 4): public-housing-misuse at 1,000,000 tenants with about 5M property
 * registrations, 3M vehicles, 1M businesses and 12M utility rows (other kinds in proportion),
 * against a hand-written DuckDB query of the same logic, on the same tables, in the same run;
 * then all five models, and the same model on the PostgreSQL warehouse at a smaller scale with
 * the DuckDB/PostgreSQL ratio. Prints measured numbers; asserts nothing.
 *
 *   npx tsx bench/models.ts [--tenants N] [--pg-tenants N] [--repeat R]
 *
 * Data is generated inside the warehouse with SQL (the import pipeline has its own benchmark).
 * Matches are sparse, as in real supervision data (漳平: 54 households among thousands): a few
 * percent of tenants own property, vehicles or companies; 1 in 40 penalties is large.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { builtInKind, idValidColumn } from '../src/domain/datasetKinds.js';
import { BUILT_IN_MODELS, builtInModel } from '../src/engine/builtins.js';
import { compileModel, type DatasetResolver } from '../src/engine/compiler.js';
import { duckdb, postgres } from '../src/engine/dialects.js';
import { compileStaged, runCompiled, runStaged, type WarehouseQuery } from '../src/engine/runner.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';

const { values: args } = parseArgs({ options: { tenants: { type: 'string', default: '1000000' }, 'pg-tenants': { type: 'string', default: '100000' }, repeat: { type: 'string', default: '3' } } });
const N = Number(args.tenants);
const REPEAT = Number(args.repeat);
const AS_OF = '2026-06-30';

/** SELECTs that fill each kind's table from range(n); `i` is the row number. IDs are 18 characters. */
function generators(n: number, monthFn: (expr: string) => string): Record<string, { rows: number; select: string }> {
  const person = (expr: string) => `lpad(CAST(${expr} AS VARCHAR), 18, '0')`;
  const days = (expr: string) => `DATE '2015-01-01' + CAST(${expr} AS INTEGER)`;
  const pick = (expr: string, values: string[]) => `(ARRAY[${values.map((v) => `'${v}'`).join(',')}])[1 + CAST(${expr} AS INTEGER) % ${values.length}]`;
  return {
    public_housing_tenants: { rows: n, select: `SELECT i AS _line, 'GZF-' || i, ${person('i')}, TRUE, '承租人' || i, 'U' || i, '朝阳区' || i, ${days('i % 3000')}, NULL, ${pick('i % 20', ['active', 'active', 'active', 'terminated'])}` },
    property_registrations: { rows: 5 * n, select: `SELECT i, 'P' || i, ${person('(i * 7919) % (100 * ' + n + ')')}, TRUE, '权利人', '坐落' || i, 80.5, ${days('i % 4000')}, ${pick('i % 7', ['valid', 'valid', 'cancelled'])}` },
    vehicle_registrations: { rows: 3 * n, select: `SELECT i, '京A' || i, ${person('(i * 104729) % (100 * ' + n + ')')}, TRUE, '所有人', '小型轿车', CAST(50000 + (i * 37) % 300000 AS DECIMAL(18,2)), ${days('i % 4000')}, ${pick('i % 5', ['valid', 'valid', 'cancelled'])}` },
    business_registrations: { rows: n, select: `SELECT i, '9111' || i, '公司' || i, ${person('(i * 1299709) % (100 * ' + n + ')')}, TRUE, '法人', CAST((i * 7919) % 3000000 AS DECIMAL(18,2)), ${days('i % 4000')}, ${pick('i % 6', ['active', 'active', 'revoked', 'cancelled'])}` },
    death_records: { rows: n / 50, select: `SELECT i, ${person('(i * 97) % (2 * ' + n + ')')}, TRUE, '死者', ${days('3000 + i % 900')}` },
    detention_records: { rows: n / 50, select: `SELECT i, ${person('(i * 89) % (2 * ' + n + ')')}, TRUE, '羁押', ${pick('i % 2', ['detention', 'imprisonment'])}, ${days('3500 + i % 600')}, CASE WHEN i % 3 = 0 THEN NULL ELSE ${days('3700 + i % 600')} END` },
    utility_usage: { rows: 12 * n, select: `SELECT i, 'U' || (i // 12), ${monthFn(`DATE '2025-07-01' + INTERVAL (i % 12) MONTH`)}, CAST((i * 31) % 200 AS DECIMAL(18,4))` },
    practitioners: { rows: n / 2, select: `SELECT i, ${pick('i % 6', ['education', 'childcare', 'food', 'transport', 'healthcare', 'security'])}, ${person('(i * 3) % (4 * ' + n + ')')}, TRUE, '从业者', '单位', '岗位', ${pick('i % 9', ['active', 'active', 'left'])}` },
    criminal_judgments: { rows: n / 5, select: `SELECT i, '(2020)刑初' || i, '法院', ${person('(i * 17) % (4 * ' + n + ')')}, TRUE, '被告人', ${pick('i % 7', ['猥亵儿童罪', '危险驾驶罪', '盗窃罪', '生产、销售有毒、有害食品罪', '危险驾驶罪', '故意伤害罪', '强奸罪'])}, ${days('i % 4000')}, ${pick('i % 4', ['fixed_term', 'fine_only', 'criminal_detention', 'exempted'])}, 12, CASE WHEN i % 10 = 0 THEN 'education' ELSE NULL END, CASE WHEN i % 10 = 0 THEN ${days('4500')} ELSE NULL END` },
    social_benefit_payments: { rows: 2 * n, select: `SELECT i, 'pension', ${person('(i * 97) % (2 * ' + n + ')')}, TRUE, '领取人', ${monthFn(`DATE '2024-01-01' + INTERVAL (i % 30) MONTH`)}, CAST(3200 AS DECIMAL(18,2))` },
    driver_licenses: { rows: n, select: `SELECT i, ${person('(i * 17) % (4 * ' + n + ')')}, TRUE, '驾驶人', 'C1', ${pick('i % 4', ['valid', 'valid', 'revoked'])}, ${days('i % 3000')}` },
    non_prosecution_decisions: { rows: n / 10, select: `SELECT i, '不诉' || i, '检察院', ${person('(i * 19) % (4 * ' + n + ')')}, TRUE, '被不起诉人', '危险驾驶罪', 'discretionary', ${days('i % 4000')}, '事实'` },
    admin_penalties: { rows: n, select: `SELECT i, '罚' || i, '市监局', '9111' || i, '当事人', ${pick('i % 5', ['counterfeit_goods', 'illegal_business', 'trademark_counterfeiting', 'tax_evasion', 'other'])}, CAST(CASE WHEN i % 40 = 0 THEN 50000 + (i * 7919) % 200000 ELSE (i * 7919) % 40000 END AS DECIMAL(18,2)), 1000, ${days('i % 4000')}, ${pick('i % 3', ['no', 'no', 'yes'])}, ${pick('i % 4', ['no', 'yes', 'yes', 'yes'])}` },
    // Filings for one penalty in 40, some of them after the 9-month window.
    court_enforcement_filings: { rows: n / 40, select: `SELECT i, '执' || i, '法院', '市监局', '罚' || (i * 40), '9111' || (i * 40), '当事人', ${days('(i * 40) % 4000 + 200 + i % 200')}, ${pick('i % 3', ['granted', 'granted', 'refused'])}, NULL` },
  };
}

function ddl(kind: string, types: { text: string; date: string; money: string; decimal: string; int: string; bool: string }) {
  const def = builtInKind(kind)!;
  const type = (t: string) => (t === 'date' ? types.date : t === 'money' ? types.money : t === 'decimal' ? types.decimal : t === 'int' ? types.int : types.text);
  return ['_line BIGINT', ...def.columns.flatMap((c) => (c.type === 'id' ? [`"${c.name}" ${types.text}`, `"${idValidColumn(c)}" ${types.bool}`] : [`"${c.name}" ${type(c.type)}`]))].join(', ');
}

const resolver: DatasetResolver = (kind) => {
  const def = builtInKind(kind);
  return def && { kind: def, table: `b_${kind}` };
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

async function best<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let fastest: { ms: number; result: T } | undefined;
  for (let r = 0; r < REPEAT; r++) {
    const t = await timed(work);
    if (!fastest || t.ms < fastest.ms) fastest = t;
  }
  return fastest!;
}

/** The same logic as public-housing-misuse, written by hand for DuckDB: one row per hit with the rules that fired and their evidence. */
const HAND_WRITTEN = `
WITH s AS (SELECT contract_no, tenant_id_number AS id, tenant_id_number_valid AS ok, tenant_name, unit_id FROM b_public_housing_tenants WHERE status = 'active' AND lease_start <= DATE '${AS_OF}'),
prop AS (SELECT s.contract_no, list({'certificate_no': p.certificate_no, 'address': p.address, 'registered_on': p.registered_on} ORDER BY p._line) ev FROM s JOIN b_property_registrations p ON p.owner_id_number = s.id AND s.ok AND p.owner_id_number_valid WHERE p.status = 'valid' AND p.registered_on <= DATE '${AS_OF}' GROUP BY s.contract_no),
veh AS (SELECT s.contract_no, list({'plate_no': v.plate_no, 'price': v.purchase_price} ORDER BY v._line) ev FROM s JOIN b_vehicle_registrations v ON v.owner_id_number = s.id AND s.ok AND v.owner_id_number_valid WHERE v.status = 'valid' AND v.purchase_price >= 150000 GROUP BY s.contract_no),
com AS (SELECT s.contract_no, list({'uscc': b.uscc, 'capital': b.registered_capital} ORDER BY b._line) ev FROM s JOIN b_business_registrations b ON b.legal_rep_id_number = s.id AND s.ok AND b.legal_rep_id_number_valid WHERE b.status = 'active' AND b.registered_capital >= 1000000 GROUP BY s.contract_no),
dead AS (SELECT s.contract_no, list({'death_date': d.death_date} ORDER BY d._line) ev FROM s JOIN b_death_records d ON d.id_number = s.id AND s.ok AND d.id_number_valid WHERE d.death_date <= DATE '${AS_OF}' GROUP BY s.contract_no),
det AS (SELECT s.contract_no, list({'start': d.start_date, 'end': d.end_date} ORDER BY d._line) ev FROM s JOIN b_detention_records d ON d.id_number = s.id AND s.ok AND d.id_number_valid
         WHERE date_diff('day', greatest(d.start_date, DATE '${AS_OF}' - 364), least(coalesce(d.end_date, DATE '${AS_OF}'), DATE '${AS_OF}')) + 1 >= 180 GROUP BY s.contract_no),
vac AS (SELECT s.contract_no, count(DISTINCT u.month) FILTER (WHERE u.month BETWEEN '2025-07' AND '2026-06' AND u.kwh >= 10) AS ok_months, list({'month': u.month, 'kwh': u.kwh} ORDER BY u._line) FILTER (WHERE u.month BETWEEN '2025-07' AND '2026-06') AS ev
         FROM s JOIN b_utility_usage u ON u.unit_id = s.unit_id GROUP BY s.contract_no HAVING ok_months <= 6)
SELECT s.contract_no, s.id, s.tenant_name, prop.ev AS prop, veh.ev AS veh, com.ev AS com, dead.ev AS dead, det.ev AS det, vac.ev AS vac
FROM s LEFT JOIN prop USING (contract_no) LEFT JOIN veh USING (contract_no) LEFT JOIN com USING (contract_no) LEFT JOIN dead USING (contract_no) LEFT JOIN det USING (contract_no) LEFT JOIN vac USING (contract_no)
WHERE prop.contract_no IS NOT NULL OR veh.contract_no IS NOT NULL OR com.contract_no IS NOT NULL OR dead.contract_no IS NOT NULL OR det.contract_no IS NOT NULL OR vac.contract_no IS NOT NULL`;

async function duckdbBench() {
  const dir = path.resolve('.tmp/bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `models-${N}.duckdb`);
  const fresh = !fs.existsSync(file);
  const instance = await DuckDBInstance.create(file);
  const c: DuckDBConnection = await instance.connect();
  if (fresh) {
    const load = await timed(async () => {
      for (const [kind, g] of Object.entries(generators(N, (d) => `strftime(${d}, '%Y-%m')`))) {
        await c.run(`CREATE TABLE b_${kind} (${ddl(kind, { text: 'VARCHAR', date: 'DATE', money: 'DECIMAL(18,2)', decimal: 'DECIMAL(18,4)', int: 'BIGINT', bool: 'BOOLEAN' })})`);
        await c.run(`INSERT INTO b_${kind} ${g.select.replace(/^SELECT /, 'SELECT ')} FROM range(${Math.floor(g.rows)}) t(i)`);
      }
    });
    console.log(`generated the DuckDB tables in ${(load.ms / 1000).toFixed(1)} s (${file}, reused next time)`);
  }
  const counts = await c.runAndReadAll(`SELECT (SELECT count(*) FROM b_public_housing_tenants) t, (SELECT count(*) FROM b_property_registrations) p, (SELECT count(*) FROM b_vehicle_registrations) v, (SELECT count(*) FROM b_business_registrations) b, (SELECT count(*) FROM b_utility_usage) u`);
  console.log('rows:', counts.getRowObjectsJS()[0]);
  const warehouse: WarehouseQuery = { query: async (sql, params) => (await c.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[] };

  const compiled = compileModel({ document: builtInModel('public-housing-misuse')!, dialect: duckdb, datasets: resolver, asOf: AS_OF });
  const model = await best(() => runCompiled(warehouse, compiled));
  const hand = await best(async () => (await c.runAndReadAll(HAND_WRITTEN)).getRowObjectsJS());
  console.log(`public-housing-misuse (compiled, incl. subject count): ${(model.ms / 1000).toFixed(2)} s, ${model.result.hits.length} hits of ${model.result.subjects} subjects`);
  console.log(`hand-written DuckDB SQL, same logic:                ${(hand.ms / 1000).toFixed(2)} s, ${hand.result.length} hits`);
  console.log(`ratio compiled / hand-written: ${(model.ms / hand.ms).toFixed(2)}×`);
  // The server runs one query per rule, so that it can report progress and stop between rules.
  const staged = await best(() => runStaged(warehouse, compileStaged({ document: builtInModel('public-housing-misuse')!, dialect: duckdb, datasets: resolver, asOf: AS_OF })));
  console.log(`public-housing-misuse as the server runs it (a query per rule): ${(staged.ms / 1000).toFixed(2)} s, ${staged.result.hits.length} hits; ratio / hand-written ${(staged.ms / hand.ms).toFixed(2)}×`);

  for (const doc of BUILT_IN_MODELS) {
    const t = await best(() => runCompiled(warehouse, compileModel({ document: doc, dialect: duckdb, datasets: resolver, asOf: AS_OF })));
    console.log(`  ${doc.id.padEnd(26)} ${(t.ms / 1000).toFixed(2)} s  ${t.result.hits.length} hits / ${t.result.subjects} subjects`);
  }
  c.closeSync();
  instance.closeSync();
}

async function postgresBench(n: number) {
  const dataDir = path.resolve('.tmp/bench/pg');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startEmbeddedPostgres(dataDir);
  const client = new pg.Client(server.superuserUrl);
  await client.connect();
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  try {
    for (const [kind, g] of Object.entries(generators(n, (d) => `to_char(${d}, 'YYYY-MM')`))) {
      await client.query(`CREATE TABLE b_${kind} (${ddl(kind, { text: 'text', date: 'date', money: 'numeric(18,2)', decimal: 'numeric(18,4)', int: 'bigint', bool: 'boolean' })})`);
      const select = g.select.replace(/(\w+) \/\/ 12/g, '($1 / 12)').replace(/INTERVAL \(i % (\d+)\) MONTH/g, "make_interval(months => (i % $1)::int)").replace(/DATE '(\d{4}-\d{2}-\d{2})' \+ CAST\(([^)]+)\) AS INTEGER\)/g, "DATE '$1' + ($2)::int");
      await client.query(`INSERT INTO b_${kind} ${select} FROM generate_series(0::bigint, ${Math.floor(g.rows) - 1}) AS t(i)`);
      await client.query(`ANALYZE b_${kind}`);
      await duck.run(`CREATE TABLE b_${kind} (${ddl(kind, { text: 'VARCHAR', date: 'DATE', money: 'DECIMAL(18,2)', decimal: 'DECIMAL(18,4)', int: 'BIGINT', bool: 'BOOLEAN' })})`);
      await duck.run(`INSERT INTO b_${kind} ${generators(n, (d) => `strftime(${d}, '%Y-%m')`)[kind].select} FROM range(${Math.floor(g.rows)}) t(i)`);
    }
    const onPg: WarehouseQuery = { query: async (sql, params) => (await client.query(sql, params)).rows };
    const onDuck: WarehouseQuery = { query: async (sql, params) => (await duck.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[] };
    const doc = builtInModel('public-housing-misuse')!;
    const p = await best(() => runCompiled(onPg, compileModel({ document: doc, dialect: postgres, datasets: resolver, asOf: AS_OF })));
    const d = await best(() => runCompiled(onDuck, compileModel({ document: doc, dialect: duckdb, datasets: resolver, asOf: AS_OF })));
    console.log(`public-housing-misuse at ${n} tenants: PostgreSQL ${(p.ms / 1000).toFixed(2)} s (${p.result.hits.length} hits), DuckDB ${(d.ms / 1000).toFixed(2)} s (${d.result.hits.length} hits), PostgreSQL/DuckDB ${(p.ms / d.ms).toFixed(1)}×`);
  } finally {
    duck.closeSync();
    instance.closeSync();
    await client.end();
    await server.stop();
  }
}

await duckdbBench();
if (Number(args['pg-tenants']) > 0) await postgresBench(Number(args['pg-tenants']));
