import type { Database, Statement } from 'better-sqlite3';
import {
  artistLine,
  plainName,
  formatLine,
  plural,
  type CatalogDocument,
  type CatalogSummary,
  type Discography,
  type Kind,
  DISCOGRAPHY_LIMIT,
  type Master,
  type Release,
} from '../../shared/catalog.ts';
import { decodeDocument, decodeDocumentUntil } from '../catalog/document-codec.ts';
import {
  API_FETCHED,
  type CatalogStore,
  type CreditedWork,
  type DocumentOrigin,
  type Page,
  type PagedSummaries,
} from '../catalog/catalog-store.ts';
import { barcodeForms, foldCode } from '../../shared/search-text.ts';
import { toFtsQuery } from '../catalog/search-query.ts';
import { fromSearchRowid } from '../catalog/search-rowid.ts';

// A release's year, which listings sort by: a column beside the compressed document (catalog
// migration 9), read from the JSON of rows stored as plain text before it.
const releaseYear = `CASE WHEN typeof(r.doc) = 'text' THEN json_extract(r.doc, '$.year') ELSE r.year END`;

const TRACKLIST = ',"tracklist":';

/** Keeps the documents of an origin; `r` is the record's table. */
const originCondition: Record<DocumentOrigin, string> = {
  any: '',
  dump: ` AND substr(r.hash, 1, ${API_FETCHED.length}) <> CAST('${API_FETCHED}' AS BLOB)`,
};

/** How many matches a catalog search ranks at most (see `search`). */
const SCORED = 5000;

interface GroupRow {
  masterId: number | null;
  ids: string;
  n: number;
  first: number;
  year: number | null;
}

/**
 * A listed release, and the catalogue number it is listed under. Listings sort and page ids
 * first and read the documents of that page only: selecting documents in the sorted query
 * made SQLite carry every match's document through the sort (twice as slow for the busiest
 * artist of a million releases, bench:catalog-search).
 */
interface ReleaseRow {
  id: number;
  catno?: string;
}

export function summaryOf(kind: Kind, doc: CatalogDocument): CatalogSummary {
  switch (kind) {
    case 'release': {
      const r = doc as Release;
      return {
        kind,
        id: r.id,
        title: r.title,
        artists: artistLine(r.artists),
        year: r.year,
        country: r.country,
        label: r.labels?.[0] && plainName(r.labels[0].name),
        catno: r.labels?.[0]?.catno,
        format: formatLine(r.formats),
        masterId: r.master_id || undefined,
      };
    }
    case 'master': {
      const m = doc as Extract<CatalogDocument, { main_release?: number }>;
      return { kind, id: m.id, title: m.title, artists: artistLine(m.artists), year: m.year };
    }
    default:
      return { kind, id: doc.id, title: (doc as { name: string }).name };
  }
}

export class SqliteCatalogStore implements CatalogStore {
  // Prepared once: listings and searches read a document per hit.
  readonly #releaseFromDump: Statement<[number], number>;
  readonly #documentOf: Record<DocumentOrigin, Record<Kind, Statement<[number], Buffer | string>>>;

  constructor(private readonly db: Database) {
    const statements = (origin: DocumentOrigin) => {
      const statement = (kind: Kind) =>
        db
          .prepare<[number], Buffer | string>(
            `SELECT doc FROM ${plural[kind]} r WHERE id = ? AND deleted = 0${originCondition[origin]}`,
          )
          .pluck();
      return {
        release: statement('release'),
        master: statement('master'),
        artist: statement('artist'),
        label: statement('label'),
      };
    };
    this.#documentOf = { any: statements('any'), dump: statements('dump') };
    this.#releaseFromDump = db
      .prepare<[number], number>(
        `SELECT 1 FROM releases r WHERE id = ? AND deleted = 0${originCondition.dump}`,
      )
      .pluck();
  }

  get(kind: Kind, id: number, origin: DocumentOrigin = 'any'): CatalogDocument | undefined {
    const json = this.getJson(kind, id, origin);
    return json === undefined ? undefined : (JSON.parse(json) as CatalogDocument);
  }

  getJson(kind: Kind, id: number, origin: DocumentOrigin = 'any'): string | undefined {
    const doc = this.#documentOf[origin][kind].get(id);
    return doc === undefined ? undefined : decodeDocument(doc);
  }

