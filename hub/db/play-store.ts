import type { Database } from 'better-sqlite3';
import type { Play } from '../../shared/mutations.ts';
import type { ChangeLog } from '../device-sync/change-log.ts';

/** Play logs (migration 006). Kept on the hub only: Discogs has no field for them. */
export class PlayStore {
  constructor(
    private readonly db: Database,
    private readonly log?: ChangeLog,
  ) {}

  add(play: Play): void {
    this.db
      .prepare(
        'INSERT INTO plays (id, instance_id, release_id, played_at, device_id, device_name) VALUES (@id, @instance_id, @release_id, @played_at, @device_id, @device_name)',
      )
      .run(play);
    this.log?.put('play', play.id, play);
  }

  get(id: string): Play | undefined {
    return this.db.prepare<[string], Play>('SELECT * FROM plays WHERE id = ?').get(id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM plays WHERE id = ?').run(id);
    this.log?.del('play', id);
  }

  /** Every play, oldest first. */
  all(): Play[] {
    return this.db.prepare<[], Play>('SELECT * FROM plays ORDER BY played_at, id').all();
  }

  /** Whether `instanceId` has a play logged at exactly `playedAt` (an import's duplicate). */
  has(instanceId: number, playedAt: string): boolean {
    return (
      this.db
        .prepare<[number, string], number>(
          'SELECT 1 FROM plays WHERE instance_id = ? AND played_at = ?',
        )
        .pluck()
        .get(instanceId, playedAt) !== undefined
    );
  }

  forInstance(instanceId: number): Play[] {
    return this.db
      .prepare<[number], Play>('SELECT * FROM plays WHERE instance_id = ? ORDER BY played_at')
      .all(instanceId);
  }
}
