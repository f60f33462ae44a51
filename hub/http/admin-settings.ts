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

/** `GET|PUT /api/admin/settings`: scope, schedules and retention, with the disk space they need. */
export function adminSettingsRoutes(state: StateStore, dataDir: string, services: { dumps: DumpService; accountSync: SyncService }): Hono {
  const view = () => {
    const { discogs: _account, ...settings } = state.data.settings;
    const fs = statfsSync(dataDir);
    return { settings, space: { freeBytes: fs.bavail * fs.bsize, neededBytes: SPACE_NEEDED } };
  };
  return new Hono()
    .get('/', (c) => c.json(view()))
    .put('/', async (c) => {
      const change = parse(c, editable.strict(), await c.req.json().catch(() => undefined));
      if (change instanceof Response) return change;
      Object.assign(state.data.settings, change);
      await state.write();
      if (change.dumpSchedule) services.dumps.schedule(state.data.settings.dumpSchedule);
      if (change.syncSchedule) services.accountSync.schedule(state.data.settings.syncSchedule);
      return c.json(view());
    });
}
