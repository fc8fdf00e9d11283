/**
 * Seeded pseudo-random numbers for the demo data generator. The same seed must give the same
 * files byte for byte, so nothing here reads the clock or Math.random.
 */

/** 128 bits of state from a string (cyrb128). */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Running totals of weight tables, computed once per table (most tables are constants). */
const CUMULATIVE = new WeakMap<object, number[]>();

/** sfc32: small, fast and good enough for test data. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = hashSeed(seed);
    // The first outputs of a freshly seeded sfc32 are poorly mixed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream: what one part of the generator draws does not shift another's. */
  fork(label: string): Random {
    return new Random(`${this.seed}/${label}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** 0 … n−1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** lo … hi, both included. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let cumulative = CUMULATIVE.get(items);
    if (!cumulative) {
      let total = 0;
      cumulative = items.map(([, w]) => (total += w));
      CUMULATIVE.set(items, cumulative);
    }
    const r = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo][0];
  }

  shuffle<T>(items: { length: number; [i: number]: T }): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
  }
}

/** murmur3's finalizer: a cheap, well-mixing round function. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A pseudo-random bijection of 0 … size−1 (a four-round Feistel network with cycle walking).
 * Numbers that must be unique (ID numbers, plates, credit codes) are drawn through it: the i-th
 * draw is distinct from every other without remembering what was drawn, which keeps memory flat
 * at a million tenants.
 */
export class Permutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    rng: Random,
  ) {
    if (size < 2 || size > 2 ** 30) throw new RangeError(`permutation size ${size} out of range`);
    let bits = 2;
    while (2 ** bits < size) bits++;
    if (bits % 2) bits++;
    this.half = bits / 2;
    this.mask = (1 << this.half) - 1;
    this.keys = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()];
  }

  at(i: number): number {
    if (i < 0 || i >= this.size) throw new RangeError(`index ${i} outside 0 … ${this.size - 1}`);
    let x = i;
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  private encrypt(x: number): number {
    let left = x >>> this.half;
    let right = x & this.mask;
    for (const key of this.keys) {
      const next = left ^ (mix(right ^ key) & this.mask);
      left = right;
      right = next;
    }
    return left * (this.mask + 1) + right;
  }
}
