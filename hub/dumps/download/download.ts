import { isDiskFull } from '../../storage/disk-watch.ts';
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Progress } from '../../../shared/progress.ts';
import { UserError } from '../../errors.ts';
import { whyUnanswered } from '../../network-error.ts';
import { RateMeter } from '../../jobs/rate-meter.ts';

/** Why a download stopped; `retryAfterMs` when the host said how long to wait (429). */
export class DownloadError extends UserError {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface DownloadOptions {
  url: string;
  dest: string;
  userAgent: string;
  /** Abort when no byte arrives for this long. */
  stallMs: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface Downloaded {
  bytes: number;
  sha256: string;
  resumed: boolean;
}

/** `Retry-After` is seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function hashExisting(file: string, hash: Hash): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return bytes;
}

/**
 * Streams `url` to `dest + '.part'` with its SHA-256 computed on the way, then renames it to
 * `dest`. A `.part` left by an earlier attempt is resumed with `Range` when the host answers
 * 206, and started again from zero when it ignores the Range and sends the whole file.
 */
export async function downloadFile(o: DownloadOptions): Promise<Downloaded> {
  const part = `${o.dest}.part`;
  const hash = createHash('sha256');
  const have = await stat(part).then(
    (s) => s.size,
    () => 0,
  );
  const stall = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, stall.signal]) : stall.signal;
  let timer = setTimeout(() => stall.abort(), o.stallMs);
  const label = basename(o.dest);

  let res: Response;
  try {
    res = await fetch(o.url, {
      headers: { 'user-agent': o.userAgent, ...(have > 0 ? { range: `bytes=${have}-` } : {}) },
      signal,
    });
  } catch (err) {
    clearTimeout(timer);
    throw new DownloadError(
      `${label}: ${stall.signal.aborted ? `no answer within ${o.stallMs / 1000} s` : `request failed: ${whyUnanswered(err as Error, o.url)}`}`,
      true,
    );
  }

  if (res.status === 416 && have > 0) {
    // The .part is already whole: the previous attempt died between the last byte and the rename.
    clearTimeout(timer);
    await res.body?.cancel();
    await hashExisting(part, hash);
    await rename(part, o.dest);
    return { bytes: have, sha256: hash.digest('hex'), resumed: true };
  }
  if (res.status === 429) {
    clearTimeout(timer);
    await res.body?.cancel();
    const wait = retryAfterMs(res.headers.get('retry-after'));
    throw new DownloadError(
      `${label}: the dump host asks to slow down (429${wait === undefined ? '' : `, retry after ${Math.round(wait / 1000)} s`})`,
      true,
      wait,
    );
  }
  if (res.status !== 200 && res.status !== 206) {
    clearTimeout(timer);
    await res.body?.cancel();
    throw new DownloadError(
      `${label}: the dump host answered HTTP ${res.status}`,
      res.status >= 500,
    );
  }

  const resumed =
    res.status === 206 &&
    have > 0 &&
    (res.headers.get('content-range') ?? '').startsWith(`bytes ${have}-`);
  const offset = resumed ? await hashExisting(part, hash) : 0;
  const length = Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? offset + length : null;
  const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
  const meter = new RateMeter();
  let bytes = offset;
  let lastReport = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      clearTimeout(timer);
      timer = setTimeout(() => stall.abort(), o.stallMs);
      hash.update(chunk);
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      if (o.onProgress && performance.now() - lastReport > 250) {
        lastReport = performance.now();
        o.onProgress(meter.progress('download', label, bytes, total, 0, bytes));
      }
    }
  } catch (err) {
    // Flush every byte received, so the next attempt resumes from all of them.
    await new Promise<void>((resolve) => out.end(() => resolve()));
    // Our side failed, not the connection: the run says the disk is full (pipeline.ts).
    if (isDiskFull(err)) throw err;
    const why = stall.signal.aborted
      ? `stalled: no data for ${o.stallMs / 1000} s`
      : o.signal?.aborted
        ? 'stopped'
        : `connection lost (${(err as Error).message})`;
    throw new DownloadError(
      `${label}: ${why} after ${bytes} bytes; the next attempt resumes`,
      !o.signal?.aborted,
    );
  } finally {
    clearTimeout(timer);
  }
  out.end();
  await once(out, 'close');
  if (total !== null && bytes !== total)
    throw new DownloadError(
      `${label}: got ${bytes} of ${total} bytes; the next attempt resumes`,
      true,
    );
  await rename(part, o.dest);
  o.onProgress?.(meter.progress('download', label, bytes, total, 0, bytes));
  return { bytes, sha256: hash.digest('hex'), resumed };
}

/** Removes a downloaded file and any partial one beside it. */
export async function removeDownload(dest: string): Promise<void> {
  await rm(dest, { force: true });
  await rm(`${dest}.part`, { force: true });
}
