/** What `GET|PUT /api/admin/settings` answers (hub/http/admin-settings.ts). */
export type Schedule = { enabled: boolean; cron: string };
export type CatalogScope = 'full' | 'collection';
export type Settings = { catalogScope: CatalogScope; dumpSchedule: Schedule; dumpRetentionMonths: number; dumpPreserveFiles: boolean; syncSchedule: Schedule };
export type SettingsView = {
  settings: Settings;
  /** When each schedule next runs, as the hub computes it; null when off. */
  next: { dumps: string | null; sync: string | null };
  space: { freeBytes: number; neededBytes: Record<CatalogScope, number> };
};

/** Dispatched on `window` after settings are saved, for panels that show what they decide. */
export const SETTINGS_SAVED = 'vinylvault:settings-saved';
