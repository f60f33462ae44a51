import { describe, expect, it } from 'vitest';
import { pagination } from './pagination.ts';

const url = (page: number) =>
  `https://hub.test/discogs/artists/1/releases?per_page=50&page=${page}`;

describe("the mirror's pagination object", () => {
  it('links as Discogs does: first and prev past page 1, next and last before the end', () => {
    expect(pagination(57, 1, 50, url)).toEqual({
      page: 1,
      pages: 2,
      per_page: 50,
      items: 57,
      urls: { last: url(2), next: url(2) },
    });
    expect(pagination(57, 2, 50, url).urls).toEqual({ first: url(1), prev: url(1) });
    expect(pagination(0, 1, 50, url)).toMatchObject({ pages: 1, items: 0, urls: {} });
  });

  it("answers a page past the end with Discogs' message", () => {
    expect(() => pagination(420, 2147483647, 50, url)).toThrow(
      'Page 2147483647 is outside of valid range [1, 9].',
    );
  });
});
