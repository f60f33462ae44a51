import { describe, expect, it } from 'vitest';
import {
  facetCounts,
  filterSorted,
  randomPick,
  sortRecords,
  viewSchema,
  type ViewState,
} from '../../web/src/data/collection-view.ts';
import { buildRecords, type CollectionRecord } from '../../web/src/data/records.ts';
import { SearchIndex } from '../../web/src/data/search-index.ts';
import { summarize } from '../../web/src/data/summary.ts';
import type { Release } from '../../shared/catalog.ts';
import type { Instance } from '../../shared/collection.ts';

// Loosely typed: the test documents carry only what the view reads.
const release = (id: number, o: object): Release => ({ id, title: `Title ${id}`, ...o }) as Release;
const docs: Release[] = [
  release(1, {
    title: 'Grace',
    artists: [{ id: 1, name: 'Jeff Buckley' }],
    labels: [{ name: 'Columbia', catno: 'COL 475928 2' }],
    year: 1994,
    country: 'UK',
    genres: ['Rock'],
    styles: ['Alternative Rock'],
    formats: [{ name: 'CD', qty: '1' }],
    identifiers: [{ type: 'Barcode', value: '5 099747 592825' }],
    tracklist: [
      { position: '1', title: 'Mojo Pin', duration: '5:42' },
      { position: '2', title: 'Hallelujah', duration: '6:53' },
    ],
  }),
  release(2, {
    title: 'Kind Of Blue',
    artists: [{ id: 2, name: 'Miles Davis' }],
    labels: [{ name: 'Columbia', catno: 'CL 1355' }],
    year: 1959,
    country: 'US',
    genres: ['Jazz'],
    styles: ['Modal'],
    formats: [{ name: 'Vinyl', qty: '1' }],
    tracklist: [
      {
        position: 'A',
        title: 'Side A',
        duration: '',
        sub_tracks: [{ position: 'A1', title: 'So What', duration: '9:22' }],
      },
    ],
  }),
  release(3, {
    title: 'Selected Ambient Works 85-92',
    artists: [{ id: 3, name: 'Aphex Twin' }],
    labels: [{ name: 'Apollo', catno: 'AMB 3922' }],
    year: 1992,
    country: 'Belgium',
    genres: ['Electronic'],
    styles: ['Ambient', 'Techno'],
    formats: [{ name: 'Vinyl', qty: '2' }],
  }),
];
const inst = (n: number, release_id: number, o: Partial<Instance> = {}): Instance => ({
  instance_id: n,
  release_id,
  folder_id: 1,
  rating: 0,
  date_added: `2026-0${n}-01T00:00:00Z`,
  notes: {},
  basic: {},
  ...o,
});
const instances = [
  inst(1, 1, { rating: 5, notes: { '3': 'signed' } }),
  inst(2, 2, { rating: 3, folder_id: 2 }),
  inst(3, 3),
  inst(4, 1, { folder_id: 2 }),
  inst(5, 999, {
    basic: {
      title: 'Only In The Listing',
      year: 2001,
      artists: [{ name: 'Unknown Band' }],
      formats: [{ name: 'Cassette' }],
    },
  }),
];
const plays = [
  {
    id: 'p1',
    instance_id: 3,
    release_id: 3,
    played_at: '2026-10-01',
    device_id: 'd',
    device_name: 'Phone',
  },
  {
    id: 'p2',
    instance_id: 3,
    release_id: 3,
    played_at: '2026-11-01',
    device_id: 'd',
    device_name: 'Phone',
  },
];
const records = buildRecords(instances, new Map(docs.map((d) => [d.id, summarize(d)])), plays);
const view = (o: Partial<ViewState> = {}) => viewSchema.parse(o);
const ids = (rs: CollectionRecord[]) => rs.map((r) => r.instanceId);
/** What the collection screen shows for a view, as CollectionModel composes it. */
const applyView = (rs: CollectionRecord[], v: ViewState, found?: Set<number>) =>
  filterSorted(sortRecords(rs, v.sort, v.descending), v.filters, found);

