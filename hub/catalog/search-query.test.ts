import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './search-query.ts';

describe('what a person types, as an FTS5 query', () => {
  it('needs every word, the last one as a prefix', () => {
    expect(toFtsQuery('daft punk hom')).toBe('"daft" "punk" "hom"*');
  });

  it('waits for a third letter before matching the last word as a prefix, except in scripts of short words', () => {
    expect(toFtsQuery('the be')).toBe('"the" "be"');
    expect(toFtsQuery('the bea')).toBe('"the" "bea"*');
    expect(toFtsQuery('坂本')).toBe('"坂本"*');
  });

  it('takes FTS5 operators and punctuation typed by accident as plain words', () => {
    expect(toFtsQuery('AND "NOT" -x col:umn (a OR b)')).toBe(
      '"AND" "NOT" "x" "col" "umn" "a" "OR" "b"',
    );
  });

  it('normalizes compatibility characters and keeps letters of any script', () => {
    expect(toFtsQuery('ﬁsh Ｂｊörk 坂本')).toBe('"fish" "Björk" "坂本"*');
  });

  it('gives nothing when nothing searchable is left', () => {
    expect(toFtsQuery('  -- "" ')).toBeUndefined();
    expect(toFtsQuery('')).toBeUndefined();
  });
});
