import { describe, it, expect } from 'vitest';
import {
  isCalendarDate,
  normalizeHeader,
  normalizeText,
  parseDate,
  parseDecimal,
  parseEnum,
  parseInteger,
  parseMoney,
  parseMonth,
  type CellValue,
  type EnumSpec,
  type ParseResult,
} from './values';
import { seededInts } from '../../test/helpers/seededRandom.js';

function value<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.reason} for "${result.text}"`);
  return result.value;
}

function reason<T>(result: ParseResult<T>): string {
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.value)}`);
  return result.reason;
}

describe('normalizeText', () => {
  it('trims and folds full-width characters', () => {
    expect(normalizeText('  北京市朝阳区１号楼（东）  ')).toBe('北京市朝阳区1号楼(东)');
    expect(normalizeText('\u3000ＡＢＣ－１２３\u3000')).toBe('ABC-123');
  });

  it('keeps inner whitespace and Chinese punctuation', () => {
    expect(normalizeText('京检 刑不诉〔2024〕12号')).toBe('京检 刑不诉〔2024〕12号');
  });

  it('turns numbers into text', () => {
    expect(normalizeText(12345)).toBe('12345');
  });

  it.each([[''], ['   '], ['\u3000'], [null], [undefined]])('gives null for %j', (raw) => {
    expect(normalizeText(raw)).toBeNull();
  });
});

describe('normalizeHeader', () => {
  it.each([
    [' 身份证号 ', '身份证号'],
    ['身份 证号', '身份证号'],
    ['身份\u3000证号', '身份证号'],
    ['用电量（千瓦时）', '用电量(千瓦时)'],
    ['用电量 (千瓦时)', '用电量(千瓦时)'],
    ['Unit_ID', 'unit_id'],
    ['ＩＤ＿ＮＵＭＢＥＲ', 'id_number'],
    ['\uFEFF合同编号', '合同编号'],
    ['刑期(月)', '刑期(月)'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeHeader(raw)).toBe(expected);
  });

  it('makes the aliases of one column compare equal', () => {
    expect(normalizeHeader(' 用电量（千瓦时） ')).toBe(normalizeHeader('用电量(千瓦时)'));
  });
});

