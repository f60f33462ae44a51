import { Cron } from 'croner';
import { z } from 'zod';

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

export const catalogScopes = ['full', 'collection'] as const;
export type CatalogScope = (typeof catalogScopes)[number];

export const scheduleSchema = z.object({
  enabled: z.boolean(),
  cron: z.string().refine(isCron, 'not a cron expression croner accepts'),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/**
 * What the admin page may change (`PUT /api/admin/settings`): any of these keys, each whole.
 * No defaults here, so a key not sent is left as it is; the defaults live in the hub's state
 * schema, for a state file that predates a setting.
 */
export const settingsChangeSchema = z
  .object({
    catalogScope: z.enum(catalogScopes),
    dumpSchedule: scheduleSchema,
    /** Months whose downloaded files are kept after processing (0: delete them once ingested). */
    dumpRetentionMonths: z.number().int().min(0),
    /** Keep every downloaded file, whatever the retention: for debugging an ingest. */
    dumpPreserveFiles: z.boolean(),
    /** The daily full reconcile of the Discogs collection (incremental runs happen on demand). */
    syncSchedule: scheduleSchema,
    /** The nightly backup of the user's data into <data dir>/backups. */
    backupSchedule: scheduleSchema,
    /** How many nightly backups are kept (older ones are deleted). */
    backupKeep: z.number().int().min(1).max(365),
  })
  .partial()
  .strict();
export type SettingsChange = z.infer<typeof settingsChangeSchema>;
export type Settings = Required<SettingsChange>;

/** What `GET|PUT /api/admin/settings` answers. */
export interface SettingsView {
  settings: Settings;
  /** When each schedule next runs, as the hub computes it; null when off. */
  next: { dumps: string | null; sync: string | null; backup: string | null };
  space: {
    freeBytes: number;
    neededBytes: Record<CatalogScope, number>;
    /** The part of each need that is the month's dump files, downloaded from Discogs. */
    downloadBytes: number;
  };
}
