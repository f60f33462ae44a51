import MiniSearch from 'minisearch';
import type { CollectionRecord } from './records.ts';

type Doc = Pick<CollectionRecord, 'instanceId' | 'artist' | 'title' | 'tracks'> & { labels: string; catnos: string; barcodes: string };

/**
 * Search as you type over artist, title, label, catalogue number, barcode and track titles
 * (MiniSearch, in memory). Every word must match; the last one as a prefix, so results narrow
 * while typing; longer words forgive a typo.
 */
export class SearchIndex {
  readonly #index = new MiniSearch<Doc>({
    idField: 'instanceId',
    fields: ['artist', 'title', 'labels', 'catnos', 'barcodes', 'tracks'],
    searchOptions: { boost: { artist: 3, title: 3, labels: 1.5, catnos: 2, barcodes: 2 }, prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : 0), combineWith: 'AND' },
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

  /** The instance ids matching `query`, best first. */
  search(query: string): number[] {
    return this.#index.search(query.trim()).map((r) => r.id as number);
  }
}
