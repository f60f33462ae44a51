import { appendFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveHub, type ServedHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { accessibilityProblems } from './accessibility.ts';
import { hubNameEnv, secureOrigin, TrustedHubs } from './hub-browser.ts';

const builtWeb = fileURLToPath(new URL('../../dist/web', import.meta.url));
const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

describe('PWA shell in Chromium', () => {
  let trusted: TrustedHubs;
  let browser: Browser;
  let hub: ServedHub;
  let context: BrowserContext;
  let page: Page;
  let webDir: string;
  let consoleErrors: string[];

  beforeAll(async () => {
    if (!existsSync(join(builtWeb, 'index.html')))
      throw new Error(`${builtWeb} is missing: run \`npm run build\` first (npm test does)`);
    mkdirSync(screenshots, { recursive: true });
    trusted = await TrustedHubs.start();
    browser = trusted.browser;
  });
  afterAll(() => trusted?.close());

  beforeEach(async () => {
    const root = tempDir();
    // A copy of the build, so the update test can deploy a "new version" without touching dist/.
    webDir = join(root, 'web');
    cpSync(builtWeb, webDir, { recursive: true });
    hub = await serveHub({
      VINYLVAULT_DATA_DIR: trusted.dataDir(),
      VINYLVAULT_WEB_DIR: webDir,
      ...hubNameEnv,
    });
    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterEach(async () => {
    await context?.close();
    expect(await hub.stop()).toBe(0);
  });

  async function openControlled(): Promise<void> {
    await page.goto(secureOrigin(hub));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 15_000,
    });
    await expect
      .poll(() => page.getByTestId('hub-status').getAttribute('data-state'))
      .toBe('online');
  }

  it('says what VinylVault is and that the hub answers, with no console errors', async () => {
    await openControlled();
    await expect.poll(() => page.locator('h1').textContent()).toBe('VinylVault');
    expect(await page.getByTestId('hub-status').textContent()).toMatch(
      /The hub answers \(version \d+\.\d+\.\d+\)/,
    );
    await page.screenshot({ path: join(screenshots, 'shell-online-phone.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    // The pairing screen a new device opens on.
    expect(await page.getByTestId('pairing').isVisible()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    // A code the hub does not know: what happened and where a new one comes from, in words.
    await page.getByLabel('Pairing code').fill('ABCD-2345');
    await page.getByLabel('Name of this device').fill('Phone');
    await page.getByRole('button', { name: 'Pair' }).click();
    await expect
      .poll(() => page.getByTestId('pairing').getByRole('alert').textContent())
      .toBe(
        "This pairing code was already used or has expired (a code works once, for ten minutes). Get a new one on the hub's admin page: Devices, then Pair a device.",
      );
    await page.screenshot({ path: join(screenshots, 'shell-pairing-refused-phone.png') });
  });

  it('says it is ready to work offline above the page, covering nothing, and leaves by itself', async () => {
    await openControlled();
    const notice = page.getByTestId('offline-ready');
    await notice.waitFor();
    await page.screenshot({ path: join(screenshots, 'shell-offline-ready-phone.png') });
    // In the page's flow: what follows it starts below it, so nothing lies under it.
    const [box, pairing] = await Promise.all([
      notice.boundingBox(),
      page.getByTestId('pairing').boundingBox(),
    ]);
    expect(box!.y + box!.height).toBeLessThanOrEqual(pairing!.y);
    expect(await notice.evaluate((el) => getComputedStyle(el).position)).toBe('static');
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId('pairing').isVisible()).toBe(true);
  });

  it('renders the shell offline after a reload, from the service worker cache', async () => {
    await openControlled();
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('VinylVault');
    await expect
      .poll(() => page.getByTestId('hub-status').getAttribute('data-state'))
      .toBe('unreachable');
    expect(await page.getByTestId('hub-status').textContent()).toContain('this device is offline');
    expect((await page.getByTestId('sync-badge').textContent())?.trim()).toBe('Offline');
    await page.screenshot({ path: join(screenshots, 'shell-offline-phone.png'), fullPage: true });
    // The only error allowed is the browser's own note that the health check could not go out.
    expect(consoleErrors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('links a valid web manifest whose icons load at their stated sizes', async () => {
    await openControlled();
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      const m = (await (await fetch(href)).json()) as {
        icons: { src: string; sizes: string; type: string; purpose: string }[];
      };
      const icons = await Promise.all(
        m.icons.map(async (icon) => {
          const img = new Image();
          img.src = new URL(icon.src, href).href;
          await img.decode();
          return { ...icon, natural: `${img.naturalWidth}x${img.naturalHeight}` };
        }),
      );
      return { ...m, icons };
    });
    expect(manifest).toMatchObject({
      name: 'VinylVault',
      short_name: 'VinylVault',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
    const png = manifest.icons.filter((i: { type: string }) => i.type === 'image/png');
    for (const icon of png) expect(icon.natural).toBe(icon.sizes);
    expect(
      png.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`).sort(),
    ).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    expect(consoleErrors).toEqual([]);
  });

  it('offers an update when a new version is deployed, and takes it on request', async () => {
    await openControlled();
    // "Deploy": any byte change to sw.js is a new service worker to the browser.
    appendFileSync(join(webDir, 'sw.js'), '\n// next release\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.getByRole('alertdialog');
    await expect.poll(() => prompt.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await prompt.textContent()).toContain('A new version of VinylVault is ready.');
    await page.screenshot({ path: join(screenshots, 'update-prompt-phone.png') });

    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())!.waiting,
    );
    expect(waiting).toBeNull();
    expect(consoleErrors).toEqual([]);
  });
});
