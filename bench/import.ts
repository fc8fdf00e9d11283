/**
 * Import benchmark (issue 3): a 1,000,000-row GBK CSV of property_registrations with full
 * normalization, and a 200,000-row XLSX, through the same command the CLI and the API use.
 * Prints rows/s and peak RSS; asserts nothing.
 *
 *   npx tsx bench/import.ts [--rows N] [--xlsx-rows N] [--only csv|xlsx] [--warehouse duckdb|postgres]
 *
 * The files are generated once into .tmp/bench/ (deterministic) and reused.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { builtInKind } from '../src/domain/datasetKinds.js';
import { idCheckChar } from '../src/domain/idNumber.js';
import { systemContext } from '../src/server/commands/context.js';
import { createDataset, importDataset } from '../src/server/commands/datasets.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/index.js';
import { openWarehouse } from '../src/server/db/warehouse.js';
import { seededInts } from '../test/helpers/seededRandom.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'xlsx-rows': { type: 'string', default: '200000' },
    only: { type: 'string' },
    warehouse: { type: 'string', default: 'duckdb' },
  },
});

const BENCH_DIR = path.resolve('.tmp/bench');
const HEADER = ['不动产权证号', '权利人证件号', '权利人', '坐落', '建筑面积', '登记日期', '权属状态'];


const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉萍鹏辉飞鑫波宇浩凯健俊帆帅旭宁婷雪琳晶欣怡佳慧颖璐';
const TRADITIONAL = ['張偉', '陳靜', '劉麗華', '黃國強', '趙誌明'];
const DISTRICTS = ['朝阳区', '海淀区', '东城区', '西城区', '丰台区', '石景山区'];
const ROADS = ['建国路', '望京西路', '朝阳北路', '东三环中路', '安立路', '北苑路', '双桥东路', '劲松南路'];

/** One property_registrations row in the shapes real exports mix: 15- and 18-digit IDs, a few
 * with bad checksums or full-width digits, traditional characters, every date notation, Chinese
 * status labels. */
