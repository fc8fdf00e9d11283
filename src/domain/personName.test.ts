import { describe, it, expect } from 'vitest';
import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { namePinyin, normalizedNamePinyin, normalizePersonName } from './personName';

/** All hanzi of GB 2312 (rows 16–87, 6,763 characters), decoded from their GB bytes. */
function gb2312Hanzi(): string[] {
  const decoder = new TextDecoder('gb18030');
  const chars: string[] = [];
  for (let lead = 0xb0; lead <= 0xf7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      // The last five cells of row 55 are unassigned in GB 2312.
      if (lead === 0xd7 && trail >= 0xfa) continue;
      chars.push(decoder.decode(new Uint8Array([lead, trail])));
    }
  }
  return chars;
}

describe('normalizePersonName', () => {
  describe('whitespace', () => {
    it.each([
      [' 王 小明 ', '王小明'],
      ['王　小明', '王小明'],
      ['王\t小\n明', '王小明'],
      ['王\u00A0小明', '王小明'],
      ['王\u200B小明\uFEFF', '王小明'],
      ['\u3000张三\u3000', '张三'],
    ])('removes all whitespace inside a Chinese name: %j', (raw, expected) => {
      expect(normalizePersonName(raw)).toBe(expected);
    });

    it('collapses whitespace in Latin names and keeps their case', () => {
      expect(normalizePersonName('  John   Smith ')).toBe('John Smith');
      expect(normalizePersonName('John\t\u3000Smith')).toBe('John Smith');
      expect(normalizePersonName('MÜLLER  Hans')).toBe('MÜLLER Hans');
      expect(normalizePersonName('J. R. R. Tolkien')).toBe('J. R. R. Tolkien');
    });

    it('folds full-width Latin letters', () => {
      expect(normalizePersonName('Ｊｏｈｎ　Ｓｍｉｔｈ')).toBe('John Smith');
    });

    it.each([[''], ['   '], ['\u3000'], ['\u200B'], [null], [undefined]])('gives null for %j', (raw) => {
      expect(normalizePersonName(raw)).toBeNull();
    });
  });

  describe('middle dots of ethnic-minority names', () => {
    it.each([
      ['阿依古丽·买买提'],
      ['阿依古丽•买买提'],
      ['阿依古丽・买买提'],
      ['阿依古丽.买买提'],
      ['阿依古丽．买买提'],
      ['阿依古丽\u2027买买提'],
      ['阿依古丽\uFF65买买提'],
      ['阿依古丽\u2219买买提'],
      ['阿依古丽\u22C5买买提'],
      ['阿依古丽 · 买买提'],
      ['阿依古丽··买买提'],
      ['阿依古丽. •买买提'],
    ])('unifies %j to U+00B7', (raw) => {
      expect(normalizePersonName(raw)).toBe('阿依古丽\u00B7买买提');
    });

    it('handles names with several parts', () => {
      expect(normalizePersonName('买买提•艾力•吐尔逊')).toBe('买买提·艾力·吐尔逊');
    });

    it('leaves dots that are not between Chinese characters alone', () => {
      expect(normalizePersonName('Mary.Jane')).toBe('Mary.Jane');
      expect(normalizePersonName('张三.')).toBe('张三.');
      expect(normalizePersonName('•张三')).toBe('•张三');
    });
  });

  describe('traditional → simplified', () => {
    it.each([
      ['張三', '张三'],
      ['陳偉', '陈伟'],
      ['劉德華', '刘德华'],
      ['王曉明', '王晓明'],
      ['歐陽娜娜', '欧阳娜娜'],
      ['黃麗華', '黄丽华'],
      ['鍾國強', '钟国强'],
      ['蕭敬騰', '萧敬腾'],
      ['諸葛亮', '诸葛亮'],
      ['阿依古麗•買買提', '阿依古丽·买买提'],
      ['張 三', '张三'],
    ])('%s → %s', (raw, expected) => {
      expect(normalizePersonName(raw)).toBe(expected);
    });

    it('converts Taiwan and Hong Kong character variants', () => {
      expect(normalizePersonName('衞東')).toBe('卫东'); // Hong Kong form of 衛
      expect(normalizePersonName('衛東')).toBe('卫东');
      expect(normalizePersonName('林峯')).toBe('林峰');
      expect(normalizePersonName('羣英')).toBe('群英');
    });

    it('does not replace Taiwanese vocabulary inside a name', () => {
      // OpenCC's 'twp' locale would turn 晶片 into 芯片.
      expect(normalizePersonName('王晶片')).toBe('王晶片');
    });

    it('keeps simplified characters that double as traditional ones', () => {
      expect(normalizePersonName('张乾')).toBe('张乾');
      expect(normalizePersonName('於丹')).toBe('於丹');
      expect(normalizePersonName('李著')).toBe('李著');
      expect(normalizePersonName('魏徵')).toBe('魏徵');
    });

    it('leaves every GB 2312 hanzi unchanged', () => {
      const hanzi = gb2312Hanzi();
      expect(hanzi).toHaveLength(6763);
      const changed = hanzi.filter((ch) => normalizePersonName(ch) !== ch);
      expect(changed).toEqual([]);
    });

    it('converts around kept characters', () => {
      expect(normalizePersonName('於麗華')).toBe('於丽华');
      expect(normalizePersonName('錢乾坤')).toBe('钱乾坤');
    });
  });

  it('is idempotent', () => {
    for (const raw of ['張 三', '阿依古丽•买买提', ' John  Smith ', '於麗華', '衞東', '王晶片']) {
      const once = normalizePersonName(raw);
      expect(normalizePersonName(once)).toBe(once);
    }
  });
});

