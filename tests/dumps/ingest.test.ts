import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Artist, Release } from '../../shared/catalog.ts';
import { decodeDocument, dictionary } from '../../hub/catalog/document-codec.ts';
import { IngestRuns } from '../../hub/db/ingest-runs.ts';
import { IngestError } from '../../hub/dumps/ingest/ingest-error.ts';
import {
  catalogContents,
  gunzipText,
  testCatalog,
  writeGz,
  type TestCatalog,
} from '../helpers/catalog.ts';
import { longQty, manyTracks, write2026Dump } from '../fixtures/dumps-2026.ts';
import { sample2020, singleRecord } from '../fixtures/paths.ts';
import { buildReleasesCorpus } from '../../bench/corpus.ts';
import { openHubDatabase } from '../../hub/db/open.ts';
import { ingestFile } from '../../hub/dumps/ingest/ingest-file.ts';
import { mountTmpfs } from '../helpers/tmpfs.ts';

describe('ingesting the 2020 sample', () => {
  let cat: TestCatalog;
  beforeEach(async () => {
    cat = testCatalog();
    for (const kind of ['labels', 'artists', 'masters', 'releases'] as const) {
      const r = await cat.ingest(sample2020(kind));
      expect(r).toMatchObject({ added: 1000, changed: 0, unchanged: 0, deleted: 0, skipped: 0 });
    }
  });

  it('stores every record, and the lookups and search find them', () => {
    expect(cat.store.counts()).toEqual({ label: 1000, artist: 1000, master: 1000, release: 1000 });
    const r1 = cat.store.get('release', 1) as Release;
    expect(r1).toMatchObject({
      title: 'Stockholm',
      labels: [{ id: 5, name: 'Svek', catno: 'SK032' }],
      master_id: 1660109,
    });
    expect(r1.tracklist!.map((t) => t.title)).toEqual([
      'Östermalm',
      'Vasastaden',
      'Kungsholmen',
      'Södermalm',
      'Norrmalm',
      'Gamla Stan',
    ]);
    expect((cat.store.get('artist', 1) as Artist).aliases).toContainEqual({
      id: 239,
      name: 'Jesper Dahlbäck',
    });

    expect(
      cat.store.releasesOfArtist(1, { page: 1, perPage: 100 }).items.map((i) => i.id),
    ).toContain(1);
    expect(
      cat.store.releasesOfArtist(239, { page: 1, perPage: 100 }, 'extra').items.map((i) => i.id),
    ).toContain(1);
    expect(cat.store.releasesOfLabel(5, { page: 1, perPage: 100 }).items).toContainEqual(
      expect.objectContaining({ id: 1, catno: 'SK032' }),
    );
    expect(cat.store.versionsOfMaster(1660109, { page: 1, perPage: 10 })).toMatchObject({
      total: 1,
      items: [{ id: 1 }],
    });
    expect(cat.store.releasesByCode('0 74646-36282 2', 'barcode').map((r) => r.id)).toEqual([3]);
    expect(cat.store.releasesByCode('sk-032', 'catno').map((r) => r.id)).toEqual([1]);
    expect(cat.store.search('persuader stockh')[0]).toMatchObject({
      kind: 'release',
      id: 1,
      artists: 'The Persuader',
    });
    // Folded diacritics: 'dahlback' finds The Persuader, whose realname is Jesper Dahlbäck.
    expect(cat.store.search('jesper dahlback', { kind: 'artist' }).map((h) => h.id)).toEqual([1]);
    expect(cat.store.search('Planet E', { kind: 'label' })[0]).toMatchObject({
      kind: 'label',
      id: 1,
      title: 'Planet E',
    });
  });

  it('re-ingests an unchanged file without writing anything', async () => {
    const before = catalogContents(cat.db);
    const changesBefore = cat.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    const r = await cat.ingest(sample2020('releases'));
    expect(r).toMatchObject({ added: 0, changed: 0, unchanged: 1000, deleted: 0 });
    const changesAfter = cat.db.prepare('SELECT total_changes() AS n').get() as { n: number };
    // Only the ingest_runs row (insert and update) was written.
    expect(changesAfter.n - changesBefore.n).toBe(2);
    expect(catalogContents(cat.db)).toEqual(before);
  });

  it('reads a catalog stored in older forms (plain JSON, deflated) as before, and rewrites it once in the current format on the next ingest', async () => {
    // The busiest artist, label and master of the sample, listed and grouped as stored now.
    const busiest = (sql: string) => cat.db.prepare<[], number>(sql).pluck().get()!;
    const artist = busiest(
      "SELECT artist_id FROM release_artists WHERE role = 'main' GROUP BY artist_id ORDER BY count(*) DESC LIMIT 1",
    );
    const label = busiest(
      'SELECT label_id FROM release_labels GROUP BY label_id ORDER BY count(*) DESC LIMIT 1',
    );
    const master = busiest(
      'SELECT master_id FROM releases WHERE master_id IS NOT NULL GROUP BY master_id ORDER BY count(*) DESC LIMIT 1',
    );
    const page = { page: 1, perPage: 100 };
    const reads = () => ({
      release: cat.store.get('release', 1),
      artist: cat.store.releasesOfArtist(artist, page),
      label: cat.store.releasesOfLabel(label, page),
      versions: cat.store.versionsOfMaster(master, page),
      discography: cat.store.discography('artist', artist),
      byLabel: cat.store.discography('label', label),
      search: cat.store.search('stockholm'),
    });
    const current = reads();
    expect(current.artist.items.length).toBeGreaterThan(1);

    // What older catalogs hold: plain JSON documents and no year column values (version 8),
    // or documents deflated as format 1 did, with their year (here every odd release).
    const deflate1 = (json: string) =>
      Buffer.concat([Buffer.from([1]), deflateRawSync(json, { level: 1, dictionary })]);
    for (const kind of ['releases', 'masters', 'artists', 'labels'])
      cat.db.transaction(() => {
        for (const { id, doc } of cat.db
          .prepare<[], { id: number; doc: Buffer }>(`SELECT id, doc FROM ${kind}`)
          .all()) {
          const json = decodeDocument(doc);
          const old = kind === 'releases' && id % 2 === 1 ? deflate1(json) : json;
          cat.db.prepare(`UPDATE ${kind} SET doc = ? WHERE id = ?`).run(old, id);
        }
      })();
    cat.db.prepare("UPDATE releases SET year = NULL WHERE typeof(doc) = 'text'").run();
    const formats = () =>
      cat.db
        .prepare<[], { format: string; n: number }>(
          "SELECT iif(typeof(doc) = 'text', 'text', hex(substr(doc, 1, 1))) AS format, count(*) AS n FROM releases GROUP BY 1 ORDER BY 1",
        )
        .all();
    expect(formats()).toEqual([
      { format: '01', n: expect.any(Number) },
      { format: 'text', n: expect.any(Number) },
    ]);
    expect(reads()).toEqual(current);

    // The next ingest of the same file rewrites every document in the current format, once.
    expect(await cat.ingest(sample2020('releases'))).toMatchObject({ changed: 1000, unchanged: 0 });
    expect(formats()).toEqual([{ format: '02', n: 1000 }]);
    expect(reads()).toEqual(current);
    expect(await cat.ingest(sample2020('releases'))).toMatchObject({ changed: 0, unchanged: 1000 });
  });

  it('rewrites a changed record, and marks deleted what a newer complete file lacks', async () => {
    const xml = await gunzipText(sample2020('releases'));
    const edited = xml
      .replace('<title>Stockholm</title>', '<title>Stockholm (Remastered)</title>')
      .replace(/<release id="2" [\s\S]*?<\/release>\n/, '');
    const r = await cat.ingest(writeGz(cat.dir, 'discogs_20200906_releases.xml.gz', edited));
    expect(r).toMatchObject({
      added: 0,
      changed: 1,
      unchanged: 998,
      deleted: 1,
      sweptDeletions: true,
    });
    expect((cat.store.get('release', 1) as Release).title).toBe('Stockholm (Remastered)');
    expect(cat.store.search('stockholm remastered').map((h) => h.id)).toEqual([1]);
    expect(cat.store.get('release', 2)).toBeUndefined();
    expect(
      cat.store.releasesOfArtist(2, { page: 1, perPage: 100 }).items.map((i) => i.id),
    ).not.toContain(2);
    expect(cat.store.search('Knockin Boots Vol 2').map((h) => h.id)).not.toContain(2);

    // Back in a later dump: restored, counted as added.
    const again = await cat.ingest(writeGz(cat.dir, 'discogs_20201006_releases.xml.gz', xml));
    expect(again).toMatchObject({ added: 1, changed: 1, unchanged: 998, deleted: 0 });
    expect(cat.store.get('release', 2)).toMatchObject({ id: 2 });
  });

  it('sweeps no deletions for an older dump or a single-record file', async () => {
    const xml = await gunzipText(sample2020('releases'));
    const partial = xml.replace(/<release id="2" [\s\S]*?<\/release>\n/, '');
    expect(
      await cat.ingest(writeGz(cat.dir, 'discogs_20200706_releases.xml.gz', partial)),
    ).toMatchObject({ deleted: 0, sweptDeletions: false });
    expect(await cat.ingest(singleRecord('release'))).toMatchObject({
      deleted: 0,
      sweptDeletions: false,
    });
    expect(cat.store.counts().release).toBe(1000);
  });

  it('skips and counts malformed records in a well-formed file', async () => {
    const xml =
      '<releases>\n<release><title>no id</title></release>\n<release id="abc"><title>bad id</title></release>\n<release id="77000001"><title>fine</title></release>\n</releases>\n';
    const r = await cat.ingest(writeGz(cat.dir, 'extra_releases.xml.gz', xml));
    expect(r).toMatchObject({ added: 1, skipped: 2 });
    expect(r.skippedExamples).toEqual([
      expect.stringMatching(/^byte \d+: release has no usable id \(missing\)$/),
      expect.stringMatching(
        /^byte \d+: release has no usable id \("abc"\) \(after release \d+\)$|^byte \d+: release has no usable id \("abc"\)$/,
      ),
    ]);
  });

  describe('bad input: a clear error, the run recorded as failed, nothing stored is lost', () => {
    let before: Record<string, unknown[]>;
    beforeEach(() => {
      before = catalogContents(cat.db);
    });
    const expectIntact = () => {
      expect(catalogContents(cat.db)).toEqual(before);
      expect(new IngestRuns(cat.db).list(1)[0]).toMatchObject({
        status: 'failed',
        error: expect.any(String),
      });
    };

    it('a .gz that is not gzip', async () => {
      const file = join(cat.dir, 'discogs_20201106_releases.xml.gz');
      writeFileSync(file, '<releases></releases>');
      await expect(cat.ingest(file)).rejects.toThrow(
        new IngestError(`${file}: not a gzip file (byte 0 is not the gzip signature)`),
      );
      expect(catalogContents(cat.db)).toEqual(before);
    });

    it('a tar archive inside gzip', async () => {
      const tar = Buffer.alloc(2048);
      tar.write('discogs_20201106_releases.xml', 0);
      tar.write('ustar', 257);
      const file = join(cat.dir, 'discogs_20201106_releases.xml.tar.gz');
      writeFileSync(file, gzipSync(tar));
      await expect(cat.ingest(file)).rejects.toThrow(
        /releases\.xml\.tar\.gz: holds a tar archive \(ustar header at byte 257\)/,
      );
      expectIntact();
    });

    it('a truncated gzip file', async () => {
      const whole = gzipSync(await gunzipText(sample2020('releases')));
      const file = join(cat.dir, 'discogs_20201106_releases.xml.gz');
      writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
      await expect(cat.ingest(file)).rejects.toThrow(
        /discogs_20201106_releases\.xml\.gz: the gzip data ends early \(read \d+ bytes\): the file is truncated/,
      );
      // Records read before the cut were identical, so nothing changed; nothing was marked deleted.
      expectIntact();
    });

    it('malformed XML in the middle of the file', async () => {
      const xml = (await gunzipText(sample2020('releases'))).replace(
        '<title>Stockholm</title>',
        '<title>Stockholm</titel>',
      );
      const file = writeGz(cat.dir, 'discogs_20201106_releases.xml.gz', xml);
      await expect(cat.ingest(file)).rejects.toThrow(
        /discogs_20201106_releases\.xml\.gz: malformed XML in release 1 \(the record at byte 11\): unexpected close tag/,
      );
      expectIntact();
    });

    it('a full disk: says so, and records only what the catalog kept', async () => {
      // 40 MB of releases, and a catalog allowed only some 5 MB more: SQLite answers SQLITE_FULL
      // as it does on a full SD card (one measured run said "read failed after 7798784 bytes
      // (SQLITE_FULL)" and recorded 6,487 added while 4,634 rows were kept).
      const file = await buildReleasesCorpus(
        sample2020('releases'),
        join(cat.dir, 'discogs_20201106_releases.xml.gz'),
        40,
      );
      const pageSize = Number(cat.db.pragma('page_size', { simple: true }));
      cat.db.pragma(
        `max_page_count = ${Number(cat.db.pragma('page_count', { simple: true })) + Math.floor(5e6 / pageSize)}`,
      );
      await expect(cat.ingest(file)).rejects.toThrow(
        new IngestError(
          `${file}: the disk is full while writing the catalog (SQLITE_FULL); free some space and ingest it again: the records committed so far are kept`,
        ),
      );
      const run = new IngestRuns(cat.db).list(1)[0]!;
      const kept =
        (cat.db.prepare('SELECT count(*) AS n FROM releases').get() as { n: number }).n -
        before.releases!.length;
      expect(run).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('the disk is full'),
      });
      expect(kept).toBeGreaterThan(0);
      expect(run.added).toBe(kept); // new rows; the changed ones overwrote rows already there
    }, 60_000);

    it('a disk without room for what the file would add: refused before it starts', async ({
      skip,
    }) => {
      const mount = mountTmpfs(16);
      if ('refused' in mount) return skip(`cannot mount a tmpfs here (${mount.refused})`);
      // 10 MB of gzip, which would make some 22 MB of a new catalog (catalog-scope.ts).
      const file = join(cat.dir, 'discogs_20201106_releases.xml.gz');
      writeFileSync(file, gzipSync(randomBytes(10e6), { level: 0 }));
      const dbPath = join(mount.dir, 'catalog.sqlite');
      const db = openHubDatabase(dbPath);
      await expect(ingestFile(file, { db, dbPath })).rejects.toThrow(
        new RegExp(
          `^${file}: not enough disk space to ingest it: the catalog needs about 2\\d MB more in ${mount.dir}, 1\\d MB free$`,
        ),
      );
      expect(new IngestRuns(db).list(1)).toEqual([]);
      db.close();
    });

    it('an unexpected root element', async () => {
      const file = writeGz(
        cat.dir,
        'dump.xml.gz',
        '<?xml version="1.0"?>\n<collection><release id="1"/></collection>',
      );
      await expect(cat.ingest(file)).rejects.toThrow(
        /dump\.xml\.gz: unexpected root element <collection> at byte 22/,
      );
      expectIntact();
    });
  });
});

