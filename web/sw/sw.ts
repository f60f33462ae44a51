/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { VaultDb } from '../src/data/db.ts';
import { BACKGROUND_SYNC_TAG, SyncEngine } from '../src/data/sync-engine.ts';

declare const self: ServiceWorkerGlobalScope;

// The shell (HTML, JS, CSS, icons, manifest) is precached at install, so the app opens with
// no network. The list is injected at build time by vite-plugin-pwa.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page navigation is the single-page app; /api is always the network's, and the hub's
// admin page is its own.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/admin/],
  }),
);

// Covers are kept for good once seen, so the collection shows them offline. An <img> cannot
// send the device's token, so the worker adds it. (Only found covers are kept: a 404 is asked
// again next time, in case the hub has fetched it since.)
const db = new VaultDb();
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/api/covers/'),
  new CacheFirst({
    cacheName: 'covers',
    plugins: [
      {
        requestWillFetch: async ({ request }) => {
          const pairing = await db.getMeta('pairing');
          return pairing
            ? new Request(request, { headers: { authorization: `Bearer ${pairing.token}` } })
            : request;
        },
      },
    ],
  }),
);

// A new version waits until the person accepts the update prompt, so a page never runs
// against a service worker from another version without being told.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

// With the app closed, Chromium wakes the worker to sync: periodically (an installed app), and
// once the network is back after an open page went offline with edits waiting.
interface SyncEvent extends ExtendableEvent {
  tag: string;
}
const syncInBackground = (event: Event) => {
  const e = event as SyncEvent;
  if (e.tag === BACKGROUND_SYNC_TAG) e.waitUntil(new SyncEngine(db).sync());
};
self.addEventListener('periodicsync', syncInBackground);
self.addEventListener('sync', syncInBackground);
