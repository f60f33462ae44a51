import type { DropLoad, DumpCheck, DumpRun } from '../../../shared/dump-runs.ts';
import type { Progress } from '../../../shared/progress.ts';
import { adminApi, newestOnly } from './admin-api.ts';
import { Feedback } from './feedback.svelte.ts';
import { onHubEvent } from './hub-events.ts';
import { SETTINGS_SAVED } from './settings-saved.ts';

/** The dumps panel's state: the months' records, drop-folder loads, the last and next look for a month, and live bars. */
export class DumpsModel {
  runs = $state<DumpRun[]>([]);
  /** Files the owner copied into dumps/incoming, loaded by a run: rows of their own. */
  drops = $state<DropLoad[]>([]);
  running = $state(false);
  /** How the latest look for a month went: the one place a failure before any month shows. */
  lastCheck = $state<DumpCheck | null>(null);
  nextCheck = $state<string | null>(null);
  /** Live bars, by job and file (download and ingest of each file), from the hub's event stream. */
  live = $state<Record<string, Progress>>({});
  /** Newest month first. */
  readonly months = $derived(
    [...this.runs].sort((a, b) => b.year_month.localeCompare(a.year_month)),
  );
  readonly feedback = new Feedback();

  readonly load = newestOnly(
    () => adminApi('GET /api/dumps'),
    (r) => {
      this.runs = r.runs;
      this.drops = r.drops;
      this.running = r.running;
      this.lastCheck = r.lastCheck;
      this.nextCheck = r.nextCheck;
    },
  );

  /** Loads and follows the hub's events; returns the stop. */
  start(): () => void {
    void this.feedback.run(this.load);
    const quietly = () => void this.load().catch(() => undefined);
    const stops = [
      onHubEvent('hello', (h) => ((this.running = h.dumpsRunning), quietly())),
      onHubEvent('dump', (run) => {
        this.runs = [...this.runs.filter((r) => r.year_month !== run.year_month), run];
        this.running = run.status === 'downloading' || run.status === 'processing';
        if (run.status === 'completed' || run.status === 'failed') {
          this.live = {};
          // "Retrying 2026-06." is over: the month's row says how it went.
          this.feedback.notice = null;
        }
      }),
      // The run is over (what it did shows in the month's row, or the check says why not).
      onHubEvent('check', (c) => {
        this.lastCheck = c;
        this.running = false;
        this.live = {};
        this.feedback.notice = null;
        // A run may have loaded files from the drop folder before its look for a month.
        quietly();
      }),
      onHubEvent('progress', (p) => {
        if (p.job !== 'download' && p.job !== 'ingest') return;
        // One bar per file: once it is being loaded, its finished download bar goes.
        const { [`download ${p.label}`]: _downloaded, ...others } = this.live;
        this.live = { ...(p.job === 'ingest' ? others : this.live), [`${p.job} ${p.label}`]: p };
      }),
    ];
    // The next look for a month moves with the schedule saved in Settings.
    window.addEventListener(SETTINGS_SAVED, quietly);
    return () => (
      window.removeEventListener(SETTINGS_SAVED, quietly),
      stops.forEach((stop) => stop())
    );
  }

  runNow(): Promise<boolean> {
    return this.#act(
      () => adminApi('POST /api/dumps/run', { body: {} }),
      'Looking for the newest month and processing it.',
    );
  }

  retry(month: string): Promise<boolean> {
    return this.#act(
      () => adminApi('POST /api/dumps/:month/retry', { params: { month } }),
      `Retrying ${month}.`,
    );
  }

  #act(action: () => Promise<unknown>, done: string): Promise<boolean> {
    return this.feedback.run(async () => (await action(), await this.load()), done);
  }
}
