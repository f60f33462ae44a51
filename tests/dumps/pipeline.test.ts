import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DumpRun } from '../../shared/dump-runs.ts';
import { loadConfig } from '../../hub/config.ts';
import { SqliteCatalogStore } from '../../hub/db/sqlite-catalog-store.ts';
import { openHubDatabase, type Database } from '../../hub/db/open.ts';
import { DumpService } from '../../hub/dumps/run/dump-service.ts';
import { CollectionStore } from '../../hub/db/collection-store.ts';
import { DumpPipeline, type PipelineDeps } from '../../hub/dumps/run/pipeline.ts';
import { createLogger } from '../../hub/log.ts';
import { openState, type StateStore } from '../../hub/state/store.ts';
import { userAgent } from '../../hub/user-agent.ts';
import { startFakeDumpHost, type FakeDumpHost } from '../fakes/dump-host.ts';
import { gunzipText } from '../helpers/catalog.ts';
import { kinds, publishMonth } from '../helpers/dump-month.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { mountTmpfs } from '../helpers/tmpfs.ts';
import { sample2020 } from '../fixtures/paths.ts';

describe('monthly dump pipeline against the fake dump host', () => {
  let host: FakeDumpHost;
  let data: string;
  let db: Database;
  let state: StateStore;
  let changes: DumpRun[];
  const labels = 'discogs_20260601_labels.xml.gz';

  const pipeline = (extra: Partial<PipelineDeps> = {}, retries = '0,0,0,0,0') =>
    new DumpPipeline({
      config: {
        ...loadConfig({
          VINYLVAULT_DATA_DIR: data,
          DISCOGS_DUMPS_URL: host.url,
          VINYLVAULT_DUMP_RETRY_SECONDS: retries,
          VINYLVAULT_DUMP_STALL_SECONDS: '0.5',
        }),
      },
      state,
      db,
      dbPath: join(data, 'catalog.sqlite'),
      log: createLogger('silent'),
      userAgent,
      onChange: (r) => changes.push(structuredClone(r)),
      ...extra,
    });
  const counts = () => new SqliteCatalogStore(db).counts();

  beforeEach(async () => {
    host = await startFakeDumpHost();
    data = tempDir();
    db = openHubDatabase(join(data, 'catalog.sqlite'));
    state = await openState(join(data, 'state.json'));
    changes = [];
    publishMonth(host, '20260601');
  });
  afterEach(async () => {
    db.close();
    await host.close();
  });

  it('discovers the newest complete month, downloads, verifies, ingests in order and cleans up', async () => {
    publishMonth(host, '20260501');
    const run = await pipeline().run();
    expect(run).toMatchObject({
      year_month: '2026-06',
      dump_date: '20260601',
      status: 'completed',
      retry_count: 0,
      last_error: null,
    });
    for (const t of [
      'started_at',
      'download_completed_at',
      'processing_completed_at',
      'completed_at',
    ] as const)
      expect(run[t]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Object.keys(run.checksums).sort()).toEqual(
      kinds.map((k) => `discogs_20260601_${k}.xml.gz`).sort(),
    );
    expect(run.files.releases).toMatchObject({
      name: 'discogs_20260601_releases.xml.gz',
      added: 1000,
      changed: 0,
      skipped: 0,
      sha256: run.checksums['discogs_20260601_releases.xml.gz'],
    });
    expect(counts()).toEqual({ label: 1000, artist: 1000, master: 1000, release: 1000 });
    // Statuses in order, as seen by the admin page.
    expect([...new Set(changes.map((c) => c.status))]).toEqual([
      'downloading',
      'ready_for_processing',
      'processing',
      'completed',
    ]);
    // Processing order: labels → artists → masters → releases.
    const ingested = kinds.map((k) => run.files[k]!.ingested_at!);
    expect([...ingested].sort()).toEqual(ingested);
    // Retention 0: the month's files are gone once it completed.
    expect(existsSync(join(data, 'dumps', '2026-06'))).toBe(false);
    expect(host.requests.every((r) => r.userAgent === userAgent)).toBe(true);
    expect(state.data.dumpRuns).toHaveLength(1);
  });

  it('resumes a file whose connection dropped, with Range', async () => {
    host.faults.set(labels, { dropAfter: { bytes: 20_000, times: 1 } });
    const run = await pipeline().run('2026-06');
    expect(run).toMatchObject({ status: 'completed', retry_count: 1 });
    expect(
      host.requests
        .filter((r) => r.method === 'GET' && r.path.includes(labels))
        .map((r) => r.range),
    ).toEqual([undefined, 'bytes=20000-']);
    expect(counts().label).toBe(1000);
  });

  it('starts a file again when the host ignores Range', async () => {
    host.faults.set(labels, { dropAfter: { bytes: 20_000, times: 1 }, ignoreRange: true });
    expect(await pipeline().run('2026-06')).toMatchObject({ status: 'completed', retry_count: 1 });
    expect(counts().label).toBe(1000);
  });

  it('deletes and fetches again a file with a corrupted byte', async () => {
    host.faults.set(labels, { corrupt: { times: 1 } });
    const run = await pipeline().run('2026-06');
    expect(run).toMatchObject({ status: 'completed', retry_count: 1 });
    expect(changes.find((c) => c.status === 'failed')?.last_error).toMatch(
      /^discogs_20260601_labels\.xml\.gz: checksum mismatch \(expected [0-9a-f]{12}…, got [0-9a-f]{12}…\); the file was deleted and will be fetched again$/,
    );
  });

  it('fails the month in words once the attempts are spent, ingesting nothing unverified', async () => {
    host.faults.set(labels, { corrupt: { times: 99 } });
    const run = await pipeline().run('2026-06');
    expect(run).toMatchObject({ status: 'failed', retry_count: 5, next_retry_at: null });
    expect(run.last_error).toMatch(/checksum mismatch/);
    expect(counts()).toEqual({ label: 0, artist: 0, master: 0, release: 0 });
    expect(readdirSync(join(data, 'dumps', '2026-06'))).not.toContain(labels);
  });

  it('obeys 429 Retry-After and retries 503s', async () => {
    host.faults.set(labels, { tooMany: { retryAfter: 1, times: 1 }, unavailable: { times: 2 } });
    const run = await pipeline().run('2026-06');
    expect(run).toMatchObject({ status: 'completed', retry_count: 3 });
    const after429 = changes.find((c) => c.last_error?.includes('429'))!;
    expect(Date.parse(after429.next_retry_at!) - Date.now()).toBeGreaterThan(-60_000);
    expect(after429.last_error).toBe(
      `${labels}: the dump host asks to slow down (429, retry after 1 s)`,
    );
  });

  it('leaves a month alone until CHECKSUM is published, or while files are missing', async () => {
    host.unlisted.add('discogs_20260601_CHECKSUM.txt');
    expect(await pipeline().run('2026-06')).toMatchObject({
      status: 'not_started',
      last_error: 'not completely published yet (missing: CHECKSUM); checked again on the next run',
    });
    host.unlisted.clear();
    host.unlisted.add('discogs_20260601_releases.xml.gz');
    host.unlisted.add('discogs_20260601_masters.xml.gz');
    expect(await pipeline().run('2026-06')).toMatchObject({
      status: 'not_started',
      last_error: expect.stringContaining('missing: masters, releases'),
    });
    expect(host.requests.some((r) => r.path.includes('download='))).toBe(false);
    await expect(pipeline().run()).rejects.toThrow(
      /no complete dump month is listed at http:\/\/127\.0\.0\.1:\d+ for 2026 or 2025/,
    );
  });

  it('fetches and ingests again a file re-uploaded after publication', async () => {
    await pipeline().run('2026-06');
    const xml = (await gunzipText(sample2020('labels'))).replace(
      '<name>Planet E</name>',
      '<name>Planet E Communications</name>',
    );
    publishMonth(host, '20260601', { labels: gzipSync(xml) });
    host.requests.length = 0;
    const run = await pipeline().run('2026-06');
    expect(run).toMatchObject({ status: 'completed' });
    expect(run.files.labels).toMatchObject({ changed: 1, unchanged: 999 });
    expect(
      host.requests
        .filter((r) => r.method === 'GET' && r.path.includes('download='))
        .map((r) => decodeURIComponent(r.path).split('/').at(-1)),
    ).toEqual(['discogs_20260601_CHECKSUM.txt', labels]);
    expect(new SqliteCatalogStore(db).get('label', 1)).toMatchObject({
      name: 'Planet E Communications',
    });
    // Nothing changed: one small request, no work.
    host.requests.length = 0;
    await pipeline().run('2026-06');
    expect(host.requests.filter((r) => r.path.includes('download='))).toHaveLength(1);
  });

  it('stops in words when the disk fills during a download', async ({ skip }) => {
    const mount = mountTmpfs(4);
    if ('refused' in mount) return skip(`cannot mount a tmpfs here (${mount.refused})`);
    // 6 MB that does not compress, onto a 4 MB disk whose free space the check was told is ample.
    publishMonth(host, '20260601', { releases: gzipSync(randomBytes(6e6), { level: 0 }) });
    const config = loadConfig({
      VINYLVAULT_DATA_DIR: mount.dir,
      DISCOGS_DUMPS_URL: host.url,
      VINYLVAULT_DUMP_RETRY_SECONDS: '0',
    });
    const run = await pipeline({ config, freeBytes: async () => 1e12 }).run('2026-06');
    expect(run).toMatchObject({
      status: 'failed',
      last_error: `the disk is full (${mount.dir}): free some space, then Retry; the files and records already here are kept`,
    });
  });

  it('fails clearly when the disk is short, before downloading', async () => {
    const run = await pipeline({ freeBytes: async () => 1_000_000 }).run('2026-06');
    expect(run.status).toBe('failed');
    expect(run.last_error).toMatch(
      /^not enough disk space for the 2026-06 dump: \d+\.\d MB needed in .*dumps, 1\.0 MB free$/,
    );
    expect(host.requests.filter((r) => r.method === 'GET' && r.path.includes('.xml.gz'))).toEqual(
      [],
    );
    expect(readdirSync(join(data, 'dumps', '2026-06'))).toEqual([]);
  });

  it('collection scope: keeps only collected and wanted releases and what they point to, releases first', async () => {
    const store = new CollectionStore(db);
    store.putInstances(
      [1, 3].map((id, i) => ({
        instance_id: 10 + i,
        release_id: id,
        folder_id: 1,
        rating: 0,
        date_added: '2026-01-01',
        notes: {},
        basic: {},
      })),
    );
    state.data.settings.catalogScope = 'collection';
    const run = await pipeline().run('2026-06');
    expect(run.status).toBe('completed');
    expect(run.files.releases!.ingested_at! < run.files.labels!.ingested_at!).toBe(true);
    const count = (t: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE deleted = 0`).get() as { n: number }).n;
    expect(count('releases')).toBe(2);
    const ids = (sql: string) => db.prepare(sql).pluck().all() as number[];
    const artists = new Set(ids('SELECT artist_id FROM release_artists'));
    const labels = new Set(ids('SELECT label_id FROM release_labels'));
    expect(ids('SELECT id FROM artists WHERE deleted = 0').every((id) => artists.has(id))).toBe(
      true,
    );
    expect(ids('SELECT id FROM labels WHERE deleted = 0').every((id) => labels.has(id))).toBe(true);
    expect(ids('SELECT id FROM artists WHERE deleted = 0')).toContain(1);
    expect(count('artists')).toBeLessThan(20);
    // Releases 1 and 3 are on Svek (5) and Ruffhouse Records (6); their masters are not in the 1,000-master sample.
    expect(ids('SELECT id FROM labels WHERE deleted = 0 ORDER BY id')).toEqual([5, 6]);
    expect(count('labels')).toBe(2);
    expect(count('masters')).toBe(0);
    expect(run.files.releases).toMatchObject({ added: 2, skipped: 0 });
  });

  it('the disk check counts the catalog a full first ingest builds, which the collection scope does not', async () => {
    const short = { freeBytes: async () => 3_000_000 };
    expect((await pipeline(short).run('2026-06')).last_error).toMatch(/^not enough disk space/);
    state.data.dumpRuns.length = 0;
    state.data.settings.catalogScope = 'collection';
    expect((await pipeline(short).run('2026-06')).status).toBe('completed');
  });

  it('keeps the newest months when retention says so, and everything with preserve', async () => {
    state.data.settings.dumpRetentionMonths = 1;
    publishMonth(host, '20260501');
    await pipeline().run('2026-05');
    expect(existsSync(join(data, 'dumps', '2026-05', labels.replace('0601', '0501')))).toBe(true);
    await pipeline().run('2026-06');
    expect(readdirSync(join(data, 'dumps'))).toEqual(['2026-06']);
    state.data.settings.dumpPreserveFiles = true;
    state.data.settings.dumpRetentionMonths = 0;
    publishMonth(host, '20260701');
    await pipeline().run('2026-07');
    expect(readdirSync(join(data, 'dumps')).sort()).toEqual(['2026-06', '2026-07']);
  });

  it('refuses a second run while one is in progress', async () => {
    const p = pipeline();
    const first = p.run('2026-06');
    expect(() => p.run('2026-06')).toThrow('a dump run is already in progress');
    await first;
  });

  it('a run stopped mid-download resumes where it stood on the next start', async () => {
    host.faults.set(labels, { stallAfter: { bytes: 30_000, times: 1 } });
    const stop = new AbortController();
    const first = pipeline().run('2026-06', stop.signal);
    await new Promise((r) => setTimeout(r, 200));
    stop.abort();
    await expect(first).rejects.toThrow();
    expect(state.data.dumpRuns[0]).toMatchObject({ status: 'downloading', retry_count: 0 });
    const again = pipeline();
    expect(again.unfinished()?.year_month).toBe('2026-06');
    expect(await again.run('2026-06')).toMatchObject({ status: 'completed', retry_count: 0 });
    expect(
      host.requests
        .filter((r) => r.method === 'GET' && r.path.includes(labels))
        .map((r) => r.range),
    ).toContain('bytes=30000-');
  });
});

describe('drop folder and schedule', () => {
  let host: FakeDumpHost;
  let data: string;
  let db: Database;
  let state: StateStore;
  beforeEach(async () => {
    host = await startFakeDumpHost();
    data = tempDir();
    db = openHubDatabase(join(data, 'catalog.sqlite'));
    state = await openState(join(data, 'state.json'));
  });
  afterEach(async () => {
    db.close();
    await host.close();
  });
  const pipeline = () =>
    new DumpPipeline({
      config: loadConfig({
        VINYLVAULT_DATA_DIR: data,
        DISCOGS_DUMPS_URL: host.url,
        VINYLVAULT_DUMP_RETRY_SECONDS: '0',
      }),
      state,
      db,
      dbPath: join(data, 'catalog.sqlite'),
      log: createLogger('silent'),
      userAgent,
    });

  it('ingests files dropped into dumps/incoming, verified against the CHECKSUM beside them', async () => {
    const incoming = join(data, 'dumps', 'incoming');
    mkdirSync(incoming, { recursive: true });
    const sums: string[] = [];
    for (const kind of kinds) {
      const name = `discogs_20260501_${kind}.xml.gz`;
      const body = readFileSync(sample2020(kind));
      // The masters file is damaged in the copy: its checksum will not match.
      writeFileSync(join(incoming, name), kind === 'masters' ? body.subarray(0, 1000) : body);
      sums.push(`${createHash('sha256').update(body).digest('hex')} ${name}`);
    }
    writeFileSync(join(incoming, 'discogs_20260501_CHECKSUM.txt'), sums.join('\n'));
    const results = await pipeline().dropFolder();
    expect(results.map((r) => [r.file.split('_')[2], r.outcome])).toEqual([
      ['labels.xml.gz', 'ingested'],
      ['artists.xml.gz', 'ingested'],
      ['masters.xml.gz', 'rejected'],
      ['releases.xml.gz', 'ingested'],
    ]);
    expect(results[2]!.reason).toMatch(/^checksum mismatch/);
    expect(new SqliteCatalogStore(db).counts()).toEqual({
      label: 1000,
      artist: 1000,
      master: 0,
      release: 1000,
    });
    expect(readdirSync(incoming).sort()).toEqual(['discogs_20260501_CHECKSUM.txt', 'rejected']);
    expect(readdirSync(join(incoming, 'rejected'))).toEqual(['discogs_20260501_masters.xml.gz']);
  });

  it('takes dropped files without a CHECKSUM as they are, before the routine check', async () => {
    const incoming = join(data, 'dumps', 'incoming');
    mkdirSync(incoming, { recursive: true });
    writeFileSync(
      join(incoming, 'discogs_20260501_labels.xml.gz'),
      readFileSync(sample2020('labels')),
    );
    publishMonth(host, '20260601');
    const run = await pipeline().run();
    expect(run.status).toBe('completed');
    expect(readdirSync(incoming)).toEqual([]);
  });

  it('the daily check starts a run on its schedule, and not when switched off', async () => {
    publishMonth(host, '20260601');
    const p = pipeline();
    const service = new DumpService(p, createLogger('silent'));
    service.schedule({ enabled: false, cron: '* * * * * *' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(p.records.list()).toEqual([]);
    service.schedule({ enabled: true, cron: '* * * * * *' });
    await expect
      .poll(() => p.records.find('2026-06')?.status, { timeout: 30_000 })
      .toBe('completed');
    await service.stop();
  });

  it('a retry asked for by hand runs now, not after the wait an earlier attempt planned', async () => {
    publishMonth(host, '20260601');
    const p = pipeline();
    const run = p.records.ensure('2026-06', '20260601');
    Object.assign(run, {
      status: 'failed',
      retry_count: 1,
      next_retry_at: new Date(Date.now() + 3_600_000).toISOString(),
      last_error: 'HTTP 429',
    });
    const service = new DumpService(p, createLogger('silent'));
    service.retry('2026-06');
    await expect.poll(() => run.status, { timeout: 30_000 }).toBe('completed');
    await service.stop();
  });

  it('refuses a schedule croner cannot read', async () => {
    writeFileSync(
      join(data, 'state2.json'),
      JSON.stringify({
        version: 1,
        auth: {},
        settings: { dumpSchedule: { enabled: true, cron: 'every day at 2' } },
      }),
    );
    await expect(openState(join(data, 'state2.json'))).rejects.toThrow(
      /settings\.dumpSchedule\.cron: not a cron expression croner accepts/,
    );
  });
});
