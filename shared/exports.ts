/**
 * The files a collector can take away (`GET /api/export/:file`, and `vinylvault export`): the
 * collection, one row per record with its plays, and every play. What exists only on the hub
 * (plays) leaves with them.
 */
export const EXPORT_FILES = [
  'collection.csv',
  'collection.json',
  'plays.csv',
  'plays.json',
] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

/** `POST /api/plays/import`: a plays file's name and text, as `vinylvault import-plays` reads it. */
export interface PlaysImport {
  name: string;
  text: string;
}
/** What an import added, and how many of its plays were logged already. */
export interface PlaysImported {
  added: number;
  skipped: number;
}
