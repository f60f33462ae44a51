import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../hub/dumps/ingest/ingest-file.ts';
import type { RunningHub } from '../../hub/main.ts';
import type { Release } from '../../shared/catalog.ts';
import { apiFetchedHash } from '../../hub/catalog/catalog-store.ts';
import { encodeDocument } from '../../hub/catalog/document-codec.ts';
import { relationsOf } from '../../hub/catalog/relations.ts';
import { CatalogWriter } from '../../hub/db/catalog-writer.ts';
import { SqliteCatalogStore } from '../../hub/db/sqlite-catalog-store.ts';
import { writeGz } from '../helpers/catalog.ts';
import { runCli } from '../helpers/cli.ts';
import { sampleHub, type SampleHub } from './sample-hub.ts';

describe('the Discogs-compatible API under /discogs', () => {
  let hub: RunningHub;
  let dir: string;
  let token: string;
  let base: string;
  // The sample's busiest label and master, as the dumps gave them.
  let label: { id: number; releases: number };
  let master: { id: number; versions: number };
  const env = () => ({ VINYLVAULT_DATA_DIR: dir });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const withToken = (path: string) => get(path, { Authorization: `Discogs token=${token}` });

  let served: SampleHub;
  beforeAll(async () => {
    served = await sampleHub(async (db, dataDir, dbPath) => {
      // A later pressing of The Persuader's on master 113, which the sample's masters have: in
      // an older file, so nothing of the sample is swept as deleted.
      await ingestFile(
        writeGz(
          dataDir,
          'discogs_20190101_releases.xml.gz',
          '<releases>\n<release id="9000010"><artists><artist><id>1</id><name>The Persuader</name></artist></artists><title>Stockholm Revisited</title><released>2001</released><master_id is_main_release="false">113</master_id></release>\n</releases>\n',
        ),
        { db, dbPath },
      );
      label = db
        .prepare<[], { id: number; releases: number }>(
          'SELECT label_id AS id, count(*) AS releases FROM release_labels WHERE label_id IN (SELECT id FROM labels) GROUP BY label_id ORDER BY releases DESC LIMIT 1',
        )
        .get()!;
      master = db
        .prepare<[], { id: number; versions: number }>(
          'SELECT master_id AS id, count(*) AS versions FROM releases WHERE master_id IN (SELECT id FROM masters) GROUP BY master_id ORDER BY versions DESC LIMIT 1',
        )
        .get()!;
      // A release the hub fetched from Discogs' API for the user (discogs/enrichment.ts): the
      // app shows it, the mirror must not serve it on.
      const fetched: Release = {
        id: 9000020,
        title: 'Fetched From The API',
        artists: [{ id: 1, name: 'The Persuader', anv: '', join: '', role: '', tracks: '' }],
        labels: [{ id: 5, name: 'Svek', catno: 'SK999' }],
        master_id: 113,
      };
      const stored = encodeDocument(JSON.stringify(fetched));
      db.transaction(() =>
        new CatalogWriter(db, 'release').put(
          {
            id: fetched.id,
            stored: 'absent',
            hash: apiFetchedHash(fetched.id).toString('hex'),
            docLength: stored.length,
            relations: relationsOf('release', fetched),
          },
          stored,
          false,
        ),
      )();
      expect(new SqliteCatalogStore(db).get('release', fetched.id)).toMatchObject({ id: 9000020 });
    });
    ({ hub, dir, token } = served);
    base = `http://127.0.0.1:${hub.port}`;
  }, 120_000);
  afterAll(() => served?.close());

  it('serves a release in the API shape, every URL field pointing at the hub, and nothing the dump lacks', async () => {
    const { status, headers, body } = await withToken('/discogs/releases/1');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 1,
      title: 'Stockholm',
      resource_url: `${base}/discogs/releases/1`,
      uri: `${base}/#/release/1`,
      master_id: 1660109,
      master_url: `${base}/discogs/masters/1660109`,
      artists: [{ id: 1, name: 'The Persuader', resource_url: `${base}/discogs/artists/1` }],
      labels: [{ id: 5, name: 'Svek', catno: 'SK032', resource_url: `${base}/discogs/labels/5` }],
    });
    for (const absent of ['images', 'thumb', 'community', 'lowest_price', 'num_for_sale'])
      expect(body).not.toHaveProperty(absent);
    expect(headers.get('x-discogs-ratelimit-remaining')).toBe(headers.get('x-discogs-ratelimit'));
    expect(Number(headers.get('x-discogs-ratelimit'))).toBeGreaterThan(60);
    // The token also works as Discogs' query parameter.
    expect((await get(`/discogs/releases/1?token=${token}`)).status).toBe(200);
  });

  it('serves masters, artists and labels with the URLs clients follow from them', async () => {
    const master = (await withToken('/discogs/masters/113')).body;
    expect(master).toMatchObject({
      id: 113,
      resource_url: `${base}/discogs/masters/113`,
      versions_url: `${base}/discogs/masters/113/versions`,
      main_release_url: `${base}/discogs/releases/${master.main_release}`,
    });
    const artist = (await withToken('/discogs/artists/1')).body;
    expect(artist).toMatchObject({
      name: 'The Persuader',
      releases_url: `${base}/discogs/artists/1/releases`,
      uri: `${base}/#/artist/1`,
    });
    expect(artist.aliases).toContainEqual({
      id: 239,
      name: 'Jesper Dahlbäck',
      resource_url: `${base}/discogs/artists/239`,
    });
    expect((await withToken('/discogs/labels/1')).body).toMatchObject({
      name: 'Planet E',
      resource_url: `${base}/discogs/labels/1`,
      releases_url: `${base}/discogs/labels/1/releases`,
    });
  });

  it("answers as Discogs does: a missing record, an unknown path, no token or someone else's", async () => {
    expect(await withToken('/discogs/releases/999999999')).toMatchObject({
      status: 404,
      body: { message: 'Release not found.' },
    });
    expect((await withToken('/discogs/masters/999999999')).body).toEqual({
      message: 'Master Release not found.',
    });
    expect(await withToken('/discogs/releases/abc')).toMatchObject({
      status: 404,
      body: { message: 'The requested resource was not found.' },
    });
    const refused = {
      status: 401,
      body: { message: 'You must authenticate to access this resource.' },
    };
    expect(await get('/discogs/releases/1')).toMatchObject(refused);
    expect(
      await get('/discogs/releases/1', { Authorization: 'Discogs token=forged' }),
    ).toMatchObject(refused);
    // An API token reaches /discogs and nothing else of the hub.
    expect(
      (await get('/api/catalog/releases/1', { Authorization: `Bearer ${token}` })).status,
    ).toBe(401);
  });

  it("pages a label's releases as Discogs does, and a client following `next` reaches every one", async () => {
    expect(label.releases).toBeGreaterThan(2);
    const seen: number[] = [];
    let url: string | undefined =
      `${base}/discogs/labels/${label.id}/releases?per_page=2&token=${token}`;
    let pages = 0;
    while (url) {
      const res = await fetch(url, { headers: { Authorization: `Discogs token=${token}` } });
      const body = (await res.json()) as any;
      expect(res.status).toBe(200);
      pages++;
      expect(body.pagination).toMatchObject({
        page: pages,
        per_page: 2,
        items: label.releases,
        pages: Math.ceil(label.releases / 2),
      });
      expect(JSON.stringify(body.pagination.urls)).not.toContain(token);
      for (const r of body.releases) {
        expect(r).toMatchObject({ id: expect.any(Number), title: expect.any(String) });
        expect(r.resource_url).toBe(`${base}/discogs/releases/${r.id}`);
        seen.push(r.id);
      }
      url = body.pagination.urls.next;
    }
    // One row per catalogue number the label gave a release, as the listing counts them.
    expect(seen).toHaveLength(label.releases);
    expect(
      await withToken(`/discogs/labels/${label.id}/releases?page=2147483647&per_page=50`),
    ).toMatchObject({
      status: 404,
      body: {
        message: `Page 2147483647 is outside of valid range [1, ${Math.ceil(label.releases / 50)}].`,
      },
    });
    // Discogs serves more than 100 a page as 100.
    expect(
      (await withToken(`/discogs/labels/${label.id}/releases?per_page=500`)).body.pagination
        .per_page,
    ).toBe(100);
    expect((await withToken(`/discogs/labels/${label.id}/releases?page=x`)).status).toBe(400);
  });

  it("lists a master's versions with each one's label, catalogue number, country and formats", async () => {
    const { status, body } = await withToken(`/discogs/masters/${master.id}/versions`);
    expect(status).toBe(200);
    expect(body.pagination).toMatchObject({ page: 1, items: master.versions, urls: {} });
    expect(body.versions).toHaveLength(master.versions);
    for (const version of body.versions) {
      const release = (await withToken(`/discogs/releases/${version.id}`)).body;
      // Absent where the release lacks it, as JSON leaves out what is undefined.
      const expected = JSON.parse(
        JSON.stringify({
          id: release.id,
          title: release.title,
          label: release.labels?.[0]?.name,
          catno: release.labels?.[0]?.catno,
          country: release.country,
          released: release.released,
          status: release.status,
          major_formats: release.formats && [...new Set(release.formats.map((f: any) => f.name))],
          resource_url: release.resource_url,
        }),
      );
      const { format: _format, ...rest } = version;
      expect(rest).toEqual(expected);
    }
    expect(await withToken('/discogs/masters/999999999/versions')).toMatchObject({
      status: 404,
      body: { message: 'Master Release not found.' },
    });
  });

  it("lists an artist's releases as Discogs does: one row per master, the rest as releases, each with the artist's role", async () => {
    const persuader = (await withToken('/discogs/artists/1/releases?per_page=1')).body;
    const all: any[] = [];
    for (let page = 1; page <= persuader.pagination.pages; page++)
      all.push(
        ...(await withToken(`/discogs/artists/1/releases?per_page=1&page=${page}`)).body.releases,
      );
    expect(all).toHaveLength(persuader.pagination.items);
    expect(all).toContainEqual(
      expect.objectContaining({
        id: 113,
        type: 'master',
        role: 'Main',
        resource_url: `${base}/discogs/masters/113`,
      }),
    );
    // Release 1's master is not in the sample: the release stands for itself.
    expect(all).toContainEqual(
      expect.objectContaining({
        id: 1,
        type: 'release',
        role: 'Main',
        title: 'Stockholm',
        label: 'Svek',
        resource_url: `${base}/discogs/releases/1`,
      }),
    );
    expect(await withToken('/discogs/artists/999999999/releases')).toMatchObject({
      status: 404,
      body: { message: 'Artist not found.' },
    });
  });

  it('serves only what came from the dumps, never a release the hub fetched from the API for the user', async () => {
    expect(await withToken('/discogs/releases/9000020')).toMatchObject({
      status: 404,
      body: { message: 'Release not found.' },
    });
    const ids = async (path: string) =>
      ((await withToken(path)).body.releases ?? (await withToken(path)).body.versions).map(
        (r: { id: number }) => r.id,
      );
    expect(await ids('/discogs/labels/5/releases?per_page=100')).not.toContain(9000020);
    expect(await ids('/discogs/masters/113/versions?per_page=100')).not.toContain(9000020);
    const persuader = (await withToken('/discogs/artists/1/releases?per_page=100')).body;
    expect(persuader.releases.map((r: { id: number }) => r.id)).not.toContain(9000020);
  });

  it('searches the database as Discogs does: words, a type, fields as filters, and pages', async () => {
    const search = async (query: string) =>
      (await withToken(`/discogs/database/search?${query}`)).body;
    expect((await search('q=stockholm')).results).toContainEqual({
      id: 1,
      type: 'release',
      title: 'The Persuader - Stockholm',
      uri: `${base}/#/release/1`,
      resource_url: `${base}/discogs/releases/1`,
      master_id: 1660109,
      master_url: `${base}/discogs/masters/1660109`,
      year: '1999',
      genre: ['Electronic'],
      style: ['Deep House'],
      country: 'Sweden',
      format: ['Vinyl', '12"', '33 ⅓ RPM'],
      label: ['Svek'],
      catno: 'SK032',
      barcode: [],
    });
    const artists = (await search('q=persuader&type=artist')).results;
    expect(artists.map((r: any) => r.type)).toEqual(artists.map(() => 'artist'));
    expect(artists).toContainEqual(expect.objectContaining({ id: 1, title: 'The Persuader' }));
    const fielded = (await search('artist=persuader&release_title=stockholm')).results;
    expect(fielded.map((r: any) => r.id)).toContain(1);
    for (const r of fielded) expect(r.title).toMatch(/Stockholm/i);
    expect((await search('barcode=0 74646-36282 2')).results.map((r: any) => r.id)).toEqual([3]);
    expect(
      (await search('q=persuader&year=1999')).results.every((r: any) => r.year === '1999'),
    ).toBe(true);
    expect(await withToken('/discogs/database/search?q=x&type=song')).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^type: /) },
    });
    // Paged to the end by `next`, as clients do, each result once.
    const seen = new Set<string>();
    let next: string | undefined = `${base}/discogs/database/search?q=the&per_page=25`;
    let total = 0;
    while (next) {
      const body = (await (
        await fetch(next, { headers: { Authorization: `Discogs token=${token}` } })
      ).json()) as any;
      total = body.pagination.items;
      for (const r of body.results) seen.add(`${r.type}/${r.id}`);
      next = body.pagination.urls.next;
    }
    expect(total).toBeGreaterThan(25);
    expect(seen.size).toBe(total);
  });

  it("sorts an artist's releases and a master's versions as Discogs' sort parameters ask", async () => {
    const titles = async (path: string) =>
      ((await withToken(path)).body.releases ?? (await withToken(path)).body.versions).map(
        (r: { title: string }) => r.title,
      );
    const byTitle = (xs: string[]) =>
      [...xs].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }));
    const asc = await titles('/discogs/artists/1/releases?sort=title&sort_order=asc');
    expect(asc.length).toBeGreaterThan(2);
    expect(asc).toEqual(byTitle(asc));
    expect(await titles('/discogs/artists/1/releases?sort=title&sort_order=desc')).toEqual(
      [...asc].reverse(),
    );
    // Paged after sorting: the second page takes up where the first left off.
    expect(await titles('/discogs/artists/1/releases?sort=title&per_page=2&page=2')).toEqual(
      asc.slice(2, 4),
    );
    const versions = await titles(`/discogs/masters/${master.id}/versions?sort=title`);
    expect(versions).toEqual(byTitle(versions));
    expect(await withToken('/discogs/artists/1/releases?sort=rating')).toMatchObject({
      status: 400,
      body: { message: 'sort: one of year, title, format' },
    });
  });

  it('lists tokens with when each was last used, and a revoked token is refused at once', async () => {
    await withToken('/discogs/releases/1');
    const listed = await runCli(['api-token', 'list'], env());
    expect(listed.stdout).toMatch(/^beets\tcreated \S+\tlast used \S+\n$/);
    expect(listed.stdout).not.toContain(token);
    expect(await runCli(['api-token', 'create', 'beets'], env())).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('an API token named "beets" exists already'),
    });
    expect(await runCli(['api-token', 'revoke', 'beets'], env())).toMatchObject({ code: 0 });
    expect((await withToken('/discogs/releases/1')).status).toBe(401);
    expect(await runCli(['api-token', 'revoke', 'beets'], env())).toMatchObject({
      code: 1,
      stderr: 'vinylvault: no API token is named "beets"\n',
    });
    expect(await runCli(['api-token', 'rename'], env())).toMatchObject({ code: 2 });
  }, 60_000);
});
