import { describe, expect, it } from 'vitest';
import type { Play } from '../../shared/mutations.ts';
import type { CollectionRecord } from '../../web/src/data/records.ts';
import {
  addedByYear,
  isNoLabel,
  longestUnplayed,
  mostPlayed,
  playsByMonth,
  valueOverTime,
} from '../../web/src/data/stats.ts';

const play = (played_at: string): Play => ({
  id: played_at,
  instance_id: 1,
  release_id: 1,
  played_at,
  device_id: 'd',
  device_name: 'Phone',
});
const record = (o: Partial<CollectionRecord>) =>
  ({ plays: 0, lastPlayed: null, dateAdded: '2020-01-01T00:00:00Z', ...o }) as CollectionRecord;

describe('the Stats screen’s figures', () => {
  it('counts plays in each of the last months, this one last, each column opening its month', () => {
    const columns = playsByMonth(
      [play('2026-11-03'), play('2026-11-20T21:00:00Z'), play('2026-12-01'), play('2025-01-05')],
      new Date(2026, 11, 3),
      3,
      'en-US',
    );
    expect(columns.map((c) => [c.title, c.n, c.filter])).toEqual([
      ['October 2026', 0, { played: '2026-10' }],
      ['November 2026', 2, { played: '2026-11' }],
      ['December 2026', 1, { played: '2026-12' }],
    ]);
  });

  it('counts records added each year, gaps included', () => {
    const columns = addedByYear(
      [
        record({ dateAdded: '2023-05-01T00:00:00Z' }),
        record({ dateAdded: '2025-02-01T00:00:00Z' }),
        record({ dateAdded: '2025-03-01T00:00:00Z' }),
      ],
      new Date(2026, 0, 1),
    );
    expect(columns.map((c) => [c.label, c.n])).toEqual([
      ['2023', 1],
      ['2024', 0],
      ['2025', 2],
      ['2026', 0],
    ]);
    expect(columns[2]!.filter).toEqual({ added: '2025' });
  });

  it('reads Discogs’ amounts with their currency and thousands commas', () => {
    const [v] = valueOverTime(
      [
        {
          minimum: '€1.00',
          median: '€3,512.75',
          maximum: '€9.00',
          fetched_at: '2026-12-01T03:00:00Z',
        },
      ],
      'en-US',
    );
    expect(v).toMatchObject({ n: 3512.75, shown: '€3,512.75', title: 'Dec 1, 2026' });
  });

  it('ranks the most played and the longest unplayed; never-played records are in neither', () => {
    const records = [
      record({ instanceId: 1, plays: 3, lastPlayed: '2026-01-01' }),
      record({ instanceId: 2, plays: 9, lastPlayed: '2024-06-01' }),
      record({ instanceId: 3 }),
      record({ instanceId: 4, plays: 1, lastPlayed: '2025-06-01' }),
    ];
    expect(mostPlayed(records).map((r) => r.instanceId)).toEqual([2, 1, 4]);
    expect(longestUnplayed(records).map((r) => r.instanceId)).toEqual([2, 4, 1]);
  });

  it('knows Discogs’ placeholder for no label', () => {
    expect(isNoLabel('Not On Label')).toBe(true);
    expect(isNoLabel('Not On Label (Mayer Hawthorne Self-released)')).toBe(true);
    expect(isNoLabel('Notting Hill Records')).toBe(false);
  });
});
