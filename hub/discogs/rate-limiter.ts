/** Who is waiting: a person's action goes before background work (sync, enrichment, covers). */
export type Priority = 'user' | 'background';

export interface RateLimitHeaders {
  limit?: number;
  used?: number;
  remaining?: number;
}

/**
 * One budget for every Discogs call the hub makes: at most `limit` requests in any moving
 * window of `windowMs` (60 a minute with a token). Discogs counts per source IP, so other
 * tools on the same network spend the same budget; the `X-Discogs-Ratelimit-*` headers of each
 * reply correct the hub's own count. Written by hand because the limit is Discogs' own
 * accounting (moving window, shared with strangers, told back in headers) rather than a
 * token bucket a generic library models.
 */
export class RateLimiter {
  #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Send times of our own requests still inside the window. */
  readonly #sent: number[] = [];
  #observed: { at: number; remaining: number } | undefined;
  #blockedUntil = 0;
  readonly #queue: Array<{ priority: Priority; resolve: () => void }> = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(o: { limit?: number; windowMs?: number; now?: () => number } = {}) {
    this.#limit = o.limit ?? 60;
    this.#windowMs = o.windowMs ?? 60_000;
    this.#now = o.now ?? Date.now;
  }

  /** Resolves when a request may go out; the caller sends it at once. `signal` gives up the place. */
  acquire(priority: Priority = 'background', signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const onAbort = () => {
        const at = this.#queue.indexOf(entry);
        if (at === -1) return;
        this.#queue.splice(at, 1);
        reject(signal!.reason);
      };
      // Granted, the place is no longer the signal's to give up: an account sync passes one
      // signal to thousands of requests, which would otherwise each leave a listener on it.
      const entry = {
        priority,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Behind every waiting user request, ahead of every background one.
      const at =
        priority === 'user' ? this.#queue.findIndex((q) => q.priority === 'background') : -1;
      if (at === -1) this.#queue.push(entry);
      else this.#queue.splice(at, 0, entry);
      this.#pump();
    });
  }

  /** What a reply's headers say about the shared budget. */
  observe(h: RateLimitHeaders): void {
    if (h.limit !== undefined && h.limit > 0) this.#limit = h.limit;
    const remaining = h.remaining ?? (h.used !== undefined ? this.#limit - h.used : undefined);
    if (remaining !== undefined) this.#observed = { at: this.#now(), remaining };
    // Fresh numbers may free waiting requests sooner than the timer planned.
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pump();
  }

  /** After a 429 (which Discogs sends without Retry-After): nothing until the window has moved on. */
  blockForWindow(): void {
    this.#blockedUntil = this.#now() + this.#windowMs;
    this.#pump();
  }

  /** The budget as the admin page shows it: our requests in the current window, and the limit. */
  usage(): { limit: number; sentInWindow: number; waiting: number } {
    const since = this.#now() - this.#windowMs;
    return {
      limit: this.#limit,
      sentInWindow: this.#sent.filter((t) => t > since).length,
      waiting: this.#queue.length,
    };
  }

  /** How long the next request has to wait, in ms. */
  delay(): number {
    const now = this.#now();
    // We time a request when it leaves, Discogs when it arrives: keep our slots 2% longer so a
    // freed slot never reaches Discogs before its own window has moved on.
    const held = this.#windowMs * 1.02;
    while (this.#sent.length > 0 && this.#sent[0]! <= now - held) this.#sent.shift();
    let wait = Math.max(0, this.#blockedUntil - now);
    if (this.#sent.length >= this.#limit) wait = Math.max(wait, this.#sent[0]! + held - now);
    const o = this.#observed;
    const pace = (this.#sent.at(-1) ?? -Infinity) + this.#windowMs / this.#limit - now;
    if (!o || now - o.at >= this.#windowMs) {
      // Nothing fresh from Discogs: others may have spent the budget. Probe with one request
      // and let its reply's headers (observe) release the rest; meanwhile go at the window rate.
      wait = Math.max(wait, pace);
    } else {
      const since = this.#sent.filter((t) => t >= o.at).length;
      const left = o.remaining - since;
      // Spent (by us or others): every request the server counted has left the window one
      // window after it said so. Nearly spent: go at the rate the window frees up.
      if (left <= 0) wait = Math.max(wait, o.at + this.#windowMs - now);
      else if (left <= 2) wait = Math.max(wait, pace);
    }
    return wait;
  }

  #pump(): void {
    if (this.#timer) return;
    while (this.#queue.length > 0) {
      const wait = this.delay();
      if (wait > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, wait);
        return;
      }
      this.#sent.push(this.#now());
      this.#queue.shift()!.resolve();
    }
  }
}
