// The hub's admin page at /admin in Chromium against the real hub: the first-run password,
// signing in and out, and pairing and revoking a device.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCollection, startFakeDiscogsApi } from '../fakes/discogs-api.ts';
import { startFakeDumpHost } from '../fakes/dump-host.ts';
import { publishMonth } from '../helpers/dump-month.ts';
import { adminCookie } from '../helpers/auth.ts';
import { serveHub, type ServedHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { accessibilityProblems } from './accessibility.ts';
import { browserLaunchOptions } from './browser.ts';

const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));

describe('the admin page in Chromium', () => {
  let browser: Browser;
  let hub: ServedHub;
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    hub = await serveHub({ VINYLVAULT_DATA_DIR: tempDir() });
    browser = await chromium.launch(browserLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    expect(await hub?.stop()).toBe(0);
  });

  it('sets the password on the first visit, pairs and revokes a device, signs out and in', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${hub.url}/admin`);
    await expect.poll(() => page.getByTestId('sign-in').textContent()).toContain("choose the hub's admin password");
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'admin-first-run-phone.png') });

    await page.getByLabel('Password', { exact: true }).fill('turntable-42');
    await page.getByLabel('The same password again').fill('turntable-43');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The two passwords differ.');
    await page.getByLabel('The same password again').fill('turntable-42');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByTestId('devices').waitFor();

    await page.getByRole('button', { name: 'Pair a device' }).click();
    const code = (await page.locator('.code').textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await page.locator('[data-testid="pairing-code"] svg').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'admin-pairing-phone.png'), fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);

    // A phone exchanges the code; the page lists it without a reload.
    const paired = await fetch(`${hub.url}/api/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'Kitchen phone' }) });
    const { token } = (await paired.json()) as { token: string };
    await expect.poll(() => page.getByTestId('device').textContent()).toContain('Kitchen phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(screenshots, 'admin-devices-desktop.png') });
    // Health: disk, storage, collection, the paired device, no problems on a healthy hub.
    await expect.poll(() => page.getByTestId('health').textContent(), { timeout: 15_000 }).toContain('1 device paired');
    expect(await page.getByTestId('health').textContent()).toContain('None since the hub started.');
    await page.getByTestId('health').screenshot({ path: join(screenshots, 'admin-health-desktop.png') });
    expect(await accessibilityProblems(page)).toEqual([]);

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke Kitchen phone' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('"Kitchen phone" can no longer sync.');
    await expect.poll(() => page.getByTestId('device').count()).toBe(0);
    expect((await fetch(`${hub.url}/api/sync/pull`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('wrong password');
    await page.getByLabel('Password').fill('turntable-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('devices').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the admin page with a Discogs account', () => {
  it('connects the account with a token, runs a sync with live progress, and lists the run', async () => {
    const api = await startFakeDiscogsApi({ collection: makeCollection(12, 3) }) // each release document is a request at 60 a minute;
    const hub = await serveHub({ VINYLVAULT_DATA_DIR: tempDir(), DISCOGS_API_URL: api.url });
    const browser = await chromium.launch(browserLaunchOptions());
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: { cookie: await adminCookie(hub.url) } });
      const page = await context.newPage();
      await page.goto(`${hub.url}/admin`);
      await page.getByTestId('account').waitFor();
      await page.getByLabel('Personal access token').fill('wrong-token');
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/\S/);
      await page.getByLabel('Personal access token').fill('test-token');
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect.poll(() => page.getByTestId('discogs-user').textContent()).toMatch(/\S/);

      await page.getByRole('button', { name: 'Full sync' }).click();
      await page.getByTestId('progress').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(screenshots, 'admin-account-sync-phone.png'), fullPage: true });
      await expect.poll(() => page.getByTestId('account-sync-state').textContent(), { timeout: 60_000 }).toBe('Up to date with Discogs');
      expect(await page.locator('[data-testid="account"] tbody tr').count()).toBe(1);
      expect(await page.getByTestId('writeback-pending').textContent()).toBe('None waiting.');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('account').screenshot({ path: join(screenshots, 'admin-account-desktop.png') });
      expect(await accessibilityProblems(page)).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
      expect(await hub.stop()).toBe(0);
      await api.close();
    }
  }, 120_000);
});

