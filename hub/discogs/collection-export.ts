import { stringify } from 'csv-stringify/sync';
import { artistLine, formatLine } from '../../shared/catalog.ts';
import type { Instance } from '../../shared/collection.ts';
import type { CollectionStore } from '../db/collection-store.ts';

interface Basic {
  title?: string;
  year?: number;
  artists?: Array<{ name: string; anv?: string; join?: string }>;
  labels?: Array<{ name: string; catno: string }>;
  formats?: Array<{ name: string; qty: string; descriptions?: string[] }>;
}

/** One exported row per collection instance; every notes field is a column of its own, by name. */
export type ExportRow = Record<string, string | number>;

export function exportRows(store: CollectionStore): ExportRow[] {
  const { folders, fields } = store.names();
  return store.instances().map((i: Instance) => {
    const b = i.basic as Basic;
    const row: ExportRow = {
      instance_id: i.instance_id,
      release_id: i.release_id,
      artist: artistLine(b.artists) ?? '',
      title: b.title ?? '',
      labels: (b.labels ?? []).map((l) => `${l.name} – ${l.catno}`).join('; '),
      formats: formatLine(b.formats) ?? '',
      year: b.year ?? '',
      folder: folders.get(i.folder_id) ?? String(i.folder_id),
      rating: i.rating,
    };
    for (const f of fields) row[f.name] = i.notes[String(f.id)] ?? '';
    row.date_added = i.date_added;
    return row;
  });
}

export function toCsv(rows: ExportRow[]): string {
  return stringify(rows, {
    header: true,
    columns: rows.length ? Object.keys(rows[0]!) : ['instance_id'],
  });
}
