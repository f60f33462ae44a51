import type { Database } from 'better-sqlite3';
import { basicInformation, type Release } from '../../shared/catalog.ts';
import {
  addedInstance,
  addedWant,
  applyToInstance,
  mutationSchema,
  type Mutation,
  type MutationResult,
  type PushResponse,
} from '../../shared/mutations.ts';
import type { Edit } from '../../shared/writeback.ts';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import type { PlayStore } from '../db/play-store.ts';
import { PushedMutationsTable } from '../db/pushed-mutations-table.ts';
import type { Caller } from '../auth/auth-service.ts';
import { ForbiddenError } from '../errors.ts';
import type { ChangeLog } from './change-log.ts';

export interface Pusher {
  id: string;
  name: string;
}

/**
 * Who pushes: a device as itself; the admin session (the hub's own pages) as the id it names.
 * A device naming another device's id is refused.
 */
export function pusherFor(caller: Caller, deviceId: string): Pusher {
  if (caller.kind === 'admin') return { id: deviceId, name: 'hub admin' };
  if (deviceId !== caller.device.id)
    throw new ForbiddenError('deviceId: does not match the device token');
  return { id: caller.device.id, name: caller.device.name };
}

/** A mutation the hub cannot apply; the reason goes back to the device in words. */
class Rejected extends Error {}

/**
 * Applies the mutations devices push (design.md, Delta sync). Each one runs in its own
 * transaction with its change-log entries, its write-back edit and the record of its id, so a
 * crash never leaves an edit half applied, and a resent id is answered `duplicate` without
 * touching anything. Mutations apply in the order they reach the hub, so for any one field the
 * last to arrive wins. A rejected mutation re-announces the entity's current state in the
 * log, so the device that applied it locally pulls the hub's state back.
 */
export class PushService {
  readonly #pushed: PushedMutationsTable;

  constructor(
    private readonly db: Database,
    private readonly deps: {
      collection: CollectionStore;
      plays: PlayStore;
      log: ChangeLog;
      writeback: { enqueue(edit: Edit, mutationId: string): number };
      catalog: Pick<CatalogStore, 'get'>;
      afterCollectedChange?: () => void;
      /** Called after a push queued edits for Discogs. */
      afterQueued?: () => void;
    },
  ) {
    this.#pushed = new PushedMutationsTable(db);
  }

