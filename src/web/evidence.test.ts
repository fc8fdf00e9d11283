import { describe, expect, it } from 'vitest';
import publicHousing from '../engine/models/public-housing-misuse.json';
import drunkDriving from '../engine/models/drunk-driving-license.json';
import pensionAfterDeath from '../engine/models/pension-after-death.json';
import type { ModelDocument } from './api/models';
import { columnTitle, formatValue, humanize, kindColumn, kindsOf, matchesSubject, subjectColumn, subjectColumnNames, subjectValues, summaryKind } from './evidence';
import { createFormat } from './format';

const housing = publicHousing as unknown as ModelDocument;
const drunk = drunkDriving as unknown as ModelDocument;
const pension = pensionAfterDeath as unknown as ModelDocument;

const subject = [
  {
    _source: 'public_housing_tenants',
    _line: 2,
    contract_no: 'GZF-01',
    tenant_id_number: '110105********0019',
    tenant_name: '张三',
    unit_id: 'U01',
    lease_start: '2020-01-01',
    status: 'active',
  },
];
const columnOfSubject = (row: Record<string, unknown>, name: string) => subjectColumn(housing, String(row._source), name);

describe('subjectValues and matchesSubject', () => {
  const values = subjectValues(subject, columnOfSubject);

  it('collects the identifying values of the subject: ID number, name, keys', () => {
    expect([...values].sort()).toEqual(['110105********0019', 'GZF-01', 'U01', '张三'].sort());
  });

  it('marks evidence cells equal to a subject value, masked or not', () => {
    expect(matchesSubject(values, kindColumn('property_registrations', 'owner_id_number'), '110105********0019')).toBe(true);
    expect(matchesSubject(values, kindColumn('property_registrations', 'owner_name'), ' 张三 ')).toBe(true);
    expect(matchesSubject(values, kindColumn('utility_usage', 'unit_id'), 'U01')).toBe(true);
    expect(matchesSubject(values, kindColumn('utility_usage', 'unit_id'), 'U02')).toBe(false);
  });

  it('does not mark coincidences in statuses, dates and amounts', () => {
    expect(matchesSubject(values, kindColumn('business_registrations', 'status'), 'active')).toBe(false);
    expect(matchesSubject(values, kindColumn('property_registrations', 'registered_on'), '2020-01-01')).toBe(false);
    expect(matchesSubject(values, undefined, null)).toBe(false);
  });
});

describe('subjectColumn', () => {
  it('follows a source mapping to the dataset column a subject column reads', () => {
    expect(subjectColumn(drunk, 'criminal_judgments', 'id_number')?.name).toBe('defendant_id_number');
    expect(subjectColumn(drunk, 'criminal_judgments', 'decided_on')?.type).toBe('date');
    expect(subjectColumn(drunk, 'non_prosecution_decisions', 'document_no')?.name).toBe('decision_no');
  });

  it('reads a subject column of a source without mapping by its own name', () => {
    expect(subjectColumn(housing, 'public_housing_tenants', 'tenant_name')?.type).toBe('name');
  });
});

describe('column titles', () => {
  it('uses the Chinese label in Chinese and the name in words otherwise', () => {
    const column = kindColumn('property_registrations', 'owner_id_number');
    expect(columnTitle(column, 'owner_id_number', 'zh-CN')).toBe('权利人证件号');
    expect(columnTitle(column, 'owner_id_number', 'en-US')).toBe('Owner ID number');
    expect(columnTitle(undefined, 'custom_col', 'zh-CN')).toBe('Custom col');
    expect(humanize('uscc')).toBe('USCC');
  });
});

describe('formatValue', () => {
  const zh = createFormat('zh-CN');
  const en = createFormat('en-US');

  it('formats money, numbers, dates and months by their column type', () => {
    expect(formatValue(150000, 'money', zh, 'zh-CN')).toBe('¥150,000.00');
    expect(formatValue('1234.5', 'decimal', en, 'en-US')).toBe('1,234.5');
    expect(formatValue('2026-06-30', 'date', zh, 'zh-CN')).toBe('2026年6月30日');
    expect(formatValue('2026-06', 'month', en, 'en-US')).toBe('Jun 2026');
    expect(formatValue(null, 'text', en, 'en-US')).toBe('—');
  });

  it('shows an enum value by its Chinese label in Chinese', () => {
    const status = kindColumn('property_registrations', 'status');
    expect(formatValue('valid', 'enum', zh, 'zh-CN', status)).toBe('有效');
    expect(formatValue('valid', 'enum', en, 'en-US', status)).toBe('valid');
  });
});

describe('summaryKind', () => {
  it('knows counts, and sums of money columns', () => {
    expect(summaryKind(pension, 'paid-after-death', 'months').type).toBe('count');
    expect(summaryKind(pension, 'paid-after-death', 'total_amount').type).toBe('money');
    expect(summaryKind(housing, 'vacant', 'value')).toMatchObject({ type: 'count', fn: 'count_distinct', of: 'month' });
    expect(summaryKind(housing, 'no-such-rule', 'value').type).toBeUndefined();
  });
});

describe('kindsOf', () => {
  it('lists the subject and rule datasets once each', () => {
    expect(kindsOf(drunk)).toEqual(['criminal_judgments', 'non_prosecution_decisions', 'driver_licenses']);
  });
});

describe('subjectColumnNames', () => {
  it('orders subject columns as the dataset kind lists them and leaves out bookkeeping', () => {
    const row = { _source: 'public_housing_tenants', _line: 2, status: 'active', unit_id: 'U01', contract_no: 'GZF-01', tenant_id_number: 'x', tenant_id_number_valid: true };
    expect(subjectColumnNames(housing, 'public_housing_tenants', row)).toEqual(['contract_no', 'tenant_id_number', 'unit_id', 'status']);
  });

  it('follows the mapping order of a source that renames columns', () => {
    const row = { _source: 'criminal_judgments', name: '甲', id_number: 'x', charge: '危险驾驶罪' };
    expect(subjectColumnNames(drunk, 'criminal_judgments', row)).toEqual(['id_number', 'name', 'charge']);
  });
});
