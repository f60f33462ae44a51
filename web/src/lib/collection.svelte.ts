import { liveQuery } from 'dexie';
import type { Field, Folder } from '../../../shared/collection.ts';
import {
  facetCounts,
  filterSorted,
  sortRecords,
  viewSchema,
  type FilterKey,
  type ViewState,
} from '../data/collection-view.ts';
import type { VaultDb } from '../data/db.ts';
import { buildRecords, type CollectionRecord } from '../data/records.ts';
import { onLocalChange } from '../data/changes.ts';
import { SearchIndex } from '../data/search-index.ts';

const VIEW_KEY = 'vinylvault.view';
const RELOAD_EVERY_MS = 5000;

function loadView(): ViewState {
  try {
    return viewSchema.parse(JSON.parse(localStorage.getItem(VIEW_KEY) ?? '{}'));
  } catch {
    return viewSchema.parse({});
  }
}

/**
 * The collection as the screens see it: records joined from instances, release summaries and
 * plays, kept current with Dexie's liveQuery; the view (search, filters, sort, layout) kept
 * across reloads; what it shows, and the counts behind each filter.
 */
export class CollectionModel {
  records = $state.raw<CollectionRecord[]>([]);
  folders = $state.raw<Folder[]>([]);
  fields = $state.raw<Field[]>([]);
  loaded = $state(false);
  view = $state<ViewState>(loadView());
  readonly #index = new SearchIndex();

  constructor(private readonly db: VaultDb) {}

  /** Loads the records and follows changes to them; returns the function that stops. */
  start(): () => void {
    const db = this.db;
    void this.#reload();
    const stopChanges = onLocalChange((c) => {
      // A pull of many pages (a first sync) is read again as a whole, not patched page by page.
      if (c.whole || c.more || this.#reloadTimer !== undefined) this.#reloadSoon(c.more);
      else void this.#patch(c.instances, c.releases);
    });
    // Folders and fields are few: Dexie's liveQuery re-reads them whenever they change.
    const subs = [
      liveQuery(() => db.folders.toArray()).subscribe({ next: (f) => (this.folders = f) }),
      liveQuery(() => db.fields.toArray()).subscribe({
        next: (f) => (this.fields = [...f].sort((a, b) => a.position - b.position)),
      }),
    ];
    return () => {
      stopChanges();
      clearTimeout(this.#reloadTimer);
      subs.forEach((s) => s.unsubscribe());
    };
  }

  async #reload(): Promise<void> {
    const db = this.db;
    const [instances, summaries, plays] = await Promise.all([
      db.instances.toArray(),
      db.summaries.toArray(),
      db.plays.toArray(),
    ]);
    this.#setRecords(buildRecords(instances, new Map(summaries.map((s) => [s.id, s])), plays));
  }

  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  #lastReload = 0;

  /**
   * During a long pull, re-reads after its first page and then at most every few seconds (the
   * collection screen counts the records arriving meanwhile); at its end, at once. Each read
   * shares the main thread and the database with the pull: re-reading every second took a
   * first pull of 10,000 from 4.9 to 8.4 s (bench:sync), and patching in every page to 9.3 s.
   */
  #reloadSoon(more: boolean): void {
    clearTimeout(this.#reloadTimer);
    const wait = more ? Math.max(0, this.#lastReload + RELOAD_EVERY_MS - Date.now()) : 0;
    this.#reloadTimer = setTimeout(() => {
      this.#reloadTimer = undefined;
      this.#lastReload = Date.now();
      void this.#reload();
    }, wait);
  }

  /** Re-reads only the records of the instances and releases named. */
  async #patch(instanceIds: number[], releaseIds: number[]): Promise<void> {
    const db = this.db;
    const ofReleases = releaseIds.length
      ? await db.instances.where('release_id').anyOf(releaseIds).primaryKeys()
      : [];
    const ids = [...new Set([...instanceIds, ...ofReleases])];
    if (ids.length === 0) return;
    const instances = (await db.instances.bulkGet(ids)).filter((i) => i !== undefined);
    const summaries = (
      await db.summaries.bulkGet([...new Set(instances.map((i) => i.release_id))])
    ).filter((x) => x !== undefined);
    const plays = await db.plays.where('instance_id').anyOf(ids).toArray();
    const fresh = buildRecords(instances, new Map(summaries.map((x) => [x.id, x])), plays);
    const replaced = new Set(ids);
    this.#setRecords([...this.records.filter((r) => !replaced.has(r.instanceId)), ...fresh]);
  }

  #setRecords(records: CollectionRecord[]): void {
    const signature = textSignature(records);
    this.records = records;
    this.#recordsSignature = signature;
    this.loaded = true;
    // Indexed while the person looks, so the first keystroke does not pay for it; only the
    // latest records, however often they change meanwhile.
    cancelIdleCallback(this.#indexing);
    this.#indexing = requestIdleCallback(() => this.#index.update(records, signature), {
      timeout: 5000,
    });
  }

  #indexing = 0;
  /** Of the current records, computed once per change rather than on every keystroke. */
  #recordsSignature = '';

  /** The releases with a copy in the collection: what catalog listings mark "Have". */
  owned = $derived(new Set(this.records.map((r) => r.releaseId)));

  /** The records of each master, for "you already own another edition". */
  byMaster = $derived.by(() => {
    const map = new Map<number, CollectionRecord[]>();
    for (const r of this.records)
      if (r.masterId) map.set(r.masterId, [...(map.get(r.masterId) ?? []), r]);
    return map;
  });

  /** Other editions of `masterId` in the collection than release `releaseId`. */
  otherEditions(masterId: number | undefined, releaseId: number): CollectionRecord[] {
    return masterId
      ? (this.byMaster.get(masterId) ?? []).filter((r) => r.releaseId !== releaseId)
      : [];
  }

  /** The ids the search finds, or undefined without a query (or one too short to narrow). */
  found = $derived.by(() => {
    const query = this.view.query.trim();
    if (!query) return undefined;
    this.#index.update(this.records, this.#recordsSignature);
    const ids = this.#index.search(query);
    return ids && new Set(ids);
  });

  /** Sorted apart from the search, so a keystroke only filters. */
  #sort = $derived(this.view.sort);
  #descending = $derived(this.view.descending);
  // Through the two deriveds above: the view object is new on every keystroke, its order is not.
  sorted = $derived(sortRecords(this.records, this.#sort, this.#descending));
  shown = $derived(filterSorted(this.sorted, this.view.filters, this.found));
  /** Computed only while the filter panel is open: counting costs on every keystroke. */
  filtersOpen = $state(Object.keys(this.view.filters).length > 0);
  facets = $derived(
    this.filtersOpen ? facetCounts(this.records, this.view.filters, this.found) : null,
  );

  setView(change: Partial<ViewState>): void {
    this.view = { ...this.view, ...change };
    localStorage.setItem(VIEW_KEY, JSON.stringify(this.view));
  }

  setFilter<K extends FilterKey>(key: K, value: ViewState['filters'][K] | undefined): void {
    const filters = { ...this.view.filters, [key]: value };
    if (value === undefined) delete filters[key];
    this.setView({ filters });
  }
}

/** Changes when the searchable text may have: records in or out, documents re-pulled. */
function textSignature(records: CollectionRecord[]): string {
  let h = records.length;
  for (const r of records) h = (h * 31 + r.instanceId + r.title.length + r.tracks.length) | 0;
  return String(h);
}
