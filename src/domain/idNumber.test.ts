import { describe, it, expect } from 'vitest';
import { birthDateFromId, idCheckChar, maskIdNumber, maskPhone, normalizeIdNumber } from './idNumber';
import { seededInts } from '../../test/helpers/seededRandom.js';

/** Independent reference for the GB 11643-1999 check character, written from the standard's
 * table rather than shared with the implementation. */
function referenceCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const byRemainder: Record<number, string> = {
    0: '1', 1: '0', 2: 'X', 3: '9', 4: '8', 5: '7', 6: '6', 7: '5', 8: '4', 9: '3', 10: '2',
  };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return byRemainder[sum % 11];
}

/** Deterministic pseudo-random digits (LCG), so failures are reproducible. */
function* digitStream(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2147483648;
    yield Math.floor((state / 2147483648) * 10);
  }
}

function randomBody(digits: Generator<number>): string {
  const region = Array.from({ length: 6 }, () => digits.next().value).join('');
  const year = 1900 + ((digits.next().value * 10 + digits.next().value) % 100);
  const month = 1 + ((digits.next().value * 10 + digits.next().value) % 12);
  const day = 1 + ((digits.next().value * 10 + digits.next().value) % 28);
  const seq = Array.from({ length: 3 }, () => digits.next().value).join('');
  return `${region}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`;
}

const SAMPLE = '11010519491231002X';

