// A fake api.discogs.com: a real HTTP server on 127.0.0.1 that enforces the moving-window
// rate limit with Discogs' headers and 429 body, pages with the real pagination object, rejects
// a missing User-Agent, and can inject 5xx, timeouts and a revoked token.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import type { ApiInstance, ApiWant } from '../../shared/discogs-api.ts';
import { apiFixture } from '../fixtures/paths.ts';

const searchFixture = () =>
  JSON.parse(
    readFileSync(apiFixture('by-url/database/search_q=trash80&per_page=50&page=1.json'), 'utf8'),
  );

export interface FakeCollection {
  folders: Array<{ id: number; name: string }>;
  fields: Array<Record<string, unknown>>;
  instances: ApiInstance[];
  wants: ApiWant[];
  value: { maximum: string; median: string; minimum: string };
}

/** A collection of `n` instances over three folders, added one a minute, with a wantlist of `wants`. */
export function makeCollection(n: number, wants = 0): FakeCollection {
  const basic = (id: number) => ({
    id,
    master_id: 0,
    title: `Record ${id}`,
    year: 1970 + (id % 50),
    thumb: '',
    cover_image: '',
    resource_url: `https://api.discogs.com/releases/${id}`,
    artists: [
      {
        id: 100 + (id % 7),
        name: `Artist ${id % 7}`,
        anv: '',
        join: '',
        role: '',
        tracks: '',
        resource_url: '',
      },
    ],
    labels: [
      {
        id: 200 + (id % 5),
        name: `Label ${id % 5}`,
        catno: `CAT-${id}`,
        entity_type: '1',
        entity_type_name: 'Label',
        resource_url: '',
      },
    ],
    formats: [{ name: 'Vinyl', qty: '1', descriptions: ['LP'] }],
    genres: ['Electronic'],
    styles: ['Techno'],
  });
  const start = Date.UTC(2020, 0, 1);
  return {
    folders: [
      { id: 1, name: 'Uncategorized' },
      { id: 101, name: 'Techno' },
      { id: 102, name: 'Jazz' },
    ],
    fields: [
      {
        id: 1,
        name: 'Media Condition',
        type: 'dropdown',
        position: 1,
        public: true,
        options: ['Mint (M)', 'Near Mint (NM or M-)', 'Very Good Plus (VG+)'],
      },
      { id: 3, name: 'Notes', type: 'textarea', position: 3, public: false, lines: 3 },
    ],
    instances: Array.from({ length: n }, (_, i) => ({
      id: 1000 + i,
      instance_id: 5_000_000 + i,
      folder_id: [1, 101, 102][i % 3]!,
      rating: i % 6,
      date_added: new Date(start + i * 60_000).toISOString().replace('.000Z', '-00:00'),
      ...(i % 4 === 0
        ? {
            notes: [
              { field_id: 1, value: 'Near Mint (NM or M-)' },
              { field_id: 3, value: `bought ${i}` },
            ],
          }
        : {}),
      basic_information: basic(1000 + i),
    })),
    wants: Array.from({ length: wants }, (_, i) => ({
      id: 90_000 + i,
      rating: 0,
      notes: '',
      date_added: new Date(start + i * 60_000).toISOString(),
      basic_information: basic(90_000 + i),
    })),
    value: { maximum: '€101.72', median: '€71.20', minimum: '€50.86' },
  };
}

export interface FakeDiscogsOptions {
  collection?: FakeCollection;
  /** Give every listed release cover and thumb URLs on this server (off: they are empty, as for releases without images). */
  withCovers?: boolean;
  token?: string;
  username?: string;
  /** Requests per moving window with a token (60) and without (25). */
  limit?: number;
  anonymousLimit?: number;
  windowMs?: number;
  /** Requests "other tools on the same IP" made just before the fake started. */
  alreadyUsed?: number;
  /** How long each answer takes, as Discogs' do over the internet (0: at once). */
  latencyMs?: number;
}