describe('namePinyin', () => {
  it.each([
    ['张三', 'zhang san'],
    ['王小明', 'wang xiao ming'],
    [' 張 三 ', 'zhang san'],
    ['陳偉', 'chen wei'],
  ])('%j → %j', (raw, expected) => {
    expect(namePinyin(raw)).toBe(expected);
  });

  it('uses surname readings for the first character', () => {
    expect(namePinyin('单田芳')).toBe('shan tian fang');
    expect(namePinyin('曾国藩')).toBe('zeng guo fan');
    expect(namePinyin('解缙')).toBe('xie jin');
    expect(namePinyin('仇英')).toBe('qiu ying');
    expect(namePinyin('於丹')).toBe('yu dan');
  });

  it('reads compound surnames as compounds, whatever the given name', () => {
    expect(namePinyin('欧阳娜娜')).toBe('ou yang na na');
    expect(namePinyin('万俟卨')).toBe('mo qi xie');
    expect(namePinyin('尉迟恭')).toBe('yu chi gong');
    expect(namePinyin('长孙无忌')).toBe('zhang sun wu ji');
    expect(namePinyin('诸葛亮')).toBe('zhu ge liang');
  });

  it('gives pinyin-pro\'s surname-mode reading for every sampled name, remembered or not', () => {
    // normalizedNamePinyin reads surname and given name from memories; it must agree with reading
    // the whole name at once, for names seen first and seen again.
    const surnames = '王李张刘陈杨赵黄周吴单曾解仇朴查区盖覃乐长万尉欧诸令狐';
    const given = '伟芳朝阳乐行长重强华国藩和调';
    const whole = (name: string) => pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).join(' ');
    const names: string[] = [];
    for (const s of surnames) for (const g of given) names.push(s + g, `${s}${g}${given[(g.charCodeAt(0) + 3) % given.length]}`);
    names.push('欧阳朝阳', '单于长乐', '令狐冲', '司马相如', '上官婉儿', '王伟朝阳', '曾长乐华', '单国藩和调');
    for (const round of [1, 2]) {
      expect(names.filter((n) => normalizedNamePinyin(n) !== whole(n)).map((n) => `${n} (${round})`)).toEqual([]);
    }
  });

  it('takes traditional characters and spaces out before reading', () => {
    expect(namePinyin('歐陽 娜娜')).toBe('ou yang na na');
    expect(namePinyin('曾國藩')).toBe('zeng guo fan');
  });

  it('drops the middle dot of ethnic-minority names', () => {
    expect(namePinyin('阿依古丽•买买提')).toBe('a yi gu li mai mai ti');
    expect(namePinyin('买买提·艾力')).toBe('mai mai ti ai li');
  });

  it('keeps ü', () => {
    expect(namePinyin('吕布')).toBe('lü bu');
  });

  it('lower-cases Latin names and keeps their words whole', () => {
    expect(namePinyin('John  SMITH')).toBe('john smith');
    expect(namePinyin('王A明')).toBe('wang a ming');
  });

  it('gives null for an empty name', () => {
    expect(namePinyin('')).toBeNull();
    expect(namePinyin('  ')).toBeNull();
    expect(namePinyin(null)).toBeNull();
  });
});

describe('the pre-check that skips the traditional → simplified converters', () => {
  // The converters as the module applies them, run on every name without the pre-check.
  const KEEP_AS_IS = '乾菸薹拚捱摺吒後徵夥榘於袷麴醣麽么著';
  const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const alwaysConverted = (name: string) => name.replace(new RegExp(`[^${KEEP_AS_IS}]+`, 'gu'), (run) => fromTaiwan(fromHongKong(run)));

  /** The converters' own entries, whole and in pieces, mixed with GB 2312 hanzi: names where
   * entries that change their text occur, almost occur, or start a character later. */
  function names(): string[] {
    const entries: string[] = [];
    const collect = (d: unknown): void => {
      if (typeof d === 'string') {
        for (const e of d.split('|')) {
          const [from] = e.split(' ');
          if (from && /^[\u4E00-\u9FFF]{1,3}$/.test(from)) entries.push(from);
        }
      } else if (Array.isArray(d)) {
        if (d.length === 2 && typeof d[0] === 'string' && !d[0].includes(' ') && typeof d[1] === 'string' && !d[1].includes(' ')) {
          if (/^[\u4E00-\u9FFF]{1,3}$/.test(d[0])) entries.push(d[0]);
        } else d.forEach(collect);
      }
    };
    for (const config of [OpenCC.Locale.configs.tw2s, OpenCC.Locale.configs.hk2s]) {
      collect((config as { normalizationChain?: unknown }).normalizationChain);
      collect(config.segmentation);
      collect(config.conversionChain);
    }
    const hanzi = gb2312Hanzi();
    let state = 7;
    const pick = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const out: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const entry = entries[pick(entries.length)];
      const piece = pick(3) === 0 ? entry.slice(0, 1 + pick(entry.length)) : entry;
      const before = pick(2) ? hanzi[pick(hanzi.length)] : '';
      const after = pick(2) ? hanzi[pick(hanzi.length)] : '';
      out.push(before + piece + after);
      out.push(hanzi[pick(hanzi.length)] + hanzi[pick(hanzi.length)] + (pick(2) ? hanzi[pick(hanzi.length)] : ''));
    }
    return out;
  }

  it('changes exactly what converting every name would change (40,000 generated names)', () => {
    let changed = 0;
    for (const name of names()) {
      const expected = alwaysConverted(name);
      expect(normalizePersonName(name), name).toBe(expected);
      if (expected !== name) changed++;
    }
    expect(changed).toBeGreaterThan(1_000);
  });
});
