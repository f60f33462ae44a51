import { basicInformation } from '../../../shared/catalog.ts';
import { addedInstance, addedWant, applyToInstance, type Mutation } from '../../../shared/mutations.ts';
import type { Pairing, VaultDb } from './db.ts';
import { releaseDocument } from './readers.ts';

const basicOf = async (db: VaultDb, releaseId: number) => basicInformation(releaseId, await releaseDocument(db, releaseId));

/** The tables `applyLocally` reads and writes: a transaction around it must include them all. */
export const editedTables = (db: VaultDb) => [db.instances, db.plays, db.wants, db.releases, db.catalog];

/**
 * Applies a mutation to this device's tables as the hub will (the same `applyToInstance`), so
 * the person sees the edit at once. Every mutation is idempotent, so re-applying the outbox
 * over freshly pulled data (see pull.ts) is safe. Call inside a transaction over `editedTables`.
 */
export async function applyLocally(db: VaultDb, m: Mutation, device: Pick<Pairing, 'deviceId' | 'deviceName'>): Promise<void> {
  switch (m.type) {
    case 'unplay':
      return db.plays.delete(m.play_id);
    // Re-applied over pulled data, an add or a want must not make a second copy.
    case 'add':
      if (!(await db.instances.get(m.instance_id))) await db.instances.put(addedInstance(m, await basicOf(db, m.release_id)));
      return;
    case 'want':
      if (!(await db.wants.get(m.release_id))) await db.wants.put(addedWant(m, await basicOf(db, m.release_id)));
      return;
    case 'unwant':
      return db.wants.delete(m.release_id);
  }
  const inst = await db.instances.get(m.instance_id);
  // Removed meanwhile (here or on another device): the hub will reject the edit and say why.
  if (!inst) return;
  if (m.type === 'play') {
    await db.plays.put({ id: m.id, instance_id: inst.instance_id, release_id: inst.release_id, played_at: m.played_at, device_id: device.deviceId, device_name: device.deviceName });
    return;
  }
  const next = applyToInstance(inst, m);
  if (next) await db.instances.put(next);
  else await db.instances.delete(inst.instance_id);
}

/** Re-applies every edit still waiting in the outbox, oldest first. */
export async function reapplyOutbox(db: VaultDb, device: Pick<Pairing, 'deviceId' | 'deviceName'>): Promise<void> {
  for (const entry of await db.outbox.orderBy('seq').toArray()) await applyLocally(db, entry.mutation, device);
}
