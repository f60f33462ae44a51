import { stringify } from 'csv-stringify/sync';
import type { ExportFile } from '../../shared/exports.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import type { PlayStore } from '../db/play-store.ts';
import { playRows } from '../plays/plays-file.ts';
import { exportRows } from './collection-rows.ts';

/** One export file's text, for the CLI's stdout and the app's download alike. */
export function exportFile(
  file: ExportFile,
  collection: CollectionStore,
  plays: PlayStore,
): { text: string; rows: number; type: string } {
  const rows: Array<Record<string, unknown>> = file.startsWith('plays')
    ? playRows(collection, plays)
    : exportRows(collection, plays);
  if (file.endsWith('.json'))
    return {
      text: `${JSON.stringify(rows, null, 2)}\n`,
      rows: rows.length,
      type: 'application/json',
    };
  return {
    text: stringify(rows, {
      header: true,
      columns: rows.length ? Object.keys(rows[0]!) : undefined,
    }),
    rows: rows.length,
    type: 'text/csv; charset=utf-8',
  };
}
