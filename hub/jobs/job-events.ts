import { EventEmitter } from 'node:events';
import type { DumpRun } from '../../shared/dump-runs.ts';
import type { Progress } from '../../shared/progress.ts';

interface Events {
  progress: [Progress];
  dump: [DumpRun];
}

/** What long jobs report, for SSE streams to pass on: the one Progress type and record changes. */
export class JobEvents extends EventEmitter<Events> {
  constructor() {
    super();
    // One listener per open admin page; more than ten is normal, not a leak.
    this.setMaxListeners(0);
  }
}