export interface FakeDiscogsApi {
  url: string;
  requests: Array<{ method: string; path: string; status: number; at: number }>;
  /** `garbled`: the next n answers are 200 with half a JSON body, as a cut connection or a proxy leaves them. */
  faults: {
    serverErrors: number;
    timeouts: number;
    garbled: number;
    revokeAfter: number | undefined;
  };
  collection: FakeCollection;
  /** Release ids Discogs answers 404 for (deleted from the database). */
  goneReleases: Set<number>;
  /** Answers to give instead, by path: Discogs refusing a query, or a body that is not what it documents. */
  answers: Map<string, { status: number; body: string }>;
  /** Release ids whose images answer 500. */
  brokenImages: Set<number>;
  tooMany: number;
  /** While set, every request waits for it before being answered; `held` counts those waiting. */
  hold: Promise<void> | undefined;
  held: number;
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
    faults: { serverErrors: 0, timeouts: 0, garbled: 0, revokeAfter: undefined },
    collection: o.collection ?? makeCollection(0),
    goneReleases: new Set(),
    answers: new Map(),
    brokenImages: new Set(),
    tooMany: 0,
    hold: undefined,
    held: 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const json = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string | number> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(status === 204 ? undefined : JSON.stringify(body));
  };

  let nextInstanceId = 6_000_000;
  /** The write endpoints the hub's write-back queue uses, applied to the fake collection. */
  const write = (
    method: string,
    route: string,
    record: (s: number) => void,
    rate: () => Record<string, number>,
    res: ServerResponse,
    body: unknown,
  ) => {
    const c = api.collection;
    const reply = (status: number, reply?: unknown) => {
      record(status);
      json(res, status, reply ?? {}, rate());
    };
    let m: RegExpExecArray | null;
    if (
      (m = /^collection\/folders\/(\d+)\/releases\/(\d+)\/instances\/(\d+)\/fields\/(\d+)$/.exec(
        route,
      )) &&
      method === 'POST'
    ) {
      const inst = c.instances.find((i) => i.instance_id === Number(m![3]));
      const field = c.fields.find((f) => f.id === Number(m![4]));
      if (!inst || !field) return reply(404, { message: 'Not found.' });
      const value = String((body as { value?: unknown }).value ?? '');
      if (field.type === 'dropdown' && !(field.options as string[]).includes(value)) {
        return reply(422, {
          detail: [
            {
              msg: "HTTP fetch failed from 'collection': 400: Bad Request",
              loc: ['body', 'value'],
              type: 'value_error',
            },
          ],
          message: 'See "detail" for validation errors.',
        });
      }
      inst.notes = [
        ...(inst.notes ?? []).filter((n) => n.field_id !== field.id),
        { field_id: field.id as number, value },
      ];
      return reply(204);
    }
    if ((m = /^collection\/folders\/(\d+)\/releases\/(\d+)\/instances\/(\d+)$/.exec(route))) {
      const i = c.instances.findIndex(
        (x) => x.instance_id === Number(m![3]) && x.id === Number(m![2]),
      );
      if (i === -1) return reply(404, { message: 'Instance not found.' });
      if (method === 'DELETE') return (c.instances.splice(i, 1), reply(204));
      const b = body as { rating?: number; folder_id?: number };
      if (b.rating !== undefined) c.instances[i]!.rating = b.rating;
      if (b.folder_id !== undefined) c.instances[i]!.folder_id = b.folder_id;
      return reply(204);
    }
    if ((m = /^collection\/folders\/(\d+)\/releases\/(\d+)$/.exec(route)) && method === 'POST') {
      if (!c.folders.some((f) => f.id === Number(m![1])))
        return reply(404, { message: 'Folder not found.' });
      const instance_id = nextInstanceId++;
      c.instances.push({
        id: Number(m[2]),
        instance_id,
        folder_id: Number(m[1]),
        rating: 0,
        date_added: new Date().toISOString(),
        basic_information: { id: Number(m[2]), title: `Record ${m[2]}` },
      });
      return reply(201, { instance_id, resource_url: '' });
    }
    if (route === 'collection/folders' && method === 'POST') {
      const id = 9_000_000 + c.folders.length;
      const name = String((body as { name?: string }).name ?? '').slice(0, 50);
      c.folders.push({ id, name });
      return reply(201, { id, name, count: 0, resource_url: '' });
    }
    if ((m = /^collection\/folders\/(\d+)$/.exec(route))) {
      const f = c.folders.find((x) => x.id === Number(m![1]));
      if (!f) return reply(404, { message: 'Folder not found.' });
      if (method === 'DELETE') return (c.folders.splice(c.folders.indexOf(f), 1), reply(204));
      f.name = String((body as { name?: string }).name ?? f.name).slice(0, 50);
      return reply(200, { ...f, count: 0, resource_url: '' });
    }
    if ((m = /^wants\/(\d+)$/.exec(route))) {
      const id = Number(m[1]);
      c.wants = c.wants.filter((w) => w.id !== id);
      if (method === 'PUT')
        c.wants.push({
          id,
          rating: 0,
          notes: '',
          date_added: new Date().toISOString(),
          basic_information: { id, title: `Record ${id}` },
        });
      return reply(method === 'PUT' ? 201 : 204, method === 'PUT' ? { id } : undefined);
    }
    reply(404, { message: 'The requested resource was not found.' });
  };
  const withImages = <T extends { id: number; basic_information: Record<string, unknown> }>(
    item: T,
  ): T =>
    o.withCovers
      ? {
          ...item,
          basic_information: {
            ...item.basic_information,
            cover_image: `${api.url}/images/R-${item.id}.jpg`,
            thumb: `${api.url}/images/R-150-${item.id}.jpg`,
          },
        }
      : item;

  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let requestBody: unknown = {};
    try {
      requestBody = raw ? JSON.parse(raw) : {};
    } catch {
      requestBody = {};
    }
    if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));
    if (api.hold) {
      api.held++;
      await api.hold;
      api.held--;
    }
    const url = new URL(req.url!, 'http://fake');
    const record = (status: number) =>
      api.requests.push({
        method: req.method!,
        path: `${url.pathname}${url.search}`,
        status,
        at: Date.now(),
      });
    if (!req.headers['user-agent']) {
      record(400);
      return json(res, 400, { message: 'A User-Agent header is required.' });
    }
    const auth = req.headers.authorization;
    const authed =
      auth === `Discogs token=${token}` &&
      !(api.faults.revokeAfter !== undefined && served >= api.faults.revokeAfter);
    const now = Date.now();
    while (hits.length > 0 && hits[0]! <= now - windowMs) hits.shift();
    const max = authed ? limit : anonymousLimit;
    const rate = () => ({
      'x-discogs-ratelimit': max,
      'x-discogs-ratelimit-used': hits.length,
      'x-discogs-ratelimit-remaining': Math.max(0, max - hits.length),
    });
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
    if (api.faults.garbled > 0) {
      api.faults.garbled--;
      record(200);
      res.writeHead(200, { 'content-type': 'application/json', ...rate() });
      return res.end('{"pagination": {"page": 1, "pa');
    }
    if (auth && !authed) {
      record(401);
      return json(res, 401, { message: 'You must authenticate to access this resource.' }, rate());
    }
    const answer = api.answers.get(url.pathname);
    if (answer) {
      record(answer.status);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...rate() });
      return res.end(answer.body);
    }
    if (url.pathname === '/oauth/identity') {
      if (!authed) {
        record(401);
        return json(
          res,
          401,
          { message: 'You must authenticate to access this resource.' },
          rate(),
        );
      }
      record(200);
      return json(
        res,
        200,
        {
          id: 12579295,
          username,
          resource_url: `${api.url}/users/${username}`,
          consumer_name: 'VinylVault',
        },
        rate(),
      );
    }
    const image = /^\/images\/R-(?:150-)?(\d+)\.jpg$/.exec(url.pathname);
    if (image) {
      const broken = api.brokenImages.has(Number(image[1]));
      record(broken ? 500 : 200);
      res.writeHead(broken ? 500 : 200, { 'content-type': 'image/jpeg' });
      return res.end(
        broken
          ? 'error'
          : Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(url.pathname), 0xff, 0xd9]),
      );
    }
    if (url.pathname === '/database/search') {
      if (!authed) {
        record(401);
        return json(
          res,
          401,
          { message: 'You must authenticate to access this resource.' },
          rate(),
        );
      }
      // The recorded reply for "trash80"; any other query finds nothing.
      const found = (url.searchParams.get('q') ?? '').toLowerCase().includes('trash80')
        ? searchFixture()
        : { pagination: { page: 1, pages: 1, per_page: 50, items: 0, urls: {} }, results: [] };
      record(200);
      return json(res, 200, found, rate());
    }
    const releaseDoc = /^\/releases\/(\d+)$/.exec(url.pathname);
    if (releaseDoc) {
      const id = Number(releaseDoc[1]);
      const basic =
        api.collection.instances.find((i) => i.id === id)?.basic_information ??
        api.collection.wants.find((w) => w.id === id)?.basic_information;
      if (!basic || api.goneReleases.has(id)) {
        record(404);
        return json(res, 404, { message: 'Release not found.' }, rate());
      }
      record(200);
      const { thumb: _t, cover_image: _c, ...rest } = basic as Record<string, unknown>;
      return json(
        res,
        200,
        {
          ...rest,
          status: 'Accepted',
          tracklist: [
            { position: 'A1', type_: 'track', title: `Side A of ${id}`, duration: '4:00' },
          ],
        },
        rate(),
      );
    }
    const user = new RegExp(`^/users/${username}/`);
    if (user.test(url.pathname) && !authed) {
      record(403);
      return json(
        res,
        403,
        {
          message:
            'You are not allowed to view this resource. Please authenticate as the owner to view this content.',
        },
        rate(),
      );
    }
    const page = <T>(items: T[]) => {
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 50)));
      const pages = Math.max(1, Math.ceil(items.length / perPage));
      const n = Number(url.searchParams.get('page') ?? 1);
      if (!(n >= 1 && n <= pages))
        return { error: `Page ${n} is outside of valid range [1, ${pages}].` };
      return {
        pagination: { page: n, pages, per_page: perPage, items: items.length, urls: {} },
        items: items.slice((n - 1) * perPage, n * perPage),
      };
    };
    const c = api.collection;
    const route = url.pathname.replace(user, '');
    if (req.method !== 'GET') return write(req.method!, route, record, rate, res, requestBody);
    const folderReleases = /^collection\/folders\/(\d+)\/releases$/.exec(route);
    let body: unknown;
    if (route === 'collection/folders') {
      const count = (id: number) =>
        c.instances.filter((i) => id === 0 || i.folder_id === id).length;
      body = {
        folders: [{ id: 0, name: 'All' }, ...c.folders].map((f) => ({
          ...f,
          count: count(f.id),
          resource_url: '',
        })),
      };
    } else if (route === 'collection/fields') body = { fields: c.fields };
    else if (route === 'collection/value') body = c.value;
    else if (folderReleases) {
      const folder = Number(folderReleases[1]);
      let list = c.instances.filter((i) => folder === 0 || i.folder_id === folder);
      // Only sort=added is modelled; Discogs' default (by label) pages unstably, so clients pin it.
      if (url.searchParams.get('sort') === 'added')
        list = [...list].sort(
          (a, b) =>
            (a.date_added ?? '').localeCompare(b.date_added ?? '') || a.instance_id - b.instance_id,
        );
      if (url.searchParams.get('sort_order') === 'desc') list = list.reverse();
      const p = page(list);
      body = 'error' in p ? p : { pagination: p.pagination, releases: p.items.map(withImages) };
    } else if (route === 'wants') {
      const p = page(c.wants);
      body = 'error' in p ? p : { pagination: p.pagination, wants: p.items.map(withImages) };
    }
    if (body && typeof body === 'object' && 'error' in body) {
      record(404);
      return json(res, 404, { message: (body as { error: string }).error }, rate());
    }
    if (body !== undefined) {
      record(200);
      return json(res, 200, body, rate());
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
