// Delta sync in real Chromium against the real hub (CLI) synced from the fake Discogs API:
// pairing from the hub's link, the first pull, an edit made offline that survives a reload,
// and the edit reaching the hub and a second open device.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { runCli, serveHub, type ServedHub } from '../helpers/cli.ts';
import { instanceOnHub, openRecord, shownRating } from './app-pages.ts';
import { hubNameEnv, pairingLink, secureOrigin, TrustedHubs } from './hub-browser.ts';
import { syncAccountFully } from '../helpers/account-sync.ts';

const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

describe('delta sync in Chromium', () => {
  let trusted: TrustedHubs;
  let browser: Browser;
  let api: FakeDiscogsApi;
  let hub: ServedHub;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startFakeDiscogsApi({ collection: makeCollection(30, 3) });
    trusted = await TrustedHubs.start();
    browser = trusted.browser;
    const env = { VINYLVAULT_DATA_DIR: trusted.dataDir(), DISCOGS_API_URL: api.url, ...hubNameEnv };
    await runCli(['login', '--token', 'test-token'], env);
    hub = await serveHub(env);
    await syncAccountFully(hub);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await trusted?.close();
    expect(await hub?.stop()).toBe(0);
    await api?.close();
  });

  /** A new browser profile paired through the link in the hub's QR code. */
  async function pairedDevice(name: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(await pairingLink(hub));
    await expect
      .poll(() => page.getByLabel('Pairing code').inputValue())
      .toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await page.getByLabel('Name of this device').fill(name);
    await page.getByRole('button', { name: 'Pair' }).click();
    await expect
      .poll(() => page.getByTestId('shown-count').textContent(), { timeout: 15_000 })
      .toContain('30 records');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 15_000,
    });
    return { context, page };
  }

  it('pairs two devices, carries an offline edit across a reload to the hub and to the other device', async () => {
    const phone = await pairedDevice('Phone');
    const laptop = await pairedDevice('Laptop');
    await expect
      .poll(() => phone.page.getByTestId('sync-badge').getAttribute('data-state'))
      .toBe('idle');
    await phone.page.screenshot({
      path: join(screenshots, 'sync-paired-phone.png'),
      fullPage: true,
    });

    // The newest record comes first; both devices open its page.
    const newest = 5_000_029;
    for (const d of [phone, laptop]) expect(await openRecord(d.page, 0)).toBe(newest);
    expect(await shownRating(phone.page)).toBe(5); // makeCollection rates i % 6: 29 % 6 = 5

    await phone.context.setOffline(true);
    await phone.page.getByRole('button', { name: '2 stars', exact: true }).click();
    await expect
      .poll(() => phone.page.getByTestId('sync-badge').textContent())
      .toContain('1 pending');
    await expect.poll(() => phone.page.getByTestId('pending-badge').isVisible()).toBe(true);
    // Closed and opened again with no network: the edit is still there, still waiting.
    await phone.page.reload();
    await expect
      .poll(() => phone.page.getByTestId('sync-badge').textContent())
      .toBe('Offline · 1 pending');
    expect(await shownRating(phone.page)).toBe(2);
    await phone.page.screenshot({
      path: join(screenshots, 'sync-offline-pending-phone.png'),
      fullPage: true,
    });

    await phone.context.setOffline(false);
    await expect
      .poll(() => phone.page.getByTestId('sync-badge').textContent(), { timeout: 15_000 })
      .toBe('Up to date');
    const onHub = await instanceOnHub(hub, newest);
    expect(onHub?.rating).toBe(2);
    // The laptop was open all along: the hub's nudge brings the edit without a reload.
    await expect.poll(() => shownRating(laptop.page), { timeout: 10_000 }).toBe(2);
    // And Discogs has it: the hub writes a device's edits back as soon as they arrive.
    await expect
      .poll(() => api.collection.instances.find((i) => i.instance_id === newest)?.rating, {
        timeout: 15_000,
      })
      .toBe(2);

    // The laptop's page is closed; the hub changes; Chromium wakes the service worker for a
    // periodic background sync, which pulls the change into IndexedDB with no page open.
    await laptop.page.close();
    await phone.page.close(); // so every pull the hub logs from here on is the service worker's
    const blank = await laptop.context.newPage();
    const cdp = await laptop.context.newCDPSession(blank);
    const registration = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const r = registrations.find((x) => x.scopeURL === `${secureOrigin(hub)}/` && !x.isDeleted);
        if (r) resolve(r.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registration;
    const mutation = {
      id: '2f1c7b8e-5d4a-4c3b-9a2e-1f0e9d8c7b6a',
      at: new Date().toISOString(),
      type: 'rate',
      instance_id: newest,
      rating: 4,
    };
    const pushed = await hub.api('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: 'hub-test', mutations: [mutation] }),
    });
    expect(
      ((await pushed.json()) as { results: Array<{ status: string }> }).results[0]?.status,
    ).toBe('applied');
    const pulls = () =>
      hub
        .log()
        .split('\n')
        .filter((l) => l.includes('/api/sync/pull')).length;
    const pullsBefore = pulls();
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
      origin: secureOrigin(hub),
      registrationId,
      tag: 'vinylvault-sync',
    });
    await expect.poll(pulls, { timeout: 10_000 }).toBeGreaterThan(pullsBefore);
    // Opened offline, the app can only show what the service worker stored.
    await laptop.context.setOffline(true);
    await blank.goto(`${secureOrigin(hub)}/#/release/1029`);
    await expect
      .poll(
        async () => {
          await blank.reload();
          await blank.getByTestId('instance-editor').waitFor();
          return shownRating(blank);
        },
        { timeout: 15_000 },
      )
      .toBe(4);
  });
});

describe('covers on a device', () => {
  it('loads covers through the service worker with the device token, and keeps them for offline', async () => {
    // Few records: each cover is a request to (fake) Discogs under the rate limit.
    const api = await startFakeDiscogsApi({ collection: makeCollection(4), withCovers: true });
    const trusted = await TrustedHubs.start();
    const env = { VINYLVAULT_DATA_DIR: trusted.dataDir(), DISCOGS_API_URL: api.url, ...hubNameEnv };
    await runCli(['login', '--token', 'test-token'], env);
    const hub = await serveHub(env);
    const browser = trusted.browser;
    try {
      await syncAccountFully(hub);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(await pairingLink(hub));
      await page.getByRole('button', { name: 'Pair' }).click();
      await expect
        .poll(() => page.getByTestId('shown-count').textContent(), { timeout: 15_000 })
        .toContain('4 records');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
        timeout: 15_000,
      });
      // What an <img> of the app asks for: no Authorization header of its own.
      const cover = (release: number) =>
        page.evaluate(async (id) => {
          const res = await fetch(`/api/covers/${id}?size=thumb`);
          return { status: res.status, body: new TextDecoder().decode(await res.arrayBuffer()) };
        }, release);
      const online = await cover(1003);
      expect(online).toMatchObject({
        status: 200,
        body: expect.stringContaining('/images/R-150-1003.jpg'),
      });
      expect((await fetch(`${hub.url}/api/covers/1003?size=thumb`)).status).toBe(401); // the token is needed
      await context.setOffline(true);
      await page.reload();
      expect(await cover(1003)).toEqual(online);
      await context.close();
    } finally {
      await trusted.close();
      expect(await hub.stop()).toBe(0);
      await api.close();
    }
  }, 90_000);
});
