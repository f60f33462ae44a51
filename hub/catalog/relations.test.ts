import { describe, expect, it } from 'vitest';
import type { Artist, Credit, Label, Release } from '../../shared/catalog.ts';
import { relationsOf } from './relations.ts';

const credit = (id: number | undefined, name: string, anv = ''): Credit => ({
  id,
  name,
  anv,
  join: '',
  role: '',
  tracks: '',
});

describe('what a record adds to the lookup tables and the search index', () => {
  it("gives a release's artists by role once each, labels and series with catno, and codes without 'none'", () => {
    const release = {
      id: 1,
      title: 'Homework',
      master_id: 9,
      artists: [credit(10, 'Daft Punk')],
      extraartists: [credit(11, 'Mixer'), credit(11, 'Mixer')],
      tracklist: [
        {
          position: 'A1',
          title: 'Revolution 909',
          duration: '',
          artists: [credit(12, 'Guest', 'G.')],
          sub_tracks: [
            { position: 'A1a', title: 'Part', duration: '', extraartists: [credit(13, 'Writer')] },
          ],
        },
      ],
      labels: [
        { id: 20, name: 'Virgin', catno: 'V 2821' },
        { id: 21, name: 'White', catno: 'none' },
      ],
      series: [{ id: 22, name: 'Series', catno: '' }],
      identifiers: [
        { type: 'Barcode', value: '7 24384 26092 1' },
        { type: 'Matrix / Runout', value: 'XYZ' },
      ],
      // Credits without ids (names only in the dump) take no row.
      companies: [],
    } as unknown as Release;
    const r = relationsOf('release', {
      ...release,
      artists: [...release.artists!, credit(undefined, 'Unknown')],
    });
    expect(r.parentId).toBe(9);
    expect(r.artists).toEqual([
      [10, 'main'],
      [11, 'extra'],
      [12, 'track'],
      [13, 'extra'],
    ]);
    expect(r.labels).toEqual([
      [20, 'V 2821'],
      [21, 'none'],
      [22, ''],
    ]);
    expect(r.codes).toEqual([
      ['v2821', 'catno'],
      ['724384260921', 'barcode'],
    ]);
    expect(r.search).toEqual({
      title: 'Homework',
      artists: 'Daft Punk · Unknown · Guest · G.',
      labels: 'Virgin · White',
      codes: 'V 2821 7 24384 26092 1 724384260921',
    });
  });

  it('links an artist to aliases, members and groups once each, and searches its real name and name variations', () => {
    const artist = {
      id: 1,
      name: 'Madlib',
      realname: 'Otis Jackson Jr.',
      namevariations: ['Mad Lib'],
      aliases: [
        { id: 2, name: 'Quasimoto' },
        { id: 2, name: 'Quasimoto' },
      ],
      groups: [{ id: 3, name: 'Madvillain' }],
    } as unknown as Artist;
    expect(relationsOf('artist', artist)).toEqual({
      links: [
        [2, 'alias'],
        [3, 'group'],
      ],
      search: { title: 'Madlib', artists: 'Otis Jackson Jr. · Mad Lib', labels: '', codes: '' },
    });
  });

  it('points a label to its parent', () => {
    const label = {
      id: 5,
      name: 'Sublabel',
      parent_label: { id: 4, name: 'Parent' },
    } as unknown as Label;
    expect(relationsOf('label', label)).toEqual({
      parentId: 4,
      search: { title: 'Sublabel', artists: '', labels: '', codes: '' },
    });
  });
});
