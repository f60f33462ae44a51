import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dumpStatuses, type DumpRun, type DumpStatus } from '../../../shared/dump-runs.ts';
import { canMove, moveTo, TransitionError } from './run-status.ts';

const run = (status: DumpStatus): DumpRun =>
  ({
    year_month: '2026-11',
    status,
    files: [],
    started_at: null,
    download_completed_at: null,
    processing_completed_at: null,
    completed_at: null,
    last_error: 'earlier',
    attempts: 0,
    next_retry_at: '2026-11-02T00:00:00.000Z',
  }) as unknown as DumpRun;

describe("a month's processing status", () => {
  it('goes through the happy path, stamping each step', () => {
    const r = run('not_started');
    moveTo(r, 'downloading', new Date('2026-11-01T02:00:00Z'));
    moveTo(r, 'ready_for_processing', new Date('2026-11-01T03:00:00Z'));
    moveTo(r, 'processing', new Date('2026-11-01T03:00:01Z'));
    moveTo(r, 'completed', new Date('2026-11-01T05:00:00Z'));
    expect(r).toMatchObject({
      status: 'completed',
      started_at: '2026-11-01T02:00:00.000Z',
      download_completed_at: '2026-11-01T03:00:00.000Z',
      processing_completed_at: '2026-11-01T05:00:00.000Z',
      completed_at: '2026-11-01T05:00:00.000Z',
      last_error: null,
      next_retry_at: null,
    });
  });

  it('keeps the first start when a failed month is downloaded again', () => {
    const r = run('not_started');
    moveTo(r, 'downloading', new Date('2026-11-01T02:00:00Z'));
    moveTo(r, 'failed');
    moveTo(r, 'downloading', new Date('2026-11-02T02:00:00Z'));
    expect(r.started_at).toBe('2026-11-01T02:00:00.000Z');
  });

  it('refuses a move the machine does not allow, naming the month, and leaves the run as it was', () => {
    const r = run('not_started');
    expect(() => moveTo(r, 'completed')).toThrow(
      new TransitionError('dump 2026-11: cannot go from not_started to completed'),
    );
    expect(r.status).toBe('not_started');
  });

  it('lets any unfinished or finished month fail, retries only from failed, and completes only from processing', () => {
    const status = fc.constantFrom(...dumpStatuses);
    fc.assert(
      fc.property(status, status, (from, to) => {
        if (to === 'failed') expect(canMove(from, to)).toBe(from !== 'failed');
        if (to === 'completed') expect(canMove(from, to)).toBe(from === 'processing');
        if (from === 'failed')
          expect(canMove(from, to)).toBe(to === 'downloading' || to === 'processing');
      }),
    );
  });
});
