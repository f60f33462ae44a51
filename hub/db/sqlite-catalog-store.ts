import type { Database } from 'better-sqlite3';
import {
  artistLine,
  formatLine,
  plural,
  type CatalogDocument,
  type CatalogSummary,
  type Discography,
  type Kind,
  DISCOGRAPHY_LIMIT,
  type Release,
} from '../../shared/catalog.ts';
import type { CatalogStore, Page, PagedSummaries } from '../catalog/catalog-store.ts';
import { barcodeForms, foldCode } from '../../shared/search-text.ts';
import { toFtsQuery } from '../catalog/search-query.ts';
import { fromSearchRowid } from '../catalog/search-rowid.ts';

// Summary columns pulled out of the JSON document by SQLite, so listings never parse whole documents in JS.
const releaseSummaryColumns = `r.id AS id, json_extract(r.doc, '$.title') AS title, json_extract(r.doc, '$.year') AS year,
  json_extract(r.doc, '$.country') AS country, json_extract(r.doc, '$.artists') AS artistsJson,
  json_extract(r.doc, '$.formats') AS formatsJson, r.master_id AS masterId,
  json_extract(r.doc, '$.labels[0].name') AS label, json_extract(r.doc, '$.labels[0].catno') AS firstCatno`;

/** How many matches a catalog search ranks at most (see `search`). */
const SCORED = 5000;

interface GroupRow {
  masterId: number | null;
  ids: string;
  n: number;
  groupTitle: string;
  groupYear: number | null;
  artistsJson: string | null;
}

interface ReleaseRow {
  id: number;
  title: string;
  year: number | null;
  country: string | null;
  artistsJson: string | null;
  formatsJson: string | null;
  masterId: number | null;
  label: string | null;
  firstCatno: string | null;
  catno?: string;
}

