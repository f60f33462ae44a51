import { artistLine, formatLine } from '../../shared/catalog.ts';
import type { BasicInformation, Instance } from '../../shared/collection.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import type { PlayStore } from '../db/play-store.ts';

/**
 * One exported row per collection instance; every notes field is a column of its own, by name;
 * then the plays, which exist only on this hub.
 */
export type ExportRow = Record<string, string | number>;

export function exportRows(store: CollectionStore, plays: PlayStore): ExportRow[] {
  const { folders, fields } = store.names();
  const played = new Map<number, { count: number; last: string }>();
  for (const p of plays.all()) {
    const seen = played.get(p.instance_id);
    played.set(p.instance_id, { count: (seen?.count ?? 0) + 1, last: p.played_at });
  }
  return store.instances().map((i: Instance) => {
    const b = i.basic as BasicInformation;
    const row: ExportRow = {
      instance_id: i.instance_id,
      release_id: i.release_id,
      artist: artistLine(b.artists) ?? '',
      title: b.title ?? '',
      labels: (b.labels ?? []).map((l) => `${l.name} – ${l.catno}`).join('; '),
      formats: formatLine(b.formats) ?? '',
      // Discogs writes 0 for an unknown year.
      year: b.year || '',
      folder: folders.get(i.folder_id) ?? String(i.folder_id),
      rating: i.rating,
    };
    for (const f of fields) row[f.name] = i.notes[String(f.id)] ?? '';
    row.date_added = i.date_added;
    row.plays = played.get(i.instance_id)?.count ?? 0;
    row.last_played = played.get(i.instance_id)?.last ?? '';
    return row;
  });
}
