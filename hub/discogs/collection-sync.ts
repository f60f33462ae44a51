import {
  withValue,
  type AccountSyncPhase,
  type AccountSyncStatus,
  type SyncRun,
} from '../../shared/account-sync.ts';
import type { Instance, Want } from '../../shared/collection.ts';
import type { z } from 'zod';
import {
  apiFieldsSchema,
  apiFoldersSchema,
  apiInstanceSchema,
  apiListingSchema,
  apiValueSchema,
  apiWantSchema,
} from '../../shared/discogs-api.ts';
import type { Progress } from '../../shared/progress.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import { RateMeter } from '../jobs/rate-meter.ts';
import type { StateStore } from '../state/store.ts';
import type { DiscogsAccount } from './account.ts';
import type { CoverResult } from './covers.ts';
import type { EnrichResult } from './enrichment.ts';
import type { RequestTally } from './request-tally.ts';
import { DiscogsAuthError, DiscogsUnreachable } from './client.ts';
import { readResponse } from './response.ts';

export class SyncCancelled extends Error {}

type ApiInstance = z.output<typeof apiInstanceSchema>;
type ApiWant = z.output<typeof apiWantSchema>;
/** At most this many skipped items are named in the status; all are counted. */
const NAMED_SKIPS = 20;

const toInstance = (i: ApiInstance): Instance => ({
  instance_id: i.instance_id,
  release_id: i.id,
  folder_id: i.folder_id,
  rating: i.rating,
  date_added: i.date_added,
  notes: Object.fromEntries(i.notes.map((n) => [String(n.field_id), n.value])),
  basic: i.basic_information,
});
const toWant = (w: ApiWant): Want => ({
  release_id: w.id,
  rating: w.rating,
  notes: w.notes,
  date_added: w.date_added,
  basic: w.basic_information,
});

/**
 * Pulls the account's collection into the hub: folders, field definitions, every instance
 * (folder 0, `sort=added`, 100 a page: the default sort by label pages unstably), the
 * wantlist and the collection value. A full run removes what Discogs no longer lists; an
 * incremental one pages newest first and stops at the first known, unchanged instance.
 */
export class CollectionSync {
  status: AccountSyncStatus = {
    state: 'idle',
    kind: null,
    phase: null,
    percent: 0,
    etaSeconds: null,
    requests: 0,
    tooMany: 0,
    lastError: null,
    startedAt: null,
    finishedAt: null,
    enrichment: null,
    covers: null,
    skipped: [],
  };
  #skipped = 0;
  #meter = new RateMeter();
  #plannedRequests = 5;

  constructor(
    private readonly account: DiscogsAccount,
    private readonly store: CollectionStore,
    private readonly state: StateStore,
    private readonly onProgress: (p: Progress) => void = () => {},
    /** After the listings: full documents for the releases (enrichment.ts), then their covers (covers.ts). */
    private readonly after: {
      enrich?: (signal: AbortSignal | undefined, tally: RequestTally) => Promise<EnrichResult>;
      covers?: (signal: AbortSignal | undefined, tally: RequestTally) => Promise<CoverResult>;
    } = {},
  ) {}

  async run(kind: 'full' | 'incremental', signal?: AbortSignal): Promise<AccountSyncStatus> {
    const user = this.account.username;
    const started = new Date().toISOString();
    const before = { ...this.account.client.stats };
    this.status = {
      ...this.status,
      state: 'running',
      kind,
      phase: null,
      percent: 0,
      etaSeconds: null,
      requests: 0,
      tooMany: 0,
      lastError: null,
      startedAt: started,
      finishedAt: null,
      enrichment: null,
      covers: null,
      skipped: [],
    };
    this.#skipped = 0;
    this.#meter = new RateMeter();
    if (!user)
      return this.#finish(
        {
          state: 'not_logged_in',
          lastError: 'no Discogs account: run "vinylvault login --token …" first',
        },
        kind,
        before,
        0,
        0,
      );
    let changed = 0;
    let removed = 0;
    try {
      const base = `/users/${encodeURIComponent(user)}/collection`;
      this.#phase('folders', signal);
      const { folders } = await this.#get(`${base}/folders`, apiFoldersSchema, {}, signal);
      this.store.replaceFolders(folders.map(({ id, name, count }) => ({ id, name, count })));
      // folders, fields, a page of instances, a page of wants, value; #pages adds the other pages.
      this.#plannedRequests = 5;

      this.#phase('fields', signal);
      const { fields } = await this.#get(`${base}/fields`, apiFieldsSchema, {}, signal);
      this.store.replaceFields(fields);

      this.#phase('collection', signal);
      const seen = new Set<number>();
      const order = kind === 'full' ? 'asc' : 'desc';
      const instancePages = this.#pages(
        `${base}/folders/0/releases`,
        'releases',
        apiInstanceSchema,
        (i) => `instance ${i.instance_id ?? `of release ${i.id ?? '?'}`}`,
        { sort: 'added', sort_order: order },
        signal,
      );
      for await (const page of instancePages) {
        const instances = page.map(toInstance);
        instances.forEach((i) => seen.add(i.instance_id));
        const fresh = this.store.putInstances(instances, started);
        changed += fresh;
        if (kind === 'incremental' && fresh < instances.length) break;
      }
      if (kind === 'full') removed += this.store.removeInstancesExcept(seen, started);

