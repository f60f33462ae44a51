import type { Database } from 'better-sqlite3';
import type { DrainResult } from '../../shared/account-sync.ts';
import { editSchema, type Edit, type QueuedEdit } from '../../shared/writeback.ts';
import { WriteBackTable } from '../db/writeback-table.ts';
import type { Logger } from '../log.ts';
import type { DiscogsAccount } from './account.ts';
import type { WriteBackAnswers } from './writeback-answers.ts';
import { DiscogsApiError, DiscogsAuthError } from './client.ts';

/** The Discogs call for an edit: method, path relative to the user, JSON body. */
function request(e: Edit): [method: string, path: string, body?: unknown] {
  const inst = (x: { folder_id: number; release_id: number; instance_id: number }) =>
    `collection/folders/${x.folder_id}/releases/${x.release_id}/instances/${x.instance_id}`;
  switch (e.type) {
    case 'rate':
      return ['POST', inst(e), { rating: e.rating }];
    case 'move':
      return ['POST', inst(e), { folder_id: e.to_folder_id }];
    // The value goes in a JSON body, not the query string (fixtures/README.md).
    case 'set_field':
      return ['POST', `${inst(e)}/fields/${e.field_id}`, { value: e.value }];
    case 'remove':
      return ['DELETE', inst(e)];
    case 'add':
      return ['POST', `collection/folders/${e.folder_id}/releases/${e.release_id}`];
    case 'create_folder':
      return ['POST', 'collection/folders', { name: e.name }];
    case 'rename_folder':
      return ['POST', `collection/folders/${e.folder_id}`, { name: e.name }];
    case 'delete_folder':
      return ['DELETE', `collection/folders/${e.folder_id}`];
    case 'want':
      return ['PUT', `wants/${e.release_id}`];
    case 'unwant':
      return ['DELETE', `wants/${e.release_id}`];
  }
}

/**
 * The persisted queue of edits bound for Discogs. Edits apply one at a time in the order they
 * were queued; 429 and 5xx are retried by the client; any other refusal (e.g. 422 for a
 * dropdown value outside its options) drops the edit with Discogs' reason. When Discogs cannot
 * be reached, or refuses the token, draining stops and the rest waits for the next attempt.
 */
export class WriteBackQueue {
  readonly #table: WriteBackTable;

  constructor(
    private readonly db: Database,
    private readonly account: DiscogsAccount,
    private readonly answers: Pick<WriteBackAnswers, 'applied' | 'refused'>,
  ) {
    this.#table = new WriteBackTable(db);
  }

  /** Queues an edit; `mutationId` names the device mutation it came from, if any (unique). */
  enqueue(edit: Edit, mutationId?: string): number {
    const valid = editSchema.parse(edit);
    return this.#table.add(valid, mutationId ?? null, new Date().toISOString());
  }

  list(status?: QueuedEdit['status'], limit = 100): QueuedEdit[] {
    return this.#table.list(status, limit);
  }

  async drain(signal?: AbortSignal): Promise<DrainResult> {
    const result: DrainResult = { applied: 0, dropped: 0, waiting: 0, stoppedBy: null };
    const user = this.account.username;
    for (
      let row = this.#table.nextPending();
      row && !signal?.aborted;
      row = this.#table.nextPending()
    ) {
      if (!user) {
        result.stoppedBy = 'no Discogs account: run "vinylvault login --token …" first';
        break;
      }
      const [method, path, body] = request(row.edit);
      let reply: unknown;
      try {
        reply = await this.account.client.request(
          method,
          `/users/${encodeURIComponent(user)}/${path}`,
          body,
          'user',
        );
      } catch (err) {
        if (err instanceof DiscogsApiError && !(err instanceof DiscogsAuthError)) {
          this.db.transaction(() => {
            this.#table.finish(row.id, 'dropped', err.message, new Date().toISOString());
            this.answers.refused(row.edit, err.message);
          })();
          result.dropped++;
          continue;
        }
        this.#table.attempted(row.id, (err as Error).message);
        result.stoppedBy = (err as Error).message;
        break;
      }
      this.db.transaction(() => {
        this.#table.finish(row.id, 'done', null, new Date().toISOString());
        this.answers.applied(row.edit, reply);
      })();
      result.applied++;
    }
    result.waiting = this.#table.pendingCount();
    return result;
  }
}

/**
 * Drains the queue every `intervalMs` (edits wait across restarts; the rate limiter paces them)
 * and whenever the admin asks, never two drains at once: asking during a drain joins it.
 */
export class WriteBackDrainer {
  #stop = new AbortController();
  #current: Promise<DrainResult> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly queue: WriteBackQueue,
    private readonly log: Logger,
  ) {}

  /** Drains every `intervalMs` from now on (the running hub: every minute). */
  start(intervalMs: number): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(
      () =>
        void this.now().catch((err: Error) =>
          this.log.error({ err: err.message }, 'write-back failed'),
        ),
      intervalMs,
    );
  }

  now(): Promise<DrainResult> {
    this.#current ??= this.queue
      .drain(this.#stop.signal)
      .then((r) => {
        if (r.applied || r.dropped) this.log.info(r, 'write-back queue drained');
        return r;
      })
      .finally(() => (this.#current = undefined));
    return this.#current;
  }

  /** Stops the schedule and waits for a drain under way (it ends at the next edit). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#stop.abort();
    await this.#current?.catch(() => undefined);
  }
}
