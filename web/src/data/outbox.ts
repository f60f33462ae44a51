import type { Mutation, MutationDraft } from '../../../shared/mutations.ts';
import type { Pairing, Rejection, VaultDb } from './db.ts';
import type { HubClient } from './hub-client.ts';
import { announceChange } from './changes.ts';
import { applyLocally, editedTables } from './local-edits.ts';

const BATCH = 200;
/** How many refused edits the device remembers for the person to read. */
const KEEP_REJECTIONS = 50;
/**
 * How long, and how many, acknowledged edits are kept for a hub restored from an older backup:
 * the hub backs up nightly, so a month covers restoring any backup it keeps by default.
 */
const KEEP_ACKED_DAYS = 30;
const KEEP_ACKED = 5000;

/** Stamps an edit, applies it here at once and queues it for the hub, in one transaction. */
export async function recordEdit(db: VaultDb, draft: MutationDraft, pairing: Pick<Pairing, 'deviceId' | 'deviceName'>): Promise<Mutation> {
  const mutation = { ...draft, id: crypto.randomUUID(), at: new Date().toISOString() } as Mutation;
  const instanceId = await db.transaction('rw', [...editedTables(db), db.outbox], async () => {
    const id = 'instance_id' in mutation ? mutation.instance_id : mutation.type === 'unplay' ? (await db.plays.get(mutation.play_id))?.instance_id : undefined;
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
  let epoch = (await db.getMeta('cursor'))?.epoch;
  for (;;) {
    const batch = await db.outbox.orderBy('seq').limit(BATCH).toArray();
    if (batch.length === 0) {
      if (sent > 0) await forgetOldAcked(db);
      return sent;
    }
    const reply = await hub.push(pairing.deviceId, batch.map((e) => e.mutation), epoch);
    if (epoch !== undefined && reply.epoch !== epoch) {
      // Another hub epoch (restored from a backup): it applied nothing. What the old one
      // acknowledged goes first, then this outbox, all under the new epoch.
      epoch = reply.epoch;
      await db.transaction('rw', [db.outbox, db.acked], () => requeueAcked(db, reply.epoch));
      continue;
    }
    const { results } = reply;
    const rejected: Rejection[] = [];
    for (const r of results) {
      if (r.status !== 'rejected') continue;
      const entry = batch.find((e) => e.id === r.id);
      if (entry) rejected.push({ mutation: entry.mutation, reason: r.reason, at: new Date().toISOString() });
    }
    const answered = new Set(results.map((r) => r.id));
    const accepted = new Set(results.filter((r) => r.status !== 'rejected').map((r) => r.id));
    await db.transaction('rw', [db.outbox, db.acked, db.meta], async () => {
      await db.outbox.bulkDelete(batch.filter((e) => answered.has(e.id)).map((e) => e.seq!));
      await db.acked.bulkPut(batch.filter((e) => accepted.has(e.id)).map((e) => ({ id: e.id, mutation: e.mutation, epoch: reply.epoch })));
      if (rejected.length) await db.setMeta('rejections', [...rejected, ...((await db.getMeta('rejections')) ?? [])].slice(0, KEEP_REJECTIONS));
    });
    sent += batch.length;
    // An entry the hub did not answer for would be sent for ever: stop and try again later.
    if (batch.some((e) => !answered.has(e.id))) return sent;
  }
}

async function forgetOldAcked(db: VaultDb): Promise<void> {
  const before = new Date(Date.now() - KEEP_ACKED_DAYS * 86_400_000).toISOString();
  await db.acked.filter((e) => e.mutation.at < before).delete();
  const extra = (await db.acked.count()) - KEEP_ACKED;
  if (extra > 0) await db.acked.orderBy('seq').limit(extra).delete();
}

/**
 * The hub came back with another epoch: restored from a backup, it may lack edits it
 * acknowledged after that backup. They go back into the outbox, ahead of newer ones, and are
 * sent again; the hub answers `duplicate` for those it has, so none applies twice.
 * Edits acknowledged under the new epoch itself were made after the restore: they are kept.
 */
export async function requeueAcked(db: VaultDb, epoch: string): Promise<number> {
  const lost = await db.acked.filter((e) => e.epoch !== epoch).sortBy('seq');
  if (lost.length === 0) return 0;
  const waiting = await db.outbox.orderBy('seq').toArray();
  await db.outbox.clear();
  await db.outbox.bulkAdd([...lost, ...waiting].map((e) => ({ id: e.id, mutation: e.mutation })));
  await db.acked.bulkDelete(lost.map((e) => e.seq!));
  return lost.length;
}
