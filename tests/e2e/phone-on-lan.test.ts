// A phone on the home Wi-Fi, as the product is used: it reaches the hub by a LAN name, not
// localhost, so only HTTPS with a trusted certificate gives it a service worker, installation
// and the camera. The test walks what a new phone does: the trust page over plain HTTP, the
// CA download, trusting it, the app over HTTPS, pairing, the first sync, an offline reload and
// an offline edit that reaches the hub back online.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caFiles } from '../../hub/tls/hub-tls.ts';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { adminCookie } from '../helpers/auth.ts';
import { runCli, serveHub, type ServedHub } from '../helpers/cli.ts';
import { lanRequest } from '../helpers/lan-request.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { instanceOnHub, openRecord } from './app-pages.ts';
import { syncAccountFully } from '../helpers/account-sync.ts';
import {
  browserHome,
  hubNameEnv,
  launchChromium,
  launchProfile,
  plainOrigin,
  secureOrigin,
  trustInBrowserHome,
} from './hub-browser.ts';

const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: ANDROID,
};

describe('a phone on the home network', () => {
  let api: FakeDiscogsApi;
  let hub: ServedHub;
  let browser: Browser | undefined;
  let caPem: string;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startFakeDiscogsApi({ collection: makeCollection(30, 3) });
    // A new hub: it makes its own CA on first start.
    const env = { VINYLVAULT_DATA_DIR: tempDir(), DISCOGS_API_URL: api.url, ...hubNameEnv };
    await runCli(['login', '--token', 'test-token'], env);
    hub = await serveHub(env);
    caPem = readFileSync(caFiles(hub.dataDir).caCert, 'utf8');
  });
  afterAll(async () => {
    await browser?.close();
    expect(await hub?.stop()).toBe(0);
    await api?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

  it('trusts the hub through the trust page, pairs over HTTPS, works offline and syncs back', async () => {
    await syncAccountFully(hub);
    // The owner, on the admin page at https://hub.test, makes a pairing link for the phone.
    const cookie = await adminCookie(hub.url, hub.dataDir);
    const pairing = await lanRequest(`${secureOrigin(hub)}/api/admin/pairing`, {
      method: 'POST',
      headers: { cookie },
      ca: caPem,
    });
    const { code, url } = pairing.json<{ code: string; url: string }>();
    expect(url).toBe(`${plainOrigin(hub)}/connect#pair=${code}`);

    // A new phone: its browser trusts nothing of the hub's yet.
    const home = browserHome();
    browser = await launchChromium(home);
    const context = await browser.newContext({ ...phone, acceptDownloads: true });
    let page = await context.newPage();
    // Plain HTTP on the LAN name shows the trust page, whatever path, and never the app.
    await page.goto(`${plainOrigin(hub)}/#/release/1`);
    expect(new URL(page.url()).pathname).toBe('/connect');
    await page.goto(url);
    await expect.poll(() => page.getByTestId('trust-status').getAttribute('data-state')).toBe('no');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await page.getByTestId('pairing').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Connect this device to your hub',
      'Trust your hub on Android',
      'Another device?',
    ]);
    expect(await page.getByTestId('ca-fingerprint').textContent()).toBe(
      new X509Certificate(caPem).fingerprint256,
    );
    await shot(page, 'trust-page-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'trust-page-desktop');
    await page.setViewportSize(phone.viewport);
    // Over HTTPS the untrusted certificate stops the browser: the reason for the trust page.
    await expect(page.goto(`${secureOrigin(hub)}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    page = await context.newPage();
    await page.goto(url);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('download-ca').click();
    const download = await downloading;
    const der = readFileSync((await download.path())!);
    expect(der.equals(new X509Certificate(caPem).raw)).toBe(true);
    await browser.close();

    // What the steps say: install it as a CA certificate, then reopen the browser.
    trustInBrowserHome(home, der);
    // The profile lives in this test's temp dir: it is closed before the dir is removed.
    const profile = await launchProfile(home, phone);
    try {
      page = await profile.newPage();
      await page.goto(url);
      await expect
        .poll(() => page.getByTestId('trust-status').getAttribute('data-state'))
        .toBe('yes');
      await page.getByTestId('open-app').click();
      await page.waitForURL(`${secureOrigin(hub)}/#pair=${code}`);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      await expect.poll(() => page.getByLabel('Pairing code').inputValue()).toBe(code);
      // Browsers give the camera only to secure pages: the QR scan is offered here.
      expect(await page.getByRole('button', { name: 'Scan the QR code' }).isVisible()).toBe(true);
      await shot(page, 'pairing-https-phone');
      await page.getByLabel('Name of this device').fill('Phone on the Wi-Fi');
      await page.getByRole('button', { name: 'Pair' }).click();
      await expect
        .poll(() => page.getByTestId('shown-count').textContent(), { timeout: 15_000 })
        .toContain('30 records');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
        timeout: 15_000,
      });
      const cdp = await profile.newCDPSession(page);
      expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
      await shot(page, 'collection-https-phone');

      // On the train: no network. The app opens from the service worker with the collection.
      await profile.setOffline(true);
      await page.reload();
      await expect
        .poll(() => page.getByTestId('shown-count').textContent(), { timeout: 15_000 })
        .toContain('30 records');
      const newest = await openRecord(page, 0);
      await page.getByRole('button', { name: '2 stars', exact: true }).click();
      // (A persistent profile's emulated offline leaves navigator.onLine true: "Hub unreachable".)
      await expect
        .poll(() => page.getByTestId('sync-badge').textContent())
        .toMatch(/^(Offline|Hub unreachable) · 1 pending$/);
      await shot(page, 'offline-edit-https-phone');

      // Back home: the edit reaches the hub.
      await profile.setOffline(false);
      await expect
        .poll(() => page.getByTestId('sync-badge').textContent(), { timeout: 15_000 })
        .toBe('Up to date');
      const onHub = await instanceOnHub(hub, newest);
      expect(onHub?.rating).toBe(2);
    } finally {
      await profile.close();
    }
  }, 120_000);
});
