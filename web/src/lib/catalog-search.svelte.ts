import type { CatalogSummary } from '../../../shared/catalog.ts';
import type { DeviceCatalog } from '../data/catalog.ts';
import { HubUnreachable } from '../data/hub-client.ts';

export type CatalogHits =
  | { state: 'idle' }
  | { state: 'searching'; query: string }
  | { state: 'found'; query: string; hits: CatalogSummary[] }
  /** Away from the hub: the catalog part waits for home, it is not an error. */
  | { state: 'away'; query: string }
  | { state: 'failed'; query: string; why: string };

/** Typing pauses this long before the hub is asked: one request per pause, not per key. */
const PAUSE_MS = 250;

/** The catalog half of the search box: asked after the collection's own hits, when typing pauses. */
export class CatalogSearch {
  hits = $state<CatalogHits>({ state: 'idle' });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: AbortController | undefined;

  constructor(private readonly catalog: DeviceCatalog) {}

  query(text: string): void {
    clearTimeout(this.#timer);
    this.#inFlight?.abort();
    const query = text.trim();
    if (query.length < 2) {
      this.hits = { state: 'idle' };
      return;
    }
    this.hits = { state: 'searching', query };
    this.#timer = setTimeout(() => void this.#ask(query), PAUSE_MS);
  }

  async #ask(query: string): Promise<void> {
    const ask = (this.#inFlight = new AbortController());
    try {
      const hits = await this.catalog.search(query, ask.signal);
      if (!ask.signal.aborted) this.hits = { state: 'found', query, hits };
    } catch (err) {
      if (ask.signal.aborted) return;
      this.hits =
        err instanceof HubUnreachable
          ? { state: 'away', query }
          : { state: 'failed', query, why: (err as Error).message };
    }
  }
}