function releaseSummary(row: ReleaseRow): CatalogSummary {
  return {
    kind: 'release',
    id: row.id,
    title: row.title,
    artists: artistLine(row.artistsJson ? JSON.parse(row.artistsJson) : undefined),
    year: row.year ?? undefined,
    country: row.country ?? undefined,
    label: row.label ?? undefined,
    catno: row.catno ?? row.firstCatno ?? undefined,
    format: formatLine(row.formatsJson ? JSON.parse(row.formatsJson) : undefined),
    masterId: row.masterId ?? undefined,
  };
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
        label: r.labels?.[0]?.name,
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
  constructor(private readonly db: Database) {}

  get(kind: Kind, id: number): CatalogDocument | undefined {
    const row = this.db
      .prepare<[number], { doc: string }>(
        `SELECT doc FROM ${plural[kind]} WHERE id = ? AND deleted = 0`,
      )
      .get(id);
    return row ? (JSON.parse(row.doc) as CatalogDocument) : undefined;
  }

  releasesOfArtist(artistId: number, page: Page, role?: string): PagedSummaries {
    const where = `ra.artist_id = ?${role ? ' AND ra.role = ?' : ''}`;
    const params: (string | number)[] = role ? [artistId, role] : [artistId];
    return this.#paged(
      `SELECT DISTINCT ${releaseSummaryColumns} FROM release_artists ra JOIN releases r ON r.id = ra.release_id AND r.deleted = 0 WHERE ${where} ORDER BY year IS NULL, year, r.id`,
      `SELECT count(DISTINCT ra.release_id) AS n FROM release_artists ra WHERE ${where}`,
      params,
      page,
    );
  }

  releasesOfLabel(labelId: number, page: Page): PagedSummaries {
    return this.#paged(
      `SELECT ${releaseSummaryColumns}, rl.catno AS catno FROM release_labels rl JOIN releases r ON r.id = rl.release_id AND r.deleted = 0 WHERE rl.label_id = ? ORDER BY rl.catno, r.id`,
      'SELECT count(*) AS n FROM release_labels WHERE label_id = ?',
      [labelId],
      page,
    );
  }

  versionsOfMaster(masterId: number, page: Page): PagedSummaries {
    return this.#paged(
      `SELECT ${releaseSummaryColumns} FROM releases r WHERE r.master_id = ? AND r.deleted = 0 ORDER BY year IS NULL, year, r.id`,
      'SELECT count(*) AS n FROM releases WHERE master_id = ? AND deleted = 0',
      [masterId],
      page,
    );
  }

  releasesByCode(code: string, kind: 'barcode' | 'catno'): CatalogSummary[] {
    const forms = kind === 'barcode' ? barcodeForms(code) : [foldCode(code)].filter(Boolean);
    if (forms.length === 0) return [];
    return this.db
      .prepare<string[], ReleaseRow>(
        `SELECT DISTINCT ${releaseSummaryColumns} FROM release_codes c JOIN releases r ON r.id = c.release_id AND r.deleted = 0 WHERE c.code IN (${forms.map(() => '?').join(', ')}) AND c.kind = ? ORDER BY r.id LIMIT 200`,
      )
      .all(...forms, kind)
      .map(releaseSummary);
  }

  search(text: string, options: { kind?: Kind; limit?: number } = {}): CatalogSummary[] {
    const query = toFtsQuery(text);
    if (!query) return [];
    const limit = options.limit ?? 50;
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
    const hits: CatalogSummary[] = [];
    for (const { rowid } of rows) {
      const { kind, id } = fromSearchRowid(rowid);
      if (options.kind && kind !== options.kind) continue;
      const doc = this.get(kind, id);
      if (doc) hits.push(summaryOf(kind, doc));
      if (hits.length >= limit) break;
    }
    return hits;
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
        `WITH rel AS (
           SELECT r.id, r.master_id, nullif(json_extract(r.doc, '$.year'), 0) AS year,
             json_extract(r.doc, '$.title') AS title, json_extract(r.doc, '$.artists') AS artistsJson
           FROM (${releases}) x JOIN releases r ON r.id = x.id AND r.deleted = 0
         ), grouped AS (
           SELECT master_id, min(id) AS first, min(year) AS year, count(*) AS n,
             group_concat(id) AS ids
           FROM rel GROUP BY coalesce(master_id, -id)
         )
         SELECT g.master_id AS masterId, g.ids, g.n,
           coalesce(json_extract(m.doc, '$.title'), f.title) AS groupTitle,
           coalesce(nullif(json_extract(m.doc, '$.year'), 0), g.year) AS groupYear,
           coalesce(json_extract(m.doc, '$.artists'), f.artistsJson) AS artistsJson
         FROM grouped g JOIN rel f ON f.id = g.first
         LEFT JOIN masters m ON m.id = g.master_id AND m.deleted = 0
         ORDER BY groupYear IS NULL, groupYear, groupTitle`,
      )
      .all(id);
    const doc = this.get(kind, id) as { name: string } | undefined;
    if (!doc && rows.length === 0) return undefined;
    return {
      kind,
      id,
      // A catalog of the collection's scope holds releases only: the name their credit gives.
      name: doc?.name ?? this.#creditedName(kind, id, Number(rows[0]!.ids.split(',')[0])),
      groups: rows.slice(0, DISCOGRAPHY_LIMIT).map((r) => ({
        masterId: r.masterId ?? undefined,
        title: r.groupTitle,
        artists: artistLine(r.artistsJson ? JSON.parse(r.artistsJson) : undefined),
        year: r.groupYear ?? undefined,
        releaseIds: r.ids.split(',').map(Number),
      })),
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

  #paged(sql: string, countSql: string, params: (string | number)[], page: Page): PagedSummaries {
    const items = this.db
      .prepare<(string | number)[], ReleaseRow>(`${sql} LIMIT ? OFFSET ?`)
      .all(...params, page.perPage, (page.page - 1) * page.perPage)
      .map(releaseSummary);
    const total = (
      this.db.prepare<(string | number)[], { n: number }>(countSql).get(...params) as { n: number }
    ).n;
    return { items, page: page.page, perPage: page.perPage, total };
  }
}