      this.#phase('wantlist', signal);
      const wanted = new Set<number>();
      for await (const page of this.#pages(
        `/users/${encodeURIComponent(user)}/wants`,
        'wants',
        apiWantSchema,
        (w) => `want of release ${w.id ?? '?'}`,
        {},
        signal,
      )) {
        const wants = page.map(toWant);
        wants.forEach((w) => wanted.add(w.release_id));
        const fresh = this.store.putWants(wants, started);
        changed += fresh;
        if (kind === 'incremental' && fresh < wants.length) break;
      }
      if (kind === 'full') removed += this.store.removeWantsExcept(wanted, started);

      this.#phase('value', signal);
      const value = await this.#get(`${base}/value`, apiValueSchema, {}, signal);
      const valued = { ...value, fetched_at: new Date().toISOString() };
      this.state.data.collectionValue = valued;
      this.state.data.collectionValues = withValue(this.state.data.collectionValues, valued);
      this.store.announceSetting('collection_value', valued);
      this.store.announceSetting('collection_value_history', this.state.data.collectionValues);

      if (this.after.enrich) {
        this.#phase('enrich', signal);
        this.status.enrichment = await this.after.enrich(signal, this.#tally);
      }
      if (this.after.covers) {
        this.#phase('covers', signal);
        this.status.covers = await this.after.covers(signal, this.#tally);
      }
      this.#checkCancel(signal);
      return this.#finish({ state: 'completed', lastError: null }, kind, before, changed, removed);
    } catch (err) {
      if (signal?.aborted) err = new SyncCancelled('cancelled; what was read so far is kept');
      const state =
        err instanceof SyncCancelled
          ? 'cancelled'
          : err instanceof DiscogsAuthError
            ? 'token_refused'
            : err instanceof DiscogsUnreachable
              ? 'offline'
              : 'failed';
      return this.#finish(
        { state, lastError: (err as Error).message },
        kind,
        before,
        changed,
        removed,
      );
    }
  }

  /**
   * The pages of a listing, 100 items each, until the last page or a break. Each item is read
   * on its own: a malformed one is skipped and named (`what` says which), not fatal to the sync.
   */
  async *#pages<S extends z.ZodType>(
    path: string,
    key: 'releases' | 'wants',
    item: S,
    what: (raw: Record<string, unknown>) => string,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): AsyncGenerator<Array<z.output<S>>> {
    for (let page = 1, pages = 1; page <= pages; page++) {
      this.#checkCancel(signal);
      const r = await this.#get(
        path,
        apiListingSchema(key),
        { page, per_page: 100, ...query },
        signal,
      );
      // The first page tells how many there are: correct the plan behind percent and ETA.
      if (page === 1) this.#plannedRequests += r.pagination.pages - 1;
      pages = r.pagination.pages;
      const items: Array<z.output<S>> = [];
      for (const raw of r[key]) {
        const parsed = item.safeParse(raw);
        if (parsed.success) items.push(parsed.data);
        else
          this.#skip(
            `${what((raw ?? {}) as Record<string, unknown>)}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ')}`,
          );
      }
      yield items;
    }
  }

  #skip(reason: string): void {
    this.#skipped++;
    if (this.status.skipped.length < NAMED_SKIPS)
      this.status.skipped = [...this.status.skipped, reason];
  }

  async #get<S extends z.ZodType>(
    path: string,
    schema: S,
    query: Record<string, string | number>,
    signal: AbortSignal | undefined,
  ): Promise<z.output<S>> {
    const result = readResponse(
      `GET ${path}`,
      schema,
      await this.account.client.get<unknown>(path, query, 'background', signal),
    );
    this.#counted();
    return result;
  }

  /** The follow-up jobs' requests move the same percent, ETA and progress events as the listings'. */
  readonly #tally: RequestTally = {
    plan: (n) => (this.#plannedRequests += n),
    made: () => this.#counted(),
  };

  #counted(): void {
    this.status.requests++;
    this.status.percent = Math.min(
      99,
      Math.round((100 * this.status.requests) / this.#plannedRequests),
    );
    const p = this.#meter.progress(
      'sync',
      this.status.phase ?? 'sync',
      this.status.requests,
      this.#plannedRequests,
      this.status.requests,
    );
    this.status.etaSeconds = p.etaSeconds;
    this.onProgress(p);
  }

  #phase(phase: AccountSyncPhase, signal?: AbortSignal): void {
    this.#checkCancel(signal);
    this.status.phase = phase;
  }

  #checkCancel(signal?: AbortSignal): void {
    if (signal?.aborted) throw new SyncCancelled('cancelled; what was read so far is kept');
  }

  async #finish(
    end: Pick<AccountSyncStatus, 'state' | 'lastError'>,
    kind: SyncRun['kind'],
    before: { requests: number; tooMany: number },
    changed: number,
    removed: number,
  ): Promise<AccountSyncStatus> {
    const stats = this.account.client.stats;
    const done: AccountSyncStatus = {
      ...this.status,
      ...end,
      percent: end.state === 'completed' ? 100 : this.status.percent,
      etaSeconds: null,
      requests: stats.requests - before.requests,
      tooMany: stats.tooMany - before.tooMany,
      finishedAt: new Date().toISOString(),
    };
    if (end.state !== 'not_logged_in' && end.state !== 'idle' && end.state !== 'running') {
      const runs = this.state.data.syncRuns;
      runs.push({
        kind,
        state: end.state,
        started_at: done.startedAt!,
        finished_at: done.finishedAt!,
        requests: done.requests,
        too_many: done.tooMany,
        changed,
        removed,
        skipped: this.#skipped,
        error: end.lastError,
      });
      runs.splice(0, Math.max(0, runs.length - 20));
      await this.state.write();
    }
    // Published only now: whoever sees the run ended also finds it in the run records.
    this.status = done;
    return done;
  }
}