describe('isCalendarDate', () => {
  it('knows month lengths', () => {
    for (const month of [1, 3, 5, 7, 8, 10, 12]) expect(isCalendarDate(2023, month, 31)).toBe(true);
    for (const month of [4, 6, 9, 11]) {
      expect(isCalendarDate(2023, month, 30)).toBe(true);
      expect(isCalendarDate(2023, month, 31)).toBe(false);
    }
  });

  it('knows leap years', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2023, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true); // divisible by 400
    expect(isCalendarDate(1900, 2, 29)).toBe(false); // divisible by 100
    expect(isCalendarDate(2100, 2, 29)).toBe(false);
    expect(isCalendarDate(2023, 2, 28)).toBe(true);
  });

  it('rejects out-of-range and fractional parts', () => {
    expect(isCalendarDate(2024, 0, 1)).toBe(false);
    expect(isCalendarDate(2024, 13, 1)).toBe(false);
    expect(isCalendarDate(2024, 1, 0)).toBe(false);
    expect(isCalendarDate(2024, 1, 32)).toBe(false);
    expect(isCalendarDate(2024, 1.5, 1)).toBe(false);
    expect(isCalendarDate(2024, 1, NaN)).toBe(false);
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-03-05'],
    ['2024-3-5'],
    ['2024/3/5'],
    ['2024/03/05'],
    ['2024.03.05'],
    ['2024.3.5'],
    ['20240305'],
    ['2024年3月5日'],
    ['2024年03月05日'],
    ['2024年3月5号'],
    ['2024年3月5'],
    ['2024 年 3 月 5 日'],
    ['2024-03-05 10:00:00'],
    ['2024-03-05 10:00'],
    ['2024/3/5 9:05'],
    ['2024-03-05 00:00:00.0'],
    ['2024-03-05T10:00:00'],
    ['2024-03-05T10:00:00.000Z'],
    ['2024-03-05T23:30:00+08:00'],
    ['20240305 10:00:00'],
    ['２０２４－０３－０５'],
    ['２０２４／３／５'],
    ['２０２４年３月５日'],
    ['  2024-03-05  '],
    ['二〇二四年三月五日'],
    ['二零二四年三月五日'],
    ['二○二四年三月五号'],
  ])('reads %j as 2024-03-05', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: '2024-03-05' });
  });

  it('reads Chinese-numeral months and days with 十', () => {
    expect(value(parseDate('二〇二四年十月十日'))).toBe('2024-10-10');
    expect(value(parseDate('二〇二四年十二月三十一日'))).toBe('2024-12-31');
    expect(value(parseDate('一九四九年十月一日'))).toBe('1949-10-01');
    expect(value(parseDate('二〇〇〇年二月二十九日'))).toBe('2000-02-29');
    expect(value(parseDate('二〇二四年十一月二十日'))).toBe('2024-11-20');
  });

  it('reads the time of day from the text, not from a zone conversion', () => {
    expect(value(parseDate('2024-03-05T23:30:00-05:00'))).toBe('2024-03-05');
    expect(value(parseDate('2024-03-05T00:30:00+0800'))).toBe('2024-03-05');
  });

  describe('Excel serial dates', () => {
    // Serials counted by hand from 1900-01-01 = 1 (with Excel's fictitious 1900-02-29 = 60):
    // 2020-01-01 = 43831 (a published reference value); 2020 has 366 days, 2021–2023 365 each,
    // so 2024-01-01 = 43831 + 366 + 3 × 365 = 45292; +31 (Jan) +28 → 2024-02-29 = 45351;
    // +1 → 2024-03-01 = 45352; 2024-03-05 = 45356, 2024-03-06 = 45357.
    it.each([
      [1, '1900-01-01'],
      [2, '1900-01-02'],
      [31, '1900-01-31'],
      [32, '1900-02-01'],
      [59, '1900-02-28'],
      [61, '1900-03-01'],
      [62, '1900-03-02'],
      [366, '1900-12-31'],
      [367, '1901-01-01'],
      [25569, '1970-01-01'], // the Unix epoch
      [36526, '2000-01-01'],
      [43831, '2020-01-01'],
      [45292, '2024-01-01'],
      [45351, '2024-02-29'],
      [45352, '2024-03-01'],
      [45356, '2024-03-05'],
      [45357, '2024-03-06'],
      [80000, '2119-01-11'],
    ])('serial %d is %s', (serial, expected) => {
      expect(parseDate(serial)).toEqual({ ok: true, value: expected });
    });

    it('ignores the time-of-day fraction', () => {
      expect(value(parseDate(45356.75))).toBe('2024-03-05');
      expect(value(parseDate(45356.999))).toBe('2024-03-05');
      expect(value(parseDate('45356.5'))).toBe('2024-03-05');
    });

    it('reads five-digit numeric text as a serial', () => {
      expect(value(parseDate('45356'))).toBe('2024-03-05');
      expect(value(parseDate('10000'))).toBe('1927-05-18');
      expect(value(parseDate('４５３５６'))).toBe('2024-03-05');
    });

    it('does not read shorter numeric text as a serial', () => {
      expect(reason(parseDate('61'))).toBe('invalid_date');
      expect(reason(parseDate('2024'))).toBe('invalid_date');
    });

    it('rejects serial 60, the 1900-02-29 that Excel invents', () => {
      expect(reason(parseDate(60))).toBe('impossible_date');
      expect(reason(parseDate(60.5))).toBe('impossible_date');
    });

    it('rejects serials outside 1..80000', () => {
      expect(reason(parseDate(0))).toBe('out_of_range');
      expect(reason(parseDate(0.5))).toBe('out_of_range');
      expect(reason(parseDate(-1))).toBe('out_of_range');
      expect(reason(parseDate(80001))).toBe('out_of_range');
      expect(reason(parseDate('80001'))).toBe('out_of_range');
    });

    it('reads an eight-digit number as YYYYMMDD', () => {
      expect(value(parseDate(20240305))).toBe('2024-03-05');
      expect(reason(parseDate(20240230))).toBe('impossible_date');
    });

    it('rejects non-finite numbers', () => {
      expect(reason(parseDate(NaN))).toBe('invalid_date');
      expect(reason(parseDate(Infinity))).toBe('invalid_date');
    });
  });

  it('reads Date objects in UTC, as spreadsheet readers create them', () => {
    expect(value(parseDate(new Date(Date.UTC(2024, 2, 5))))).toBe('2024-03-05');
    expect(value(parseDate(new Date('2024-03-05T23:59:59Z')))).toBe('2024-03-05');
    expect(reason(parseDate(new Date('not a date')))).toBe('invalid_date');
  });

  it.each([
    ['2024-02-30'],
    ['2023-02-29'],
    ['2100-02-29'],
    ['2024-04-31'],
    ['2024-00-10'],
    ['2024-13-01'],
    ['2024-01-00'],
    ['2024-01-32'],
    ['20240230'],
    ['2024年2月30日'],
    ['二〇二三年二月二十九日'],
    ['二〇二四年十三月一日'],
    ['二〇二四年三月三十二日'],
  ])('rejects the impossible date %j', (raw) => {
    expect(reason(parseDate(raw))).toBe('impossible_date');
  });

  it('accepts leap days', () => {
    expect(value(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(value(parseDate('2000-02-29'))).toBe('2000-02-29');
  });

  it.each([
    ['2024-03/05'],
    ['24-3-5'],
    ['3/5/2024'],
    ['05.03.2024'],
    ['2024-3'],
    ['2024-03-05 10'],
    ['2024-03-05 24:00'],
    ['2024-03-05 10:60'],
    ['2024-03-05 10:00:60'],
    ['2024-03-05x'],
    ['abc'],
    ['2024'],
    ['2024030'],
    ['202403051'],
    ['二〇二四年〇月五日'],
    ['二〇二四年三月五'],
    ['二四年三月五日'],
    ['二〇二四年五五月一日'],
  ])('rejects the unrecognised date %j', (raw) => {
    expect(reason(parseDate(raw))).toBe('invalid_date');
  });

  it('rejects years before 1900 and keeps 9999-12-31, the usual "no end" sentinel', () => {
    expect(reason(parseDate('1899-12-31'))).toBe('out_of_range');
    expect(value(parseDate('1900-01-01'))).toBe('1900-01-01');
    expect(value(parseDate('9999-12-31'))).toBe('9999-12-31');
  });

  it.each([[''], ['  '], ['\u3000'], [null], [undefined]])('reports %j as empty', (raw) => {
    expect(reason(parseDate(raw))).toBe('empty');
  });

  it('reports the offending text', () => {
    expect(parseDate(' 2024-02-30 ')).toEqual({ ok: false, reason: 'impossible_date', text: '2024-02-30' });
    expect(parseDate(60)).toEqual({ ok: false, reason: 'impossible_date', text: '60' });
  });
});

