import { EventEmitter } from 'node:events';
import type { SyncStatus } from '../../shared/collection.ts';
import type { DumpCheck, DumpRun } from '../../shared/dump-runs.ts';
import type { Progress } from '../../shared/progress.ts';

interface Events {
  progress: [Progress];
  dump: [DumpRun];
  /** How a look for a new dump month went (see DumpService.lastCheck). */
  check: [DumpCheck];
  /** The account sync's status when a run starts and when it ends (its run record written). */
  sync: [SyncStatus];
}

/** What long jobs report, for SSE streams to pass on: the one Progress type and record changes. */
export class JobEvents extends EventEmitter<Events> {
  constructor() {
    super();
    // One listener per open admin page; more than ten is normal, not a leak.
    this.setMaxListeners(0);
  }
}
