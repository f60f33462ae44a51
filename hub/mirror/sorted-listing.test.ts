import { describe, expect, it } from 'vitest';
import { sortOrderOf, sortRows } from './sorted-listing.ts';

describe("the mirror's sorted listings", () => {
  const rows = [
    { id: 1, title: 'beta', year: 2001 },
    { id: 2, title: 'Alpha 10', year: 1999 },
    { id: 3, year: 2010 },
    { id: 4, title: 'Alpha 9', year: 1999 },
  ];
  const ids = (xs: object[]) => xs.map((x) => (x as { id: number }).id);

  it('sorts by a field as people read it, numbers as numbers, rows without the field last', () => {
    expect(ids(sortRows(rows, { field: 'title', descending: false }))).toEqual([4, 2, 1, 3]);
    expect(ids(sortRows(rows, { field: 'title', descending: true }))).toEqual([1, 2, 4, 3]);
    expect(ids(sortRows(rows, { field: 'year', descending: true }))).toEqual([3, 1, 2, 4]);
  });

  it('takes only the sorts a listing has, and says which', () => {
    expect(sortOrderOf({ sort: 'title', sort_order: 'desc' }, ['year', 'title'])).toEqual({
      field: 'title',
      descending: true,
    });
    expect(sortOrderOf({}, ['year'])).toBeUndefined();
    expect(() => sortOrderOf({ sort: 'rating' }, ['year', 'title'])).toThrow(
      'sort: one of year, title',
    );
    expect(() => sortOrderOf({ sort: 'year', sort_order: 'up' }, ['year'])).toThrow(
      'sort_order: asc or desc',
    );
  });
});