describe('collection view', () => {
  it('narrows to a label, a year records were added in, or a month they were played in (from the Stats charts)', () => {
    const played = records.filter((r) => r.playMonths.includes('2026-11'));
    expect(played.length).toBeGreaterThan(0);
    expect(ids(applyView(records, view({ filters: { played: '2026-11' } })))).toEqual(
      ids(applyView(played, view())),
    );
    const r3 = records.find((r) => r.instanceId === 3)!;
    const label = applyView(records, view({ filters: { label: r3.labels[0] } }));
    expect(ids(label)).toContain(3);
    expect(label.every((r) => r.labels.includes(r3.labels[0]!))).toBe(true);
    const year = r3.dateAdded.slice(0, 4);
    const added = applyView(records, view({ filters: { added: year } }));
    expect(ids(added)).toContain(3);
    expect(added.every((r) => r.dateAdded.startsWith(year))).toBe(true);
    expect(applyView(records, view({ filters: { added: '1900' } }))).toEqual([]);
  });

  it('joins instances, release summaries and plays; a release without a document uses its listing', () => {
    expect(records.find((r) => r.instanceId === 3)).toMatchObject({
      title: 'Selected Ambient Works 85-92',
      plays: 2,
      lastPlayed: '2026-11-01',
      styles: ['Ambient', 'Techno'],
    });
    expect(records.find((r) => r.instanceId === 5)).toMatchObject({
      title: 'Only In The Listing',
      artist: 'Unknown Band',
      year: 2001,
      formats: ['Cassette'],
      plays: 0,
    });
    expect(records.find((r) => r.instanceId === 2)?.tracks).toBe('Side A · So What');
  });

  it('sorts by each key, newest added first by default, ties by date added', () => {
    expect(ids(applyView(records, view()))).toEqual([5, 4, 3, 2, 1]);
    expect(ids(applyView(records, view({ sort: 'artist', descending: false })))).toEqual([
      3, 4, 1, 2, 5,
    ]);
    expect(ids(applyView(records, view({ sort: 'year', descending: false })))).toEqual([
      2, 3, 4, 1, 5,
    ]);
    expect(ids(applyView(records, view({ sort: 'rating' })))).toEqual([1, 2, 5, 4, 3]);
    expect(ids(applyView(records, view({ sort: 'plays' })))).toEqual([3, 5, 4, 2, 1]);
    expect(ids(applyView(records, view({ sort: 'label', descending: false })))).toEqual([
      5, 3, 2, 4, 1,
    ]);
  });

  it('filters by folder, genre, style, format, decade, country, rating and notes, and counts each choice', () => {
    expect(ids(applyView(records, view({ filters: { folder: 2 } })))).toEqual([4, 2]);
    expect(ids(applyView(records, view({ filters: { format: 'Vinyl', decade: 1990 } })))).toEqual([
      3,
    ]);
    expect(ids(applyView(records, view({ filters: { style: 'Techno' } })))).toEqual([3]);
    expect(ids(applyView(records, view({ filters: { country: 'UK', rating: 5 } })))).toEqual([1]);
    expect(ids(applyView(records, view({ filters: { hasNotes: true } })))).toEqual([1]);
    expect(ids(applyView(records, view({ filters: { genre: 'Jazz', folder: 1 } })))).toEqual([]);
    // With folder 2 chosen, the genre counts say what each genre would leave; the folder counts ignore the folder filter.
    const facets = facetCounts(records, { folder: 2 });
    expect(Object.fromEntries(facets.genre)).toEqual({ Rock: 1, Jazz: 1 });
    expect(Object.fromEntries(facets.folder)).toEqual({ 1: 3, 2: 2 });
    expect(Object.fromEntries(facetCounts(records, {}).decade)).toEqual({
      1990: 3,
      1950: 1,
      2000: 1,
    });
  });

  it('searches artist, title, label, catno, barcode and track titles, as the person types', () => {
    const index = new SearchIndex();
    index.update(records, 'v1');
    const find = (q: string) => [...(index.search(q) ?? [])].sort();
    expect(find('buckley')).toEqual([1, 4]);
    expect(find('hallel')).toEqual([1, 4]); // a track, by prefix
    expect(find('so what')).toEqual([2]); // a sub-track
    expect(find('CL 1355')).toEqual([2]); // catno
    expect(find('5099747592825')).toEqual([1, 4]); // barcode typed without spaces
    expect(find('apollo')).toEqual([3]); // label
    expect(find('columbia miles')).toEqual([2]); // every word must match
    expect(find('ambiant works')).toEqual([3]); // a typo in a longer word
    expect(find('zzzz')).toEqual([]);

    expect(index.search('c')).toBeUndefined(); // one letter would match nearly everything
    expect(
      ids(applyView(records, view({ query: 'columbia' }), new Set(index.search('columbia') ?? []))),
    ).toEqual([4, 2, 1]);
  });

  it('finds what collectors type: no accents, codes without their punctuation, a typo', () => {
    const more: Release[] = [
      release(11, {
        title: 'Juliette Gréco',
        artists: [{ id: 11, name: 'Juliette Gréco' }],
        labels: [{ name: 'Philips', catno: 'LAR-048' }],
      }),
      release(12, {
        title: 'Live',
        artists: [{ id: 12, name: 'Kovács Kati' }],
        labels: [{ name: 'Soma Quality Recordings', catno: 'SOMA 92' }],
        identifiers: [{ type: 'Barcode', value: '5 012394 144777' }],
      }),
    ];
    const summaries = new Map([...docs, ...more].map((d) => [d.id, summarize(d)]));
    const index = new SearchIndex();
    index.update(buildRecords([inst(1, 1), inst(11, 11), inst(12, 12)], summaries, []), 'v1');
    const find = (q: string) => [...(index.search(q) ?? [])].sort();
    expect(find('greco')).toEqual([11]);
    expect(find('GRÉCO juliette')).toEqual([11]);
    expect(find('kovacs')).toEqual([12]);
    expect(find('LAR048')).toEqual([11]);
    expect(find('lar-048')).toEqual([11]);
    expect(find('lar 048')).toEqual([11]);
    expect(find('soma92')).toEqual([12]);
    expect(find('5012394')).toEqual([12]); // a barcode's start, typed without its spaces
    expect(find('col475')).toEqual([1]); // COL 475928 2
    expect(find('buckly')).toEqual([1]); // a typo, found when nothing matches as typed
    expect(find('jeff buckly')).toEqual([1]);
    expect(find('bucklyx')).toEqual([]); // two typos: no
  });

  it('picks at random among what the view shows, never outside it', () => {
    const shown = applyView(records, view({ filters: { format: 'Vinyl' } }));
    expect(randomPick(shown, () => 0)?.instanceId).toBe(3);
    expect(randomPick(shown, () => 0.99)?.instanceId).toBe(2);
    expect(randomPick([], () => 0.5)).toBeUndefined();
  });

  it('reads a stored view leniently: missing parts take defaults', () => {
    expect(viewSchema.parse({ sort: 'year' })).toEqual({
      layout: 'grid',
      sort: 'year',
      descending: true,
      query: '',
      filters: {},
    });
    expect(viewSchema.safeParse({ sort: 'colour' }).success).toBe(false);
  });
});
