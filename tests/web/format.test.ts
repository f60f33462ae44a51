import { describe, expect, it } from 'vitest';
import { partialDate } from '../../web/src/lib/format.ts';

describe('release dates as collectors read them', () => {
  it('writes a month and year, a year, or a whole date in the locale given', () => {
    expect(partialDate('1999-03-00', 'en-US')).toBe('March 1999');
    expect(partialDate('1999-03-00', 'de-DE')).toBe('März 1999');
    expect(partialDate('1999-00-00', 'en-US')).toBe('1999');
    expect(partialDate('1999', 'en-US')).toBe('1999');
    expect(partialDate('1999-03', 'en-US')).toBe('March 1999');
    expect(partialDate('2017-12-06', 'en-US')).toBe('Dec 6, 2017');
    expect(partialDate('2017-12-06', 'en-GB')).toBe('6 Dec 2017');
  });

  it('shows what it cannot read as it is', () => {
    expect(partialDate('Spring 1971', 'en-US')).toBe('Spring 1971');
  });
});
