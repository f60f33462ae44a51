import { describe, expect, it } from 'vitest';
import { IdSet } from './id-set.ts';

describe('the ids an ingest has seen', () => {
  it('holds dense, sparse and huge ids, as a dump may carry any', () => {
    const seen = new IdSet();
    try {
      seen.addAll([1, 2, 3, 35_000_000]);
      seen.addAll([11_000_000_001, 2 ** 32, 2 ** 32 - 1, Number.MAX_SAFE_INTEGER]);
      for (const id of [1, 2, 3, 35_000_000, 11_000_000_001, 2 ** 32, 2 ** 32 - 1])
        expect(seen.has(id)).toBe(true);
      expect(seen.has(Number.MAX_SAFE_INTEGER)).toBe(true);
      for (const id of [0, 4, 34_999_999, 11_000_000_000, 11_000_000_002, 2 ** 33])
        expect(seen.has(id)).toBe(false);
    } finally {
      seen.dispose();
    }
  });
});