describe('parseMonth', () => {
  it.each([
    ['2024-03'],
    ['2024-3'],
    ['2024/03'],
    ['2024/3'],
    ['2024.03'],
    ['2024.3'],
    ['202403'],
    ['2024年3月'],
    ['2024年03月'],
    ['2024年3月份'],
    ['2024 年 3 月'],
    ['２０２４年３月'],
    ['２０２４－０３'],
    [' 2024-03 '],
    [202403],
  ])('reads %j as 2024-03', (raw) => {
    expect(parseMonth(raw)).toEqual({ ok: true, value: '2024-03' });
  });

  it('reads full dates, as spreadsheets often store a month as its first day', () => {
    expect(value(parseMonth('2024-03-01'))).toBe('2024-03');
    expect(value(parseMonth('2024/3/15'))).toBe('2024-03');
    expect(value(parseMonth('20240301'))).toBe('2024-03');
    expect(value(parseMonth('2024年3月1日'))).toBe('2024-03');
    expect(value(parseMonth(20240301))).toBe('2024-03');
    expect(value(parseMonth(45352))).toBe('2024-03'); // Excel serial of 2024-03-01
    expect(value(parseMonth(new Date(Date.UTC(2024, 2, 1))))).toBe('2024-03');
  });

  it('does not turn small or fractional numbers into months', () => {
    expect(reason(parseMonth(2024))).toBe('invalid_month');
    expect(reason(parseMonth(2024.1))).toBe('invalid_month'); // a mangled 2024.10
  });

  it.each([['2024-13'], ['2024-00'], ['202413'], ['202400'], ['2024年13月']])(
    'rejects the impossible month %j',
    (raw) => {
      expect(reason(parseMonth(raw))).toBe('invalid_month');
    },
  );

  it.each([['abc'], ['24-03'], ['2024'], ['2024-03-'], ['March 2024'], ['2024/03/05/01']])(
    'rejects the unrecognised month %j',
    (raw) => {
      expect(reason(parseMonth(raw))).toBe('invalid_month');
    },
  );

  it('passes on the reason a full date was rejected', () => {
    expect(reason(parseMonth('2024-02-30'))).toBe('impossible_date');
    expect(reason(parseMonth('1899-12'))).toBe('out_of_range');
    expect(reason(parseMonth(60))).toBe('invalid_month');
  });

  it.each([[''], [' '], [null], [undefined]])('reports %j as empty', (raw) => {
    expect(reason(parseMonth(raw))).toBe('empty');
  });
});

