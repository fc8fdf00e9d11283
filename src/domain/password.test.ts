import { describe, expect, it } from 'vitest';
import { isStrongPassword } from './password.js';

describe('isStrongPassword', () => {
  it('accepts letters and digits of sufficient length', () => {
    expect(isStrongPassword('Jianxing@2026')).toBe(true);
    expect(isStrongPassword('abcdefg1')).toBe(true);
  });
  it('rejects short, digit-only, letter-only and overlong passwords', () => {
    expect(isStrongPassword('abc1234')).toBe(false);
    expect(isStrongPassword('12345678')).toBe(false);
    expect(isStrongPassword('abcdefgh')).toBe(false);
    expect(isStrongPassword('a1'.repeat(65))).toBe(false);
  });
});
