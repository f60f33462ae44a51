import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectedCoverUrls } from '../db/collected-releases.ts';
import type { Logger } from '../log.ts';
import { uncounted, type RequestTally } from './request-tally.ts';
import type { DiscogsClient } from './client.ts';

export type CoverSize = 'full' | 'thumb';

export interface CoverResult {
  fetched: number;
  failed: number;
}

/**
 * Cover images of collected and wanted releases, fetched once into `<data dir>/covers/` and
 * served by the hub at `/api/covers/:releaseId`, so devices can keep them offline. Fetched at
 * most one a second, under the shared limiter; a failed image is logged and tried again on the
 * next sync, never failing it.
 */
export class CoverCache {
  readonly #dir: string;

  constructor(
    dataDir: string,
    private readonly client: DiscogsClient,
    private readonly log: Logger,
  ) {
    this.#dir = join(dataDir, 'covers');
    mkdirSync(this.#dir, { recursive: true });
  }

  path(releaseId: number, size: CoverSize): string {
    return join(this.#dir, `${releaseId}${size === 'thumb' ? '-thumb' : ''}.img`);
  }

  /** A cached cover and its media type, or null when it is not cached. */
  read(releaseId: number, size: CoverSize): { body: Uint8Array<ArrayBuffer>; type: string } | null {
    const file = this.path(releaseId, size);
    if (!existsSync(file)) return null;
    const type = readFileSync(`${file}.type`, 'utf8').trim() || 'application/octet-stream';
    return { body: new Uint8Array(readFileSync(file)), type };
  }

  /** Every cover URL the collection and wantlist listings carry that is not cached yet. */
  missing(db: Database): Array<{ releaseId: number; size: CoverSize; url: string }> {
    const rows = collectedCoverUrls(db);
    const todo: Array<{ releaseId: number; size: CoverSize; url: string }> = [];
    const seen = new Set<string>();
    for (const r of rows) {
      for (const [size, url] of [
        ['full', r.cover],
        ['thumb', r.thumb],
      ] as const) {
        const key = `${r.id}/${size}`;
        if (url && !seen.has(key) && !existsSync(this.path(r.id, size)))
          todo.push({ releaseId: r.id, size, url });
        seen.add(key);
      }
    }
    return todo;
  }

  async fetchMissing(
    db: Database,
    signal?: AbortSignal,
    tally: RequestTally = uncounted,
  ): Promise<CoverResult> {
    const result: CoverResult = { fetched: 0, failed: 0 };
    let last = 0;
    const todo = this.missing(db);
    tally.plan(todo.length);
    for (const cover of todo) {
      if (signal?.aborted) break;
      const wait = last + 1000 - Date.now();
      if (wait > 0) await sleep(wait);
      last = Date.now();
      tally.made();
      try {
        const { body, type } = await this.client.fetchBinary(cover.url, 'background', signal);
        const file = this.path(cover.releaseId, cover.size);
        writeFileSync(`${file}.part`, body);
        writeFileSync(`${file}.type`, type);
        renameSync(`${file}.part`, file);
        result.fetched++;
      } catch (err) {
        result.failed++;
        this.log.warn(
          { release: cover.releaseId, size: cover.size, err: (err as Error).message },
          'cover image not fetched; tried again on the next sync',
        );
      }
    }
    return result;
  }
}
