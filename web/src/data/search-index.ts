import MiniSearch, { type SearchOptions } from 'minisearch';
import { foldCode, foldWord } from '../../../shared/search-text.ts';
import type { CollectionRecord } from './records.ts';

const MIN_QUERY = 2;

type Doc = Pick<CollectionRecord, 'instanceId' | 'artist' | 'title' | 'tracks'> & { labels: string; catnos: string; codes: string };

/** Words of this length or more forgive one typo when nothing matches them as typed. */
const FUZZY_FROM = 5;

/**
 * Search as you type over artist, title, label, catalogue number, barcode and track titles
 * (MiniSearch, in memory). Every word must match, the last one as a prefix, so results narrow
 * while typing; case and accents do not count ("greco" finds Gréco), and codes match however
 * they are punctuated ("LAR048" finds LAR-048, "soma92" SOMA 92: shared/search-text.ts, as on
 * the hub). Typos: longer finished words forgive one; when nothing matches as typed, every
 * longer word does, the last included ("buckly" finds Buckley).
 */
export class SearchIndex {
  readonly #index = new MiniSearch<Doc>({
    idField: 'instanceId',
    fields: ['artist', 'title', 'labels', 'catnos', 'codes', 'tracks'],
    processTerm: foldWord,
    // Only the word being typed (the last) is a prefix, and only long finished words forgive a
    // typo: prefix and fuzzy matching are what a keystroke costs on 10,000 records (fuzzy on the
    // word being typed too took the p95 from 12 to 17 ms in bench/search.ts), so that costlier
    // search runs only when this one finds nothing.
    searchOptions: {
      boost: { artist: 3, title: 3, labels: 1.5, catnos: 2, codes: 2 },
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term, i, terms) => (term.length >= FUZZY_FROM && i < terms.length - 1 ? 0.2 : false),
      maxFuzzy: 1,
      combineWith: 'AND',
    },
  });
  static readonly #anyTypo: SearchOptions = { fuzzy: (term) => (term.length >= FUZZY_FROM ? 0.2 : false) };
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
        // Catalogue numbers and barcodes folded whole: "LAR-048" → "lar048", "5 099747 592825" → digits.
        codes: [...r.catnos, ...r.barcodes].map(foldCode).join(' '),
      })),
    );
  }

  /** The instance ids matching `query`, best first; none below two characters (too broad to help). */
  search(query: string): number[] | undefined {
    const q = query.trim();
    if (q.length < MIN_QUERY) return undefined;
    const hits = this.#index.search(q);
    return (hits.length > 0 ? hits : this.#index.search(q, SearchIndex.#anyTypo)).map((r) => r.id as number);
  }
}