function propertyRow(i: number, pick: (n: number) => number): string[] {
  const birthYear = 1940 + pick(60);
  const body = `1101${String(1 + pick(20)).padStart(2, '0')}${birthYear}${String(1 + pick(12)).padStart(2, '0')}${String(1 + pick(28)).padStart(2, '0')}${String(pick(1000)).padStart(3, '0')}`;
  let id = body + idCheckChar(body);
  const variant = pick(1000);
  if (variant < 20) id = id.slice(0, 6) + id.slice(8, 17); // first-generation 15 digits
  else if (variant < 25) id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // bad checksum
  else if (variant < 35) id = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)); // full-width
  else if (variant < 45) id = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
  const name =
    pick(200) === 0
      ? TRADITIONAL[pick(TRADITIONAL.length)]
      : SURNAMES[pick(SURNAMES.length)] + GIVEN[pick(GIVEN.length)] + (pick(3) ? GIVEN[pick(GIVEN.length)] : '');
  const y = 1995 + pick(30);
  const m = 1 + pick(12);
  const d = 1 + pick(28);
  const dateFormats = [
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    `${y}/${m}/${d}`,
    `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
    `${y}年${m}月${d}日`,
    `${y}.${String(m).padStart(2, '0')}.${String(d).padStart(2, '0')}`,
  ];
  const district = DISTRICTS[pick(DISTRICTS.length)];
  return [
    `京(${y})${district}不动产权第${String(i).padStart(7, '0')}号`,
    id,
    name,
    `北京市${district}${ROADS[pick(ROADS.length)]}${1 + pick(300)}号院${1 + pick(30)}号楼${1 + pick(6)}单元${1 + pick(2000)}`,
    `${30 + pick(200)}.${String(pick(100)).padStart(2, '0')}`,
    dateFormats[pick(dateFormats.length)],
    ['有效', '现势', '注销', '历史', 'valid'][pick(5)],
  ];
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function generateCsv(file: string, rows: number) {
  const out = fs.createWriteStream(file);
  const pick = seededInts(20260630);
  const write = async (text: string) => {
    if (!out.write(iconv.encode(text, 'gbk'))) await once(out, 'drain');
  };
  await write(`${HEADER.join(',')}\r\n`);
  let batch: string[] = [];
  for (let i = 1; i <= rows; i++) {
    batch.push(propertyRow(i, pick).map(csvField).join(','));
    if (batch.length === 10_000) {
      await write(`${batch.join('\r\n')}\r\n`);
      batch = [];
    }
  }
  if (batch.length) await write(`${batch.join('\r\n')}\r\n`);
  out.end();
  await once(out, 'finish');
}

async function generateXlsx(file: string, rows: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet('不动产登记');
  sheet.addRow(HEADER).commit();
  const pick = seededInts(20260701);
  for (let i = 1; i <= rows; i++) {
    const [cert, id, name, address, area, , status] = propertyRow(i, pick);
    // Dates as real date cells and areas as numbers, as Excel stores them.
    sheet.addRow([cert, id, name, address, Number(area), new Date(Date.UTC(1995 + pick(30), pick(12), 1 + pick(28))), status]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function ensureFile(name: string, rows: number, generate: (file: string, rows: number) => Promise<void>) {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, name);
  if (!fs.existsSync(file)) {
    const started = Date.now();
    process.stdout.write(`generating ${file} (${rows.toLocaleString('en')} rows)… `);
    await generate(`${file}.partial`, rows);
    fs.renameSync(`${file}.partial`, file);
    process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return file;
}

async function run() {
  const csvRows = Number(args.rows);
  const xlsxRows = Number(args['xlsx-rows']);
  const inputs = [
    { label: 'GBK CSV', rows: csvRows, file: () => ensureFile(`property_registrations-${csvRows}.gbk.csv`, csvRows, generateCsv), only: 'csv' },
    { label: 'XLSX', rows: xlsxRows, file: () => ensureFile(`property_registrations-${xlsxRows}.xlsx`, xlsxRows, generateXlsx), only: 'xlsx' },
  ].filter((i) => !args.only || args.only === i.only);
  const files = [];
  for (const input of inputs) files.push({ ...input, path: await input.file() });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-bench-'));
  const config = loadConfig({ dataDir, warehouse: args.warehouse === 'postgres' ? 'postgres' : 'duckdb' });
  const database = await openDatabase(config, { poolSize: 4 });
  const warehouse = await openWarehouse(config, database);
  const kind = builtInKind('property_registrations')!;
  const ctx = systemContext('bench');
  process.stdout.write(`\nwarehouse: ${warehouse.kind}; node ${process.version}; ${os.cpus().length} cores\n`);
  try {
    for (const input of files) {
      const datasetId = await createDataset(database.db, ctx, { kind: kind.kind, name: `bench ${input.label}`, ownerOrganizationId: null, legalBasis: 'other' });
      const load = os.loadavg()[0];
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      // Where the time goes: the stages importDataset reports, each until the next begins
      // ('loading' is the wait for the warehouse to finish what it was loading behind the read).
      const stages: [string, number][] = [];
      const outcome = await importDataset({ db: database.db, warehouse, dataDir }, ctx, {
        datasetId,
        kind,
        file: input.path,
        fileName: path.basename(input.path),
        onStage: (stage) => stages.push([stage, performance.now()]),
      });
      const finished = performance.now();
      const seconds = (finished - started) / 1000;
      const cpu = process.cpuUsage(cpuStarted);
      const r = outcome.report!;
      const breakdown = stages.map(([stage, at], i) => `${stage} ${(((stages[i + 1]?.[1] ?? finished) - at) / 1000).toFixed(2)} s`).join(', ');
      process.stdout.write(
        [
          `${input.label}: ${r.rowsRead.toLocaleString('en')} rows read, ${r.rowsImported.toLocaleString('en')} imported, ${r.rowsRejected} rejected, ${r.warningsTotal} warnings (${outcome.status})`,
          `  ${seconds.toFixed(2)} s, ${Math.round(r.rowsRead / seconds).toLocaleString('en')} rows/s (load average before: ${load.toFixed(2)})`,
          `  stages: ${breakdown}`,
          `  CPU of this process (all threads): ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s${warehouse.kind === 'postgres' ? ' (the PostgreSQL server not counted)' : ''}`,
          `  peak RSS so far: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
        ].join('\n') + '\n',
      );
    }
  } finally {
    await warehouse.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await run();