describe('parseMoney', () => {
  it.each([
    ['12345.6', '12345.60'],
    ['12345', '12345.00'],
    ['12,345.60', '12345.60'],
    ['¥12,345.60', '12345.60'],
    ['￥12345', '12345.00'],
    ['¥ 12,345.60', '12345.60'],
    ['12345元', '12345.00'],
    ['12345 元', '12345.00'],
    ['12345元整', '12345.00'],
    ['人民币12345元', '12345.00'],
    ['RMB 1,000', '1000.00'],
    ['cny100', '100.00'],
    ['１２３４５', '12345.00'],
    ['１２，３４５．６', '12345.60'],
    ['￥１２３４５．６０', '12345.60'],
    ['0', '0.00'],
    ['0.5', '0.50'],
    ['¥0.5', '0.50'],
    ['.5', '0.50'],
    ['00012', '12.00'],
    ['+12.5', '12.50'],
    ['-12.30', '-12.30'],
    ['-¥12.30', '-12.30'],
    ['¥-12.30', '-12.30'],
    ['-1,234.5', '-1234.50'],
    ['1,234,567.891', '1234567.89'],
  ])('%j → %j', (raw, expected) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,234,567.895', '1234567.90'],
    ['0.005', '0.01'],
    ['0.0049', '0.00'],
    ['0.004', '0.00'],
    ['9.995', '10.00'],
    ['999.995', '1000.00'],
    ['1.005', '1.01'],
    ['2.675', '2.68'], // 2.675 is 2.67499999… as a float
    ['-0.005', '-0.01'],
    ['-0.004', '0.00'],
    ['-9.995', '-10.00'],
    ['12.3456789', '12.35'],
  ])('rounds %j half away from zero to %j', (raw, expected) => {
    expect(value(parseMoney(raw))).toBe(expected);
  });

  it('keeps amounts beyond float precision exact', () => {
    expect(value(parseMoney('99999999999999999.995'))).toBe('100000000000000000.00');
    expect(value(parseMoney('12345678901234567.89'))).toBe('12345678901234567.89');
  });

  it('scales amounts stated in 万 and 亿', () => {
    expect(value(parseMoney('100万'))).toBe('1000000.00');
    expect(value(parseMoney('100万元'))).toBe('1000000.00');
    expect(value(parseMoney('100万元人民币'))).toBe('1000000.00');
    expect(value(parseMoney('1.5万'))).toBe('15000.00');
    expect(value(parseMoney('1.23456万元'))).toBe('12345.60');
    expect(value(parseMoney('0.000001亿'))).toBe('100.00');
    expect(value(parseMoney('2亿元'))).toBe('200000000.00');
    expect(value(parseMoney('1.234567万'))).toBe('12345.67');
  });

  it('reads numeric cells through their shortest decimal form', () => {
    expect(value(parseMoney(12345.6))).toBe('12345.60');
    expect(value(parseMoney(0.1 + 0.2))).toBe('0.30');
    expect(value(parseMoney(1.005))).toBe('1.01');
    expect(value(parseMoney(-12.3))).toBe('-12.30');
    expect(value(parseMoney(0))).toBe('0.00');
    expect(value(parseMoney(1e-7))).toBe('0.00');
    expect(value(parseMoney(1e21))).toBe('1000000000000000000000.00');
  });

  it.each([
    ['abc'],
    ['12.3.4'],
    ['1,23'],
    ['1,2345'],
    ['12,34.5'],
    [',123'],
    ['12 345'],
    ['5.'],
    ['¥'],
    ['元'],
    ['-'],
    ['--12'],
    ['-¥-12'],
    ['12-'],
    ['1e5'],
    ['$12'],
    ['12万万'],
    ['12美元'],
  ])('rejects %j', (raw) => {
    expect(reason(parseMoney(raw))).toBe('invalid_money');
  });

  it('rejects non-finite numbers and dates', () => {
    expect(reason(parseMoney(NaN))).toBe('invalid_money');
    expect(reason(parseMoney(Infinity))).toBe('invalid_money');
    expect(reason(parseMoney(new Date()))).toBe('invalid_money');
  });

  it.each([[''], ['  '], [null], [undefined]])('reports %j as empty', (raw) => {
    expect(reason(parseMoney(raw))).toBe('empty');
  });

  it('reports the offending text', () => {
    expect(parseMoney(' 12.3.4 ')).toEqual({ ok: false, reason: 'invalid_money', text: '12.3.4' });
  });
});

