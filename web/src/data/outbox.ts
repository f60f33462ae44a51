import type { Mutation, MutationDraft } from '../../../shared/mutations.ts';
import type { Pairing, Rejection, VaultDb } from './db.ts';
import type { HubClient } from './hub-client.ts';
import { announceChange } from './changes.ts';
import { applyLocally } from './local-edits.ts';

const BATCH = 200;
/** How many refused edits the device remembers for the person to read. */
const KEEP_REJECTIONS = 50;

/** Stamps an edit, applies it here at once and queues it for the hub, in one transaction. */
export async function recordEdit(db: VaultDb, draft: MutationDraft, pairing: Pick<Pairing, 'deviceId' | 'deviceName'>): Promise<Mutation> {
  const mutation = { ...draft, id: crypto.randomUUID(), at: new Date().toISOString() } as Mutation;
  const instanceId = await db.transaction('rw', [db.instances, db.plays, db.outbox], async () => {
    const id = 'instance_id' in mutation ? mutation.instance_id : (await db.plays.get(mutation.play_id))?.instance_id;
    await applyLocally(db, mutation, pairing);
    await db.outbox.add({ id: mutation.id, mutation });
    return id;
  });
  if (instanceId !== undefined) announceChange({ instances: [instanceId] });
  return mutation;
}

/**
 * Sends the outbox to the hub, oldest first, until it is empty. An entry leaves the outbox only
 * when the hub has answered for it: applied, duplicate (applied before, the reply was lost), or
 * rejected (kept with its reason; the hub re-announces the entity so the next pull restores
 * it). If the hub cannot be reached the rest simply waits.
 */
export async function flushOutbox(db: VaultDb, hub: HubClient, pairing: Pairing): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await db.outbox.orderBy('seq').limit(BATCH).toArray();
    if (batch.length === 0) return sent;
    const { results } = await hub.push(pairing.deviceId, batch.map((e) => e.mutation));
    const rejected: Rejection[] = [];
    for (const r of results) {
      if (r.status !== 'rejected') continue;
      const entry = batch.find((e) => e.id === r.id);
      if (entry) rejected.push({ mutation: entry.mutation, reason: r.reason, at: new Date().toISOString() });
    }
    const answered = new Set(results.map((r) => r.id));
    await db.transaction('rw', [db.outbox, db.meta], async () => {
      await db.outbox.bulkDelete(batch.filter((e) => answered.has(e.id)).map((e) => e.seq!));
      if (rejected.length) await db.setMeta('rejections', [...rejected, ...((await db.getMeta('rejections')) ?? [])].slice(0, KEEP_REJECTIONS));
    });
    sent += batch.length;
    // An entry the hub did not answer for would be sent for ever: stop and try again later.
    if (batch.some((e) => !answered.has(e.id))) return sent;
  }
}
