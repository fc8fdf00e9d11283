import { describe, expect, it } from 'vitest';
import { builtInKind } from '../domain/datasetKinds';
import { matchHeader } from './header';
import { createRowNormalizer, MAX_CELL_CHARS, type RowIssue, type StoredValue } from './normalizeRow';
import type { SourceRecord } from './readers';
import type { CellValue } from '../domain/values';

const tenants = builtInKind('public_housing_tenants')!;
const HEADER = ['合同编号', '承租人身份证号', '承租人姓名', '房屋编号', '房屋地址', '起租日期', '止租日期', '状态', '联系电话'];

function run(rows: CellValue[][], header: CellValue[] = HEADER, kind = tenants) {
  const normalizer = createRowNormalizer(kind, matchHeader(kind, header));
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const sink = { error: (i: RowIssue) => errors.push(i), warning: (i: RowIssue) => warnings.push(i) };
  const results = rows.map((cells, i) => normalizer.normalize({ line: i + 2, cells } as SourceRecord, sink));
  const named = (values: StoredValue[] | null | 'blank') =>
    Array.isArray(values) ? Object.fromEntries(normalizer.columns.map((c, i) => [c.name, values[i]])) : values;
  return { rows: results.map(named), errors, warnings, columns: normalizer.columns.map((c) => c.name) };
}

const GOOD = ['GZF-2021-0001', '110105199001011232', '张 三', 'U-101', '朝阳区１号楼', '2021/3/5', '', '在租', '138 0000 0000'];

