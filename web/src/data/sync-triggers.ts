import { BACKGROUND_SYNC_TAG, type SyncEngine } from './sync-engine.ts';
const PERIODIC_MIN_INTERVAL_MS = 60 * 60 * 1000;

type SyncCapableRegistration = ServiceWorkerRegistration & {
  periodicSync?: { register(tag: string, o: { minInterval: number }): Promise<void> };
  sync?: { register(tag: string): Promise<void> };
};

/**
 * When an open page syncs (design.md, Delta sync): at start, when the browser comes back
 * online or the page becomes visible again, and at once when the hub says its change log grew.
 * When the page is closed the service worker takes over: periodic background sync, and a
 * one-off background sync registered while edits wait for a network (Chromium has both).
 */
export function startSyncTriggers(engine: SyncEngine): () => void {
  const stop = new AbortController();
  const sync = () => void engine.sync();
  window.addEventListener('online', sync, { signal: stop.signal });
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && sync(), { signal: stop.signal });
  void watchHub(engine, stop.signal);
  void registerBackgroundSync(engine, stop.signal);
  sync();
  return () => stop.abort();
}

/** Holds the hub's event stream open, reconnecting with a growing pause, and syncs when behind. */
async function watchHub(engine: SyncEngine, signal: AbortSignal): Promise<void> {
  for (let pause = 1000; !signal.aborted; pause = Math.min(pause * 2, 30_000)) {
    const pairing = await engine.pairing();
    if (pairing && navigator.onLine) {
      try {
        await engine.client(pairing).watch((hub) => {
          pause = 1000;
          void engine.nudge(hub);
        }, signal);
      } catch {
        // The hub went away or the network dropped; the loop reconnects after the pause.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

async function registerBackgroundSync(engine: SyncEngine, signal: AbortSignal): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const reg = (await navigator.serviceWorker.ready) as SyncCapableRegistration;
  try {
    // Granted only to an installed app; elsewhere the open page's triggers are what there is.
    const permission = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (permission.state === 'granted') await reg.periodicSync?.register(BACKGROUND_SYNC_TAG, { minInterval: PERIODIC_MIN_INTERVAL_MS });
  } catch {
    // Not supported by this browser.
  }
  const off = engine.onStatus((s) => {
    if (s.state === 'offline') void reg.sync?.register(BACKGROUND_SYNC_TAG).catch(() => undefined);
  });
  signal.addEventListener('abort', off);
}
