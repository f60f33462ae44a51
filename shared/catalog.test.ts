import { describe, expect, it } from 'vitest';
import { artistLine, plainName } from './catalog.ts';

describe('names as lists show them', () => {
  it('drops only a trailing disambiguation number', () => {
    expect(plainName('Swamp (7)')).toBe('Swamp');
    expect(plainName('Not On Label (Mayer Hawthorne Self-released)')).toBe(
      'Not On Label (Mayer Hawthorne Self-released)',
    );
    expect(plainName('(12) Monkeys')).toBe('(12) Monkeys');
    expect(plainName('Prince')).toBe('Prince');
  });

  it('joins credits by their join words, the credited name first, without suffixes', () => {
    expect(
      artistLine([
        { name: 'Swamp (7)', join: 'Feat.' },
        { name: 'Heiko Laux (2)', anv: 'H. Laux', join: ',' },
        { name: 'Prince' },
      ]),
    ).toBe('Swamp Feat. H. Laux, Prince');
    expect(artistLine([])).toBeUndefined();
  });
});