describe('idCheckChar', () => {
  it('computes the well-known sample', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('agrees with the reference table for many bodies, reaching every remainder', () => {
    const digits = digitStream(42);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const body = randomBody(digits);
      const check = idCheckChar(body);
      expect(check).toBe(referenceCheckChar(body));
      seen.add(check);
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('rejects anything but 17 digits', () => {
    expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckChar('110105194912310021')).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError);
    expect(() => idCheckChar('')).toThrow(RangeError);
  });
});

describe('normalizeIdNumber', () => {
  describe('valid numbers', () => {
    it('accepts the sample as is', () => {
      expect(normalizeIdNumber(SAMPLE)).toEqual({ value: SAMPLE, valid: true });
    });

    it('accepts generated numbers with a correct check character', () => {
      const digits = digitStream(7);
      for (let i = 0; i < 500; i++) {
        const body = randomBody(digits);
        const id = body + referenceCheckChar(body);
        expect(normalizeIdNumber(id)).toEqual({ value: id, valid: true });
      }
    });

    it('upper-cases a lowercase x', () => {
      expect(normalizeIdNumber('11010519491231002x')).toEqual({ value: SAMPLE, valid: true });
    });

    it('folds full-width digits and letters', () => {
      expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toEqual({ value: SAMPLE, valid: true });
      expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toEqual({ value: SAMPLE, valid: true });
    });

    it.each([
      ['110105 1949 1231 002x'],
      ['110105-19491231-002X'],
      ['110105–19491231—002X'],
      ['110105.19491231.002X'],
      ['110105/19491231/002X'],
      ['110105_19491231_002X'],
      [' 11010519491231002X '],
      ['\t11010519491231002X'],
      ['110105\u300019491231\u3000002X'],
      ['110105\u00A019491231\u200B002X'],
      ['\uFEFF11010519491231002X'],
      ["'11010519491231002X"],
      ['="11010519491231002X"'],
      ['“11010519491231002X”'],
      ['１１０１０５－１９４９１２３１－００２Ｘ'],
    ])('strips separators and spreadsheet quoting from %j', (raw) => {
      expect(normalizeIdNumber(raw)).toEqual({ value: SAMPLE, valid: true });
    });

    it('accepts leap days', () => {
      const body = '11010520000229001';
      expect(normalizeIdNumber(body + referenceCheckChar(body)).valid).toBe(true);
    });
  });

  describe('15-digit first-generation numbers', () => {
    it('inserts 19 after the region code and appends the check character', () => {
      expect(normalizeIdNumber('110105491231002')).toEqual({ value: SAMPLE, valid: true, converted15: true });
    });

    it('converts numbers typed with separators or full-width digits', () => {
      expect(normalizeIdNumber('110105 491231 002')).toEqual({ value: SAMPLE, valid: true, converted15: true });
      expect(normalizeIdNumber('１１０１０５４９１２３１００２').value).toBe(SAMPLE);
    });

    it('converts a numeric cell', () => {
      expect(normalizeIdNumber(110105491231002)).toEqual({ value: SAMPLE, valid: true, converted15: true });
    });

    it('computes the check character independently of the 15 digits', () => {
      const digits = digitStream(99);
      for (let i = 0; i < 200; i++) {
        const body = randomBody(digits); // 19xx years only
        const fifteen = body.slice(0, 6) + body.slice(8);
        expect(normalizeIdNumber(fifteen)).toEqual({
          value: body + referenceCheckChar(body),
          valid: true,
          converted15: true,
        });
      }
    });

    it('flags an impossible birth date and keeps the 15 digits', () => {
      expect(normalizeIdNumber('110105490231002')).toEqual({
        value: '110105490231002',
        valid: false,
        reason: 'birth_date',
      });
      expect(normalizeIdNumber('110105001301002').reason).toBe('birth_date');
      expect(normalizeIdNumber('110105000229002').reason).toBe('birth_date'); // 1900 is no leap year
    });

    it('rejects an X in a 15-digit number', () => {
      expect(normalizeIdNumber('11010549123100X')).toEqual({
        value: '11010549123100X',
        valid: false,
        reason: 'characters',
      });
    });
  });

  describe('invalid numbers', () => {
    it.each([[''], ['   '], ['\u3000'], ['--'], [null], [undefined]])('%j is empty', (raw) => {
      expect(normalizeIdNumber(raw)).toEqual({ value: null, valid: false, reason: 'empty' });
    });

    it.each([
      ['1101051949123100', 16],
      ['11010519491231002', 17],
      ['11010519491231002X1', 19],
      ['1234', 4],
      ['X', 1],
    ])('%s has the wrong length', (raw, length) => {
      const result = normalizeIdNumber(raw);
      expect(result).toEqual({ value: raw, valid: false, reason: 'length' });
      expect(result.value).toHaveLength(length);
    });

    it.each([
      ['11010519491231002A', '11010519491231002A'],
      ['1101051949123100X2', '1101051949123100X2'],
      ['X10105194912310021', 'X10105194912310021'],
      ['110105********002X', '110105********002X'],
      ['身份证11010519491231002X', '身份证11010519491231002X'],
      ['1.10105E+17', '110105E+17'],
    ])('%s has characters an ID cannot contain', (raw, cleaned) => {
      expect(normalizeIdNumber(raw)).toEqual({ value: cleaned, valid: false, reason: 'characters' });
    });

    it('flags a wrong check character and keeps the cleaned value for display', () => {
      expect(normalizeIdNumber('110105 19491231 0021')).toEqual({
        value: '110105194912310021',
        valid: false,
        reason: 'checksum',
      });
    });

    it('detects every single-character substitution', () => {
      for (let pos = 0; pos < 18; pos++) {
        for (const ch of '0123456789X') {
          if (ch === SAMPLE[pos]) continue;
          const mutated = SAMPLE.slice(0, pos) + ch + SAMPLE.slice(pos + 1);
          expect(normalizeIdNumber(mutated).valid, mutated).toBe(false);
        }
      }
    });

    it('detects every swap of two adjacent different digits', () => {
      const digits = digitStream(3);
      for (let i = 0; i < 100; i++) {
        const body = randomBody(digits);
        const id = body + referenceCheckChar(body);
        for (let pos = 0; pos < 16; pos++) {
          if (id[pos] === id[pos + 1]) continue;
          const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
          expect(normalizeIdNumber(swapped).valid, swapped).toBe(false);
        }
      }
    });

    it.each([
      ['11010519490231002', 'February 31st'],
      ['11010519491301002', 'month 13'],
      ['11010519490001002', 'month 00'],
      ['11010519491200002', 'day 00'],
      ['11010519490431002', 'April 31st'],
      ['11010519000229002', '1900-02-29 (1900 is no leap year)'],
      ['11010518991231002', 'year before 1900'],
    ])('flags %s (%s) with a correct check character as a bad birth date', (body) => {
      const id = body + referenceCheckChar(body);
      expect(normalizeIdNumber(id)).toEqual({ value: id, valid: false, reason: 'birth_date' });
    });

    it('flags the textbook sample 440524188001010014, which is born in 1880', () => {
      expect(referenceCheckChar('44052418800101001')).toBe('4');
      expect(normalizeIdNumber('440524188001010014').reason).toBe('birth_date');
    });

    it('reports the checksum before the birth date when both are wrong', () => {
      const body = '11010519490231002'; // February 31st
      const wrong = referenceCheckChar(body) === '0' ? '1' : '0';
      expect(normalizeIdNumber(body + wrong).reason).toBe('checksum');
    });

    it('cannot validate an 18-digit number that went through a spreadsheet number', () => {
      // Excel keeps 15 significant digits, so 110105194912310021 comes back as ...310000.
      expect(referenceCheckChar('11010519491231000')).not.toBe('0');
      expect(normalizeIdNumber(110105194912310000)).toEqual({
        value: '110105194912310000',
        valid: false,
        reason: 'checksum',
      });
    });
  });
});

describe('birthDateFromId', () => {
  it('reads the birth date of a valid 18-digit number', () => {
    expect(birthDateFromId(SAMPLE)).toBe('1949-12-31');
    expect(birthDateFromId('11010519491231002x')).toBe('1949-12-31');
  });

  it('reads the birth date of a valid 15-digit number', () => {
    expect(birthDateFromId('110105491231002')).toBe('1949-12-31');
  });

  it('reads a leap day', () => {
    const body = '32010220000229123';
    expect(birthDateFromId(body + referenceCheckChar(body))).toBe('2000-02-29');
  });

  it('gives null for invalid or missing numbers', () => {
    expect(birthDateFromId('110105194912310021')).toBeNull(); // bad checksum
    expect(birthDateFromId('440524188001010014')).toBeNull(); // 1880
    expect(birthDateFromId('1234')).toBeNull();
    expect(birthDateFromId('')).toBeNull();
    expect(birthDateFromId(null)).toBeNull();
    expect(birthDateFromId(undefined)).toBeNull();
  });
});

describe('maskIdNumber', () => {
  it('shows the region code and the last four characters', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110105********1234');
    expect(maskIdNumber(SAMPLE)).toBe('110105********002X');
  });

  it('masks the cleaned form', () => {
    expect(maskIdNumber('110105 1949 1231 002x')).toBe('110105********002X');
    expect(maskIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('110105********002X');
  });

  it('masks 15-digit numbers with one star per hidden digit', () => {
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });

  it('never shows most of a short or truncated value', () => {
    expect(maskIdNumber('11010519491231')).toBe('110105****1231'); // 14: still 4 hidden
    expect(maskIdNumber('1101051949123')).toBe('110*******123'); // 13: a quarter each end
    expect(maskIdNumber('1234567')).toBe('1*****7');
    expect(maskIdNumber('1234')).toBe('1**4');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('1')).toBe('*');
  });

  it('returns an empty string for nothing', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber(undefined)).toBe('');
  });
});

