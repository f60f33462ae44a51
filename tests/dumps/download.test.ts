import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseChecksums } from '../../hub/dumps/download/checksum.ts';
import { DownloadError, downloadFile, retryAfterMs } from '../../hub/dumps/download/download.ts';
import { listingUrl, parseListing } from '../../hub/dumps/discover/listing.ts';
import { startFakeDumpHost, type FakeDumpHost } from '../fakes/dump-host.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('dump host listing and checksums', () => {
  it('reads the months and their files from the HTML links', () => {
    const html = `<table><tr><td><a href="?download=data%2F2026%2Fdiscogs_20260601_artists.xml.gz">a</a></td></tr>
      <a href='?download=data%2F2026%2Fdiscogs_20260601_labels.xml.gz'>l</a> <a href="?download=data%2F2026%2Fdiscogs_20260601_masters.xml.gz">m</a>
      <a href="?download=data%2F2026%2Fdiscogs_20260601_releases.xml.gz">r</a> <a href="?download=data%2F2026%2Fdiscogs_20260601_CHECKSUM.txt">c</a>
      <a href="?download=data%2F2026%2Fdiscogs_20260701_labels.xml.gz">l</a> <a href="/about">about</a></table>`;
    const months = parseListing(html, listingUrl('https://data.example', 2026));
    expect(months.map((m) => [m.yearMonth, m.date, m.ready])).toEqual([
      ['2026-06', '20260601', true],
      ['2026-07', '20260701', false],
    ]);
    expect(months[0]!.urls['discogs_20260601_releases.xml.gz']).toBe(
      'https://data.example/?download=data%2F2026%2Fdiscogs_20260601_releases.xml.gz',
    );
    expect(listingUrl('https://data.example', 2026)).toBe(
      'https://data.example/?prefix=data%2F2026%2F',
    );
  });

  it('parses CHECKSUM.txt and names a bad line', () => {
    const h = 'a'.repeat(64);
    expect(
      parseChecksums(
        `${h} discogs_20260601_labels.xml.gz\n${'B'.repeat(64)} *discogs_20260601_artists.xml.gz\n`,
        'c.txt',
      ),
    ).toEqual({
      'discogs_20260601_labels.xml.gz': h,
      'discogs_20260601_artists.xml.gz': 'b'.repeat(64),
    });
    expect(() => parseChecksums(`${h} a\nnot a checksum\n`, 'c.txt')).toThrow(
      'c.txt line 2: expected "<64 hex digits> <file name>", got "not a checksum"',
    );
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3600')).toBe(3_600_000);
    expect(retryAfterMs(new Date(10_000 + 90_000).toUTCString(), 10_000)).toBe(90_000);
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('downloadFile against the fake dump host', () => {
  let host: FakeDumpHost;
  let dir: string;
  const body = randomBytes(300_000);
  const name = 'discogs_20260601_labels.xml.gz';
  const get = (stallMs = 2000) =>
    downloadFile({
      url: `${host.url}/?download=data%2F2026%2F${name}`,
      dest: join(dir, name),
      userAgent: 'VinylVault/test',
      stallMs,
    });

  beforeEach(async () => {
    dir = tempDir();
    host = await startFakeDumpHost();
    host.files.set(name, body);
  });
  afterEach(() => host.close());

  it('downloads with the hash computed on the way and an identifying User-Agent', async () => {
    expect(await get()).toEqual({ bytes: body.length, sha256: sha(body), resumed: false });
    expect(readFileSync(join(dir, name)).equals(body)).toBe(true);
    expect(existsSync(join(dir, `${name}.part`))).toBe(false);
    expect(host.requests.at(-1)!.userAgent).toBe('VinylVault/test');
  });

  it('resumes with Range after a dropped connection', async () => {
    host.faults.set(name, { dropAfter: { bytes: 100_000, times: 1 } });
    // The host sends 100,000 bytes; what reaches the disk before the stream errors may be less
    // (bytes still queued in the stream are lost with it). The resume starts from the disk.
    const err = (await get().catch((e: Error) => e)) as Error;
    const kept = Number(
      /connection lost .* after (\d+) bytes; the next attempt resumes/.exec(err.message)?.[1],
    );
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(100_000);
    const part = readFileSync(join(dir, `${name}.part`));
    expect(part.length).toBe(kept);
    expect(part.equals(body.subarray(0, kept))).toBe(true);
    expect(await get()).toEqual({ bytes: body.length, sha256: sha(body), resumed: true });
    expect(host.requests.at(-1)!.range).toBe(`bytes=${kept}-`);
    expect(readFileSync(join(dir, name)).equals(body)).toBe(true);
  });

  it('starts again from zero when the host ignores Range', async () => {
    host.faults.set(name, { dropAfter: { bytes: 100_000, times: 1 }, ignoreRange: true });
    await expect(get()).rejects.toThrow(DownloadError);
    expect(await get()).toEqual({ bytes: body.length, sha256: sha(body), resumed: false });
    expect(readFileSync(join(dir, name)).equals(body)).toBe(true);
  });

  it('gives up on a stalled transfer, keeping what arrived', async () => {
    host.faults.set(name, { stallAfter: { bytes: 50_000, times: 1 } });
    await expect(get(300)).rejects.toThrow(/stalled: no data for 0\.3 s after 50000 bytes/);
    expect(await get()).toMatchObject({ sha256: sha(body), resumed: true });
  });

  it('reports 429 with its Retry-After, and 503 as transient', async () => {
    host.faults.set(name, { tooMany: { retryAfter: 3600, times: 1 }, unavailable: { times: 1 } });
    const tooMany = await get().catch((e: DownloadError) => e);
    expect(tooMany).toMatchObject({
      transient: true,
      retryAfterMs: 3_600_000,
      message: `${name}: the dump host asks to slow down (429, retry after 3600 s)`,
    });
    await expect(get()).rejects.toMatchObject({
      transient: true,
      message: `${name}: the dump host answered HTTP 503`,
    });
    expect((await get()).sha256).toBe(sha(body));
  });

  it('a whole .part left before the rename is taken as done', async () => {
    writeFileSync(join(dir, `${name}.part`), body);
    expect(await get()).toEqual({ bytes: body.length, sha256: sha(body), resumed: true });
  });

  it('a 404 is not transient', async () => {
    host.files.delete(name);
    await expect(get()).rejects.toMatchObject({
      transient: false,
      message: `${name}: the dump host answered HTTP 404`,
    });
  });
});
