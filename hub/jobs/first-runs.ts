import type { SyncService } from '../discogs/sync-service.ts';
import type { DumpService } from '../dumps/dump-service.ts';
import type { Logger } from '../log.ts';
import type { Settings } from '../state/schema.ts';

export interface FirstRuns {
  dumps: boolean;
  sync: boolean;
}

/**
 * Starts what the owner ticked at the end of the first-run wizard. A catalog of the
 * `collection` scope keeps only the releases the collection names, so its first dump waits
 * for the first account sync to say which those are; a full catalog needs no wait. Runs on
 * in the background, whether or not the page stays open.
 */
export async function startFirstRuns(runs: FirstRuns, scope: Settings['catalogScope'], services: { dumps: DumpService; accountSync: SyncService; log: Logger }): Promise<void> {
  const { dumps, accountSync, log } = services;
  try {
    if (runs.sync && accountSync.status.state !== 'running') accountSync.start('full');
    if (!runs.dumps) return;
    if (scope === 'collection' && runs.sync) await accountSync.idle;
    if (!dumps.running) dumps.start();
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'a first run after set-up did not start');
  }
}