describe('the admin page with monthly dumps', () => {
  it('runs a month with live progress, shows a failure in words, and retries it', async () => {
    const host = await startFakeDumpHost();
    publishMonth(host, '20260601');
    // The releases download stalls once (so progress is there to see) and labels arrive corrupt
    // until the retries are spent.
    host.faults.set('discogs_20260601_releases.xml.gz', { stallAfter: { bytes: 2000, times: 1 } });
    host.faults.set('discogs_20260601_labels.xml.gz', { corrupt: { times: 3 } });
    const hub = await serveHub({ VINYLVAULT_DATA_DIR: tempDir(), DISCOGS_DUMPS_URL: host.url, VINYLVAULT_DUMP_RETRY_SECONDS: '0,0', VINYLVAULT_DUMP_STALL_SECONDS: '2' });
    const browser = await chromium.launch(browserLaunchOptions());
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: { cookie: await adminCookie(hub.url) } });
      const page = await context.newPage();
      await page.goto(`${hub.url}/admin`);
      await page.getByTestId('dumps').waitFor();
      await page.getByRole('button', { name: 'Run now' }).click();
      await expect.poll(() => page.getByTestId('dump-month').getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
      expect(await page.getByTestId('dump-month').textContent()).toMatch(/labels/i);
      await page.getByTestId('dumps').screenshot({ path: join(screenshots, 'admin-dump-failed-phone.png') });

      host.faults.delete('discogs_20260601_labels.xml.gz');
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.getByTestId('dump-progress').waitFor({ timeout: 20_000 });
      await page.getByTestId('dumps').screenshot({ path: join(screenshots, 'admin-dump-progress-phone.png') });
      await expect.poll(() => page.getByTestId('dump-month').getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
      expect(await page.getByTestId('dump-month').textContent()).toContain('Done');
      expect(await page.locator('[data-testid="dump-month"] tbody tr').count()).toBe(4);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('dumps').screenshot({ path: join(screenshots, 'admin-dumps-desktop.png') });
      expect(await accessibilityProblems(page)).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
      expect(await hub.stop()).toBe(0);
      await host.close();
    }
  }, 120_000);
});

describe('the admin page settings', () => {
  it('shows each catalog scope with the space it needs, refuses a bad schedule in words, and keeps a saved change', async () => {
    const hub = await serveHub({ VINYLVAULT_DATA_DIR: tempDir() });
    const browser = await chromium.launch(browserLaunchOptions());
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: { cookie: await adminCookie(hub.url) } });
      const page = await context.newPage();
      await page.goto(`${hub.url}/admin`);
      const panel = page.getByTestId('settings');
      await expect.poll(() => panel.textContent()).toMatch(/needs about \d+ GB.*GB free/);
      await panel.getByLabel('When (cron, UTC)').first().fill('at two');
      await panel.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => panel.getByRole('alert').textContent()).toBe('dumpSchedule.cron: not a cron expression croner accepts');
      await panel.getByLabel('When (cron, UTC)').first().fill('0 5 * * *');
      await panel.getByLabel('Only what your collection and wantlist need').check();
      await panel.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toBe('Saved.');
      await panel.screenshot({ path: join(screenshots, 'admin-settings-phone.png') });
      await page.reload();
      await expect.poll(() => page.getByTestId('settings').getByLabel('When (cron, UTC)').first().inputValue()).toBe('0 5 * * *');
      expect(await page.getByTestId('settings').getByLabel('Only what your collection and wantlist need').isChecked()).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
      expect(await hub.stop()).toBe(0);
    }
  }, 60_000);
});