describe('ingesting the 2026 shape', () => {
  it('ingests all four files and links them', async () => {
    const cat = testCatalog();
    const files = write2026Dump(cat.dir);
    for (const kind of ['labels', 'artists', 'masters', 'releases'] as const)
      await cat.ingest(files[kind]);
    expect(cat.store.counts()).toEqual({ label: 2, artist: 2, master: 1, release: 3 });

    const first = cat.store.get('release', 9000001) as Release;
    expect(first.formats![0]!.qty).toBe(longQty);
    expect(first.notes).toBe('Line one\r\nLine two\nLine three with “quotes” and ✓');
    expect((cat.store.get('release', 9000002) as Release).tracklist).toHaveLength(manyTracks);

    expect(cat.store.releasesOfArtist(42, { page: 1, perPage: 10 }).items.map((i) => i.id)).toEqual(
      [9000001],
    );
    expect(cat.store.releasesOfLabel(777001, { page: 1, perPage: 10 }).items).toEqual([
      expect.objectContaining({ id: 9000001, catno: 'NS-7' }),
    ]);
    expect(
      cat.store.versionsOfMaster(9100, { page: 1, perPage: 10 }).items.map((i) => i.id),
    ).toEqual([9000002]);
    expect(cat.store.releasesByCode('5016958123456', 'barcode').map((r) => r.id)).toEqual([
      9000001,
    ]);
    expect(cat.store.search('island bjork')[0]).toMatchObject({
      id: 9000001,
      artists: 'Bjork & Sjón',
    });
    expect(cat.store.search('medusa', { kind: 'artist' })).toEqual([
      { kind: 'artist', id: 44, title: 'Medúsa' },
    ]);
    expect(cat.db.prepare('SELECT parent_id FROM labels WHERE id = 2801').get()).toEqual({
      parent_id: 2800,
    });
    expect(
      cat.db
        .prepare('SELECT other_id, kind FROM artist_links WHERE artist_id = 42 ORDER BY kind')
        .all(),
    ).toEqual([
      { other_id: 43, kind: 'alias' },
      { other_id: 44, kind: 'group' },
    ]);
  });
});
