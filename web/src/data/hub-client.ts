import type { ExportFile } from '../../../shared/exports.ts';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { Discography, Master, Release } from '../../../shared/catalog.ts';
import { pathOf, type BodyOf, type ReplyOf } from '../../../shared/hub-api.ts';
import type { Mutation } from '../../../shared/mutations.ts';

/** The hub could not be reached (offline, hub down): edits wait, nothing is lost. */
export class HubUnreachable extends Error {}
/** The hub refused this device's token (revoked, or the hub was reset): pair again. */
export class DeviceNotPaired extends Error {}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The hub's delta-sync API as a device calls it: pairing, pull, push and the nudge stream. */
export class HubClient {
  constructor(
    readonly hubUrl: string,
    private readonly token: string | null,
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
  ) {}

  async pair(code: string, name: string): Promise<ReplyOf<'POST /api/pair'>> {
    return (await this.#call('POST', '/api/pair', { code, name } satisfies BodyOf<'POST /api/pair'>)) as ReplyOf<'POST /api/pair'>;
  }

  async pull(since: number, epoch: string | undefined, limit = 1000): Promise<ReplyOf<'GET /api/sync/pull'>> {
    const q = new URLSearchParams({ since: String(since), limit: String(limit), ...(epoch ? { epoch } : {}) });
    return (await this.#call('GET', `/api/sync/pull?${q}`)) as ReplyOf<'GET /api/sync/pull'>;
  }

  async push(deviceId: string, mutations: Mutation[], epoch: string | undefined): Promise<ReplyOf<'POST /api/sync/push'>> {
    return (await this.#call('POST', '/api/sync/push', { deviceId, mutations, epoch } satisfies BodyOf<'POST /api/sync/push'>)) as ReplyOf<'POST /api/sync/push'>;
  }

  /** An export file (the collection, every play) as the hub writes it, to be saved. */
  async exportFile(file: ExportFile): Promise<Blob> {
    return (await this.#send('GET', `/api/export/${file}`)).blob();
  }

  /** Adds a plays file's plays on the hub (all or none: a bad row is named in the error). */
  async importPlays(name: string, text: string): Promise<ReplyOf<'POST /api/plays/import'>> {
    return (await this.#call('POST', '/api/plays/import', { name, text } satisfies BodyOf<'POST /api/plays/import'>)) as ReplyOf<'POST /api/plays/import'>;
  }

  /** The hub's catalog search: releases, masters, artists and labels, best first. */
  async searchCatalog(q: string, signal?: AbortSignal): Promise<ReplyOf<'GET /api/catalog/search'>> {
    return (await (await this.#send('GET', `/api/catalog/search?${new URLSearchParams({ q, limit: '30' })}`, undefined, signal)).json()) as ReplyOf<'GET /api/catalog/search'>;
  }

  /** A release's whole document from the hub's catalog; undefined when the catalog lacks it. */
  async catalogRelease(id: number): Promise<Release | undefined> {
    const res = await this.#send('GET', pathOf('GET /api/catalog/:kinds/:id', { kinds: 'releases', id: String(id) }), undefined, undefined, [404]);
    return res.status === 404 ? undefined : ((await res.json()) as Release);
  }

  /** An artist's or label's records grouped by master; undefined when the catalog knows neither it nor its releases. */
  async discography(kind: 'artist' | 'label', id: number): Promise<Discography | undefined> {
    const res = await this.#send('GET', pathOf('GET /api/catalog/:kinds/:id/discography', { kinds: `${kind}s`, id: String(id) }), undefined, undefined, [404]);
    return res.status === 404 ? undefined : ((await res.json()) as Discography);
  }

  /** The catalog's releases carrying a barcode, in any of its forms. */
  async releasesByBarcode(code: string): Promise<ReplyOf<'GET /api/catalog/releases'>> {
    return (await this.#call('GET', `${pathOf('GET /api/catalog/releases', {})}?${new URLSearchParams({ barcode: code })}`)) as ReplyOf<'GET /api/catalog/releases'>;
  }

  /**
   * A master's document and one page of its versions (up to 100). The document may be missing
   * while versions name it (a catalog of the collection's scope keeps releases, not masters);
   * undefined when neither is there.
   */
  async catalogMaster(id: number, page = 1): Promise<{ master: Master | undefined; versions: ReplyOf<'GET /api/catalog/masters/:id/versions'> } | undefined> {
    const path = `${pathOf('GET /api/catalog/masters/:id/versions', { id: String(id) })}?page=${page}&per_page=100`;
    const [res, versions] = await Promise.all([
      this.#send('GET', pathOf('GET /api/catalog/:kinds/:id', { kinds: 'masters', id: String(id) }), undefined, undefined, [404]),
      this.#call('GET', path) as Promise<ReplyOf<'GET /api/catalog/masters/:id/versions'>>,
    ]);
    const master = res.status === 404 ? undefined : ((await res.json()) as Master);
    return master || versions.total > 0 ? { master, versions } : undefined;
  }

  /**
   * Calls `onCursor` with the hub's cursor now and whenever its change log grows, until
   * `signal` aborts or the stream breaks (the promise then settles; the caller reconnects).
   * EventSource cannot send the bearer token, so this reads the stream through fetch.
   */
  async watch(onCursor: (c: { epoch: string; cursor: number }) => void, signal: AbortSignal): Promise<void> {
    const res = await this.#send('GET', '/api/sync/events', undefined, signal);
    const events = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    // A reader loop rather than `for await`: Safari's streams are not async-iterable.
    const reader = events.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      if (r.value.event === 'cursor') onCursor(JSON.parse(r.value.data) as { epoch: string; cursor: number });
    }
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    return (await this.#send(method, path, body)).json();
  }

  /** The response when ok or its status is one of `expected`; otherwise the error it means. */
  async #send(method: string, path: string, body?: unknown, signal?: AbortSignal, expected: number[] = []): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.hubUrl}${path}`, {
        method,
        signal,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      if ((globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false) throw new HubUnreachable('this device is offline; edits wait here until it is back online');
      throw new HubUnreachable(`the hub at ${this.hubUrl || (globalThis as { location?: { origin: string } }).location?.origin} cannot be reached (${(err as Error).message})`);
    }
    if (res.ok || expected.includes(res.status)) return res;
    const message = ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`;
    if (res.status === 401 && this.token) throw new DeviceNotPaired(`the hub no longer accepts this device (${message}); pair it again`);
    if (res.status >= 500 || res.status === 429) throw new HubUnreachable(`the hub could not answer: ${message}`);
    // The hub words its refusals for the person; the request is named for the console.
    console.warn(`the hub refused ${method} ${path.split('?')[0]} (HTTP ${res.status})`);
    throw new Error(message);
  }
}
