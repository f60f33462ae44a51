import type { DumpRun, DumpStatus } from '../../../shared/dump-runs.ts';
import { UserError } from '../../errors.ts';

/**
 * Every status change of a month's processing goes through here (design.md):
 * not_started → downloading → ready_for_processing → processing → completed; any → failed;
 * failed → downloading | processing on retry. A completed month goes back to downloading when
 * Discogs re-uploads one of its files with a new checksum.
 */
const allowed: Record<DumpStatus, readonly DumpStatus[]> = {
  not_started: ['downloading', 'failed'],
  downloading: ['ready_for_processing', 'failed'],
  ready_for_processing: ['processing', 'failed'],
  processing: ['completed', 'failed'],
  completed: ['downloading', 'failed'],
  failed: ['downloading', 'processing'],
};

export class TransitionError extends UserError {}

export function canMove(from: DumpStatus, to: DumpStatus): boolean {
  return allowed[from].includes(to);
}

/** Moves `run` to `to`, stamping the matching timestamp; throws on a move the machine does not allow. */
export function moveTo(run: DumpRun, to: DumpStatus, now = new Date()): void {
  if (!canMove(run.status, to))
    throw new TransitionError(`dump ${run.year_month}: cannot go from ${run.status} to ${to}`);
  const at = now.toISOString();
  run.status = to;
  if (to === 'downloading') run.started_at ??= at;
  if (to === 'ready_for_processing') run.download_completed_at = at;
  if (to === 'processing') run.processing_completed_at = null;
  if (to === 'completed') {
    run.processing_completed_at = at;
    run.completed_at = at;
    run.last_error = null;
    run.next_retry_at = null;
  }
}
