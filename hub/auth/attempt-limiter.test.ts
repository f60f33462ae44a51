import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.ts';

const MINUTE = 60_000;

describe('failed sign-in attempts per address', () => {
  it('refuses an address after the tenth failure until the oldest leaves the window', () => {
    const limiter = new AttemptLimiter(10, 15 * MINUTE);
    for (let i = 0; i < 9; i++) limiter.fail('10.0.0.5', i * MINUTE);
    expect(limiter.blockedFor('10.0.0.5', 9 * MINUTE)).toBe(0);
    limiter.fail('10.0.0.5', 9 * MINUTE);
    // The first failure (at 0) leaves the 15-minute window at 15 min: 6 min from now.
    expect(limiter.blockedFor('10.0.0.5', 9 * MINUTE)).toBe(6 * MINUTE);
    expect(limiter.blockedFor('10.0.0.5', 15 * MINUTE)).toBe(0);
  });

  it('counts each address apart, and forgets one on success', () => {
    const limiter = new AttemptLimiter(2, MINUTE);
    limiter.fail('a', 0);
    limiter.fail('a', 1);
    limiter.fail('b', 1);
    expect(limiter.blockedFor('a', 2)).toBeGreaterThan(0);
    expect(limiter.blockedFor('b', 2)).toBe(0);
    limiter.succeed('a');
    expect(limiter.blockedFor('a', 3)).toBe(0);
  });
});
