// The hub's admin page at /admin in Chromium against the real hub and the fakes: the first-run
// wizard, then each panel: dumps, the Discogs account, devices, health and settings.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { startFakeDumpHost, type FakeDumpHost } from '../fakes/dump-host.ts';
import { publishMonth } from '../helpers/dump-month.ts';
import { closedAddress } from '../helpers/closed-address.ts';
import { setupCodeOf, setUpHubCookie } from '../helpers/auth.ts';
import { serveHub, type ServedHub } from '../helpers/cli.ts';
import { accessibilityProblems } from './accessibility.ts';
import { caFiles } from '../../hub/tls/hub-tls.ts';
import { hubNameEnv, plainOrigin, secureOrigin, TrustedHubs } from './hub-browser.ts';

const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));
const demoDumps = fileURLToPath(new URL('../../demo/dumps/', import.meta.url));

/** Nothing on the page is wider than a 390 px phone (long texts wrap); a failure names what sticks out. */
async function expectFitsPhone(page: Page) {
  const wider = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 390.5 && !e.closest('.scroll'))
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${e.className} (right edge ${Math.round(e.getBoundingClientRect().right)} px): ${(e.textContent ?? '').slice(0, 60)}`,
      ),
  );
  expect(wider).toEqual([]);
}

/** The page at phone size, then at desktop size, both written to the test output. */
async function screenshotBoth(page: Page, name: string) {
  await expectFitsPhone(page);
  await page.screenshot({ path: join(screenshots, `admin-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(screenshots, `admin-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
}

// One Chromium for the file; each test has its own context.
// Hubs are opened as a phone or laptop on the LAN opens them: https://hub.test, trusted.
let trusted: TrustedHubs;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  trusted = await TrustedHubs.start();
  browser = trusted.browser;
});
afterAll(() => trusted?.close());
const newHub = (env: Record<string, string> = {}) =>
  serveHub({ VINYLVAULT_DATA_DIR: trusted.dataDir(), ...hubNameEnv, ...env });

/** The admin page of `hub` at phone size, signed in to a hub whose set-up is done. */
async function openAdmin(hub: ServedHub, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    ...options,
    extraHTTPHeaders: { cookie: await setUpHubCookie(hub.url, hub.dataDir) },
  });
  const page = await context.newPage();
  await page.goto(`${secureOrigin(hub)}/admin`);
  return page;
}

describe('the first-run wizard and the devices panel', () => {
  let hub: ServedHub;
  let api: FakeDiscogsApi;
  let dumps: FakeDumpHost;
  beforeAll(async () => {
    api = await startFakeDiscogsApi({ collection: makeCollection(3, 1) });
    dumps = await startFakeDumpHost();
    publishMonth(dumps, '20260601');
    hub = await newHub({ DISCOGS_API_URL: api.url, DISCOGS_DUMPS_URL: dumps.url });
  });
  afterAll(async () => {
    expect(await hub?.stop()).toBe(0);
    await api?.close();
    await dumps?.close();
  });

  it('walks a new hub from password to schedule, saving each step, then starts the first runs', async () => {
    // Paris, so the schedule step's local times differ from the hub's UTC.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The link the hub printed at start: the setup code rides along and fills the field.
    await page.goto(`${secureOrigin(hub)}/admin#setup=${setupCodeOf(hub.dataDir)}`);
    const wizard = page.getByTestId('setup');
    await expect.poll(() => wizard.textContent()).toContain('step 1 of 4');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Admin password');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshotBoth(page, 'setup-password');

    await page.getByLabel('Password', { exact: true }).fill('turntable-42');
    await page.getByLabel('The same password again').fill('turntable-43');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The two passwords differ.');
    await page.getByLabel('The same password again').fill('turntable-42');
    const setupCode = await page.getByLabel('Setup code').inputValue();
    expect(setupCode).toBe(setupCodeOf(hub.dataDir));
    await page.getByLabel('Setup code').fill('AAAA-AAAA');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^wrong setup code: it is printed where the hub was started/);
    await page.getByLabel('Setup code').fill(setupCode);
    await page.getByRole('button', { name: 'Set the password' }).click();

    // Step 2: the token is tried against (the fake) Discogs; a wrong one is refused in words.
    await expect
      .poll(() => page.locator('[aria-current="step"]').textContent())
      .toContain('Discogs account');
    await page.getByLabel('Personal access token').fill('wrong-token');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect
      .poll(() => wizard.getByRole('alert').textContent())
      .toMatch(/^Discogs refused this token: check that it was copied whole/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshotBoth(page, 'setup-token-refused');
    await page.getByLabel('Personal access token').fill('test-token');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => page.getByTestId('setup-discogs-user').textContent()).toBe('collector');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: each scope with the space it needs beside what is free.
    await expect
      .poll(() => page.locator('[aria-current="step"]').textContent())
      .toContain('Catalog');
    expect((await wizard.textContent())!.replace(/\s+/g, ' ')).toMatch(
      /Needs about [\d.]+ GB; [\d.]+ GB free.*Needs about [\d.]+ GB; [\d.]+ GB free/,
    );
    // The collection's need is mostly the download: said so, with the catalog's own part.
    const parts = await wizard.getByTestId('space-parts').nth(1).textContent();
    expect(parts!.replace(/\s+/g, ' ')).toMatch(
      /^Most of it, [\d.]+ GB, is the month's files downloaded from Discogs, .* the catalog itself takes about [\d.]+ GB\.$/,
    );
    await page.getByLabel('Only what your collection and wantlist need').check();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshotBoth(page, 'setup-catalog');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => page.locator('[aria-current="step"]').textContent())
      .toContain('Schedule');

    // Left half-way, the wizard resumes signed in at the Discogs step, with what was saved.
    await page.reload();
    await expect.poll(() => page.getByTestId('setup-discogs-user').textContent()).toBe('collector');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Discogs account');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await page.getByLabel('Only what your collection and wantlist need').isChecked()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 4: the schedule in the owner's time; the hub keeps it in UTC (Paris is UTC+1 in November).
    await expect
      .poll(() => page.locator('[aria-current="step"]').textContent())
      .toContain('Schedule');
    const dumpTime = page.getByRole('group', { name: 'Monthly dumps' }).getByLabel('Every day at');
    expect(await dumpTime.inputValue()).toBe('03:00');
    await dumpTime.fill('04:30');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshotBoth(page, 'setup-schedule');
    // Back keeps what was chosen.
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByLabel('Only what your collection and wantlist need').isChecked()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Next' }).click();
    expect(
      await page
        .getByRole('group', { name: 'Monthly dumps' })
        .getByLabel('Every day at')
        .inputValue(),
    ).toBe('04:30');
    expect(await page.getByLabel('Sync my collection from Discogs (collector)').isChecked()).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Finish set-up' }).click();

    // The panels take over, with the first runs under way or done.
    await page.getByTestId('dumps').waitFor();
    expect(await page.getByTestId('setup').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('dump-month').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('completed');
    await expect
      .poll(() => page.getByTestId('account-sync-state').textContent(), { timeout: 60_000 })
      .toBe('Up to date with Discogs');
    expect(await page.getByTestId('discogs-user').textContent()).toBe('collector');
    const cookies = await context.cookies();
    // Set over HTTPS, the session cookie is Secure: it never travels over the LAN's plain HTTP.
    expect(cookies.find((c) => c.name === 'vv_session')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    });
    const settings = (await (
      await fetch(`${hub.url}/api/admin/settings`, {
        headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
      })
    ).json()) as { settings: Record<string, unknown> };
    expect(settings.settings).toMatchObject({
      catalogScope: 'collection',
      dumpSchedule: { enabled: true, cron: '30 3 * * *' },
      syncSchedule: { enabled: true, cron: '0 3 * * *' },
    });

    // Reloaded, the hub stays set up: no wizard again.
    await page.reload();
    await page.getByTestId('dumps').waitFor();
    expect(await page.getByTestId('setup').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 150_000);

  it('pairs a device (code and QR), lists it, revokes it, and signs out and in', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${secureOrigin(hub)}/admin`);
    await page.getByTestId('sign-in').waitFor();
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('wrong password');
    await page.screenshot({ path: join(screenshots, 'admin-sign-in-phone.png') });
    await page.getByLabel('Password').fill('turntable-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('devices').waitFor();

    const made = page.waitForResponse((r) => r.url().endsWith('/api/admin/pairing'));
    await page.getByRole('button', { name: 'Pair a device' }).click();
    const code = (await page.locator('.code').textContent())!;
    // The QR and the address lead a new phone through the trust page on the name the admin used.
    expect(((await (await made).json()) as { url: string }).url).toBe(
      `${plainOrigin(hub)}/connect#pair=${code}`,
    );
    expect(await page.getByTestId('pairing-address').textContent()).toBe(
      `${plainOrigin(hub)}/connect`,
    );
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await page.locator('[data-testid="pairing-code"] svg').count()).toBe(1);
    await page
      .getByTestId('devices')
      .screenshot({ path: join(screenshots, 'admin-pairing-phone.png') });
    expect(await accessibilityProblems(page)).toEqual([]);

    // A phone exchanges the code; the page lists it without a reload and puts the used code away.
    const paired = await fetch(`${hub.url}/api/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Kitchen phone' }),
    });
    const { token } = (await paired.json()) as { token: string };
    await expect.poll(() => page.getByTestId('device').textContent()).toContain('Kitchen phone');
    expect(await page.getByTestId('devices').getByRole('status').textContent()).toBe(
      '"Kitchen phone" is paired and syncing.',
    );
    expect(await page.getByTestId('pairing-code').count()).toBe(0);
    await page
      .getByTestId('devices')
      .screenshot({ path: join(screenshots, 'admin-devices-phone.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page
      .getByTestId('devices')
      .screenshot({ path: join(screenshots, 'admin-devices-desktop.png') });
    // Health: disk, storage, the catalog the wizard's first run loaded, the collection, the paired device.
    // As the page shows it (innerText): the source's line breaks inside a sentence are spaces.
    const health = page.getByTestId('health');
    await expect.poll(() => health.innerText(), { timeout: 15_000 }).toContain('1 device paired');
    expect(await health.innerText()).toMatch(/Disk free\s*[\d.]+ [GM]B of/);
    expect(await health.innerText()).toContain('3 records in');
    expect(await health.innerText()).toMatch(/\d+ releases \(the 2026-06 dump, /);
    expect(await health.innerText()).toMatch(/Last backup\s*none yet\s*next /);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      health.getByRole('link', { name: 'Download backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vinylvault-\d{8}T\d{6}Z-manual\.tar\.gz$/);
    expect(await download.failure()).toBeNull();
    await health.screenshot({ path: join(screenshots, 'admin-health-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectFitsPhone(page);
    await health.screenshot({ path: join(screenshots, 'admin-health-phone.png') });
    expect(await accessibilityProblems(page)).toEqual([]);

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke Kitchen phone' }).click();
    await expect
      .poll(() => page.getByTestId('devices').getByRole('status').textContent())
      .toBe('"Kitchen phone" can no longer sync.');
    await expect.poll(() => page.getByTestId('device').count()).toBe(0);
    expect(
      (await fetch(`${hub.url}/api/sync/pull`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(401);

    // A session that ends elsewhere (here: signed out by another tab) sends the page back to sign-in at the next action.
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect(
      (await fetch(`${hub.url}/api/admin/logout`, { method: 'POST', headers: { cookie } })).status,
    ).toBe(204);
    await page.getByRole('button', { name: 'Pair a device' }).click();
    await page.getByTestId('sign-in').waitFor();
    await page.getByLabel('Password').fill('turntable-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The page's own, in its banner (the Security panel has one per other session).
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the certificate to compare on a phone, lists where the admin is signed in, and a new password ends the other sessions', async () => {
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    const login = (password: string, headers: Record<string, string> = {}) =>
      fetch(`${hub.url}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ password }),
      });
    const elsewhere = (await login('turntable-42', { 'user-agent': firefox })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${secureOrigin(hub)}/admin#security`);
    await page.getByLabel('Password').fill('turntable-42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const panel = page.getByTestId('security');
    await expect
      .poll(() => panel.getByTestId('admin-ca-fingerprint').textContent())
      .toBe(new X509Certificate(readFileSync(caFiles(hub.dataDir).caCert)).fingerprint256);
    expect(await panel.textContent()).toMatch(/HTTPS certificate\s*for .*hub\.test.*127\.0\.0\.1/);
    const sessions = await panel.getByTestId('sessions').locator('li').allTextContents();
    expect(sessions.some((s) => s.includes('Chrome on Linux (this browser)'))).toBe(true);
    expect(sessions.some((s) => s.includes('Firefox on Linux'))).toBe(true);
    await expectFitsPhone(page);
    await panel.screenshot({ path: join(screenshots, 'admin-security-phone.png') });
    expect(await accessibilityProblems(page)).toEqual([]);

    await panel.getByLabel('Current password').fill('not-it-at-all');
    await panel.getByLabel('New password', { exact: true }).fill('platter-and-stylus');
    await panel.getByLabel('The new password again').fill('platter-and-stylus');
    await panel.getByRole('button', { name: 'Change the password' }).click();
    await expect
      .poll(() => panel.getByRole('alert').textContent())
      .toBe('the current password is wrong');
    await panel.getByLabel('Current password').fill('turntable-42');
    await panel.getByRole('button', { name: 'Change the password' }).click();
    await expect
      .poll(() => panel.getByRole('status').last().textContent())
      .toBe('Password changed. Every other session was signed out.');
    // The Firefox session ended; this one goes on; the new password is the one that signs in.
    expect((await fetch(`${hub.url}/api/devices`, { headers: { cookie: elsewhere } })).status).toBe(
      401,
    );
    await expect
      .poll(
        async () => (await panel.getByTestId('sessions').locator('li').allTextContents()).length,
      )
      .toBe(1);
    expect((await login('turntable-42')).status).toBe(401);
    expect((await login('platter-and-stylus')).status).toBe(204);
    await page.setViewportSize({ width: 1280, height: 800 });
    await panel.screenshot({ path: join(screenshots, 'admin-security-desktop.png') });
    await context.close();
  });
});

