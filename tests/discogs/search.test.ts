import { afterEach, beforeEach, describe, expect } from 'vitest';
import type { SearchResponse } from '../../shared/search.ts';
import { startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { writeGz } from '../helpers/catalog.ts';
import { runCli } from '../helpers/cli.ts';
import { test, type TestHub } from '../helpers/hub-fixture.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('GET /api/search: the local catalog at once, Discogs when online', () => {
  let api: FakeDiscogsApi;
  let hub: TestHub | undefined;
  let env: Record<string, string> & { VINYLVAULT_DATA_DIR: string };
  const search = async (qs: string) =>
    (await (await hub!.api(`/api/search?${qs}`)).json()) as SearchResponse;

  beforeEach(async () => {
    api = await startFakeDiscogsApi();
    const data = tempDir();
    env = { VINYLVAULT_DATA_DIR: data, DISCOGS_API_URL: api.url };
    const dump = writeGz(
      data,
      'discogs_20260101_releases.xml.gz',
      '<releases>\n<release id="1743771"><artists><artist><id>95780</id><name>Trash80</name></artist></artists><title>Icarus</title><labels><label name="8bitpeoples" catno="8BP086" id="1"/></labels><identifiers><identifier type="Barcode" value="0 12345 67890 5"/></identifiers></release>\n</releases>\n',
    );
    expect((await runCli(['ingest', dump], env)).code).toBe(0);
  });
  afterEach(async () => {
    hub = undefined;
    await api.close();
  });

  test('without a Discogs login: local hits only, saying why', async ({ hubs }) => {
    hub = await hubs.open(env);
    expect(await search('q=trash80')).toEqual({
      results: [
        {
          kind: 'release',
          id: 1743771,
          title: 'Icarus',
          artists: 'Trash80',
          label: '8bitpeoples',
          catno: '8BP086',
          source: 'local',
        },
      ],
      discogs: 'not_logged_in',
    });
  });

  test('logged in: adds Discogs hits after the local ones, without repeating them', async ({
    hubs,
  }) => {
    await runCli(['login', '--token', 'test-token'], env);
    hub = await hubs.open(env);
    const r = await search('q=trash80');
    expect(r.discogs).toBe('ok');
    expect(r.results[0]).toMatchObject({ id: 1743771, source: 'local' });
    expect(r.results.filter((h) => h.id === 1743771)).toHaveLength(1);
    expect(r.results.slice(1).every((h) => h.source === 'discogs')).toBe(true);
    expect(r.results).toContainEqual({
      kind: 'release',
      id: 1346442,
      title: 'Icarus',
      artists: 'Trash80',
      year: 2008,
      country: 'US',
      label: '8bitpeoples',
      catno: '8BP086',
      source: 'discogs',
    });
    expect(r.results).toContainEqual(
      expect.objectContaining({ kind: 'artist', id: 95780, title: 'Trash80', source: 'discogs' }),
    );
    expect(api.requests.at(-1)!.path).toBe('/database/search?per_page=50&q=trash80');

    expect(await search('q=trash80&remote=0')).toMatchObject({
      discogs: 'skipped',
      results: [{ id: 1743771 }],
    });
    expect((await search('barcode=012345678905&remote=0')).results.map((h) => h.id)).toEqual([
      1743771,
    ]);
    expect((await hub.api(`/api/search?type=song&q=x`)).status).toBe(400);
    expect((await hub.api(`/api/search`)).status).toBe(400);
  });

  test('offline: local hits, and the reason Discogs is missing', async ({ hubs }) => {
    await runCli(['login', '--token', 'test-token'], env);
    hub = await hubs.open(env);
    api.faults.serverErrors = 99;
    const r = await search('catno=8BP-086');
    expect(r).toMatchObject({ discogs: 'offline', results: [{ id: 1743771, source: 'local' }] });
    expect(r.reason).toContain('HTTP 502');
  }, 60_000);

  test('keeps the local hits when Discogs refuses the query or answers what it does not document', async ({
    hubs,
  }) => {
    await runCli(['login', '--token', 'test-token'], env);
    hub = await hubs.open(env);
    api.answers.set('/database/search', { status: 422, body: '{"message": "Invalid query."}' });
    const refused = await search('q=trash80');
    expect(refused).toMatchObject({
      discogs: 'failed',
      reason: 'Discogs refused GET /database/search: HTTP 422 (Invalid query.)',
      results: [{ id: 1743771, source: 'local' }],
    });
    api.answers.set('/database/search', { status: 200, body: '{"results": "none today"}' });
    const garbage = await search('q=trash80');
    expect(garbage).toMatchObject({
      discogs: 'failed',
      results: [{ id: 1743771, source: 'local' }],
    });
    expect(garbage.reason).toBe(
      'Discogs GET /database/search answered without what the hub needs: results: Invalid input: expected array, received string',
    );
    // One malformed result is left out; the others are kept.
    api.answers.set('/database/search', {
      status: 200,
      body: JSON.stringify({ results: [{ id: 'x' }, { id: 5, type: 'artist', title: 'Someone' }] }),
    });
    expect((await search('q=trash80')).results.map((h) => `${h.source} ${h.id}`)).toEqual([
      'local 1743771',
      'discogs 5',
    ]);
  });
});