describe('maskPhone', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('drops spaces and hyphens and folds full-width digits first', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
  });

  it('masks landlines and international forms with one star per hidden digit', () => {
    expect(maskPhone('010-62345678')).toBe('010****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('+86*******5678');
  });

  it('never shows most of a short value', () => {
    expect(maskPhone('1234567')).toBe('1*****7');
    expect(maskPhone('12345')).toBe('1***5');
    expect(maskPhone('12')).toBe('**');
  });

  it('returns an empty string for nothing', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone(undefined)).toBe('');
  });
});

describe('normalizeIdNumber fast path for canonical input', () => {
  /** A written-out reading of DATA-SPEC §2 for the 18-character form, independent of the
   * implementation: what a canonical-looking cell must give. */
  function reference18(id: string) {
    if (!/^\d{17}[\dX]$/.test(id)) return undefined;
    if (referenceCheckChar(id.slice(0, 17)) !== id[17]) return { value: id, valid: false, reason: 'checksum' };
    const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
    const date = new Date(Date.UTC(y, m - 1, d));
    const real = y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    return real ? { value: id, valid: true } : { value: id, valid: false, reason: 'birth_date' };
  }

  /** IDs in the shapes exports mix: canonical, bad check characters, impossible birth dates,
   * lowercase x, full-width digits, separators, 15 digits, stray letters, wrong lengths. */
  function generate(pick: (n: number) => number): string {
    const digits = (n: number) => Array.from({ length: n }, () => String(pick(10))).join('');
    const year = pick(10) === 0 ? String(1800 + pick(300)) : String(1900 + pick(125));
    const month = pick(10) === 0 ? String(pick(100)).padStart(2, '0') : String(1 + pick(12)).padStart(2, '0');
    const day = pick(10) === 0 ? String(pick(100)).padStart(2, '0') : String(1 + pick(31)).padStart(2, '0');
    const body = digits(6) + year + month + day + digits(3);
    let id = body + (pick(4) === 0 ? 'X0123456789'[pick(11)] : idCheckChar(body));
    switch (pick(12)) {
      case 0:
        id = id.slice(0, 17) + 'x';
        break;
      case 1:
        id = id.replace(/\d/g, (c) => (pick(3) === 0 ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
        break;
      case 2:
        id = `${id.slice(0, 6)}${[' ', '-', '\u3000', '.'][pick(4)]}${id.slice(6)}`;
        break;
      case 3:
        id = id.slice(0, 6) + id.slice(8, 17);
        break;
      case 4:
        id = id.slice(0, pick(18)) + 'AXZ'[pick(3)] + id.slice(pick(18));
        break;
      case 5:
        id = id.slice(0, 17 + pick(3) - 1);
        break;
    }
    return id;
  }

  it('gives what the general path and the written-out rule give, on 20,000 generated IDs', () => {
    const pick = seededInts(20261126);
    let canonical = 0;
    for (let i = 0; i < 20_000; i++) {
      const id = generate(pick);
      const fast = normalizeIdNumber(id);
      // A leading space is removed by the general path's cleaning, which the fast path skips.
      expect(fast, id).toEqual(normalizeIdNumber(` ${id}`));
      const expected = reference18(id);
      if (expected) {
        canonical++;
        expect(fast, id).toEqual(expected);
      }
    }
    // The generator must exercise the fast path (and the rest) substantially.
    expect(canonical).toBeGreaterThan(8_000);
    expect(canonical).toBeLessThan(18_000);
  });
});
