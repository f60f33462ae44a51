import type { BasicInformation, Instance, Want } from '../../../shared/collection.ts';
import type { Play } from '../../../shared/mutations.ts';
import type { ReleaseSummary } from './summary.ts';

/** One instance as the collection screens list, sort, filter and search it: its release's summary and its own fields. */
export interface CollectionRecord extends Omit<ReleaseSummary, 'id'> {
  instanceId: number;
  releaseId: number;
  folderId: number;
  rating: number;
  dateAdded: string;
  notes: Record<string, string>;
  hasNotes: boolean;
  plays: number;
  lastPlayed: string | null;
  /** The months (YYYY-MM) it was played in. */
  playMonths: string[];
  /** Discogs has an image for it (the hub may have cached it). */
  hasCover: boolean;
}

/**
 * A summary from the listing's basic information, for a release whose full document the hub
 * does not have (not in the catalog, and gone from Discogs): still listed, sorted, searched.
 */
export function summaryFromBasic(releaseId: number, raw: Record<string, unknown>): ReleaseSummary {
  const b = raw as BasicInformation;
  return {
    id: releaseId,
    title: b.title ?? `Release ${releaseId}`,
    artist: (b.artists ?? []).map((a) => a.anv || a.name).join(', '),
    labels: [...new Set((b.labels ?? []).map((l) => l.name))],
    catnos: [...new Set((b.labels ?? []).map((l) => l.catno ?? '').filter(Boolean))],
    year: b.year ?? 0,
    country: '',
    genres: b.genres ?? [],
    styles: b.styles ?? [],
    formats: [...new Set((b.formats ?? []).map((f) => f.name))],
    barcodes: [],
    tracks: '',
  };
}

export function buildRecords(instances: Instance[], summaries: Map<number, ReleaseSummary>, plays: Play[]): CollectionRecord[] {
  const played = new Map<number, { n: number; last: string; months: Set<string> }>();
  for (const p of plays) {
    const was = played.get(p.instance_id) ?? { n: 0, last: '', months: new Set<string>() };
    was.months.add(p.played_at.slice(0, 7));
    played.set(p.instance_id, { n: was.n + 1, last: was.last > p.played_at ? was.last : p.played_at, months: was.months });
  }
  return instances.map((i) => {
    const { id: _release, ...summary } = summaries.get(i.release_id) ?? summaryFromBasic(i.release_id, i.basic);
    const p = played.get(i.instance_id);
    return {
      ...summary,
      instanceId: i.instance_id,
      releaseId: i.release_id,
      folderId: i.folder_id,
      rating: i.rating,
      dateAdded: i.date_added,
      notes: i.notes,
      hasNotes: Object.values(i.notes).some((v) => v.trim() !== ''),
      plays: p?.n ?? 0,
      lastPlayed: p?.last ?? null,
      playMonths: p ? [...p.months] : [],
      hasCover: !!(i.basic.cover_image || i.basic.thumb),
    };
  });
}

/** A want as the wantlist lists it. */
export function wantSummary(w: Want, summaries: Map<number, ReleaseSummary>): ReleaseSummary & { dateAdded: string | null; notes: string; hasCover: boolean } {
  return { ...(summaries.get(w.release_id) ?? summaryFromBasic(w.release_id, w.basic)), dateAdded: w.date_added, notes: w.notes, hasCover: !!(w.basic.cover_image || w.basic.thumb) };
}
