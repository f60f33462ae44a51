import type { AdminEventMap as HubEvents } from '../../../shared/admin-events.ts';

// One stream for the whole page, however many panels listen: browsers allow only six
// connections per host over HTTP/1.1, and the hub serves plain HTTP on the LAN.
let source: EventSource | undefined;
let listeners = 0;

/** Listens to one kind of event; returns the unsubscribe (the stream closes with the last one). */
export function onHubEvent<K extends keyof HubEvents>(
  event: K,
  handler: (data: HubEvents[K]) => void,
): () => void {
  // Same origin: the session cookie goes with the stream.
  const stream = (source ??= new EventSource('/api/admin/events'));
  listeners++;
  const listener = (e: Event) =>
    handler(JSON.parse((e as MessageEvent<string>).data) as HubEvents[K]);
  stream.addEventListener(event, listener);
  return () => {
    stream.removeEventListener(event, listener);
    if (--listeners === 0) {
      stream.close();
      source = undefined;
    }
  };
}
