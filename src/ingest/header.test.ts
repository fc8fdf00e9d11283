import { describe, expect, it } from 'vitest';
import { BUILT_IN_KINDS, builtInKind } from '../domain/datasetKinds';
import { detectKind, headerScore, matchHeader } from './header';

const tenants = builtInKind('public_housing_tenants')!;
const TENANT_HEADER = ['合同编号', '承租人身份证号', '承租人姓名', '房屋编号', '起租日期', '状态'];

describe('matchHeader', () => {
  it('maps Chinese aliases and snake_case names, whatever the spacing, width and case', () => {
    const header = matchHeader(tenants, [' 合同 编号 ', 'TENANT_ID_NUMBER', '姓名', '房源编号', '起租日期', '租赁状态', '房屋地址（详细）']);
    expect(header.map((h) => h.column)).toEqual(['contract_no', 'tenant_id_number', 'tenant_name', 'unit_id', 'lease_start', 'status', null]);
    expect(header[6]).toEqual({ index: 6, header: '房屋地址（详细）', column: null });
  });

  it('keeps unknown headers as raw attributes and names empty header cells by position', () => {
    const header = matchHeader(tenants, [...TENANT_HEADER, '联系电话', '', null]);
    expect(header.slice(6)).toEqual([
      { index: 6, header: '联系电话', column: null },
      { index: 7, header: 'column_8', column: null },
      { index: 8, header: 'column_9', column: null },
    ]);
  });

  it('refuses a header written twice', () => {
    expect(() => matchHeader(tenants, [...TENANT_HEADER, '备注', '备 注'])).toThrow(
      expect.objectContaining({ code: 'duplicate_header', message: 'the header "备 注" appears twice (columns 7 and 8)' }),
    );
  });

  it('refuses two headers that fill one column', () => {
    expect(() => matchHeader(tenants, [...TENANT_HEADER, '身份证号'])).toThrow(
      expect.objectContaining({ code: 'duplicate_header', message: expect.stringContaining('both fill tenant_id_number') }),
    );
  });

  it('names every missing required column with its aliases', () => {
    expect(() => matchHeader(tenants, ['合同编号', '承租人姓名', '房屋编号', '状态'])).toThrow(
      expect.objectContaining({
        code: 'missing_columns',
        message: 'required columns missing: tenant_id_number (承租人身份证号/身份证号/证件号码), lease_start (起租日期/租赁开始日期)',
      }),
    );
  });

  it('applies an edited mapping: a header moved to a column, or kept as an attribute', () => {
    const header = matchHeader(tenants, ['合同编号', '证件号', '承租人姓名', '房屋编号', '开始', '状态', '姓名'], {
      证件号: 'tenant_id_number',
      开始: 'lease_start',
      承租人姓名: null,
      姓名: 'tenant_name',
    });
    expect(header.map((h) => h.column)).toEqual(['contract_no', 'tenant_id_number', null, 'unit_id', 'lease_start', 'status', 'tenant_name']);
    expect(() => matchHeader(tenants, TENANT_HEADER, { 状态: 'no_such_column' })).toThrow(expect.objectContaining({ code: 'unknown_column' }));
  });
});

describe('detectKind and headerScore', () => {
  it('scores a header by the columns it names', () => {
    expect(headerScore(tenants, TENANT_HEADER)).toBe(6);
    expect(headerScore(tenants, ['2024年公租房承租人名单'])).toBe(0);
  });

  it('finds the kind whose required columns a header names', () => {
    expect(detectKind(BUILT_IN_KINDS, TENANT_HEADER)?.kind).toBe('public_housing_tenants');
    expect(detectKind(BUILT_IN_KINDS, ['不动产权证号', '权利人证件号', '权利人', '坐落', '登记日期', '权属状态'])?.kind).toBe('property_registrations');
    expect(detectKind(BUILT_IN_KINDS, ['身份证号', '姓名', '死亡日期'])?.kind).toBe('death_records');
    expect(detectKind(BUILT_IN_KINDS, ['房屋编号', '月份', '用电量（千瓦时）'])?.kind).toBe('utility_usage');
    expect(detectKind(BUILT_IN_KINDS, ['姓名', '年龄'])).toBeUndefined();
  });
});
