import MiniSearch from 'minisearch';
import type { CollectionRecord } from './records.ts';

const MIN_QUERY = 2;

type Doc = Pick<CollectionRecord, 'instanceId' | 'artist' | 'title' | 'tracks'> & { labels: string; catnos: string; barcodes: string };

/**
 * Search as you type over artist, title, label, catalogue number, barcode and track titles
 * (MiniSearch, in memory). Every word must match; the last one as a prefix, so results narrow
 * while typing; longer words before it forgive a typo.
 */
export class SearchIndex {
  readonly #index = new MiniSearch<Doc>({
    idField: 'instanceId',
    fields: ['artist', 'title', 'labels', 'catnos', 'barcodes', 'tracks'],
    // Only the word being typed (the last) is a prefix, and only long finished words forgive a
    // typo: prefix and fuzzy matching are what a keystroke costs on 10,000 records (fuzzy on the
    // word being typed too took the p95 from 12 to 17 ms in bench/search.ts).
    searchOptions: {
      boost: { artist: 3, title: 3, labels: 1.5, catnos: 2, barcodes: 2 },
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term, i, terms) => (term.length > 5 && i < terms.length - 1 ? 0.2 : false),
      maxFuzzy: 1,
      combineWith: 'AND',
    },
  });
  #signature = '';

  /** Re-indexes only when the indexed text may have changed (records added, removed, re-pulled). */
  update(records: CollectionRecord[], signature: string): void {
    if (signature === this.#signature) return;
    this.#signature = signature;
    this.#index.removeAll();
    this.#index.addAll(
      records.map((r) => ({
        instanceId: r.instanceId,
        artist: r.artist,
        title: r.title,
        tracks: r.tracks,
        labels: r.labels.join(' '),
        catnos: r.catnos.join(' '),
        // Typed barcodes are digits only; printed ones have spaces and dashes.
        barcodes: r.barcodes.flatMap((b) => [b, b.replace(/\D/g, '')]).join(' '),
      })),
    );
  }

  /** The instance ids matching `query`, best first; none below two characters (too broad to help). */
  search(query: string): number[] | undefined {
    const q = query.trim();
    return q.length < MIN_QUERY ? undefined : this.#index.search(q).map((r) => r.id as number);
  }
}
