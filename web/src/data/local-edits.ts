import { applyToInstance, type Mutation } from '../../../shared/mutations.ts';
import type { Pairing, VaultDb } from './db.ts';

/**
 * Applies a mutation to this device's tables as the hub will (the same `applyToInstance`), so
 * the person sees the edit at once. Every mutation is idempotent, so re-applying the outbox
 * over freshly pulled data (see pull.ts) is safe. Call inside a transaction over instances and plays.
 */
export async function applyLocally(db: VaultDb, m: Mutation, device: Pick<Pairing, 'deviceId' | 'deviceName'>): Promise<void> {
  if (m.type === 'unplay') return db.plays.delete(m.play_id);
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
