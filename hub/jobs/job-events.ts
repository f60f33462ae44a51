import { EventEmitter } from 'node:events';
import type { JobEventMap } from '../../shared/admin-events.ts';

/** What long jobs report, for SSE streams and the CLI's bars to pass on (shared/admin-events.ts). */
export class JobEvents extends EventEmitter<{
  [Event in keyof JobEventMap]: [JobEventMap[Event]];
}> {
  constructor() {
    super();
    // One listener per open admin page; more than ten is normal, not a leak.
    this.setMaxListeners(0);
  }
}
