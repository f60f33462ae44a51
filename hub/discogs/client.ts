import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../errors.ts';
import { whyUnanswered } from '../network-error.ts';
import type { Priority, RateLimiter } from './rate-limiter.ts';

/** A Discogs reply the hub will not retry (4xx other than 429), with Discogs' own message. */
export class DiscogsApiError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The token was refused (revoked or mistyped): sync stops and says so; local data stays. */
export class DiscogsAuthError extends DiscogsApiError {}

/**
 * Discogs could not be reached, or kept failing: the hub is offline as far as Discogs goes.
 * `reason` is why, without the request, for messages that name their own context.
 */
export class DiscogsUnreachable extends UserError {
  constructor(
    message: string,
    readonly reason = message,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  baseUrl: string;
  userAgent: string;
  /** The personal access token, read at each call so a new login takes effect at once. */
  token: () => string | undefined;
  limiter: RateLimiter;
  timeoutMs?: number;
  /** Attempts for 5xx, network errors and timeouts, and the first backoff step. */
  attempts?: number;
  backoffMs?: number;
}

export interface ClientStats {
  requests: number;
  tooMany: number;
  lastError: string | null;
}

/**
 * The hub's one Discogs client: every call (sync, write-back, search, images) goes through the
 * shared rate limiter. 429 waits for the window to move on; 5xx, network errors and timeouts
 * back off exponentially with jitter; other 4xx fail at once with Discogs' message.
 */
export class DiscogsClient {
  readonly stats: ClientStats = { requests: 0, tooMany: 0, lastError: null };

  constructor(private readonly o: ClientOptions) {}

  get<T>(
    path: string,
    query: Record<string, string | number> = {},
    priority: Priority = 'background',
    signal?: AbortSignal,
  ): Promise<T> {
    const qs = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return this.request<T>('GET', qs ? `${path}?${qs}` : path, undefined, priority, signal);
  }

  /**
   * `signal` (a cancelled sync) reaches the wait for the limiter, the request on the wire and
   * the backoff: the call ends at once with the signal's reason, however long Discogs hangs.
   */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    priority: Priority = 'background',
    signal?: AbortSignal,
  ): Promise<T> {
    const attempts = this.o.attempts ?? 5;
    const backoff = this.o.backoffMs ?? 1000;
    const wait = (ms: number) => sleep(ms, undefined, { signal });
    for (let attempt = 1; ; attempt++) {
      await this.o.limiter.acquire(priority, signal);
      this.stats.requests++;
      let res: Response;
      try {
        res = await fetch(`${this.o.baseUrl}${path}`, {
          method,
          headers: this.#headers(body !== undefined),
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: this.#signal(signal),
        });
      } catch (err) {
        signal?.throwIfAborted();
        if (attempt >= attempts) throw this.#fail(this.#unanswered(method, path, err as Error));
        await wait(jitter(backoff, attempt));
        continue;
      }
      this.o.limiter.observe({
        limit: num(res.headers.get('x-discogs-ratelimit')),
        used: num(res.headers.get('x-discogs-ratelimit-used')),
        remaining: num(res.headers.get('x-discogs-ratelimit-remaining')),
      });
      if (res.status === 429) {
        this.stats.tooMany++;
        await res.body?.cancel();
        this.o.limiter.blockForWindow();
        if (attempt >= attempts)
          throw this.#fail(
            new DiscogsUnreachable(
              `Discogs kept answering 429 (too many requests) for ${method} ${path.split('?')[0]}`,
            ),
          );
        continue;
      }
      if (res.status >= 500) {
        await res.body?.cancel();
        if (attempt >= attempts)
          throw this.#fail(
            new DiscogsUnreachable(
              `Discogs answered HTTP ${res.status} for ${method} ${path.split('?')[0]} ${attempts} times`,
            ),
          );
        await wait(jitter(backoff, attempt));
        continue;
      }
      let text: string;
      try {
        text = await res.text();
      } catch (err) {
        signal?.throwIfAborted();
        // The connection dropped mid-body: as a network error, tried again.
        if (attempt >= attempts) throw this.#fail(this.#unanswered(method, path, err as Error));
        await wait(jitter(backoff, attempt));
        continue;
      }
      if (res.status >= 400) {
        const message = `Discogs refused ${method} ${path.split('?')[0]}: HTTP ${res.status}${messageOf(text)}`;
        throw this.#fail(
          res.status === 401
            ? new DiscogsAuthError(401, `${message}; the token was refused: log in again`)
            : new DiscogsApiError(res.status, message),
        );
      }
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        // A truncated or garbled body (a proxy's error page, a cut connection) is tried again like a 5xx.
        if (attempt >= attempts)
          throw this.#fail(
            new DiscogsUnreachable(
              `Discogs ${method} ${path.split('?')[0]} answered ${attempts} times with a body that is not JSON (${JSON.stringify(text.slice(0, 60))}…)`,
            ),
          );
        await wait(jitter(backoff, attempt));
      }
    }
  }

  /** An image or other file at an absolute URL, under the same limiter; no token is sent off the API host. */
  async fetchBinary(
    url: string,
    priority: Priority = 'background',
    signal?: AbortSignal,
  ): Promise<{ body: Buffer; type: string }> {
    await this.o.limiter.acquire(priority, signal);
    this.stats.requests++;
    const res = await fetch(url, {
      headers: { 'user-agent': this.o.userAgent },
      signal: this.#signal(signal),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new DiscogsApiError(res.status, `${url.split('?')[0]}: HTTP ${res.status}`);
    }
    return {
      body: Buffer.from(await res.arrayBuffer()),
      type: res.headers.get('content-type') ?? 'application/octet-stream',
    };
  }

  /** The request's own timeout, and the caller's cancel when there is one. */
  #signal(cancel: AbortSignal | undefined): AbortSignal {
    const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 30_000);
    return cancel ? AbortSignal.any([timeout, cancel]) : timeout;
  }

  #headers(hasBody: boolean): Record<string, string> {
    const token = this.o.token();
    return {
      'user-agent': this.o.userAgent,
      accept: 'application/json',
      ...(token ? { authorization: `Discogs token=${token}` } : {}),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    };
  }

  #unanswered(method: string, path: string, err: Error): DiscogsUnreachable {
    const why = whyUnanswered(err, this.o.baseUrl);
    return new DiscogsUnreachable(`Discogs ${method} ${path.split('?')[0]} failed: ${why}`, why);
  }

  #fail(err: Error): Error {
    // Never the token: messages are built from the method, path and Discogs' reply only.
    this.stats.lastError = err.message;
    return err;
  }
}

function num(v: string | null): number | undefined {
  return v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

/** Exponential backoff with full jitter: a random wait up to base × 2^(attempt−1). */
function jitter(base: number, attempt: number): number {
  return Math.random() * base * 2 ** (attempt - 1);
}

function messageOf(body: string): string {
  try {
    const m = (JSON.parse(body) as { message?: unknown }).message;
    return typeof m === 'string' ? ` (${m})` : '';
  } catch {
    return '';
  }
}