describe('parseDecimal', () => {
  it.each<[CellValue, string]>([
    ['1,234.500', '1234.5'],
    ['89.50', '89.5'],
    ['100', '100'],
    ['100.00', '100'],
    ['0', '0'],
    ['0.0', '0'],
    ['-0.0', '0'],
    ['007.10', '7.1'],
    ['+3', '3'],
    ['-3.25', '-3.25'],
    ['.5', '0.5'],
    ['１２．５', '12.5'],
    [' 12.5 ', '12.5'],
    ['123456789.123456789', '123456789.123456789'],
    [12.5, '12.5'],
    [-0.1, '-0.1'],
    [1e-7, '0.0000001'],
    [1.5e21, '1500000000000000000000'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('%j → %j', (raw, expected) => {
    expect(parseDecimal(raw)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([['abc'], ['1e5'], ['12.3.4'], ['1,23'], ['12元'], ['¥12'], ['-'], ['.'], [NaN]])(
    'rejects %j',
    (raw) => {
      expect(reason(parseDecimal(raw))).toBe('invalid_decimal');
    },
  );

  it.each([[''], [null], [undefined]])('reports %j as empty', (raw) => {
    expect(reason(parseDecimal(raw))).toBe('empty');
  });
});

describe('parseInteger', () => {
  it.each<[CellValue, number]>([
    ['36', 36],
    ['１２', 12],
    ['1,234', 1234],
    ['-5', -5],
    ['+5', 5],
    ['12.00', 12],
    ['007', 7],
    ['0', 0],
    [36, 36],
    [-36, -36],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['-9007199254740991', -Number.MAX_SAFE_INTEGER],
  ])('%j → %d', (raw, expected) => {
    expect(parseInteger(raw)).toEqual({ ok: true, value: expected });
  });

  it('gives 0 rather than -0', () => {
    expect(Object.is(value(parseInteger('-0')), 0)).toBe(true);
    expect(Object.is(value(parseInteger(-0)), 0)).toBe(true);
  });

  it.each<[CellValue]>([['12.5'], [3.5], ['abc'], ['1e3'], ['12个'], ['1,23'], [NaN], [Infinity]])(
    'rejects %j',
    (raw) => {
      expect(reason(parseInteger(raw))).toBe('invalid_integer');
    },
  );

  it('rejects values beyond Number.MAX_SAFE_INTEGER instead of rounding them', () => {
    expect(reason(parseInteger('9007199254740992'))).toBe('out_of_range');
    expect(reason(parseInteger('-9007199254740993'))).toBe('out_of_range');
    expect(reason(parseInteger(2 ** 53))).toBe('out_of_range');
    expect(reason(parseInteger('123456789012345678901234567890'))).toBe('out_of_range');
  });

  it.each([[''], [null], [undefined]])('reports %j as empty', (raw) => {
    expect(reason(parseInteger(raw))).toBe('empty');
  });
});

describe('parseEnum', () => {
  const leaseStatus = {
    values: [
      { value: 'active', labels: ['在租'] },
      { value: 'terminated', labels: ['退租', '已退租'] },
    ],
  } as const satisfies EnumSpec;

  it.each([
    ['active', 'active'],
    ['ACTIVE', 'active'],
    ['Active', 'active'],
    [' active ', 'active'],
    ['ａｃｔｉｖｅ', 'active'],
    ['在租', 'active'],
    [' 在 租 ', 'active'],
    ['\u3000在租', 'active'],
    ['terminated', 'terminated'],
    ['退租', 'terminated'],
    ['已退租', 'terminated'],
  ])('%j → %j', (raw, expected) => {
    expect(parseEnum(raw, leaseStatus)).toEqual({ ok: true, value: expected });
  });

  it('narrows the result to the canonical values', () => {
    const result = parseEnum('在租', leaseStatus);
    const status: 'active' | 'terminated' | undefined = result.ok ? result.value : undefined;
    expect(status).toBe('active');
  });

  it('matches numeric cells against labels', () => {
    const transferred: EnumSpec = {
      values: [
        { value: 'yes', labels: ['是', '已移送', '1'] },
        { value: 'no', labels: ['否', '未移送', '0'] },
      ],
    };
    expect(value(parseEnum(1, transferred))).toBe('yes');
    expect(value(parseEnum(0, transferred))).toBe('no');
    expect(value(parseEnum('未移送', transferred))).toBe('no');
  });

  it('accepts values without labels', () => {
    expect(value(parseEnum('B', { values: [{ value: 'a' }, { value: 'b' }] }))).toBe('b');
  });

  it.each([['出租'], ['租'], ['active1'], ['退'], ['yes']])('rejects the unknown value %j', (raw) => {
    expect(parseEnum(raw, leaseStatus)).toEqual({ ok: false, reason: 'unknown_enum_value', text: raw });
  });

  it('rejects dates', () => {
    expect(reason(parseEnum(new Date(), leaseStatus))).toBe('unknown_enum_value');
  });

  it.each([[''], ['  '], [null], [undefined]])('reports %j as empty', (raw) => {
    expect(reason(parseEnum(raw, leaseStatus))).toBe('empty');
  });

  it('refuses a spec in which one label names two values', () => {
    const ambiguous: EnumSpec = {
      values: [
        { value: 'valid', labels: ['正常'] },
        { value: 'cancelled', labels: ['注销', ' 正常 '] },
      ],
    };
    expect(() => parseEnum('注销', ambiguous)).toThrow(/Ambiguous enum label/);
  });

  it('allows a label repeated for the same value', () => {
    const spec: EnumSpec = { values: [{ value: 'valid', labels: ['正常', '正 常', 'VALID'] }] };
    expect(value(parseEnum('正常', spec))).toBe('valid');
  });
});

describe('fast paths for the usual date and decimal notations', () => {
  const digitsOf = (pick: (n: number) => number, min: number, max: number) =>
    Array.from({ length: min + pick(max - min + 1) }, () => String(pick(10))).join('');

  /** Date-like text: the fast-path shapes with valid, impossible and out-of-range values, and
   * near misses (mixed separators, three-digit months, stray characters, times, full width). */
  function dateLike(pick: (n: number) => number): string {
    const year = pick(8) === 0 ? digitsOf(pick, 3, 5) : String(1890 + pick(140));
    const month = pick(6) === 0 ? digitsOf(pick, 0, 3) : String(pick(14)).padStart(1 + pick(2), '0');
    const day = pick(6) === 0 ? digitsOf(pick, 0, 3) : String(pick(33)).padStart(1 + pick(2), '0');
    const seps = ['-', '/', '.', '年', '月', '日', '号', ' ', '', 'x', '０'];
    const sep = () => seps[pick(seps.length)];
    switch (pick(6)) {
      case 0:
        return year + month.padStart(2, '0').slice(-2) + day.padStart(2, '0').slice(-2);
      case 1:
        return `${year}年${month}月${day}${['日', '号', '', '日日'][pick(4)]}`;
      case 2:
        return year + sep() + month + sep() + day + (pick(3) === 0 ? sep() : '');
      case 3:
        return `${year}-${month}-${day}${pick(2) ? ' 10:30' : 'T25:00:00'}`;
      default: {
        const s = ['-', '/', '.'][pick(3)];
        return `${year}${s}${month}${s}${day}`;
      }
    }
  }

  it('reads 20,000 generated dates exactly as the general path does', () => {
    const pick = seededInts(20261126);
    const outcomes = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const text = dateLike(pick);
      const result = parseDate(text);
      // A trailing space keeps any text off the fast path; the general path trims it.
      expect(result, text).toEqual(parseDate(`${text} `));
      outcomes.add(result.ok ? 'ok' : result.reason);
    }
    expect([...outcomes].sort()).toEqual(['impossible_date', 'invalid_date', 'ok', 'out_of_range']);
  });

  it('reads 20,000 generated decimals exactly as the general path does', () => {
    const pick = seededInts(1126);
    const parts = ['', '0', '00', '.', ',', '-', '+', ' ', 'e', '１'];
    for (let i = 0; i < 20_000; i++) {
      let text = digitsOf(pick, 0, 6);
      if (pick(2)) text += `.${digitsOf(pick, 0, 4)}`;
      if (pick(3) === 0) text = parts[pick(parts.length)] + text + parts[pick(parts.length)];
      const result = parseDecimal(text);
      // A leading space keeps any text off the fast path; the general path trims it.
      expect(result, text).toEqual(parseDecimal(` ${text}`));
    }
  });
});
