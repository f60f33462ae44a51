import { statfsSync } from 'node:fs';
import { Hono } from 'hono';
import type { DumpService } from '../dumps/dump-service.ts';
import type { SyncService } from '../discogs/sync-service.ts';
import { settingsSchema } from '../state/schema.ts';
import type { StateStore } from '../state/store.ts';
import { parse } from './validate.ts';

// What each catalog scope needs on disk. Estimates, not measurements of a full dump: the
// ingest benchmark's catalog is about the size of its XML (so ~60 GB for 2026's 61.6 GB), and
// a month's gzipped dump files (~10 GB at the corpus' 6:1 ratio) sit on disk while processed.
const DUMP_FILES_BYTES = 10e9;
const SPACE_NEEDED = { full: 60e9 + DUMP_FILES_BYTES, collection: 1e9 + DUMP_FILES_BYTES };

/** What the admin page may change; the Discogs account has its own routes. */
const editable = settingsSchema.omit({ discogs: true }).partial();

/** `GET|PUT /api/admin/settings`: scope, schedules (and when they next run) and retention, with the disk space they need. */
export function adminSettingsRoutes(state: StateStore, dataDir: string, services: { dumps: DumpService; accountSync: SyncService }): Hono {
  const view = () => {
    const { discogs: _account, ...settings } = state.data.settings;
    const fs = statfsSync(dataDir);
    const next = { dumps: services.dumps.nextRun?.toISOString() ?? null, sync: services.accountSync.nextRun?.toISOString() ?? null };
    return { settings, next, space: { freeBytes: fs.bavail * fs.bsize, neededBytes: SPACE_NEEDED } };
  };
  return new Hono()
    .get('/', (c) => c.json(view()))
    .put('/', async (c) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      const parsed = parse(c, editable.strict(), body);
      if (parsed instanceof Response) return parsed;
      // zod fills in the defaults of absent keys even under partial(); change only what was sent.
      const change = Object.fromEntries(Object.entries(parsed).filter(([key]) => key in (body as object))) as typeof parsed;
      Object.assign(state.data.settings, change);
      await state.write();
      if (change.dumpSchedule) services.dumps.schedule(state.data.settings.dumpSchedule);
      if (change.syncSchedule) services.accountSync.schedule(state.data.settings.syncSchedule);
      return c.json(view());
    });
}
