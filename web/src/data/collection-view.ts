import { z } from 'zod';
import type { CollectionRecord } from './records.ts';

export const SORTS = {
  added: 'Date added',
  artist: 'Artist',
  title: 'Title',
  label: 'Label',
  year: 'Year',
  rating: 'Rating',
  plays: 'Plays',
  lastPlayed: 'Last played',
} as const;
export type SortKey = keyof typeof SORTS;
/** Names read A to Z; dates and numbers newest or highest first. */
export const ASCENDING_BY_DEFAULT: ReadonlySet<SortKey> = new Set(['artist', 'title', 'label']);

/** Every filter a person can set; absent means "any". */
export const filtersSchema = z.object({
  folder: z.number().optional(),
  genre: z.string().optional(),
  style: z.string().optional(),
  format: z.string().optional(),
  decade: z.number().optional(),
  country: z.string().optional(),
  rating: z.number().optional(),
  hasNotes: z.boolean().optional(),
  // Set from the Stats screen's charts: a label, the year records were added, a month they
  // were played in (YYYY-MM).
  label: z.string().optional(),
  added: z.string().optional(),
  played: z.string().optional(),
});
export type Filters = z.infer<typeof filtersSchema>;
export type FilterKey = keyof Filters;

/** How many filters are set: the toolbar's "Filters (n)". */
export const activeFilterCount = (filters: Filters): number => Object.values(filters).filter((v) => v !== undefined).length;

/** What the collection screen shows; kept across reloads (localStorage), so checked on read. */
export const viewSchema = z.object({
  layout: z.enum(['grid', 'list']).default('grid'),
  sort: z.enum(Object.keys(SORTS) as [SortKey, ...SortKey[]]).default('added'),
  descending: z.boolean().default(true),
  query: z.string().default(''),
  filters: filtersSchema.default({}),
});
export type ViewState = z.infer<typeof viewSchema>;

const decadeOf = (year: number) => (year > 0 ? Math.floor(year / 10) * 10 : 0);

/** The values a record has for a filter (several for genres, styles, formats). */
function valuesOf(r: CollectionRecord, key: FilterKey): Array<string | number | boolean> {
  switch (key) {
    case 'folder': return [r.folderId];
    case 'genre': return r.genres;
    case 'style': return r.styles;
    case 'format': return r.formats;
    case 'decade': return [decadeOf(r.year)];
    case 'country': return [r.country];
    case 'rating': return [r.rating];
    case 'hasNotes': return [r.hasNotes];
    case 'label': return r.labels;
    case 'added': return [r.dateAdded.slice(0, 4)];
    case 'played': return r.playMonths;
  }
}

/** A test for the filters, built once per view rather than once per record (10,000 a keystroke). */
function matcher(filters: Filters, except?: FilterKey): ((r: CollectionRecord) => boolean) | null {
  const active = (Object.entries(filters) as Array<[FilterKey, unknown]>).filter(([key, want]) => want !== undefined && key !== except);
  if (active.length === 0) return null;
  return (r) => active.every(([key, want]) => valuesOf(r, key).includes(want as never));
}

// One collator, not localeCompare per call: sorting 10,000 records is ten times faster.
const text = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare;
const comparators: Record<SortKey, (a: CollectionRecord, b: CollectionRecord) => number> = {
  added: (a, b) => text(a.dateAdded, b.dateAdded),
  artist: (a, b) => text(a.artist, b.artist) || text(a.title, b.title),
  title: (a, b) => text(a.title, b.title),
  label: (a, b) => text(a.labels[0] ?? '', b.labels[0] ?? '') || text(a.catnos[0] ?? '', b.catnos[0] ?? ''),
  year: (a, b) => a.year - b.year,
  rating: (a, b) => a.rating - b.rating,
  plays: (a, b) => a.plays - b.plays,
  lastPlayed: (a, b) => text(a.lastPlayed ?? '', b.lastPlayed ?? ''),
};

/** Every record in the view's order (sorting is the costly part: redone only when the order changes). */
export function sortRecords(records: CollectionRecord[], sort: SortKey, descending: boolean): CollectionRecord[] {
  const cmp = comparators[sort];
  // Ties keep the most recently added first, so an order is always the same on every device.
  return [...records].sort((a, b) => (descending ? cmp(b, a) : cmp(a, b)) || text(b.dateAdded, a.dateAdded) || b.instanceId - a.instanceId);
}

/** The records the screen shows, in order: those the search found, narrowed by the filters. */
export function filterSorted(sorted: CollectionRecord[], filters: Filters, found?: Set<number>): CollectionRecord[] {
  const matches = matcher(filters);
  if (!matches && !found) return sorted;
  return sorted.filter((r) => (!found || found.has(r.instanceId)) && (!matches || matches(r)));
}


/**
 * For each filter, its values with how many records each would show, given the other filters
 * (so a person sees what choosing a value would leave).
 */
export function facetCounts(records: CollectionRecord[], filters: Filters, found?: Set<number>): Record<FilterKey, Map<string | number | boolean, number>> {
  const keys = Object.keys(filtersSchema.shape) as FilterKey[];
  const counts = Object.fromEntries(keys.map((k) => [k, new Map()])) as Record<FilterKey, Map<string | number | boolean, number>>;
  const others = new Map(keys.map((k) => [k, matcher(filters, k)]));
  for (const r of records) {
    if (found && !found.has(r.instanceId)) continue;
    for (const key of keys) {
      const matches = others.get(key);
      if (matches && !matches(r)) continue;
      for (const v of new Set(valuesOf(r, key))) counts[key].set(v, (counts[key].get(v) ?? 0) + 1);
    }
  }
  return counts;
}

/** A record to play, chosen at random among those the view shows. */
export function randomPick<T>(shown: T[], random = Math.random): T | undefined {
  return shown.length ? shown[Math.floor(random() * shown.length)] : undefined;
}

export { decadeOf };
