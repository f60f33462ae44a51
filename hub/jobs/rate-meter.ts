import type { Progress } from '../../shared/progress.ts';

/**
 * Turns running totals into a Progress event with rates over the last few seconds, so a long
 * job's ETA follows its current speed rather than its average since the start.
 */
export class RateMeter {
  readonly #samples: Array<{ t: number; done: number; records: number; bytes: number }> = [];
  readonly #windowMs: number;

  constructor(windowMs = 5000) {
    this.#windowMs = windowMs;
  }

  progress(
    job: string,
    label: string,
    done: number,
    total: number | null,
    records: number,
    bytes = 0,
  ): Progress {
    const t = performance.now();
    this.#samples.push({ t, done, records, bytes });
    while (this.#samples.length > 2 && t - this.#samples[0]!.t > this.#windowMs)
      this.#samples.shift();
    const first = this.#samples[0]!;
    const seconds = (t - first.t) / 1000;
    const per = (now: number, then: number) => (seconds > 0 ? (now - then) / seconds : 0);
    const donePerSecond = per(done, first.done);
    return {
      job,
      label,
      done,
      total,
      records,
      recordsPerSecond: per(records, first.records),
      bytesPerSecond: per(bytes, first.bytes),
      etaSeconds:
        total !== null && done >= total
          ? 0
          : total !== null && donePerSecond > 0
            ? (total - done) / donePerSecond
            : null,
    };
  }
}
