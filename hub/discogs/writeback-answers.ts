import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Edit } from '../../shared/writeback.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import { WriteBackTable } from '../db/writeback-table.ts';

/** Discogs' reply to `POST /users/{u}/collection/folders/{f}/releases/{r}`. */
const addedReply = z.object({ instance_id: z.number().int().positive() });

/**
 * What the hub does with Discogs' answer to an edit that added something on a device. A
 * record added on a device lives under a provisional (negative) instance id until Discogs
 * gives it one: then the record, its queued edits and its plays move to Discogs' id. A record
 * or want Discogs refuses leaves the hub, and every device, with its pending edits dropped.
 */
export class WriteBackAnswers {
  readonly #table: WriteBackTable;

  constructor(
    db: Database,
    private readonly collection: CollectionStore,
  ) {
    this.#table = new WriteBackTable(db);
  }

  /** Discogs applied `edit`; `reply` is the body it answered with. Caller holds the transaction. */
  applied(edit: Edit, reply: unknown): void {
    if (edit.type !== 'add') return;
    const provisional = this.#provisionalId(edit);
    if (provisional === undefined) return;
    const parsed = addedReply.safeParse(reply);
    if (parsed.success) {
      this.collection.confirmInstance(provisional, parsed.data.instance_id, now());
      this.#table.retarget(provisional, parsed.data.instance_id);
      return;
    }
    // Added, but under an id Discogs did not say: the next full account sync lists it. Until
    // then the provisional record would be a second copy of it, and its edits have no target.
    this.#forget(
      provisional,
      `Discogs added release ${edit.release_id} without saying its instance id; the next account sync brings it in`,
    );
  }

  /** Discogs refused `edit` for `reason`. Caller holds the transaction. */
  refused(edit: Edit, reason: string): void {
    const provisional = edit.type === 'add' ? this.#provisionalId(edit) : undefined;
    if (edit.type === 'add' && provisional !== undefined)
      this.#forget(provisional, `release ${edit.release_id} was not added on Discogs: ${reason}`);
    if (edit.type === 'want' && this.collection.want(edit.release_id))
      this.collection.removeWant(edit.release_id);
  }

  #provisionalId(edit: Extract<Edit, { type: 'add' }>): number | undefined {
    return edit.instance_id !== undefined && edit.instance_id < 0 ? edit.instance_id : undefined;
  }

  #forget(provisional: number, reason: string): void {
    const inst = this.collection.instance(provisional);
    if (inst) this.collection.editInstance(inst, null);
    this.#table.dropPendingOf(provisional, reason, now());
  }
}

const now = () => new Date().toISOString();
