import { DiscogsClient } from '@lionralfs/discogs-client';
import { readFileSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caFiles } from '../../hub/tls/hub-tls.ts';
import { sampleHub, type SampleHub } from './sample-hub.ts';

// A real Discogs client library, as a collector's script uses it, pointed at the hub over
// HTTPS (the library speaks nothing else) with the hub's CA trusted, as the README says.
describe('the Discogs-compatible API through @lionralfs/discogs-client', () => {
  let served: SampleHub;
  let client: DiscogsClient;
  let direct: (path: string) => Promise<any>;

  beforeAll(async () => {
    served = await sampleHub();
    globalAgent.options.ca = readFileSync(caFiles(served.dir).caCert);
    // The library builds every path from `/`: it reads the routes the hub also serves there.
    client = new DiscogsClient({ auth: { userToken: served.token } }).setConfig({
      host: 'localhost',
      port: served.hub.httpsPort,
    });
    direct = async (path) =>
      (
        await fetch(`http://127.0.0.1:${served.hub.port}/discogs${path}`, {
          headers: { Authorization: `Discogs token=${served.token}` },
        })
      ).json();
  }, 120_000);
  afterAll(async () => {
    globalAgent.options.ca = undefined;
    await served?.close();
  });

  it('reads a release, a master, an artist and a label, and sees no rate limit to wait for', async () => {
    const db = client.database();
    const release = await db.getRelease(1);
    expect(release.data).toMatchObject({ id: 1, title: 'Stockholm', year: 1999 });
    expect(release.rateLimit.remaining).toBe(release.rateLimit.limit);
    expect(release.rateLimit.limit).toBeGreaterThan(60);
    expect((await db.getMaster(113)).data).toMatchObject({ id: 113 });
    expect((await db.getArtist(1)).data).toMatchObject({ id: 1, name: 'The Persuader' });
    expect((await db.getLabel(1)).data).toMatchObject({ id: 1, name: 'Planet E' });
  });

  it('pages versions, artist and label releases and a search to the end, as the hub lists them', async () => {
    const db = client.database();
    const pagesOf = async <T>(
      read: (page: number) => Promise<{ data: { pagination: { pages: number } } & T }>,
    ) => {
      const first = await read(1);
      const rest = [];
      for (let page = 2; page <= first.data.pagination.pages; page++) rest.push(await read(page));
      return [first.data, ...rest.map((r) => r.data)];
    };
    const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

    const versions = await pagesOf((page) => db.getMasterVersions(113, { page, per_page: 2 }));
    expect(versions.flatMap((p) => ids(p.versions))).toEqual(
      ids((await direct('/masters/113/versions?per_page=100')).versions),
    );
    const artist = await pagesOf((page) => db.getArtistReleases(1, { page, per_page: 2 }));
    expect(artist.flatMap((p) => ids(p.releases))).toEqual(
      ids((await direct('/artists/1/releases?per_page=100')).releases),
    );
    const label = await pagesOf((page) => db.getLabelReleases(1, { page, per_page: 2 }));
    expect(label.flatMap((p) => ids(p.releases))).toEqual(
      ids((await direct('/labels/1/releases?per_page=100')).releases),
    );
    const search = await pagesOf((page) => db.search({ query: 'the', page, per_page: 25 }));
    expect(search.length).toBeGreaterThan(1);
    const found = search.flatMap((p) => p.results.map((r) => `${r.type}/${r.id}`));
    expect(new Set(found).size).toBe(search[0]!.pagination.items);
    expect(found.slice(0, 100)).toEqual(
      (await direct('/database/search?q=the&per_page=100')).results.map(
        (r: { type: string; id: number }) => `${r.type}/${r.id}`,
      ),
    );
  });

  it("gets Discogs' errors back as the library's errors", async () => {
    await expect(client.database().getRelease(999999999)).rejects.toMatchObject({
      statusCode: 404,
      message: 'Release not found.',
    });
    const anonymous = new DiscogsClient().setConfig({
      host: 'localhost',
      port: served.hub.httpsPort,
    });
    await expect(anonymous.database().getRelease(1)).rejects.toMatchObject({ statusCode: 401 });
  });
});
