import { describe, expect, it } from 'vitest';
import type { Label, Release } from '../../shared/catalog.ts';
import { apiShape } from './api-shape.ts';

const urls = { api: 'https://hub.test/discogs', app: 'https://hub.test' };
const credit = (id: number | undefined, name: string) => ({
  ...(id === undefined ? {} : { id }),
  name,
  anv: '',
  join: '',
  role: '',
  tracks: '',
});

describe("the mirror's API shape", () => {
  it('links every credit, label, series and company that has an id, down to sub-tracks', () => {
    const release: Release = {
      id: 7,
      title: 'T',
      artists: [credit(1, 'A'), credit(undefined, 'No id (2026 dumps)')],
      companies: [{ id: 9, name: 'Pressing Plant', catno: '', entity_type: '17' }],
      series: [{ id: 8, name: 'Series', catno: '3' }],
      tracklist: [
        {
          position: '1',
          title: 'Medley',
          duration: '',
          sub_tracks: [
            { position: '1a', title: 'Part', duration: '', extraartists: [credit(2, 'B')] },
          ],
        },
      ],
    };
    const shaped = apiShape('release', release, urls) as any;
    expect(shaped.artists).toEqual([
      { ...credit(1, 'A'), resource_url: 'https://hub.test/discogs/artists/1' },
      credit(undefined, 'No id (2026 dumps)'),
    ]);
    expect(shaped.companies[0].resource_url).toBe('https://hub.test/discogs/labels/9');
    expect(shaped.series[0].resource_url).toBe('https://hub.test/discogs/labels/8');
    expect(shaped.tracklist[0].sub_tracks[0].extraartists[0].resource_url).toBe(
      'https://hub.test/discogs/artists/2',
    );
    // No master: no master_url, rather than one pointing nowhere.
    expect(JSON.parse(JSON.stringify(shaped))).not.toHaveProperty('master_url');
  });

  it("links a label's parent and sub-labels", () => {
    const label: Label = {
      id: 1,
      name: 'L',
      parent_label: { id: 2, name: 'P' },
      sublabels: [{ id: 3, name: 'S' }],
    };
    expect(apiShape('label', label, urls)).toMatchObject({
      uri: 'https://hub.test/#/label/1',
      parent_label: { id: 2, resource_url: 'https://hub.test/discogs/labels/2' },
      sublabels: [{ id: 3, resource_url: 'https://hub.test/discogs/labels/3' }],
    });
  });
});