describe('the admin page with a Discogs account', () => {
  it('says what to check when Discogs cannot be reached to check a token', async () => {
    const hub = await newHub({ DISCOGS_API_URL: closedAddress });
    try {
      const page = await openAdmin(hub);
      const panel = page.getByTestId('account');
      await panel.waitFor();
      await page.getByLabel('Personal access token').fill('test-token');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent(), { timeout: 15_000 })
        .toBe(
          `Discogs could not be reached to check the token: ${new URL(closedAddress).host} refused the connection. Check that the hub is connected to the internet, then try again.`,
        );
      await panel.screenshot({ path: join(screenshots, 'admin-token-unreachable-phone.png') });
      await page.context().close();
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  }, 60_000);

  it('connects with a token, shows a sync live, cancels one, and sends and lists edits Discogs refuses', async () => {
    // Covers come at one a second, so a full sync stays in its last phase long enough to cancel.
    const api = await startFakeDiscogsApi({ collection: makeCollection(6, 1), withCovers: true });
    const hub = await newHub({ DISCOGS_API_URL: api.url });
    try {
      const page = await openAdmin(hub);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const panel = page.getByTestId('account');
      await panel.waitFor();
      await page.getByLabel('Personal access token').fill('wrong-token');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toMatch(/^Discogs refused this token/);
      await page.getByLabel('Personal access token').fill('test-token');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect.poll(() => page.getByTestId('discogs-user').textContent()).toBe('collector');

      // Live over the event stream: the phase, requests and the shared rate budget.
      await page.getByRole('button', { name: 'Full sync' }).click();
      await expect
        .poll(() => panel.getByTestId('progress').textContent(), { timeout: 20_000 })
        .toContain('Fetching covers');
      await page.screenshot({
        path: join(screenshots, 'admin-account-sync-phone.png'),
        fullPage: true,
      });
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect
        .poll(() => panel.getByTestId('account-sync-state').textContent(), { timeout: 15_000 })
        .toBe('The last sync was cancelled; what it read is kept');
      expect(await panel.locator('tbody tr').first().textContent()).toContain('cancelled');
      expect(await panel.textContent()).toMatch(
        /Discogs allows 60 requests a minute for everything the hub does: [1-9]\d* sent in the last minute/,
      );

      await panel.getByRole('button', { name: 'Sync now' }).click();
      await expect
        .poll(() => panel.getByTestId('account-sync-state').textContent(), { timeout: 60_000 })
        .toBe('Up to date with Discogs');
      expect(await panel.locator('tbody tr').count()).toBe(2);
      expect(await page.getByTestId('writeback-pending').textContent()).toContain('None waiting.');

      // Two ratings from a device; Discogs has meanwhile lost the second record, so it refuses
      // that one. The hub sends them as they arrive: Discogs is slow to answer the first, and
      // the admin presses "Send now", which joins the sending under way.
      const [kept, lost] = api.collection.instances;
      const rate = (instanceId: number, rating: number) => ({
        id: randomUUID(),
        at: new Date().toISOString(),
        type: 'rate',
        instance_id: instanceId,
        rating,
      });
      api.collection.instances.splice(1, 1);
      let answer = () => {};
      api.hold = new Promise((resolve) => (answer = resolve));
      const pushed = await hub.api('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          deviceId: 'admin-test',
          mutations: [rate(kept!.instance_id, 4), rate(lost!.instance_id, 2)],
        }),
      });
      expect(pushed.status).toBe(200);
      await expect.poll(() => api.held).toBe(1);
      await page.reload();
      await expect
        .poll(() => page.getByTestId('writeback-pending').textContent())
        .toContain('2 waiting');
      await panel.getByRole('button', { name: 'Send now' }).click();
      api.hold = undefined;
      answer();
      await expect
        .poll(() => panel.getByRole('status').textContent())
        .toBe('1 sent; 1 refused by Discogs (below).');
      expect(await page.getByTestId('writeback-pending').textContent()).toContain('None waiting.');
      expect(await page.getByTestId('writeback-dropped').textContent()).toMatch(
        new RegExp(`rate of release ${lost!.id}, .*HTTP 404 \\(Instance not found\\.\\)`),
      );
      await expectFitsPhone(page);
      expect(api.collection.instances[0]!.rating).toBe(4);
      await panel.screenshot({ path: join(screenshots, 'admin-account-phone.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
      await panel.screenshot({ path: join(screenshots, 'admin-account-desktop.png') });
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      expect(await hub.stop()).toBe(0);
      await api.close();
    }
  }, 150_000);
});

