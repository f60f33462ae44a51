/**
 * Failed login and pairing attempts per client address: after `max` failures in `windowMs`
 * the address is refused until the window passes. Written by hand: a dozen lines over a Map,
 * where a rate-limiting package would bring a store abstraction this single process does not need.
 */
export class AttemptLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0. */
  blockedFor(key: string, now = Date.now()): number {
    const recent = (this.#failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.#failures.set(key, recent);
    return recent.length >= this.max ? recent[0]! + this.windowMs - now : 0;
  }

  fail(key: string, now = Date.now()): void {
    this.#failures.set(key, [...(this.#failures.get(key) ?? []), now]);
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
