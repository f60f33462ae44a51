/**
 * What changed in this device's tables, told to every page and the service worker of the app
 * (a BroadcastChannel reaches other tabs and this one). Screens update the records named
 * instead of re-reading 10,000 of them after each write, which is what Dexie's liveQuery would
 * do for a query over a whole table.
 */
export interface LocalChange {
  instances: number[];
  releases: number[];
  /** Too much to patch (a reset, a first pull): read everything again. */
  whole: boolean;
  /** More pages of the same pull follow: a screen may wait for the last one. */
  more: boolean;
}

const CHANNEL = 'vinylvault-changes';

export function announceChange(change: Partial<LocalChange>): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ instances: [], releases: [], whole: false, more: false, ...change } satisfies LocalChange);
  channel.close();
}

export function onLocalChange(listener: (change: LocalChange) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e) => listener((e as MessageEvent).data as LocalChange);
  return () => channel.close();
}
