import { describe, it, expect } from 'vitest';
import { toHalfWidth } from './fullWidth';

const FULL_WIDTH =
  '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～';
const ASCII =
  '!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';

describe('toHalfWidth', () => {
  it('maps the whole U+FF01–U+FF5E block to printable ASCII', () => {
    expect(FULL_WIDTH).toHaveLength(94);
    expect(toHalfWidth(FULL_WIDTH)).toBe(ASCII);
  });

  it('maps each full-width character individually', () => {
    [...FULL_WIDTH].forEach((ch, i) => expect(toHalfWidth(ch)).toBe(ASCII[i]));
  });

  it('turns the ideographic space U+3000 into an ASCII space', () => {
    expect(toHalfWidth('王\u3000小明')).toBe('王 小明');
    expect(toHalfWidth('\u3000\u3000')).toBe('  ');
  });

  it('folds numbers written with full-width digits and punctuation', () => {
    expect(toHalfWidth('１２，３４５．６０')).toBe('12,345.60');
    expect(toHalfWidth('－１２．３')).toBe('-12.3');
    expect(toHalfWidth('２０２４／３／５')).toBe('2024/3/5');
    expect(toHalfWidth('用电量（千瓦时）')).toBe('用电量(千瓦时)');
  });

  it('leaves Chinese punctuation without an ASCII equivalent alone', () => {
    const chinese = '〔〕、。《》「」『』【】…—·“”‘’';
    expect(toHalfWidth(chinese)).toBe(chinese);
    expect(toHalfWidth('京检〔2024〕12号')).toBe('京检〔2024〕12号');
  });

  it('leaves characters just outside the block alone', () => {
    // U+FF00 (unassigned), U+FF5F ｟, U+FF60 ｠, U+FF65 ･, U+FFE5 ￥ are not in FF01–FF5E.
    for (const ch of ['\uFF00', '\uFF5F', '\uFF60', '\uFF65', '\uFFE5', '\uFFE0']) {
      expect(toHalfWidth(ch)).toBe(ch);
    }
  });

  it('leaves ASCII, Chinese text and the empty string unchanged', () => {
    expect(toHalfWidth('')).toBe('');
    expect(toHalfWidth(ASCII)).toBe(ASCII);
    expect(toHalfWidth('北京市朝阳区')).toBe('北京市朝阳区');
  });

  it('handles mixed text and characters outside the BMP', () => {
    expect(toHalfWidth('房屋编号：Ａ－１０１室')).toBe('房屋编号:A-101室');
    expect(toHalfWidth('𠮷Ｘ')).toBe('𠮷X');
  });
});
