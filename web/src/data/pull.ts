import type { Release } from '../../../shared/catalog.ts';
import type { Play } from '../../../shared/mutations.ts';
import type { Progress } from '../../../shared/progress.ts';
import type { Change, PullResponse } from '../../../shared/sync.ts';
import type { Pairing, VaultDb } from './db.ts';
import type { HubClient } from './hub-client.ts';
import { announceChange } from './changes.ts';
import { reapplyOutbox } from './local-edits.ts';
import { requeueAcked } from './outbox.ts';
import { summarize } from './summary.ts';

/**
 * Writes one page of changes, puts and deletes grouped per table for `bulkPut`/`bulkDelete`;
 * returns the instances and releases whose records it changed.
 */
async function applyChanges(db: VaultDb, changes: Change[]): Promise<{ instances: number[]; releases: number[] }> {
  const touched = { instances: [] as number[], releases: [] as number[] };
  const byEntity = new Map<Change['entity'], Change[]>();
  for (const c of changes) {
    const list = byEntity.get(c.entity);
    if (list) list.push(c);
    else byEntity.set(c.entity, [c]);
  }
  for (const [entity, list] of byEntity) {
    const { table, key } = db.tableOf(entity);
    // The log is compacted (one change per entity), so order within a page does not matter.
    const puts = list.filter((c) => c.op === 'put').map((c) => c.value);
    const dels = list.filter((c) => c.op === 'del').map((c) => key(c.id));
    if (entity === 'instance') touched.instances.push(...list.map((c) => Number(c.id)));
    if (entity === 'release') touched.releases.push(...list.map((c) => Number(c.id)));
    if (entity === 'play') touched.instances.push(...(puts as Play[]).map((p) => p.instance_id), ...(await db.plays.bulkGet(dels as string[])).flatMap((p) => (p ? [p.instance_id] : [])));
    await table.bulkPut(puts);
    await table.bulkDelete(dels);
    if (entity !== 'release') continue;
    await db.summaries.bulkPut((puts as Release[]).map(summarize));
    await db.summaries.bulkDelete(dels as number[]);
  }
  return touched;
}

/**
 * Pulls the hub's change feed from this device's cursor to the end, a page per transaction.
 * Each transaction writes the page, re-applies the outbox on top (edits not yet acknowledged
 * stay visible) and moves the cursor, so an interrupted pull resumes where it stopped. A reset
 * (another hub epoch, or a cursor older than the hub keeps) clears the data, never the outbox,
 * and pulls from 0; another epoch also puts back in the outbox what the hub acknowledged
 * before it (a restored hub may lack it). Returns how many acknowledged
 * edits wait to be sent again.
 */
export async function pullAll(db: VaultDb, hub: HubClient, pairing: Pairing, onProgress: (p: Progress) => void): Promise<{ resend: number }> {
  const started = performance.now();
  let records = 0;
  let changes = 0;
  let resend = 0;
  let clearFirst = false;
  const at = (await db.getMeta('cursor')) ?? { epoch: undefined, cursor: 0 };
  // The next page is requested while this one is written: the hub and the network work while
  // IndexedDB does, which is most of the time a first pull takes.
  let next: Promise<PullResponse> | null = hub.pull(at.cursor, at.epoch);
  while (next) {
    const page: PullResponse = await next;
    if (page.reset) {
      clearFirst = true;
      next = hub.pull(0, undefined);
      continue;
    }
    next = page.hasMore ? hub.pull(page.cursor, page.epoch) : null;
    next?.catch(() => undefined); // awaited on the next turn; a failure then is reported there
    const touched = await db.transaction('rw', [...db.dataTables, db.catalog, db.outbox, db.acked, db.meta], async () => {
      if (clearFirst) {
        await Promise.all(db.dataTables.map((t) => t.clear()));
        resend += await requeueAcked(db, page.epoch);
      }
      const t = await applyChanges(db, page.changes);
      await reapplyOutbox(db, pairing);
      await db.setMeta('cursor', { epoch: page.epoch, cursor: page.cursor });
      return t;
    });
    if (page.changes.length || clearFirst) announceChange({ ...touched, whole: clearFirst || touched.instances.length + touched.releases.length > 1000, more: page.hasMore });
    clearFirst = false;
    changes += page.changes.length;
    records += page.changes.filter((c) => c.entity === 'instance' && c.op === 'put').length;
    // The bar and the time left follow the feed's changes (a record brings its release too);
    // the count is of records, as the person counts them.
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? changes / seconds : 0;
    onProgress({ job: 'pull', label: 'Receiving your collection', done: changes, total: changes + page.remaining, records, recordsPerSecond: seconds > 0 ? records / seconds : 0, bytesPerSecond: 0, etaSeconds: rate > 0 ? page.remaining / rate : null });
  }
  return { resend };
}
