import type { AccountSyncStatus } from './account-sync.ts';
import type { DumpCheck, DumpRun } from './dump-runs.ts';
import type { Progress } from './progress.ts';

/** What the hub's long jobs report (hub/jobs/job-events.ts): the one Progress type, and record changes. */
export interface JobEventMap {
  progress: Progress;
  /** A month's dump record, when it changes. */
  dump: DumpRun;
  /** How a look for a new dump month went. */
  check: DumpCheck;
  /** The account sync's status when a run starts and when it ends (its run record written). */
  sync: AccountSyncStatus;
}

/** What `GET /api/admin/events` sends the admin page: the jobs' events, and `hello` on every (re)connect. */
export interface AdminEventMap extends JobEventMap {
  /** Reload what may have changed while the stream was down. */
  hello: { dumpsRunning: boolean; sync: AccountSyncStatus };
}