  releasesOfArtist(artistId: number, page: Page, role?: string): PagedSummaries {
    const where = `ra.artist_id = ?${role ? ' AND ra.role = ?' : ''}`;
    const params: (string | number)[] = role ? [artistId, role] : [artistId];
    return this.#paged(
      `SELECT r.id AS id FROM releases r WHERE r.id IN (SELECT ra.release_id FROM release_artists ra WHERE ${where}) AND r.deleted = 0 ORDER BY ${releaseYear} IS NULL, ${releaseYear}, r.id`,
      `SELECT count(DISTINCT ra.release_id) AS n FROM release_artists ra WHERE ${where}`,
      params,
      page,
    );
  }

  creditedWorks(artistId: number, page: Page): { rows: CreditedWork[]; total: number } {
    const grouped = `WITH credited AS (
        SELECT release_id AS id,
          min(CASE role WHEN 'main' THEN 0 WHEN 'track' THEN 1 ELSE 2 END) AS closest
        FROM release_artists WHERE artist_id = ? GROUP BY release_id
      )
      SELECT r.master_id AS masterId, min(r.id) AS releaseId, min(c.closest) AS closest,
        min(nullif(${releaseYear}, 0)) AS year
      FROM credited c JOIN releases r ON r.id = c.id AND r.deleted = 0${originCondition.dump}
      GROUP BY coalesce(r.master_id, -r.id)`;
    const roles = ['main', 'track', 'extra'] as const;
    const rows = this.db
      .prepare<
        [number, number, number],
        { masterId: number | null; releaseId: number; closest: number }
      >(`${grouped} ORDER BY year IS NULL, year, releaseId LIMIT ? OFFSET ?`)
      .all(artistId, page.perPage, (page.page - 1) * page.perPage)
      .map((r) => ({
        masterId: r.masterId ?? undefined,
        releaseId: r.releaseId,
        role: roles[r.closest]!,
      }));
    const total = this.db
      .prepare<[number], number>(`SELECT count(*) FROM (${grouped})`)
      .pluck()
      .get(artistId)!;
    return { rows, total };
  }

  releasesOfLabel(labelId: number, page: Page, origin: DocumentOrigin = 'any'): PagedSummaries {
    const rows = `FROM release_labels rl JOIN releases r ON r.id = rl.release_id AND r.deleted = 0${originCondition[origin]} WHERE rl.label_id = ?`;
    return this.#paged(
      `SELECT r.id AS id, rl.catno AS catno ${rows} ORDER BY rl.catno, r.id`,
      `SELECT count(*) AS n ${rows}`,
      [labelId],
      page,
    );
  }

  versionsOfMaster(masterId: number, page: Page, origin: DocumentOrigin = 'any'): PagedSummaries {
    const rows = `FROM releases r WHERE r.master_id = ? AND r.deleted = 0${originCondition[origin]}`;
    return this.#paged(
      `SELECT r.id AS id ${rows} ORDER BY ${releaseYear} IS NULL, ${releaseYear}, r.id`,
      `SELECT count(*) AS n ${rows}`,
      [masterId],
      page,
    );
  }

  releasesByCode(code: string, kind: 'barcode' | 'catno'): CatalogSummary[] {
    const forms = kind === 'barcode' ? barcodeForms(code) : [foldCode(code)].filter(Boolean);
    if (forms.length === 0) return [];
    return this.db
      .prepare<string[], ReleaseRow>(
        `SELECT r.id AS id FROM releases r WHERE r.id IN (SELECT c.release_id FROM release_codes c WHERE c.code IN (${forms.map(() => '?').join(', ')}) AND c.kind = ?) AND r.deleted = 0 ORDER BY r.id LIMIT 200`,
      )
      .all(...forms, kind)
      .map((row) => this.#releaseSummary(row));
  }

  search(text: string, options: { kind?: Kind; limit?: number } = {}): CatalogSummary[] {
    const limit = options.limit ?? 50;
    const hits: CatalogSummary[] = [];
    for (const { kind, id } of this.ranked(text, options.kind)) {
      const doc = kind === 'release' ? this.#releaseHead(id) : this.get(kind, id);
      if (doc) hits.push(summaryOf(kind, doc));
      if (hits.length >= limit) break;
    }
    return hits;
  }

  ranked(
    text: string,
    kind?: Kind,
    origin: DocumentOrigin = 'any',
  ): Array<{ kind: Kind; id: number }> {
    const query = toFtsQuery(text);
    if (!query) return [];
    // Title matches weigh most; bm25 is lower-is-better. Ranking every match of a common word
    // would score hundreds of thousands of rows in a full catalog (190 ms for "the" in 1 M
    // releases, bench:catalog-search): the best are taken among the first SCORED matches in
    // rowid order, i.e. the lowest Discogs ids, the records entered first, which are the
    // well-known ones. Queries with fewer matches are ranked exactly.
    const rows = this.db
      .prepare<[string], { rowid: number; score: number }>(
        `SELECT rowid, bm25(catalog_search, 10.0, 4.0, 2.0, 2.0) AS score FROM catalog_search WHERE catalog_search MATCH ? LIMIT ${SCORED}`,
      )
      .all(query)
      .sort((a, b) => a.score - b.score);
    const hits = rows.map((r) => fromSearchRowid(r.rowid)).filter((h) => !kind || h.kind === kind);
    // Only releases are ever fetched from the API (discogs/enrichment.ts): a lookup each.
    if (origin === 'any') return hits;
    return hits.filter(
      (h) => h.kind !== 'release' || this.#releaseFromDump.get(h.id) !== undefined,
    );
  }

  counts(): Record<Kind, number> {
    const count = (k: Kind) =>
      (
        this.db.prepare(`SELECT count(*) AS n FROM ${plural[k]} WHERE deleted = 0`).get() as {
          n: number;
        }
      ).n;
    return {
      label: count('label'),
      artist: count('artist'),
      master: count('master'),
      release: count('release'),
    };
  }

  discography(kind: 'artist' | 'label', id: number): Discography | undefined {
    // The releases, then one row per master (or per release without one), named as the master
    // is when the catalog has it, else as its first version.
    const releases =
      kind === 'artist'
        ? "SELECT DISTINCT release_id AS id FROM release_artists WHERE artist_id = ? AND role = 'main'"
        : 'SELECT DISTINCT release_id AS id FROM release_labels WHERE label_id = ?';
    const rows = this.db
      .prepare<[number], GroupRow>(
        `SELECT r.master_id AS masterId, min(r.id) AS first, min(nullif(${releaseYear}, 0)) AS year,
           count(*) AS n, group_concat(r.id) AS ids
         FROM (${releases}) x JOIN releases r ON r.id = x.id AND r.deleted = 0
         GROUP BY coalesce(r.master_id, -r.id)`,
      )
      .all(id);
    const doc = this.get(kind, id) as { name: string } | undefined;
    if (!doc && rows.length === 0) return undefined;
    // Each group is named as its master is when the catalog has it, else as its first version.
    const groups = rows.map((r) => {
      const master =
        r.masterId === null ? undefined : (this.get('master', r.masterId) as Master | undefined);
      const named = master ?? this.#releaseHead(r.first)!;
      return {
        masterId: r.masterId ?? undefined,
        title: named.title,
        artists: artistLine(named.artists),
        year: master?.year || r.year || undefined,
        releaseIds: r.ids.split(',').map(Number),
      };
    });
    groups.sort(
      (a, b) =>
        (a.year ?? Infinity) - (b.year ?? Infinity) ||
        (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
    );
    return {
      kind,
      id,
      // A catalog of the collection's scope holds releases only: the name their credit gives.
      name: doc?.name ?? this.#creditedName(kind, id, Number(rows[0]!.ids.split(',')[0])),
      groups: groups.slice(0, DISCOGRAPHY_LIMIT),
      totalGroups: rows.length,
      totalReleases: rows.reduce((n, r) => n + r.n, 0),
    };
  }

  #creditedName(kind: 'artist' | 'label', id: number, releaseId: number): string {
    const r = this.get('release', releaseId) as Release;
    const credits: Array<{ id?: number; name: string }> =
      (kind === 'artist' ? r.artists : r.labels) ?? [];
    return credits.find((c) => c.id === id)?.name ?? `${kind} ${id}`;
  }

  #releaseSummary(row: ReleaseRow): CatalogSummary {
    const summary = summaryOf('release', this.#releaseHead(row.id)!);
    return row.catno === undefined ? summary : { ...summary, catno: row.catno };
  }

  /**
   * A release's fields before its tracklist: all a summary needs. The ingest writes the
   * tracklist after them (dumps/parse/release.ts), and in JSON the marker cannot occur inside
   * a string, whose quotes are escaped. Reading and parsing only that head took the busiest
   * artist's first 50 releases (of a million) from 4.8 to 3.2 ms. A document without the
   * marker is read whole.
   */
  #releaseHead(id: number): Release | undefined {
    const stored = this.#documentOf.any.release.get(id);
    if (stored === undefined) return undefined;
    const json = decodeDocumentUntil(stored, TRACKLIST);
    const end = json.indexOf(TRACKLIST);
    return JSON.parse(end === -1 ? json : `${json.slice(0, end)}}`) as Release;
  }

  #paged(sql: string, countSql: string, params: (string | number)[], page: Page): PagedSummaries {
    const items = this.db
      .prepare<(string | number)[], ReleaseRow>(`${sql} LIMIT ? OFFSET ?`)
      .all(...params, page.perPage, (page.page - 1) * page.perPage)
      .map((row) => this.#releaseSummary(row));
    const total = (
      this.db.prepare<(string | number)[], { n: number }>(countSql).get(...params) as { n: number }
    ).n;
    return { items, page: page.page, perPage: page.perPage, total };
  }
}
