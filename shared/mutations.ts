import { z } from 'zod';
import type { Instance, Want } from './collection.ts';

const id = z.number().int().positive();
/**
 * An instance's id: Discogs' (positive), or, for a record added on a device and not yet on
 * Discogs, the provisional id the device gave it (negative, so the two never meet). The hub
 * maps a provisional id to Discogs' once the add is written back (hub/device-sync/push.ts).
 */
const instanceId = z
  .number()
  .int()
  .refine((n) => n !== 0, 'must not be 0');
const base = { id: z.uuid(), at: z.iso.datetime({ offset: true }) };

/**
 * An edit a device makes, offline or not, and pushes to the hub (design.md, Delta sync). `id`
 * is the device's uuid for it, so a resent push never applies it twice; `at` is when the person
 * made it (shown in history; the hub's order of arrival decides conflicts, not this clock).
 */
export const mutationSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('rate'),
    instance_id: instanceId,
    rating: z.number().int().min(0).max(5),
  }),
  z.object({
    ...base,
    type: z.literal('set_field'),
    instance_id: instanceId,
    field_id: id,
    value: z.string().max(4000),
  }),
  z.object({ ...base, type: z.literal('move'), instance_id: instanceId, folder_id: id }),
  z.object({ ...base, type: z.literal('remove'), instance_id: instanceId }),
  // Plays live on the hub only: Discogs has no such field. The mutation's id is the play's id.
  z.object({
    ...base,
    type: z.literal('play'),
    instance_id: instanceId,
    played_at: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
  }),
  z.object({ ...base, type: z.literal('unplay'), play_id: z.uuid() }),
  // A new instance of a release in a folder; its rating and notes follow as their own edits.
  z.object({
    ...base,
    type: z.literal('add'),
    instance_id: z.number().int().negative(),
    release_id: id,
    folder_id: id,
  }),
  z.object({ ...base, type: z.literal('want'), release_id: id }),
  z.object({ ...base, type: z.literal('unwant'), release_id: id }),
]);
export type Mutation = z.infer<typeof mutationSchema>;
/** A mutation before the device stamps it with its id and time. */
export type MutationDraft = Mutation extends infer M
  ? M extends Mutation
    ? Omit<M, 'id' | 'at'>
    : never
  : never;
export type InstanceEdit = Extract<Mutation, { type: 'rate' | 'set_field' | 'move' | 'remove' }>;

export const pushRequestSchema = z.object({
  deviceId: z.string().min(1),
  // Each mutation is checked on its own, so one bad entry is rejected without refusing the rest.
  mutations: z.array(z.unknown()).max(500),
  /** The hub epoch the device last synced with; absent before its first sync. */
  epoch: z.string().optional(),
});
export type PushRequest = { deviceId: string; mutations: Mutation[]; epoch?: string };

export type MutationResult =
  | { id: string; status: 'applied' | 'duplicate' }
  | { id: string | null; status: 'rejected'; reason: string };

export interface PushResponse {
  results: MutationResult[];
  /** The hub's change-log cursor after the push: pull up to here to see the edits' effects. */
  cursor: number;
  /**
   * The hub's epoch. When the request named another one, nothing was applied (`results` is
   * empty): the hub was restored or rebuilt, and the device first re-sends what the old one
   * acknowledged, so edits reach it in the order they were made.
   */
  epoch: string;
}

/** A logged play of one instance (entity `play`). */
export interface Play {
  id: string;
  instance_id: number;
  release_id: number;
  played_at: string;
  device_id: string;
  device_name: string;
}

/**
 * A fresh provisional instance id for a record added on this device: negative, and random
 * over 2^48 so that two devices adding offline do not pick the same one.
 */
export function provisionalInstanceId(): number {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2));
  return -((hi! & 0xffff) * 2 ** 32 + lo! + 1);
}

/**
 * The instance an `add` creates, and the want a `want` creates, from the release's listing
 * shape (`basicInformation`): the device and the hub build them alike.
 */
export function addedInstance(
  m: Extract<Mutation, { type: 'add' }>,
  basic: Instance['basic'],
): Instance {
  return {
    instance_id: m.instance_id,
    release_id: m.release_id,
    folder_id: m.folder_id,
    rating: 0,
    date_added: m.at,
    notes: {},
    basic,
  };
}

export function addedWant(m: Extract<Mutation, { type: 'want' }>, basic: Want['basic']): Want {
  return { release_id: m.release_id, rating: 0, notes: '', date_added: m.at, basic };
}

/**
 * An instance after an edit, or null when the edit removes it. Each edit touches one field, so
 * two devices editing different fields both keep their change, and for the same field the
 * edit that reaches the hub last wins. The hub and the devices both use this, so a device's
 * local state after an edit is exactly what the hub will store.
 */
export function applyToInstance(inst: Instance, m: InstanceEdit): Instance | null {
  switch (m.type) {
    case 'rate':
      return { ...inst, rating: m.rating };
    case 'set_field':
      return { ...inst, notes: { ...inst.notes, [String(m.field_id)]: m.value } };
    case 'move':
      return { ...inst, folder_id: m.folder_id };
    case 'remove':
      return null;
  }
}
