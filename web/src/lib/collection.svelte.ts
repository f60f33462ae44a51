import { liveQuery } from 'dexie';
import type { Field, Folder } from '../../../shared/collection.ts';
import { facetCounts, filterSorted, sortRecords, viewSchema, type FilterKey, type ViewState } from '../data/collection-view.ts';
import type { VaultDb } from '../data/db.ts';
import { buildRecords, type CollectionRecord } from '../data/records.ts';
import { SearchIndex } from '../data/search-index.ts';

const VIEW_KEY = 'vinylvault.view';

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

  /** Subscribes to the tables; returns the function that stops. */
  start(): () => void {
    const db = this.db;
    const subs = [
      liveQuery(async () => {
        const [instances, summaries, plays] = await Promise.all([db.instances.toArray(), db.summaries.toArray(), db.plays.toArray()]);
        return buildRecords(instances, new Map(summaries.map((s) => [s.id, s])), plays);
      }).subscribe({
        next: (records) => {
          this.records = records;
          this.loaded = true;
          // Indexed while the person looks, so the first keystroke does not pay for it.
          (globalThis.requestIdleCallback ?? setTimeout)(() => this.#index.update(records, this.#signature(records)));
        },
      }),
      liveQuery(() => db.folders.toArray()).subscribe({ next: (f) => (this.folders = f) }),
      liveQuery(() => db.fields.orderBy('id').toArray()).subscribe({ next: (f) => (this.fields = [...f].sort((a, b) => a.position - b.position)) }),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  }

  /** The ids the search finds, or undefined without a query (or one too short to narrow). */
  found = $derived.by(() => {
    const query = this.view.query.trim();
    if (!query) return undefined;
    this.#index.update(this.records, this.#signature(this.records));
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
  facets = $derived(this.filtersOpen ? facetCounts(this.records, this.view.filters, this.found) : null);

  setView(change: Partial<ViewState>): void {
    this.view = { ...this.view, ...change };
    localStorage.setItem(VIEW_KEY, JSON.stringify(this.view));
  }

  setFilter<K extends FilterKey>(key: K, value: ViewState['filters'][K] | undefined): void {
    const filters = { ...this.view.filters, [key]: value };
    if (value === undefined) delete filters[key];
    this.setView({ filters });
  }

  /** Changes when the searchable text may have: records in or out, documents re-pulled. */
  #signature(records: CollectionRecord[]): string {
    let h = records.length;
    for (const r of records) h = (h * 31 + r.instanceId + r.title.length + r.tracks.length) | 0;
    return String(h);
  }
}