describe('createRowNormalizer', () => {
  it('stores canonical values with the line, ID validity flags, name pinyin and raw extra attributes', () => {
    const { rows, errors, warnings, columns } = run([GOOD]);
    expect(columns).toEqual(['_line', 'contract_no', 'tenant_id_number', 'tenant_id_number_valid', 'tenant_name', 'tenant_name_pinyin', 'unit_id', 'address', 'lease_start', 'lease_end', 'status', 'extra']);
    expect(rows[0]).toEqual({
      _line: 2,
      contract_no: 'GZF-2021-0001',
      tenant_id_number: '110105199001011232',
      tenant_id_number_valid: true,
      tenant_name: '张三',
      tenant_name_pinyin: 'zhang san',
      unit_id: 'U-101',
      address: '朝阳区1号楼',
      lease_start: '2021-03-05',
      lease_end: null,
      status: 'active',
      extra: JSON.stringify({ 联系电话: '138 0000 0000' }),
    });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('converts 15-digit IDs, folds full-width digits and x, and simplifies traditional names', () => {
    const { rows, warnings } = run([
      ['A', '１１０１０５４９０１０１１２３', '張偉', 'U', '', '2021年3月5日', '', '退租', ''],
      ['B', '110105-19900101-001x', '阿依古丽•买买提', 'U', '', '20210305', '', '已退租', ''],
    ]);
    expect(rows[0]).toMatchObject({ tenant_id_number: '110105194901011235', tenant_id_number_valid: true, tenant_name: '张伟', tenant_name_pinyin: 'zhang wei', status: 'terminated' });
    expect(rows[1]).toMatchObject({ tenant_id_number: '11010519900101001X', tenant_name: '阿依古丽·买买提', tenant_name_pinyin: 'a yi gu li mai mai ti', lease_start: '2021-03-05', status: 'terminated' });
    // 001X is not the check character of this number: kept, flagged, warned.
    expect(rows[1]).toMatchObject({ tenant_id_number_valid: false });
    expect(warnings).toEqual([{ line: 3, column: 'tenant_id_number', reason: 'invalid_id_checksum', value: '11010519900101001X' }]);
  });

  it('keeps a row with an invalid ID, flagged, and warns with its line', () => {
    const { rows, warnings, errors } = run([['A', '110105199001011238', '张三', 'U', '', '2021-03-05', '', '在租', '']]);
    expect(rows[0]).toMatchObject({ tenant_id_number: '110105199001011238', tenant_id_number_valid: false });
    expect(warnings).toEqual([{ line: 2, column: 'tenant_id_number', reason: 'invalid_id_checksum', value: '110105199001011238' }]);
    expect(errors).toEqual([]);
  });

  it('rejects a row with every reason at once: line, column, reason and the value', () => {
    const { rows, errors, warnings } = run([['', '110105199001011238', '张三', 'U', '', '2021-13-05', '2022-02-30', '在押', '']]);
    expect(rows[0]).toBeNull();
    expect(errors).toEqual([
      { line: 2, column: 'contract_no', reason: 'required' },
      { line: 2, column: 'lease_start', reason: 'impossible_date', value: '2021-13-05' },
      { line: 2, column: 'lease_end', reason: 'impossible_date', value: '2022-02-30' },
      { line: 2, column: 'status', reason: 'unknown_enum_value', value: '在押' },
    ]);
    // The invalid ID of a rejected row is not reported twice.
    expect(warnings).toEqual([]);
  });

  it('reads spreadsheet cells: Date objects, Excel serial numbers and numbers as text', () => {
    const { rows } = run([[12345, 110105199001011232, '张三', 101, null, new Date(Date.UTC(2021, 2, 5)), 44561, '在租', null]]);
    expect(rows[0]).toMatchObject({ contract_no: '12345', unit_id: '101', lease_start: '2021-03-05', lease_end: '2021-12-31', extra: null });
  });

  it('rejects duplicate values of a unique column, but only once the first row was stored', () => {
    const bad = ['GZF-1', '110105199001011232', '张三', 'U', '', 'not a date', '', '在租', ''];
    const { rows, errors } = run([bad, GOOD.map((v, i) => (i === 0 ? 'GZF-1' : v)), GOOD.map((v, i) => (i === 0 ? 'GZF-1 ' : v))]);
    expect(rows.map((r) => r && typeof r === 'object' ? r.contract_no : r)).toEqual([null, 'GZF-1', null]);
    expect(errors.at(-1)).toEqual({ line: 4, column: 'contract_no', reason: 'duplicate_value', value: 'GZF-1' });
  });

  it('rejects cells longer than the limit without echoing them whole', () => {
    const long = 'x'.repeat(MAX_CELL_CHARS + 1);
    const { rows, errors } = run([GOOD.map((v, i) => (i === 4 ? long : i === 8 ? long : v))]);
    expect(rows[0]).toBeNull();
    expect(errors.map((e) => [e.column, e.reason, e.value!.length])).toEqual([
      ['address', 'too_long', 201],
      ['联系电话', 'too_long', 201],
    ]);
  });

  it('rejects a row with more fields than headers, unless the extra fields are empty', () => {
    const { rows, errors } = run([[...GOOD, 'spill'], [...GOOD, '', ' ']]);
    expect(rows[0]).toBeNull();
    expect(errors).toEqual([{ line: 2, column: null, reason: 'too_many_fields', value: '10 fields for 9 headers' }]);
    expect(rows[1]).not.toBeNull();
  });

  it('treats a record without any value as no row, and a fewer-fields row as empty cells', () => {
    const { rows } = run([['', ' ', null], GOOD.slice(0, 8)]);
    expect(rows[0]).toBe('blank');
    expect(rows[1]).toMatchObject({ status: 'active', extra: null });
  });

  it('reports unreadable records as rejected', () => {
    const normalizer = createRowNormalizer(tenants, matchHeader(tenants, HEADER));
    const errors: RowIssue[] = [];
    expect(normalizer.normalize({ line: 7, cells: [], problem: 'invalid_json' }, { error: (e) => errors.push(e), warning: () => {} })).toBeNull();
    expect(errors).toEqual([{ line: 7, column: null, reason: 'invalid_json' }]);
  });

  it('parses money, months, decimals and integers of other kinds', () => {
    const payments = builtInKind('social_benefit_payments')!;
    const { rows } = run([['养老金', '110105199001011232', '张三', '2024年3月', '¥1,234.5']], ['待遇类型', '身份证号', '姓名', '发放月份', '发放金额'], payments);
    expect(rows[0]).toMatchObject({ benefit_type: 'pension', month: '2024-03', amount: '1234.50' });
    const judgments = builtInKind('criminal_judgments')!;
    const j = run(
      [['(2024)京0105刑初1号', '', '110105199001011232', '张三', '猥亵儿童罪', '2024-05-01', '有期徒刑', '36', '教育', '9999-12-31']],
      ['案号', '法院', '被告人身份证号', '被告人', '罪名', '判决日期', '主刑', '刑期(月)', '禁止从业行业', '从业禁止截止日期'],
      judgments,
    );
    expect(j.rows[0]).toMatchObject({ sentence_type: 'fixed_term', sentence_months: 36, ban_sector: 'education', ban_until: '9999-12-31' });
  });
});

describe('name pinyin at import', () => {
  it('stores the pinyin of every name column, with surname readings, once per distinct name', () => {
    const { rows } = run([
      ['A', '110105199001011232', '单田芳', 'U', '', '2021-03-05', '', '在租', ''],
      ['B', '110105199001011232', '曾 国藩', 'U', '', '2021-03-05', '', '在租', ''],
      ['C', '110105199001011232', '解縉', 'U', '', '2021-03-05', '', '在租', ''],
      ['D', '110105199001011232', '单田芳', 'U', '', '2021-03-05', '', '在租', ''],
      ['E', '110105199001011232', 'John  SMITH', 'U', '', '2021-03-05', '', '在租', ''],
    ]);
    expect(rows.map((r) => (r as Record<string, unknown>).tenant_name_pinyin)).toEqual(['shan tian fang', 'zeng guo fan', 'xie jin', 'shan tian fang', 'john smith']);
    expect(rows[2]).toMatchObject({ tenant_name: '解缙' });
  });

  it('leaves the pinyin empty where an optional name is empty', () => {
    const kind = {
      kind: 'visitors',
      label: '访客',
      columns: [
        { name: 'visit_no', type: 'text' as const, required: true, aliases: ['登记号'] },
        { name: 'escort_name', type: 'name' as const, required: false, aliases: ['陪同人'] },
      ],
    };
    const { rows, columns } = run([['V1', ''], ['V2', '王 五']], ['登记号', '陪同人'], kind);
    expect(columns).toEqual(['_line', 'visit_no', 'escort_name', 'escort_name_pinyin', 'extra']);
    expect(rows[0]).toMatchObject({ escort_name: null, escort_name_pinyin: null });
    expect(rows[1]).toMatchObject({ escort_name: '王五', escort_name_pinyin: 'wang wu' });
  });
});
