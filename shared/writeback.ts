import { z } from 'zod';

const id = z.number().int().positive();
// A negative instance id is a record added on a device, waiting for Discogs' id: its add goes
// first and retargets its edits (hub/discogs/writeback-answers.ts).
const instance = {
  release_id: id,
  instance_id: z
    .number()
    .int()
    .refine((n) => n !== 0, 'must not be 0'),
  folder_id: z.number().int().nonnegative(),
};

/** An edit to the user's Discogs data that the hub forwards through its write-back queue. */
export const editSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rate'), ...instance, rating: z.number().int().min(0).max(5) }),
  z.object({
    type: z.literal('set_field'),
    ...instance,
    field_id: id,
    value: z.string().max(4000),
  }),
  z.object({ type: z.literal('move'), ...instance, to_folder_id: z.number().int().nonnegative() }),
  z.object({ type: z.literal('remove'), ...instance }),
  z.object({
    type: z.literal('add'),
    release_id: id,
    folder_id: z.number().int().nonnegative(),
    // For a record added on a device: its provisional id, then Discogs' once it answers.
    instance_id: z.number().int().optional(),
  }),
  z.object({ type: z.literal('create_folder'), name: z.string().min(1).max(50) }),
  z.object({ type: z.literal('rename_folder'), folder_id: id, name: z.string().min(1).max(50) }),
  z.object({ type: z.literal('delete_folder'), folder_id: id }),
  z.object({ type: z.literal('want'), release_id: id }),
  z.object({ type: z.literal('unwant'), release_id: id }),
]);
export type Edit = z.infer<typeof editSchema>;

export interface QueuedEdit {
  id: number;
  created_at: string;
  edit: Edit;
  status: 'pending' | 'done' | 'dropped';
  attempts: number;
  reason: string | null;
  finished_at: string | null;
  /** The device mutation this edit came from (POST /api/sync/push), or null. */
  mutation_id: string | null;
}
