import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../hub/discogs/rate-limiter.ts';

describe('RateLimiter (moving window)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  /** Starts `n` acquires and returns the (fake) times at which each was granted. */
  function grantTimes(
    limiter: RateLimiter,
    n: number,
    priority: 'user' | 'background' = 'background',
  ): number[] {
    const times: number[] = [];
    for (let i = 0; i < n; i++)
      void limiter.acquire(priority).then(() => times.push(Date.now() - 1_000_000));
    return times;
  }

  it('spends a fresh full budget at once, slows for the last two, then waits for the window', async () => {
    const limiter = new RateLimiter();
    limiter.observe({ limit: 60, used: 0, remaining: 60 });
    const times = grantTimes(limiter, 62);
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toHaveLength(58);
    await vi.advanceTimersByTimeAsync(2000);
    expect(times.slice(58)).toEqual([1000, 2000]);
    // The headers said 60 left at time 0: after one window the 61st may go (the local count
    // holds its slots 2% longer, but the 58 sent at 0 have left by then).
    await vi.advanceTimersByTimeAsync(59_200);
    expect(times.slice(60)).toEqual([61_200]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(times.slice(61)).toEqual([62_200]);
  });

  it('knowing nothing yet, probes with one request and lets the rest go when its headers arrive', async () => {
    const limiter = new RateLimiter();
    const times = grantTimes(limiter, 5);
    await vi.advanceTimersByTimeAsync(100);
    expect(times).toEqual([0]);
    limiter.observe({ limit: 60, used: 1, remaining: 59 });
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toEqual([0, 100, 100, 100, 100]);
  });

  it('serves a waiting user action before waiting background work', async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    const order: string[] = [];
    void limiter.acquire('background').then(() => order.push('b1'));
    void limiter.acquire('background').then(() => order.push('b2'));
    void limiter.acquire('user').then(() => order.push('u1'));
    await vi.advanceTimersByTimeAsync(2100);
    expect(order).toEqual(['b1', 'u1', 'b2']);
  });

  it('waits out a budget that other tools spent, as the headers report it', async () => {
    const limiter = new RateLimiter();
    limiter.observe({ limit: 60, used: 60, remaining: 0 });
    const times = grantTimes(limiter, 1);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(times).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times).toEqual([60_000]);
  });

  it('paces at the window rate when the budget is nearly spent', async () => {
    const limiter = new RateLimiter();
    limiter.observe({ remaining: 2 });
    const times = grantTimes(limiter, 2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(times).toEqual([0, 1000]);
  });

  it("leaves no listener on a caller's signal once its requests are granted, and a waiting one gives its place up", async () => {
    const limiter = new RateLimiter();
    limiter.observe({ limit: 60, used: 0, remaining: 60 });
    const cancel = new AbortController();
    // An account sync passes one signal to every request it makes.
    await Promise.all(
      Array.from({ length: 20 }, () => limiter.acquire('background', cancel.signal)),
    );
    expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0);
    limiter.blockForWindow();
    const waiting = limiter.acquire('background', cancel.signal);
    expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(1);
    cancel.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });

  it('after a 429 sends nothing for a whole window', async () => {
    const limiter = new RateLimiter();
    limiter.blockForWindow();
    const times = grantTimes(limiter, 1, 'user');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times).toEqual([60_000]);
  });
});
