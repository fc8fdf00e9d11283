/**
 * mulberry32: deterministic pseudo-random numbers, so generated test data (and the benchmarks'
 * files) are the same on every run and a failure names a reproducible input.
 */
export function seededFloats(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whole numbers in [0, n) from the same sequence. */
export function seededInts(seed: number): (n: number) => number {
  const next = seededFloats(seed);
  return (n) => Math.floor(next() * n);
}
