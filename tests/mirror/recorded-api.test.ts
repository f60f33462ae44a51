import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleHub, type SampleHub } from './sample-hub.ts';

const recorded = (path: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../fixtures/discogs-api/${path}.json`, import.meta.url)),
      'utf8',
    ),
  ) as unknown;

/** Every key path of a JSON value (array items share `[]`), with the JSON type found there. */
function shapeOf(value: unknown, path = '', into = new Map<string, string>()): Map<string, string> {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  into.set(path, type);
  if (Array.isArray(value)) for (const item of value) shapeOf(item, `${path}[]`, into);
  else if (type === 'object')
    for (const [key, v] of Object.entries(value as object)) shapeOf(v, `${path}.${key}`, into);
  return into;
}

/**
 * What a live response has and the mirror leaves out, each for a reason: the dumps carry no
 * images and no entity type on a release's label credits, `released_formatted` is the site's
 * rendering, and the 2020 sample's label file lost its sub-labels when it was cut (fixtures
 * README).
 */
const NOT_IN_THE_DUMP = [
  /^\.images/,
  /^\.thumb$/,
  /^\.released_formatted$/,
  /^\.labels\[\]\.entity_type(_name)?$/,
  /^\.sublabels/,
];

// The sample dump's records that Discogs' API was also recorded answering for: the mirror's
// path, and the recording's file (two recordings of label 1, years apart).
const RECORDS: Array<[string, string]> = [
  ...[
    'releases/1',
    'releases/2',
    'releases/3',
    'releases/79',
    'artists/1',
    'artists/2',
    'artists/3',
    'labels/1',
  ].map((path): [string, string] => [path, `by-url/${path}`]),
  ['labels/1', 'database/labels/1'],
];

describe('the mirror beside responses recorded from api.discogs.com', () => {
  let served: SampleHub;
  beforeAll(async () => {
    served = await sampleHub();
  }, 120_000);
  afterAll(() => served?.close());

  it.each(RECORDS)(
    '%s: the same field names, nesting and types, and the same values where the data has not changed',
    async (path, file) => {
      const res = await fetch(`http://127.0.0.1:${served.hub.port}/discogs/${path}`, {
        headers: { Authorization: `Discogs token=${served.token}` },
      });
      expect(res.status).toBe(200);
      const ours = (await res.json()) as Record<string, unknown>;
      const live = recorded(file) as Record<string, unknown>;
      const mine = shapeOf(ours);
      const theirs = shapeOf(live);
      // Where both have a field, it has the same JSON type.
      const differing = [...mine].filter(([p, t]) => theirs.has(p) && theirs.get(p) !== t);
      expect(differing).toEqual([]);
      // What the live response has and the mirror lacks is only what the dump does not carry.
      const missing = [...theirs.keys()].filter(
        (p) => !mine.has(p) && !NOT_IN_THE_DUMP.some((r) => r.test(p)),
      );
      expect(missing).toEqual([]);
      // Identity and the facts of a pressing are the same. Names and titles were edited between
      // the recording and the 2020 dump ("Knockin' Boots Vol 2 Of 2" gained its brackets).
      for (const key of ['id', 'year', 'country', 'released', 'genres', 'realname'])
        if (key in live) expect([key, ours[key]]).toEqual([key, live[key]]);
    },
  );

  it("artists/1/releases: each row has the live listing's fields and types, but what the dump lacks", async () => {
    const res = await fetch(
      `http://127.0.0.1:${served.hub.port}/discogs/artists/1/releases?per_page=50&page=1`,
      { headers: { Authorization: `Discogs token=${served.token}` } },
    );
    const mine = shapeOf(await res.json());
    const theirs = shapeOf(recorded('by-url/artists/1/releases_per_page=50&page=1'));
    expect([...mine].filter(([p, t]) => theirs.has(p) && theirs.get(p) !== t)).toEqual([]);
    // The sample credits The Persuader with 4 releases (1 page: no links), none of them on a
    // master the sample has (no main_release); the dump has no thumbnails.
    expect([...theirs.keys()].filter((p) => !mine.has(p))).toEqual([
      '.pagination.urls.last',
      '.pagination.urls.next',
      '.releases[].thumb',
      '.releases[].main_release',
    ]);
  });

  it('artists/1/releases (a 2026 recording, sorted by year): the same row fields, and only what the dump lacks missing', async () => {
    const res = await fetch(
      `http://127.0.0.1:${served.hub.port}/discogs/artists/1/releases?sort=year&per_page=50`,
      { headers: { Authorization: `Discogs token=${served.token}` } },
    );
    const mine = shapeOf(await res.json());
    const theirs = shapeOf(recorded('database/artists/1/releases'));
    expect([...mine].filter(([p, t]) => theirs.has(p) && theirs.get(p) !== t)).toEqual([]);
    expect([...mine.keys()].filter((p) => !theirs.has(p))).toEqual([]);
    // As above, and community figures.
    expect([...theirs.keys()].filter((p) => !mine.has(p))).toEqual([
      '.pagination.urls.last',
      '.pagination.urls.next',
      '.releases[].stats',
      '.releases[].stats.community',
      '.releases[].stats.community.in_collection',
      '.releases[].stats.community.in_wantlist',
      '.releases[].thumb',
      '.releases[].main_release',
    ]);
  });
});