  push(device: Pusher, items: unknown[], deviceEpoch?: string): PushResponse {
    const { log } = this.deps;
    if (deviceEpoch !== undefined && deviceEpoch !== log.epoch)
      return { results: [], cursor: log.cursor, epoch: log.epoch };
    const results = items.map((item): MutationResult => {
      const parsed = mutationSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const id =
          typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : null;
        return {
          id,
          status: 'rejected',
          reason: `${issue.path.join('.') || 'mutation'}: ${issue.message}`,
        };
      }
      const m = parsed.data;
      return this.db.transaction((): MutationResult => {
        if (this.#pushed.seen(m.id)) {
          // The device re-applied its add over what it pulled meanwhile: if Discogs has since
          // given the record its own id, the copy under the provisional one must go.
          if (m.type === 'add') this.#reannounce(m);
          return { id: m.id, status: 'duplicate' };
        }
        try {
          this.#apply(m, device);
          this.#pushed.remember(m, device.id, 'applied', null, new Date().toISOString());
          return { id: m.id, status: 'applied' };
        } catch (err) {
          if (!(err instanceof Rejected)) throw err;
          this.#reannounce(m);
          this.#pushed.remember(m, device.id, 'rejected', err.message, new Date().toISOString());
          return { id: m.id, status: 'rejected', reason: err.message };
        }
      })();
    });
    const applied = new Set(
      results.flatMap((r, i) => (r.status === 'applied' ? [(items[i] as Mutation).type] : [])),
    );
    // These change which releases are collected or wanted (so which documents devices keep).
    if (['remove', 'add', 'want', 'unwant'].some((t) => applied.has(t as Mutation['type'])))
      this.deps.afterCollectedChange?.();
    // Everything but plays goes to Discogs: a person back online expects it there soon.
    if ([...applied].some((t) => t !== 'play' && t !== 'unplay')) this.deps.afterQueued?.();
    return { results, cursor: log.cursor, epoch: log.epoch };
  }

  #apply(m: Mutation, device: Pusher): void {
    const { collection, plays, writeback } = this.deps;
    switch (m.type) {
      case 'unplay':
        if (!plays.get(m.play_id)) throw new Rejected(`play ${m.play_id} is not logged on the hub`);
        return plays.remove(m.play_id);
      case 'add':
        return this.#add(m);
      case 'want':
        if (collection.want(m.release_id)) return;
        collection.putWant(addedWant(m, this.#basic(m.release_id)));
        writeback.enqueue({ type: 'want', release_id: m.release_id }, m.id);
        return;
      case 'unwant':
        if (!collection.want(m.release_id)) return;
        collection.removeWant(m.release_id);
        writeback.enqueue({ type: 'unwant', release_id: m.release_id }, m.id);
        return;
    }
    const inst = collection.instance(collection.resolveInstanceId(m.instance_id));
    if (!inst)
      throw new Rejected(
        `instance ${m.instance_id} is not in the collection (removed on Discogs or on another device)`,
      );
    const where = {
      release_id: inst.release_id,
      instance_id: inst.instance_id,
      folder_id: inst.folder_id,
    };
    switch (m.type) {
      case 'play':
        plays.add({
          id: m.id,
          instance_id: inst.instance_id,
          release_id: inst.release_id,
          played_at: m.played_at,
          device_id: device.id,
          device_name: device.name,
        });
        return;
      case 'rate':
        writeback.enqueue({ type: 'rate', ...where, rating: m.rating }, m.id);
        break;
      case 'set_field': {
        const field = collection.field(m.field_id);
        if (!field) throw new Rejected(`notes field ${m.field_id} does not exist`);
        if (field.type === 'dropdown' && m.value !== '' && !field.options?.includes(m.value))
          throw new Rejected(`"${m.value}" is not one of the options of the field "${field.name}"`);
        writeback.enqueue(
          { type: 'set_field', ...where, field_id: m.field_id, value: m.value },
          m.id,
        );
        break;
      }
      case 'move':
        // (Folder 0, Discogs' "All" view, is refused by the schema: no instance is in it.)
        if (!collection.folder(m.folder_id))
          throw new Rejected(`folder ${m.folder_id} does not exist`);
        if (m.folder_id === inst.folder_id) return;
        writeback.enqueue({ type: 'move', ...where, to_folder_id: m.folder_id }, m.id);
        break;
      case 'remove':
        writeback.enqueue({ type: 'remove', ...where }, m.id);
        break;
    }
    collection.editInstance(inst, applyToInstance(inst, { ...m, instance_id: inst.instance_id }));
  }

  /**
   * A record added on a device: stored under the device's provisional id at once, so every
   * device shows it, and queued for Discogs, whose reply gives it its own id (discogs/writeback.ts).
   */
  #add(m: Extract<Mutation, { type: 'add' }>): void {
    const { collection, writeback } = this.deps;
    if (!collection.folder(m.folder_id)) throw new Rejected(`folder ${m.folder_id} does not exist`);
    if (collection.instance(m.instance_id) || collection.resolveInstanceId(m.instance_id) > 0)
      throw new Rejected(`instance id ${m.instance_id} is already taken; add the record again`);
    collection.addInstance(addedInstance(m, this.#basic(m.release_id)));
    writeback.enqueue(
      { type: 'add', release_id: m.release_id, folder_id: m.folder_id, instance_id: m.instance_id },
      m.id,
    );
  }

  #basic(releaseId: number): Record<string, unknown> {
    const doc = this.deps.catalog.get('release', releaseId);
    return basicInformation(releaseId, doc as Release | undefined);
  }

  /**
   * Puts the entity a mutation touched at the head of the log as the hub has it, so the
   * device that applied it locally pulls the hub's state back.
   */
  #reannounce(m: Mutation): void {
    const { collection, plays, log } = this.deps;
    if (m.type === 'unplay' || m.type === 'play') {
      const playId = m.type === 'unplay' ? m.play_id : m.id;
      const p = plays.get(playId);
      return p ? log.put('play', p.id, p) : log.del('play', playId);
    }
    if (m.type === 'want' || m.type === 'unwant') {
      const w = collection.want(m.release_id);
      return w ? log.put('want', w.release_id, w) : log.del('want', m.release_id);
    }
    const id = collection.resolveInstanceId(m.instance_id);
    if (id !== m.instance_id) log.del('instance', m.instance_id);
    const inst = collection.instance(id);
    return inst ? log.put('instance', id, inst) : log.del('instance', id);
  }
}
