import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  Artist,
  CatalogDocument,
  Kind,
  Label,
  Master,
  Release,
} from '../../shared/catalog.ts';
import { kindInfo } from '../../hub/dumps/parse/kinds.ts';
import { RecordTreeParser, type XmlElement } from '../../hub/dumps/parse/xml-tree.ts';
import {
  artistsXml,
  labelsXml,
  longQty,
  manyTracks,
  mastersXml,
  releasesXml,
} from '../fixtures/dumps-2026.ts';
import { apiFixture, singleRecord } from '../fixtures/paths.ts';

/** Every depth-0 record of an XML text (a list root is stripped first), built as documents. */
function build(kind: Kind, xml: string): CatalogDocument[] {
  const records: XmlElement[] = [];
  const parser = new RecordTreeParser((el) => records.push(el));
  parser.write(
    xml.replace(
      new RegExp(`^\\s*<${kindInfo[kind].root}>|</${kindInfo[kind].root}>\\s*$`, 'g'),
      '',
    ),
  );
  parser.close();
  // Through JSON, as stored: fields left undefined by a builder are absent.
  return records.map((el) => JSON.parse(JSON.stringify(kindInfo[kind].build(el))));
}

const single = <T>(kind: Kind) => build(kind, readFileSync(singleRecord(kind), 'utf8'))[0] as T;

describe('release documents (pre-2024-12 shape)', () => {
  const r = single<Release>('release');

  it('carries the top-level fields', () => {
    expect(r).toMatchObject({
      id: 3,
      status: 'Accepted',
      title: 'Profound Sounds Vol. 1',
      country: 'US',
      released: '1999-07-13',
      year: 1999,
      data_quality: 'Correct',
      master_id: 66526,
    });
    expect(r.genres).toEqual(['Electronic']);
    expect(r.styles).toEqual(['Techno', 'Tech House']);
    expect(r.labels).toEqual([{ id: 6, name: 'Ruffhouse Records', catno: 'CK 63628' }]);
    expect(r.formats).toEqual([{ name: 'CD', qty: '1', descriptions: ['Compilation', 'Mixed'] }]);
    expect(r.artists).toEqual([
      { id: 3, name: 'Josh Wink', anv: '', join: '', role: '', tracks: '' },
    ]);
    expect(r.extraartists).toEqual([
      { id: 3, name: 'Josh Wink', anv: '', join: '', role: 'DJ Mix', tracks: '' },
    ]);
  });

  it('keeps CR written as &#13; and the raw line feeds of notes', () => {
    expect(r.notes).toMatch(/^1: Track title is given as "D2"/);
    expect(r.notes).toContain('[m27265]. Additionally');
    expect(r.notes).toContain('J. Dahlbäck. \r\n5: Track title');
  });

  it('builds the tracklist with sub_tracks and track-level credits', () => {
    expect(r.tracklist).toHaveLength(14);
    expect(r.tracklist![0]).toEqual({
      position: '1',
      title: 'Untitled 8',
      duration: '7:00',
      sub_tracks: [
        { position: '11.a', title: '909 Shuffle', duration: '3:10' },
        { position: '11.b', title: 'Laser 101 Rmx', duration: '4:26' },
        { position: '11.c', title: 'Adrenalin (Ciborg Rmx)', duration: '5:38' },
      ],
      artists: [
        { id: 5, name: 'Heiko Laux', anv: '', join: '&', role: '', tracks: '' },
        { id: 4, name: 'Johannes Heil', anv: '', join: '', role: '', tracks: '' },
      ],
      extraartists: [
        { id: 11233, name: 'Chris Lum', anv: '', join: '', role: 'Producer', tracks: '' },
      ],
    });
    expect(r.tracklist![1]!.artists).toEqual([
      { id: 15525, name: 'Karl Axel Bissler', anv: 'K.A.B.', join: '', role: '', tracks: '' },
    ]);
  });

  it('builds companies, identifiers and videos', () => {
    expect(r.companies).toEqual([
      {
        id: 93330,
        name: 'Columbia Records',
        catno: '',
        entity_type: '10',
        entity_type_name: 'Manufactured By',
        resource_url: 'https://api.discogs.com/labels/93330',
      },
      {
        id: 93330,
        name: 'Columbia Records',
        catno: '',
        entity_type: '9',
        entity_type_name: 'Distributed By',
        resource_url: 'https://api.discogs.com/labels/93330',
      },
    ]);
    expect(r.identifiers).toEqual([{ type: 'Barcode', value: '074646362822' }]);
    expect(r.videos).toHaveLength(3);
    expect(r.videos![0]).toEqual({
      uri: 'https://www.youtube.com/watch?v=bqUfNGJEKlo',
      title: 'Profound Sounds Vol. 1 - Josh Wink',
      description: 'mix 1999',
      duration: 4074,
      embed: true,
    });
    expect(r.videos![1]!.description).toBe('');
  });

  it('leaves out what the dump lacks: images, is_main_release', () => {
    expect(JSON.stringify(r)).not.toMatch(/"images"|is_main_release|uri150/);
  });
});

