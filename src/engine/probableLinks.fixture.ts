/**
 * A small custom model exercising the probable identity links of DATA-SPEC §2 (name_birth and
 * fuzzy_name) against death records: subsistence-allowance recipients (a custom kind with a
 * birth-date column and an often missing ID number) who may have died. Used on DuckDB by
 * probableLinks.test.ts and on PostgreSQL by test/api/probableLinksPostgres.test.ts, which must
 * give the same hits.
 */
import type { KindDefinition } from '../domain/datasetKinds.js';
import { modelDocument, type ModelDocument } from './document.js';
import type { FixtureRows } from './fixtureWarehouse.js';
import { id } from './models/fixture.js';

export const RECIPIENTS: KindDefinition = {
  kind: 'assistance_recipients',
  label: '低保对象',
  columns: [
    { name: 'case_no', type: 'text', required: true, aliases: ['档案号'] },
    { name: 'id_number', type: 'id', required: false, aliases: ['身份证号'] },
    { name: 'name', type: 'name', required: true, aliases: ['姓名'] },
    { name: 'birth_date', type: 'date', required: false, aliases: ['出生日期'] },
  ],
};

const text = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const sides = { subject_name: 'name', subject_id: 'id_number', subject_birth: 'birth_date', other_name: 'name', other_id: 'id_number' };
const rule = (ruleId: string, link: Record<string, unknown>) => ({
  id: ruleId,
  kind: 'match',
  title: text('可能已死亡', 'Possibly deceased'),
  description: text('死亡登记中有可能是同一人的记录。', 'A death record possibly of the same person.'),
  dataset: 'death_records',
  link,
  evidence: ['id_number', 'name', 'death_date'],
});

export const PROBABLE_MODEL: ModelDocument = modelDocument.parse({
  format: 'jianxing.model/v1',
  id: 'assistance-after-death-probable',
  version: 1,
  title: text('死亡后领取低保（可能匹配）', 'Allowance after death (probable matches)'),
  description: text('按姓名与出生日期、姓名相似度查找可能已死亡的低保对象。', 'Finds allowance recipients who may have died, by name and birth date or name similarity.'),
  subject: { sources: [{ dataset: 'assistance_recipients' }], key: ['case_no'], id_number: 'id_number', name: 'name' },
  rules: [
    rule('dead-name-birth', { identity: 'name_birth', ...sides }),
    rule('dead-fuzzy', { identity: 'fuzzy_name', ...sides, threshold: 0.8, blocking: 'birth_date' }),
    rule('dead-fuzzy-strict', { identity: 'fuzzy_name', ...sides, threshold: 0.95, blocking: 'birth_date' }),
    rule('dead-fuzzy-region', { identity: 'fuzzy_name', ...sides, threshold: 0.8, blocking: 'region_code' }),
  ],
});

/** An ID with a wrong check character: kept, flagged invalid, never matched exactly. */
const badCheck = (body17: string) => {
  const good = id(body17);
  return body17 + (good.endsWith('1') ? '2' : '1');
};

const deaths = [
  { id_number: id('11010519600101001'), name: '张三', death_date: '2025-01-10' },
  { id_number: id('11010519620202002'), name: '李四', death_date: '2025-02-10' },
  { id_number: id('11010519700303003'), name: '王五', death_date: '2025-03-10' },
  { id_number: id('11010519750505004'), name: '陈伟', death_date: '2025-04-10' },
  { id_number: id('11010519800808005'), name: '章建国', death_date: '2025-05-10' },
  { id_number: id('32010219850909006'), name: '赵六', death_date: '2025-06-10' },
  { id_number: id('11010519900101007'), name: '刘德华', death_date: '2025-07-10' },
  { id_number: id('65010219880808008'), name: '阿依古丽·买买提', death_date: '2025-08-10' },
];

export const PROBABLE_DATA: FixtureRows = {
  death_records: deaths,
  assistance_recipients: [
    // Same name and birth date, no ID number on the recipient's side.
    { case_no: 'S01', id_number: null, name: '张三', birth_date: '1960-01-01' },
    // Same name and birth date but two different valid IDs: different people.
    { case_no: 'S02', id_number: id('11010519620202099'), name: '李四', birth_date: '1962-02-02' },
    // Traditional characters and an ID with a wrong check character (its region is still 110105).
    { case_no: 'S03', id_number: badCheck('11010519750505004'), name: '陳偉', birth_date: '1975-05-05' },
    // Other characters with the same pinyin (章/张): fuzzy only.
    { case_no: 'S04', id_number: null, name: '张建国', birth_date: '1980-08-08' },
    // Same birth date as 王五, name far below any threshold.
    { case_no: 'S05', id_number: null, name: '王小明', birth_date: '1970-03-03' },
    // Invalid ID of region 320102 and no birth date: only region blocking can pair it.
    { case_no: 'S06', id_number: badCheck('32010219850909006'), name: '赵六', birth_date: null },
    // Same name, birth date one day off, no ID: blocking keeps it apart.
    { case_no: 'S07', id_number: null, name: '刘德华', birth_date: '1990-01-02' },
    // Same name as 赵六 but an ID of another region: region blocking keeps it apart.
    { case_no: 'S08', id_number: badCheck('11010519850909006'), name: '赵六', birth_date: null },
    // 张珊 ~ 张三: pinyin similarity 0.9, between the two thresholds.
    { case_no: 'S09', id_number: null, name: '张珊', birth_date: '1960-01-01' },
    // Another middle dot than the death record's.
    { case_no: 'S10', id_number: null, name: '阿依古丽•买买提', birth_date: '1988-08-08' },
  ],
};

export const PROBABLE_EXPECTED: Record<string, string[]> = {
  S01: ['dead-name-birth', 'dead-fuzzy', 'dead-fuzzy-strict'],
  S03: ['dead-name-birth', 'dead-fuzzy', 'dead-fuzzy-strict', 'dead-fuzzy-region'],
  S04: ['dead-fuzzy', 'dead-fuzzy-strict'],
  S06: ['dead-fuzzy-region'],
  S09: ['dead-fuzzy'],
  S10: ['dead-name-birth', 'dead-fuzzy', 'dead-fuzzy-strict'],
};

export const PROBABLE_AS_OF = '2026-06-30';
