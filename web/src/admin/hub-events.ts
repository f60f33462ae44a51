import type { SyncStatus } from '../../../shared/collection.ts';
import type { DumpCheck, DumpRun } from '../../../shared/dump-runs.ts';
import type { Progress } from '../../../shared/progress.ts';

/** What `GET /api/admin/events` sends (hub/http/admin-events.ts). */
export interface HubEvents {
  /** On every (re)connect: reload what may have changed while the stream was down. */
  hello: { dumpsRunning: boolean; sync: SyncStatus };
  dump: DumpRun;
  check: DumpCheck;
  sync: SyncStatus;
  progress: Progress;
}

// One stream for the whole page, however many panels listen: browsers allow only six
// connections per host over HTTP/1.1, and the hub serves plain HTTP on the LAN.
let source: EventSource | undefined;
let listeners = 0;

/** Listens to one kind of event; returns the unsubscribe (the stream closes with the last one). */
export function onHubEvent<K extends keyof HubEvents>(event: K, handler: (data: HubEvents[K]) => void): () => void {
  // Same origin: the session cookie goes with the stream.
  const stream = (source ??= new EventSource('/api/admin/events'));
  listeners++;
  const listener = (e: Event) => handler(JSON.parse((e as MessageEvent<string>).data) as HubEvents[K]);
  stream.addEventListener(event, listener);
  return () => {
    stream.removeEventListener(event, listener);
    if (--listeners === 0) {
      stream.close();
      source = undefined;
    }
  };
}