describe('the admin page with monthly dumps', () => {
  it('runs a month with live progress, shows a failure in words, and retries it', async () => {
    const host = await startFakeDumpHost();
    publishMonth(host, '20260601');
    // The releases download stalls once (so progress is there to see) and labels arrive corrupt
    // until the retries are spent.
    host.faults.set('discogs_20260601_releases.xml.gz', { stallAfter: { bytes: 2000, times: 1 } });
    host.faults.set('discogs_20260601_labels.xml.gz', { corrupt: { times: 3 } });
    const hub = await newHub({
      DISCOGS_DUMPS_URL: host.url,
      VINYLVAULT_DUMP_RETRY_SECONDS: '0,0',
      VINYLVAULT_DUMP_STALL_SECONDS: '2',
    });
    try {
      const page = await openAdmin(hub);
      await page.getByTestId('dumps').waitFor();
      await expect
        .poll(() => page.getByTestId('dump-next').textContent())
        .toMatch(/^Next look for a new month: .+\. Schedule and retention$/);
      await page.getByRole('button', { name: 'Run now' }).click();
      await expect
        .poll(() => page.getByTestId('dump-month').getAttribute('data-status'), { timeout: 30_000 })
        .toBe('failed');
      expect(await page.getByTestId('dump-month').textContent()).toMatch(/labels/i);
      await expectFitsPhone(page);
      await page
        .getByTestId('dumps')
        .screenshot({ path: join(screenshots, 'admin-dump-failed-phone.png') });

      host.faults.delete('discogs_20260601_labels.xml.gz');
      await page.getByRole('button', { name: 'Retry' }).click();
      await page.getByTestId('dump-progress').waitFor({ timeout: 20_000 });
      await page
        .getByTestId('dumps')
        .screenshot({ path: join(screenshots, 'admin-dump-progress-phone.png') });
      await expect
        .poll(() => page.getByTestId('dump-month').getAttribute('data-status'), { timeout: 60_000 })
        .toBe('completed');
      expect(await page.getByTestId('dump-month').textContent()).toContain('Done');
      expect(await page.locator('[data-testid="dump-month"] tbody tr').count()).toBe(4);
      await expect
        .poll(() => page.getByTestId('dump-check').textContent())
        .toMatch(/^Last look for a new month, .*: the newest is 2026-06\.$/);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page
        .getByTestId('dumps')
        .screenshot({ path: join(screenshots, 'admin-dumps-desktop.png') });
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.context().close();
    } finally {
      expect(await hub.stop()).toBe(0);
      await host.close();
    }
  }, 120_000);
});

