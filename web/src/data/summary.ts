import { artistLine, plainName, type Release } from '../../../shared/catalog.ts';

/**
 * What the collection screens need of a release document: small enough to load for 10,000
 * records at start (a full document is ~4 kB; this is a tenth of it). Written beside each
 * document as it is pulled; the full document is read only when its page is opened.
 */
export interface ReleaseSummary {
  id: number;
  title: string;
  artist: string;
  labels: string[];
  catnos: string[];
  year: number;
  country: string;
  genres: string[];
  styles: string[];
  formats: string[];
  barcodes: string[];
  /** Every track and sub-track title, joined, for search. */
  tracks: string;
  /** The master it is a version of: other editions of the same record share it. */
  masterId?: number;
}

function trackTitles(tracks: Release['tracklist']): string[] {
  return (tracks ?? []).flatMap((t) => [t.title, ...trackTitles(t.sub_tracks)]).filter(Boolean);
}

export function summarize(r: Release): ReleaseSummary {
  return {
    id: r.id,
    title: r.title,
    artist: artistLine(r.artists) ?? '',
    labels: [...new Set((r.labels ?? []).map((l) => plainName(l.name)))],
    catnos: [...new Set((r.labels ?? []).map((l) => l.catno).filter((c) => c && c.toLowerCase() !== 'none'))],
    year: r.year ?? 0,
    country: r.country ?? '',
    genres: r.genres ?? [],
    styles: r.styles ?? [],
    formats: [...new Set((r.formats ?? []).map((f) => f.name))],
    barcodes: (r.identifiers ?? []).filter((i) => i.type === 'Barcode').map((i) => i.value),
    tracks: trackTitles(r.tracklist).join(' · '),
    masterId: r.master_id || undefined,
  };
}
