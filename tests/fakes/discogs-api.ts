// A fake api.discogs.com: a real HTTP server on 127.0.0.1 that enforces the moving-window
// rate limit with Discogs' headers and 429 body, pages with the real pagination object, rejects
// a missing User-Agent, and can inject 5xx, timeouts and a revoked token.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeDiscogsOptions {
  token?: string;
  username?: string;
  /** Requests per moving window with a token (60) and without (25). */
  limit?: number;
  anonymousLimit?: number;
  windowMs?: number;
  /** Requests "other tools on the same IP" made just before the fake started. */
  alreadyUsed?: number;
}

export interface FakeDiscogsApi {
  url: string;
  requests: Array<{ method: string; path: string; status: number; at: number }>;
  faults: { serverErrors: number; timeouts: number; revokeAfter: number | undefined };
  tooMany: number;
  close(): Promise<void>;
}

export async function startFakeDiscogsApi(o: FakeDiscogsOptions = {}): Promise<FakeDiscogsApi> {
  const token = o.token ?? 'test-token';
  const username = o.username ?? 'collector';
  const windowMs = o.windowMs ?? 60_000;
  const limit = o.limit ?? 60;
  const anonymousLimit = o.anonymousLimit ?? 25;
  const hits: number[] = Array.from({ length: o.alreadyUsed ?? 0 }, () => Date.now());
  const sockets = new Set<Socket>();
  let served = 0;
  const api: FakeDiscogsApi = {
    url: '',
    requests: [],
    faults: { serverErrors: 0, timeouts: 0, revokeAfter: undefined },
    tooMany: 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://fake');
    const record = (status: number) => api.requests.push({ method: req.method!, path: `${url.pathname}${url.search}`, status, at: Date.now() });
    if (!req.headers['user-agent']) {
      record(400);
      return json(res, 400, { message: 'A User-Agent header is required.' });
    }
    const auth = req.headers.authorization;
    const authed = auth === `Discogs token=${token}` && !(api.faults.revokeAfter !== undefined && served >= api.faults.revokeAfter);
    const now = Date.now();
    while (hits.length > 0 && hits[0]! <= now - windowMs) hits.shift();
    const max = authed ? limit : anonymousLimit;
    const rate = () => ({ 'x-discogs-ratelimit': max, 'x-discogs-ratelimit-used': hits.length, 'x-discogs-ratelimit-remaining': Math.max(0, max - hits.length) });
    if (hits.length >= max) {
      api.tooMany++;
      record(429);
      return json(res, 429, { message: 'You are making requests too quickly.' }, rate());
    }
    hits.push(now);
    served++;
    if (api.faults.timeouts > 0) {
      api.faults.timeouts--;
      record(0);
      return; // never answers; the client's timeout has to fire
    }
    if (api.faults.serverErrors > 0) {
      api.faults.serverErrors--;
      record(502);
      return json(res, 502, { message: 'Bad gateway' }, rate());
    }
    if (auth && !authed) {
      record(401);
      return json(res, 401, { message: 'You must authenticate to access this resource.' }, rate());
    }
    if (url.pathname === '/oauth/identity') {
      if (!authed) {
        record(401);
        return json(res, 401, { message: 'You must authenticate to access this resource.' }, rate());
      }
      record(200);
      return json(res, 200, { id: 12579295, username, resource_url: `${api.url}/users/${username}`, consumer_name: 'VinylVault' }, rate());
    }
    record(404);
    json(res, 404, { message: 'The requested resource was not found.' }, rate());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