describe('artist, label and master documents (pre-2024-12 shape)', () => {
  it('artist: realname, profile, urls, namevariations, aliases, members, groups', () => {
    const a = single<Artist>('artist');
    expect(a).toMatchObject({
      id: 27,
      name: 'Cari Lekebusch',
      realname: 'Kari Pekka Lekebusch',
      data_quality: 'Needs Vote',
    });
    expect(a.profile).toMatch(/^Capricorn born 1972/);
    expect(a.urls).toEqual([
      'https://lekebusch.bandcamp.com/',
      'http://www.carilekebusch.com',
      'http://www.lekebuschmusik.se',
    ]);
    expect(a.namevariations).toEqual(['C Lekebusch', 'Cari Lekebusch den rykande Bönsyrsan']);
    expect(a.aliases).toEqual([
      { id: 89, name: 'Mr. James Barth' },
      { id: 1294, name: 'Braincell' },
    ]);
    expect(a.members).toEqual([
      { id: 6549, name: 'Richard Worth' },
      { id: 28896, name: 'Jay Rodriguez' },
    ]);
    expect(a.groups).toEqual([
      { id: 2, name: 'Mr. James Barth & A.D.' },
      { id: 2470, name: 'Puente Latino' },
    ]);
  });

  it('label: contact_info with CRs, profile, urls, sublabels', () => {
    const l = single<Label>('label');
    expect(l).toMatchObject({ id: 1, name: 'Planet E', data_quality: 'Correct' });
    expect(l.contact_info).toBe(
      'Planet E Communications\r\nP.O. Box 27218\r\nDetroit, Michigan, MI 48227\r\nUSA\r\n\r\nPhone: +1 313 874 8729\r\nFax: +1 313 874 8732\r\nEmail: info@Planet-e.net',
    );
    expect(l.urls).toHaveLength(13);
    expect(l.sublabels).toHaveLength(8);
    expect(l.sublabels![0]).toEqual({ id: 86537, name: 'Antidote (4)' });
    expect(l.parent_label).toBeUndefined();
  });

  it('master: main_release, artists, genres, styles, year, videos', () => {
    const m = single<Master>('master');
    expect(m).toMatchObject({
      id: 122,
      title: 'Organized Chaos E.P.',
      main_release: 85912,
      year: 1993,
      data_quality: 'Correct',
    });
    expect(m.artists).toEqual([
      { id: 69209, name: 'Mixrace', anv: '', join: '', role: '', tracks: '' },
    ]);
    expect(m.styles).toEqual(['Breakbeat', 'Hardcore', 'Jungle']);
    expect(m.videos!.length).toBeGreaterThan(0);
    expect(m.videos![0]).toMatchObject({
      uri: expect.stringMatching(/^https:\/\/www\.youtube\.com\//),
      duration: expect.any(Number),
      embed: true,
    });
  });
});

describe('2026 shape', () => {
  const [first, second, third] = build('release', releasesXml) as Release[];

  it('reads credits and companies without ids, series, and master_id 0 as no master', () => {
    expect(first!.artists).toEqual([
      { name: 'Björk', anv: 'Bjork', join: '&', role: '', tracks: '' },
      { id: 42, name: 'Sjón', anv: '', join: '', role: '', tracks: '' },
    ]);
    expect(first!.extraartists).toEqual([
      { name: 'Uncredited Engineer', anv: '', join: '', role: 'Engineer', tracks: '' },
    ]);
    expect(first!.series).toEqual([{ id: 777001, name: 'Nordic Sounds', catno: 'NS-7' }]);
    expect(first!.companies).toEqual([
      { name: 'Sony DADC', catno: '', entity_type: '17', entity_type_name: 'Pressed By' },
    ]);
    expect(first).not.toHaveProperty('master_id');
    expect(first).not.toHaveProperty('status');
    expect(second!.master_id).toBe(9100);
  });

  it('keeps multi-byte text, CR from &#13; and raw LF, and a 64-digit qty as a string', () => {
    expect(first!.title).toBe('Ísland – “Live” 日本');
    expect(first!.notes).toBe('Line one\r\nLine two\nLine three with “quotes” and ✓');
    expect(first!.formats).toEqual([{ name: 'CD', qty: longQty, descriptions: ['Album'] }]);
    expect(first!.identifiers).toEqual([
      { type: 'Barcode', value: '5 016958 123456' },
      { type: 'Matrix / Runout', description: 'Side A', value: 'TPLP1-A' },
    ]);
  });

  it('builds a release with thousands of tracks, and one with nothing but an id', () => {
    expect(second!.tracklist).toHaveLength(manyTracks);
    expect(second!.tracklist!.at(-1)).toEqual({
      position: String(manyTracks),
      title: `Loop ${manyTracks} – ünïcödé ✓`,
      duration: '0:09',
    });
    expect(third).toEqual({ id: 9000003, title: '', country: 'UK' });
  });

  it('reads artists, labels with parent and sublabels, masters', () => {
    const [sjon, medusa] = build('artist', artistsXml) as Artist[];
    expect(sjon).toMatchObject({
      id: 42,
      realname: 'Sigurjón Birgir Sigurðsson',
      namevariations: ['Sjon'],
      aliases: [{ id: 43, name: 'Johnny Triumph' }],
      groups: [{ id: 44, name: 'Medúsa' }],
    });
    expect(medusa!.members).toEqual([{ id: 42, name: 'Sjón' }]);
    const [oli, digital] = build('label', labelsXml) as Label[];
    expect(oli).toMatchObject({
      contact_info: 'London\r\nUK',
      sublabels: [{ id: 2801, name: 'OLI Digital' }],
    });
    expect(digital!.parent_label).toEqual({ id: 2800, name: 'One Little Independent' });
    const [master] = build('master', mastersXml) as Master[];
    expect(master).toEqual({
      id: 9100,
      title: 'Loops',
      main_release: 9000002,
      year: 2026,
      videos: [
        {
          uri: 'https://www.youtube.com/watch?v=x',
          title: 'Loop',
          description: '',
          duration: 61,
          embed: false,
        },
      ],
    });
  });

  it('gives the same document for the same record in either shape', () => {
    const old =
      '<release id="5" status="Accepted"><images/><artists><artist><id>0</id><name>X</name><anv/><join/><role/><tracks/></artist></artists><title>T</title><notes/><master_id is_main_release="false">0</master_id></release>';
    const now =
      '<release id="5"><artists><artist><name>X</name></artist></artists><title>T</title><master_id is_main_release="false">0</master_id></release>';
    const [a] = build('release', old);
    const [b] = build('release', now);
    expect({ ...a, status: undefined }).toEqual(b);
  });
});

describe('the Discogs API shape', () => {
  /** Each field of ours must exist in the API's document with the same JSON type, recursively. */
  function sameShape(ours: unknown, api: unknown, path: string): string[] {
    const type = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    if (type(ours) !== type(api))
      return [`${path}: ours is ${type(ours)}, the API's is ${type(api)}`];
    if (Array.isArray(ours))
      return ours.length && (api as unknown[]).length
        ? sameShape(ours[0], (api as unknown[])[0], `${path}[0]`)
        : [];
    if (type(ours) !== 'object') return [];
    return Object.entries(ours as object).flatMap(([k, v]) => {
      const a = (api as Record<string, unknown>)[k];
      return a === undefined ? [] : sameShape(v, a, `${path}.${k}`);
    });
  }
  const api = (p: string) => JSON.parse(readFileSync(apiFixture(p), 'utf8'));

  it.each([
    ['release', 'database/releases/get-release.json'],
    ['master', 'database/releases/get-master-release.json'],
    ['artist', 'database/artists/23755.json'],
    ['label', 'database/labels/1.json'],
  ] as const)('%s: every field is named and typed as in the API', (kind, file) => {
    const doc = single<CatalogDocument>(kind);
    const reference = api(file);
    const unknown = Object.keys(doc).filter(
      (k) => !(k in reference) && !['members', 'parent_label', 'series'].includes(k),
    );
    expect(unknown).toEqual([]);
    expect(sameShape(doc, reference, kind)).toEqual([]);
  });
});