describe('the admin page when the dump host cannot be reached', () => {
  it('says so in words after Run now, though no month record exists, and shows files loaded from the drop folder', async () => {
    const url = closedAddress;
    const data = trusted.dataDir();
    // The owner copied the sample dumps into the drop folder, downloaded on another computer.
    mkdirSync(join(data, 'dumps', 'incoming'), { recursive: true });
    for (const f of readdirSync(demoDumps))
      copyFileSync(join(demoDumps, f), join(data, 'dumps', 'incoming', f));
    const hub = await serveHub({
      VINYLVAULT_DATA_DIR: data,
      ...hubNameEnv,
      DISCOGS_DUMPS_URL: url,
    });
    try {
      const page = await openAdmin(hub);
      await page.getByTestId('dumps').waitFor();
      await page.getByRole('button', { name: 'Run now' }).click();
      // The run loads the four dropped files before it looks for a month: on a loaded CI
      // machine that took longer than the default 10 s once.
      await expect.poll(() => page.getByTestId('dump-check').count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => page.getByTestId('drop-load').count()).toBe(1);
      const drop = page.getByTestId('drop-load');
      expect(await drop.textContent()).toContain('Loaded');
      expect(await drop.locator('tbody tr').count()).toBe(4);
      expect(await drop.locator('tbody tr').last().textContent()).toBe(
        'releases of 2020-08-061,00000',
      );
      expect(await page.getByTestId('dumps').textContent()).not.toContain('No month processed yet');
      expect(await page.getByTestId('dump-check').textContent()).toMatch(
        new RegExp(
          `^Last look for a new month, .*: cannot reach the dump host: ${new URL(url).host} refused the connection\\.$`,
        ),
      );
      expect(await page.getByTestId('dump-check').getAttribute('class')).toContain('error');
      await expectFitsPhone(page);
      await page
        .getByTestId('dumps')
        .screenshot({ path: join(screenshots, 'admin-dump-host-unreachable-phone.png') });
      await page.context().close();
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  }, 120_000);
});

describe("the admin page's tokens for other tools", () => {
  it('creates a token shown once, lists it with its last use, refuses a taken or bad name in words, and revokes it', async () => {
    const hub = await newHub();
    try {
      const page = await openAdmin(hub);
      const panel = page.getByTestId('api-tokens');
      await expect.poll(() => panel.textContent()).toContain('No tool has a token yet.');
      expect(await panel.textContent()).toContain(`${secureOrigin(hub)}/discogs`);
      await panel.getByLabel('Name of the tool').fill('beets');
      await panel.getByRole('button', { name: 'Create a token' }).click();
      const token = (await panel.getByTestId('api-token-value').textContent())!;
      expect(token).toMatch(/^[\w-]{43}$/);
      await expect.poll(() => panel.getByTestId('api-token').textContent()).toContain('never used');
      await screenshotBoth(page, 'api-tokens');
      await panel.screenshot({ path: join(screenshots, 'admin-api-tokens-panel-phone.png') });
      await page.setViewportSize({ width: 1280, height: 800 });
      await panel.screenshot({ path: join(screenshots, 'admin-api-tokens-panel-desktop.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await accessibilityProblems(page)).toEqual([]);

      // The token is one a Discogs client sends: it reads the catalog (which is empty here).
      const read = (t: string) =>
        fetch(`${hub.url}/discogs/releases/1`, {
          headers: { Authorization: `Discogs token=${t}` },
        });
      const res = await read(token);
      expect([res.status, await res.json()]).toEqual([404, { message: 'Release not found.' }]);

      await panel.getByLabel('Name of the tool').fill('beets');
      await panel.getByRole('button', { name: 'Create a token' }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toBe('an API token named "beets" exists already; revoke it first, or choose another name');
      await panel.getByLabel('Name of the tool').fill('beets; rm -rf');
      await panel.getByRole('button', { name: 'Create a token' }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toBe('name: an API token name has letters, digits, spaces, . _ or - only');

      // Shown only once: after a reload the list has the token's last use, not the token.
      await page.reload();
      await expect.poll(() => panel.getByTestId('api-token').textContent()).toContain('last used');
      expect(await panel.textContent()).not.toContain(token);

      page.once('dialog', (d) => void d.accept());
      await panel.getByRole('button', { name: 'Revoke beets' }).click();
      await expect
        .poll(() => panel.getByRole('status').textContent())
        .toBe('"beets" can no longer read the catalog.');
      expect(await panel.getByTestId('api-token').count()).toBe(0);
      expect((await read(token)).status).toBe(401);
      await page.context().close();
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  }, 120_000);
});

describe('the admin page settings', () => {
  it('shows each catalog scope with the space it needs, takes a daily time or a cron expression, refuses a bad one in words, and keeps a saved change', async () => {
    const hub = await newHub();
    try {
      const page = await openAdmin(hub, { timezoneId: 'Asia/Kolkata' });
      const panel = page.getByTestId('settings');
      const dumps = panel.getByRole('group', { name: 'Monthly dumps' });
      await expect.poll(() => panel.textContent()).toMatch(/Needs about [\d.]+ GB; [\d.]+ GB free/);
      // 02:00 UTC is 07:30 in Kolkata; the hub says when it next runs.
      expect(await dumps.getByLabel('Every day at').inputValue()).toBe('07:30');
      expect(await dumps.textContent()).toMatch(/Next: .*7:30/);

      await dumps.getByRole('button', { name: 'Custom schedule (cron)' }).click();
      await dumps.getByLabel('When (cron, UTC)').fill('at two');
      await panel.getByRole('button', { name: 'Save settings' }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toBe('dumpSchedule.cron: not a cron expression croner accepts');
      await dumps.getByLabel('When (cron, UTC)').fill('0 5 * * 0');
      const sync = panel.getByRole('group', { name: 'Discogs account' });
      await sync.getByLabel('Every day at').fill('23:45');
      await panel.getByLabel('Only what your collection and wantlist need').check();
      await panel.getByRole('button', { name: 'Save settings' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toBe('Saved.');
      // The dumps panel follows the new schedule: Sunday 05:00 UTC is 10:30 in Kolkata.
      await expect.poll(() => page.getByTestId('dump-next').textContent()).toMatch(/10:30/);
      await expectFitsPhone(page);
      await panel.screenshot({ path: join(screenshots, 'admin-settings-phone.png') });

      await page.reload();
      await expect
        .poll(() =>
          page
            .getByTestId('settings')
            .getByRole('group', { name: 'Monthly dumps' })
            .getByLabel('When (cron, UTC)')
            .inputValue(),
        )
        .toBe('0 5 * * 0');
      expect(
        await page
          .getByTestId('settings')
          .getByRole('group', { name: 'Discogs account' })
          .getByLabel('Every day at')
          .inputValue(),
      ).toBe('23:45');
      expect(
        await page
          .getByTestId('settings')
          .getByLabel('Only what your collection and wantlist need')
          .isChecked(),
      ).toBe(true);
      const saved = (await (await hub.api('/api/admin/settings')).json()) as {
        settings: Record<string, unknown>;
      };
      expect(saved.settings).toMatchObject({
        dumpSchedule: { cron: '0 5 * * 0' },
        syncSchedule: { cron: '15 18 * * *' },
      });
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page
        .getByTestId('settings')
        .screenshot({ path: join(screenshots, 'admin-settings-desktop.png') });
      // The way back to the collection: the app, on the same hub.
      await page.getByTestId('open-app').click();
      await page.getByTestId('pairing').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      await page.context().close();
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  }, 60_000);
});
