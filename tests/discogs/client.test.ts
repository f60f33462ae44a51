import { afterEach, describe, expect, it } from 'vitest';
import { DiscogsAuthError, DiscogsClient, DiscogsUnreachable } from '../../hub/discogs/client.ts';
import { RateLimiter } from '../../hub/discogs/rate-limiter.ts';
import { closedAddress } from '../helpers/closed-address.ts';
import {
  startFakeDiscogsApi,
  type FakeDiscogsApi,
  type FakeDiscogsOptions,
} from '../fakes/discogs-api.ts';

// A 10-per-second window stands in for Discogs' 60 per minute so tests take seconds.
const window = { limit: 10, windowMs: 1000 };

describe('DiscogsClient against the fake API', () => {
  let api: FakeDiscogsApi;
  afterEach(() => api.close());

  async function setup(o: FakeDiscogsOptions = {}, token: string | undefined = 'test-token') {
    api = await startFakeDiscogsApi({ ...window, ...o });
    return new DiscogsClient({
      baseUrl: api.url,
      userAgent: 'VinylVault/test',
      token: () => token,
      limiter: new RateLimiter(window),
      timeoutMs: 300,
      backoffMs: 20,
    });
  }

  it('sends the User-Agent and token, and meets no 429 when it starts with a full budget', async () => {
    const client = await setup();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => client.get<{ username: string }>('/oauth/identity')),
    );
    expect(results.every((r) => r.username === 'collector')).toBe(true);
    expect(api.tooMany).toBe(0);
    expect(client.stats).toMatchObject({ requests: 25, tooMany: 0 });
  });

  it('meets no 429 storm when other tools have nearly spent the budget', async () => {
    const client = await setup({ alreadyUsed: 9 });
    await Promise.all(Array.from({ length: 12 }, () => client.get('/oauth/identity')));
    expect(api.tooMany).toBeLessThanOrEqual(1);
  });

  it('retries 5xx and timeouts with backoff', async () => {
    const client = await setup();
    api.faults.serverErrors = 2;
    api.faults.timeouts = 1;
    expect(await client.get('/oauth/identity')).toMatchObject({ username: 'collector' });
    expect(api.requests.map((r) => r.status)).toEqual([0, 502, 502, 200]);
  });

  it('gives up after the attempts, saying Discogs is unreachable', async () => {
    const client = await setup();
    api.faults.serverErrors = 99;
    await expect(client.get('/oauth/identity')).rejects.toThrow(
      new DiscogsUnreachable('Discogs answered HTTP 502 for GET /oauth/identity 5 times'),
    );
  });

  it('says in words when nothing listens at the address', async () => {
    await setup();
    const url = closedAddress;
    const client = new DiscogsClient({
      baseUrl: url,
      userAgent: 'VinylVault/test',
      token: () => 'test-token',
      limiter: new RateLimiter(window),
      timeoutMs: 300,
      backoffMs: 20,
      attempts: 2,
    });
    await expect(client.get('/oauth/identity')).rejects.toThrow(
      new DiscogsUnreachable(
        `Discogs GET /oauth/identity failed: ${new URL(url).host} refused the connection`,
        `${new URL(url).host} refused the connection`,
      ),
    );
  });

  it('a refused token is a clear error that never shows the token', async () => {
    const client = await setup({}, 'wrong-secret-token');
    const err = await client.get('/oauth/identity').catch((e: Error) => e);
    expect(err).toBeInstanceOf(DiscogsAuthError);
    expect((err as Error).message).toBe(
      'Discogs refused GET /oauth/identity: HTTP 401 (You must authenticate to access this resource.); the token was refused: log in again',
    );
    expect(JSON.stringify(client.stats)).not.toContain('wrong-secret-token');
  });

  it('a token revoked mid-sync stops the next call with 401', async () => {
    const client = await setup();
    api.faults.revokeAfter = 2;
    await client.get('/oauth/identity');
    await client.get('/oauth/identity');
    await expect(client.get('/oauth/identity')).rejects.toBeInstanceOf(DiscogsAuthError);
  });

  it('the fake rejects a request without a User-Agent, as Discogs does', async () => {
    await setup();
    const res = await fetch(`${api.url}/oauth/identity`, { headers: { 'user-agent': '' } });
    expect(res.status).toBe(400);
  });
});
