import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../hub/config.ts';
import { liveReleaseDocs } from '../../hub/db/catalog-queries.ts';
import { openHubDatabase } from '../../hub/db/open.ts';
import { ingestFile } from '../../hub/dumps/ingest/ingest-file.ts';
import { createLogger } from '../../hub/log.ts';
import { startHub, type RunningHub } from '../../hub/main.ts';
import { write2026Dump } from '../fixtures/dumps-2026.ts';
import { adminFetch } from '../helpers/auth.ts';
import type { Discography, Release } from '../../shared/catalog.ts';
import { sample2020 } from '../fixtures/paths.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe('catalog HTTP API', () => {
  let hub: RunningHub;
  let dir: string;
  const get = async (path: string) => {
    const res = await adminFetch(`http://127.0.0.1:${hub.port}`, dir)(`/api/catalog${path}`);
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vinylvault-'));
    const dbPath = join(dir, 'catalog.sqlite');
    const db = openHubDatabase(dbPath);
    const files = write2026Dump(dir);
    for (const f of [
      files.labels,
      files.artists,
      files.masters,
      files.releases,
      sample2020('releases'),
    ])
      await ingestFile(f, { db, dbPath });
    db.close();
    hub = await startHub(
      {
        ...loadConfig({
          VINYLVAULT_DATA_DIR: dir,
          VINYLVAULT_PORT: '0',
          VINYLVAULT_HTTPS_PORT: '0',
        }),
        host: '127.0.0.1',
      },
      createLogger('silent'),
    );
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves each kind in the API shape, as the CLI prints it', async () => {
    expect(await get('/releases/1')).toMatchObject({
      status: 200,
      body: { id: 1, title: 'Stockholm', labels: [{ id: 5, catno: 'SK032' }] },
    });
    expect(await get('/masters/9100')).toMatchObject({
      status: 200,
      body: { id: 9100, main_release: 9000002 },
    });
    expect(await get('/artists/44')).toMatchObject({
      status: 200,
      body: { id: 44, members: [{ id: 42, name: 'Sjón' }] },
    });
    expect(await get('/labels/2801')).toMatchObject({
      status: 200,
      body: { parent_label: { id: 2800 } },
    });
  });

  it('answers 404 for an absent record and 400 for a bad id or kind', async () => {
    expect(await get('/releases/424242424')).toEqual({
      status: 404,
      body: { error: 'release 424242424 is not in the catalog' },
    });
    expect((await get('/releases/abc')).status).toBe(400);
    expect((await get('/releases/-4')).status).toBe(400);
    // Ids are decimal, as Discogs writes them: 0x10 is not release 16, nor 1e3 release 1000.
    for (const bad of ['0x10', '1e3', '16.0'])
      expect(await get(`/releases/${bad}`)).toEqual({
        status: 400,
        body: { error: 'id: expected a whole number in decimal digits' },
      });
    expect(await get('/records/1')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^kinds: /) },
    });
  });

  it('lists relations with paging', async () => {
    const page = await get('/labels/5/releases?per_page=2&page=1');
    expect(page.body).toMatchObject({ page: 1, perPage: 2, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    expect(
      (await get('/artists/42/releases?role=main')).body.items.map((i: { id: number }) => i.id),
    ).toEqual([9000001]);
    expect((await get('/masters/9100/versions')).body).toMatchObject({
      total: 1,
      items: [{ id: 9000002, title: 'Loops' }],
    });
    expect((await get('/labels/5/releases?per_page=500')).status).toBe(400);
    expect((await get('/artists/42/releases?role=producer')).status).toBe(400);
  });

  it('finds releases by barcode or catno, however typed', async () => {
    expect(
      (await get('/releases?barcode=5%20016958%20123456')).body.results.map(
        (r: { id: number }) => r.id,
      ),
    ).toEqual([9000001]);
    expect(
      (await get('/releases?catno=tplp1cd')).body.results.map((r: { id: number }) => r.id),
    ).toEqual([9000001]);
    expect((await get('/releases')).status).toBe(400);
  });

  it('finds a barcode scanned as UPC-A when the release carries it as EAN-13, and the reverse', async () => {
    const db = openHubDatabase(join(dir, 'catalog.sqlite'), { readonly: true });
    const ean = db
      .prepare<[], { code: string; release_id: number }>(
        "SELECT code, release_id FROM release_codes WHERE kind = 'barcode' AND length(code) = 13 AND code LIKE '0%' LIMIT 1",
      )
      .get()!;
    db.close();
    const ids = async (code: string) =>
      (await get(`/releases?barcode=${code}`)).body.results.map((r: { id: number }) => r.id);
    expect(await ids(ean.code.slice(1))).toContain(ean.release_id);
    expect(await ids(ean.code)).toContain(ean.release_id);
  });

  it("groups an artist's and a label's releases by master, as their documents say", async () => {
    // The oracle: every release document, grouped here in JS rather than in SQL.
    const db = openHubDatabase(join(dir, 'catalog.sqlite'), { readonly: true });
    const docs = liveReleaseDocs(db).map((d) => JSON.parse(d) as Release);
    db.close();
    const expected = (on: (r: Release) => boolean) => {
      const groups = new Map<number, number[]>();
      for (const r of docs.filter(on)) {
        const key = r.master_id || -r.id;
        groups.set(key, [...(groups.get(key) ?? []), r.id]);
      }
      return [...groups.values()]
        .map((ids) => ids.sort((a, b) => a - b))
        .sort((a, b) => a[0]! - b[0]!);
    };
    const shown = (d: Discography) =>
      d.groups.map((g) => [...g.releaseIds].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
    // The artist and the label with the most records in several versions in the sample.
    const richest = (credits: (r: Release) => Array<{ id?: number }> | undefined) => {
      const ids = new Set(docs.flatMap((r) => (credits(r) ?? []).map((c) => c.id!)));
      const on = (id: number) => (r: Release) => !!credits(r)?.some((c) => c.id === id);
      return [...ids]
        .map((id) => ({ id, multi: expected(on(id)).filter((g) => g.length > 1).length }))
        .sort((a, b) => b.multi - a.multi)[0]!.id;
    };
    const artist = richest((r) => r.artists);
    const label = richest((r) => r.labels);
    for (const [path, on] of [
      [`/artists/${artist}/discography`, (r: Release) => !!r.artists?.some((a) => a.id === artist)],
      [`/labels/${label}/discography`, (r: Release) => !!r.labels?.some((l) => l.id === label)],
    ] as const) {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      const want = expected(on);
      expect(want.some((ids) => ids.length > 1)).toBe(true);
      expect(shown(body)).toEqual(want);
      expect(body).toMatchObject({ totalGroups: want.length, totalReleases: want.flat().length });
    }
    expect((await get('/artists/999999999/discography')).status).toBe(404);
    expect((await get('/masters/1/discography')).status).toBe(400);
  });

  it('searches titles, names, catalogue numbers and barcodes', async () => {
    expect((await get('/search?q=island%20live')).body.results[0]).toMatchObject({
      kind: 'release',
      id: 9000001,
    });
    expect((await get('/search?q=SK032')).body.results[0]).toMatchObject({ id: 1 });
    expect((await get('/search?q=5016958123456')).body.results[0]).toMatchObject({ id: 9000001 });
    expect((await get('/search?q=sjo&kind=artist')).body.results).toEqual([
      { kind: 'artist', id: 42, title: 'Sjón' },
    ]);
    expect((await get('/search?q=zzzzqqq')).body).toEqual({ results: [] });
    expect((await get('/search?q=')).status).toBe(400);
    expect((await get('/search?q=a&kind=song')).status).toBe(400);
  });
});
