import { z } from 'zod';
import {
  artistLine,
  type Artist,
  type CatalogDocument,
  type Kind,
  type Label,
  type Master,
  type Release,
} from '../../shared/catalog.ts';
import { barcodeForms, foldCode, foldWord } from '../../shared/search-text.ts';
import type { CatalogStore, Page } from '../catalog/catalog-store.ts';

/** `GET /database/search`'s parameters, as Discogs documents them (paging apart). */
export const searchParamsSchema = z.object({
  q: z.string().optional(),
  type: z.enum(['release', 'master', 'artist', 'label']).optional(),
  title: z.string().optional(),
  release_title: z.string().optional(),
  artist: z.string().optional(),
  label: z.string().optional(),
  catno: z.string().optional(),
  barcode: z.string().optional(),
  year: z.string().optional(),
  format: z.string().optional(),
  country: z.string().optional(),
  genre: z.string().optional(),
  style: z.string().optional(),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

/**
 * How many ranked matches a search with field filters reads, at most: each costs a document
 * read, and the count it reports (`items`) is of the matches among those.
 */
const FILTERED_SCAN = 2000;

type Hit = { kind: Kind; doc: CatalogDocument };
type Filter = (hit: Hit) => boolean;

const contains = (haystack: string | undefined, needle: string) =>
  haystack !== undefined && foldWord(haystack).includes(foldWord(needle));
const same = (a: string | undefined, b: string) => a !== undefined && foldWord(a) === foldWord(b);
const release = (h: Hit) => (h.kind === 'release' ? (h.doc as Release) : undefined);
const titled = (h: Hit) =>
  h.kind === 'release' || h.kind === 'master' ? (h.doc as Release | Master) : undefined;

/** Discogs' result title: "Artist - Title" for releases and masters, the name otherwise. */
function resultTitle(h: Hit): string {
  const t = titled(h);
  if (!t) return (h.doc as Artist | Label).name;
  const artists = artistLine(t.artists);
  return artists ? `${artists} - ${t.title}` : t.title;
}

/** One filter per field given; a field that a kind lacks leaves that kind out, as on Discogs. */
function filtersOf(p: SearchParams): Filter[] {
  const filters: Array<[string | undefined, (value: string) => Filter]> = [
    [p.title, (v) => (h) => contains(resultTitle(h), v)],
    [p.release_title, (v) => (h) => contains(titled(h)?.title, v)],
    [
      p.artist,
      (v) => (h) =>
        h.kind === 'artist'
          ? contains((h.doc as Artist).name, v)
          : contains(artistLine(titled(h)?.artists), v),
    ],
    [
      p.label,
      (v) => (h) =>
        h.kind === 'label'
          ? contains((h.doc as Label).name, v)
          : (release(h)?.labels ?? []).some((l) => contains(l.name, v)),
    ],
    [
      p.catno,
      (v) => (h) => (release(h)?.labels ?? []).some((l) => foldCode(l.catno) === foldCode(v)),
    ],
    [
      p.barcode,
      (v) => (h) =>
        (release(h)?.identifiers ?? []).some(
          (i) => i.type === 'Barcode' && barcodeForms(v).includes(foldCode(i.value)),
        ),
    ],
    [p.year, (v) => (h) => String(titled(h)?.year ?? '') === v.trim()],
    [
      p.format,
      (v) => (h) =>
        (release(h)?.formats ?? []).some(
          (f) => same(f.name, v) || (f.descriptions ?? []).some((d) => same(d, v)),
        ),
    ],
    [p.country, (v) => (h) => same(release(h)?.country, v)],
    [p.genre, (v) => (h) => (titled(h)?.genres ?? []).some((g) => same(g, v))],
    [p.style, (v) => (h) => (titled(h)?.styles ?? []).some((s) => same(s, v))],
  ];
  return filters.flatMap(([value, filter]) => (value?.trim() ? [filter(value)] : []));
}

/** A result as Discogs' search returns it; `url(kind, id)` is a record's resource_url. */
function resultItem(
  h: Hit,
  url: (kind: Kind, id: number) => string,
  page: (kind: Kind, id: number) => string,
): object {
  const common = {
    id: h.doc.id,
    type: h.kind,
    title: resultTitle(h),
    uri: page(h.kind, h.doc.id),
    resource_url: url(h.kind, h.doc.id),
  };
  const t = titled(h);
  if (!t) return common;
  const r = release(h);
  const masterId = r ? r.master_id : h.doc.id;
  return {
    ...common,
    master_id: masterId,
    master_url: masterId ? url('master', masterId) : undefined,
    year: t.year ? String(t.year) : undefined,
    genre: t.genres,
    style: t.styles,
    country: r?.country,
    // A release's lists are always there, empty when it has none, as Discogs sends them.
    format: r && (r.formats ?? []).flatMap((f) => [f.name, ...(f.descriptions ?? [])]),
    label: r && (r.labels ?? []).map((l) => l.name),
    catno: r?.labels?.[0]?.catno,
    barcode: r && (r.identifiers ?? []).filter((i) => i.type === 'Barcode').map((i) => i.value),
  };
}

/**
 * The Discogs-compatible `GET /database/search`: the catalog's full-text search over every
 * text field given, then each field as a filter, from the dumps only. Without filters a
 * page reads only its own documents.
 */
export function searchDatabase(
  catalog: CatalogStore,
  params: SearchParams,
  page: Page,
  urls: { record: (kind: Kind, id: number) => string; page: (kind: Kind, id: number) => string },
): { total: number; items: object[] } {
  const text = [
    params.q,
    params.title,
    params.release_title,
    params.artist,
    params.label,
    params.catno,
  ]
    .filter((t) => t?.trim())
    .join(' ');
  // A barcode is typed every which way ("0 74646-36282 2"): its releases come from the code
  // lookup, which compares it folded, and the words given narrow them as filters.
  const ranked = !params.barcode?.trim()
    ? catalog.ranked(text, params.type, 'dump')
    : params.type && params.type !== 'release'
      ? []
      : catalog
          .releasesByCode(params.barcode, 'barcode')
          .map((s) => ({ kind: 'release' as const, id: s.id }));
  const hitOf = ({ kind, id }: { kind: Kind; id: number }): Hit | undefined => {
    const doc = catalog.get(kind, id, 'dump');
    return doc && { kind, doc };
  };
  const filters = filtersOf(params);
  const start = (page.page - 1) * page.perPage;
  let total: number;
  let hits: Hit[];
  if (filters.length === 0) {
    total = ranked.length;
    hits = ranked.slice(start, start + page.perPage).flatMap((r) => hitOf(r) ?? []);
  } else {
    const matches = ranked
      .slice(0, FILTERED_SCAN)
      .flatMap((r) => hitOf(r) ?? [])
      .filter((h) => filters.every((f) => f(h)));
    total = matches.length;
    hits = matches.slice(start, start + page.perPage);
  }
  return { total, items: hits.map((h) => resultItem(h, urls.record, urls.page)) };
}
