import type { Database, Statement } from 'better-sqlite3';
import { plural, type Kind } from '../../shared/catalog.ts';
import type { Relations } from '../catalog/relations.ts';
import { searchRowid } from '../catalog/search-rowid.ts';
import type { RecordWrite } from '../dumps/ingest/ingest-messages.ts';

/**
 * Writes one kind's records: the document, its relation rows and its search entry, replacing
 * what an earlier version of the record left. Callers group calls into transactions.
 */
export class CatalogWriter {
  readonly #put: Statement;
  readonly #search: Statement;
  readonly #unsearch: Statement;
  readonly #clear: Statement[];
  readonly #relate: Array<(id: number, r: Relations) => void>;

  constructor(
    private readonly db: Database,
    private readonly kind: Kind,
  ) {
    const table = plural[kind];
    this.#put = db.prepare(
      kind === 'release'
        ? `INSERT OR REPLACE INTO releases (id, doc, hash, master_id, year, deleted) VALUES (?, ?, ?, ?, ?, 0)`
        : kind === 'label'
          ? `INSERT OR REPLACE INTO labels (id, doc, hash, parent_id, deleted) VALUES (?, ?, ?, ?, 0)`
          : `INSERT OR REPLACE INTO ${table} (id, doc, hash, deleted) VALUES (?, ?, ?, 0)`,
    );
    this.#search = db.prepare(
      'INSERT INTO catalog_search (rowid, title, artists, labels, codes) VALUES (?, ?, ?, ?, ?)',
    );
    this.#unsearch = db.prepare('DELETE FROM catalog_search WHERE rowid = ?');
    const rows = (sql: string) => db.prepare(sql);
    if (kind === 'release') {
      const artist = rows(
        'INSERT OR IGNORE INTO release_artists (artist_id, release_id, role) VALUES (?, ?, ?)',
      );
      const label = rows(
        'INSERT OR IGNORE INTO release_labels (label_id, release_id, catno) VALUES (?, ?, ?)',
      );
      const code = rows(
        'INSERT OR IGNORE INTO release_codes (code, kind, release_id) VALUES (?, ?, ?)',
      );
      this.#clear = ['release_artists', 'release_labels', 'release_codes'].map((t) =>
        rows(`DELETE FROM ${t} WHERE release_id = ?`),
      );
      this.#relate = [
        (id, r) => r.artists?.forEach(([a, role]) => artist.run(a, id, role)),
        (id, r) => r.labels?.forEach(([l, catno]) => label.run(l, id, catno)),
        (id, r) => r.codes?.forEach(([c, k]) => code.run(c, k, id)),
      ];
    } else if (kind === 'artist') {
      const link = rows(
        'INSERT OR IGNORE INTO artist_links (artist_id, other_id, kind) VALUES (?, ?, ?)',
      );
      this.#clear = [rows('DELETE FROM artist_links WHERE artist_id = ?')];
      this.#relate = [(id, r) => r.links?.forEach(([other, k]) => link.run(id, other, k))];
    } else {
      this.#clear = [];
      this.#relate = [];
    }
  }

  /**
   * `doc`: the document as stored (document-codec.ts). `rewrite`: the record may already have
   * rows (it existed, or was seen earlier in this run).
   */
  put(w: RecordWrite, doc: Buffer, rewrite: boolean): void {
    const r = w.relations;
    const rowid = searchRowid(this.kind, w.id);
    if (rewrite) {
      for (const s of this.#clear) s.run(w.id);
      this.#unsearch.run(rowid);
    }
    const hash = Buffer.from(w.hash, 'hex');
    if (this.kind === 'release') this.#put.run(w.id, doc, hash, r.parentId ?? null, r.year ?? null);
    else if (this.kind === 'label') this.#put.run(w.id, doc, hash, r.parentId ?? null);
    else this.#put.run(w.id, doc, hash);
    for (const relate of this.#relate) relate(w.id, r);
    this.#search.run(rowid, r.search.title, r.search.artists, r.search.labels, r.search.codes);
  }

  /**
   * Marks deleted every live record whose id `seen` lacks, dropping its relation rows and search
   * entry; the document stays. Run only after a complete file was read. Returns how many.
   */
  markMissingDeleted(seen: (id: number) => boolean, batch = 10_000): number {
    const table = plural[this.kind];
    const live = this.db.prepare<[number, number], { id: number }>(
      `SELECT id FROM ${table} WHERE deleted = 0 AND id > ? ORDER BY id LIMIT ?`,
    );
    const mark = this.db.prepare(`UPDATE ${table} SET deleted = 1 WHERE id = ?`);
    let deleted = 0;
    for (let after = 0; ;) {
      const ids = live.all(after, batch).map((r) => r.id);
      if (ids.length === 0) return deleted;
      after = ids.at(-1)!;
      const gone = ids.filter((id) => !seen(id));
      this.db.transaction(() => {
        for (const id of gone) {
          mark.run(id);
          for (const s of this.#clear) s.run(id);
          this.#unsearch.run(searchRowid(this.kind, id));
        }
      })();
      deleted += gone.length;
    }
  }
}
