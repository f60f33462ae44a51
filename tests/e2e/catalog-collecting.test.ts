// Collecting from the hub's catalog, in Chromium at phone size against a real hub (`vinylvault
// demo`) whose Discogs is the fake API: find a record, add it offline, see it reach Discogs and
// a second device; scan a barcode from a fake camera; see what an artist's and a label's
// discographies have and miss, counted against the catalog itself.
import { liveReleaseDocs } from '../../hub/db/catalog-queries.ts';
import { openHubDatabase } from '../../hub/db/open.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../shared/catalog.ts';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { runCli, serveHub, type ServedHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { accessibilityProblems } from './accessibility.ts';
import { pairDevice, shownRating } from './app-pages.ts';
import { barcodeVideo } from './fake-camera.ts';
import { hubNameEnv, secureOrigin, TrustedHubs } from './hub-browser.ts';

const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Whether 13 digits make a valid EAN-13 (zxing draws and reads only those). */
const validEan = (code: string) =>
  /^\d{13}$/.test(code) &&
  [...code.slice(0, 12)].reduce((sum, d, i) => sum + Number(d) * (i % 2 ? 3 : 1), 0) % 10 ===
    (10 - Number(code[12])) % 10;

describe('collecting from the catalog in Chromium', () => {
  let trusted: TrustedHubs;
  let browser: Browser;
  let hub: ServedHub;
  let discogs: FakeDiscogsApi;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  /** Releases of the demo catalog, and which the demo collection and wantlist hold. */
  let docs: Release[];
  let owned: Set<number>;
  let wanted: Set<number>;
  /** A release with a valid EAN-13, neither owned nor wanted: what the camera is shown. */
  let scanned: { id: number; title: string; code: string };

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    // Discogs as the demo collection's account would have it: the same folders.
    discogs = await startFakeDiscogsApi({
      collection: {
        ...makeCollection(0),
        folders: [
          { id: 1, name: 'Uncategorized' },
          { id: 2001, name: 'Electronic' },
          { id: 2002, name: 'Rock & Pop' },
          { id: 2003, name: 'Jazz, Soul & Funk' },
        ],
      },
      limit: 10_000,
    });
    // Chromium opens its fake camera's file when a page asks for the camera: it is written
    // below, once the hub's catalog says which barcode to draw.
    const camera = join(tempDir(), 'barcode.y4m');
    trusted = await TrustedHubs.start([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${camera}`,
    ]);
    browser = trusted.browser;
    const env = {
      VINYLVAULT_DATA_DIR: trusted.dataDir(),
      DISCOGS_API_URL: discogs.url,
      ...hubNameEnv,
    };
    expect((await runCli(['login', '--token', 'test-token'], env)).code).toBe(0);
    hub = await serveHub(env, { command: 'demo' });

    const db = openHubDatabase(join(hub.dataDir, 'catalog.sqlite'), { readonly: true });
    docs = liveReleaseDocs(db).map((d) => JSON.parse(d) as Release);
    owned = new Set(
      db.prepare<[], number>('SELECT release_id FROM collection_instances').pluck().all(),
    );
    wanted = new Set(db.prepare<[], number>('SELECT release_id FROM wants').pluck().all());
    db.close();
    scanned = docs
      .filter((r) => !owned.has(r.id) && !wanted.has(r.id))
      .flatMap((r) =>
        (r.identifiers ?? [])
          .filter((i) => i.type === 'Barcode' && validEan(i.value.replace(/\D/g, '')))
          .map((i) => ({ id: r.id, title: r.title, code: i.value.replace(/\D/g, '') })),
      )[0]!;
    await barcodeVideo(scanned.code, camera);
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await trusted?.close();
    expect(await hub?.stop()).toBe(0);
    await discogs?.close();
  });

  async function device(viewport: typeof PHONE, name: string): Promise<Page> {
    const { context, page } = await pairDevice(browser, hub, { viewport, name, errors });
    contexts.push(context);
    return page;
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
  const count = async (page: Page) => (await page.getByTestId('shown-count').textContent())!.trim();

  it('adds a catalog release offline; back online Discogs has it and another device shows it', async () => {
    const page = await device(PHONE, 'Phone');
    const records = Number((await count(page)).split(' ')[0]);
    const target = docs.find(
      (r) => !owned.has(r.id) && !wanted.has(r.id) && r.id !== scanned.id && r.title.length > 8,
    )!;

    await page.getByTestId('search').fill(target.title);
    const hit = page.getByTestId('catalog-hit').filter({ hasText: target.title }).first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.getByRole('link').first().click();
    await expect
      .poll(() => page.getByTestId('release').locator('h2').textContent())
      .toBe(target.title);

    // Away from home, the record is added: folder, rating and notes in one form.
    await page.context().setOffline(true);
    await page.getByTestId('add-open').click();
    await page.getByTestId('add-form').getByLabel('Folder').selectOption({ label: 'Electronic' });
    await page
      .getByTestId('add-form')
      .getByRole('button', { name: '4 stars', exact: true })
      .click();
    await page.getByTestId('add-form').getByLabel('Notes').fill('Bought at the fair');
    await shot(page, 'release-add-form-phone');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByTestId('add-form').getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => page.getByTestId('added').textContent())
      .toContain('Added to Electronic');
    await expect.poll(() => page.getByTestId('instance-editor').count()).toBe(1);
    await expect.poll(() => shownRating(page)).toBe(4);
    await expect
      .poll(() => page.getByTestId('sync-badge').textContent())
      .toBe('Offline · 3 pending');
    await shot(page, 'release-added-offline-phone');
    // Kept through a reload with no network.
    await page.reload();
    expect(await page.getByLabel('Notes').inputValue()).toBe('Bought at the fair');
    await page.goto(`${secureOrigin(hub)}/#/`);
    // The search is kept, and now finds the record in the collection too.
    await expect.poll(() => count(page)).toBe(`1 of ${records + 1} records`);
    await page.getByTestId('search').fill('');
    await expect.poll(() => count(page)).toBe(`${records + 1} records`);

    // Back home: the hub has it at once, and Discogs soon after, with its own instance id.
    await page.context().setOffline(false);
    await expect
      .poll(() => page.getByTestId('sync-badge').textContent(), { timeout: 20_000 })
      .toBe('Up to date');
    await expect
      .poll(() => discogs.collection.instances.find((i) => i.id === target.id), { timeout: 20_000 })
      .toMatchObject({
        folder_id: 2001,
        rating: 4,
        notes: [{ field_id: 3, value: 'Bought at the fair' }],
      });
    const onDiscogs = discogs.collection.instances.find((i) => i.id === target.id)!.instance_id;
    await page.goto(`${secureOrigin(hub)}/#/release/${target.id}`);
    await expect
      .poll(() => page.getByTestId('instance-editor').getAttribute('data-instance'), {
        timeout: 20_000,
      })
      .toBe(String(onDiscogs));

    // A second device, on a desktop, shows the record as Discogs numbers it.
    const desktop = await device(DESKTOP, 'Desktop');
    await expect.poll(() => count(desktop)).toBe(`${records + 1} records`);
    await desktop.goto(`${secureOrigin(hub)}/#/release/${target.id}`);
    await expect
      .poll(() => desktop.getByTestId('instance-editor').getAttribute('data-instance'))
      .toBe(String(onDiscogs));
    await expect.poll(() => shownRating(desktop)).toBe(4);
    await shot(desktop, 'release-added-desktop');

    // The wantlist, both ways, from a release page.
    const other = docs.find((r) => !owned.has(r.id) && !wanted.has(r.id) && r.id !== target.id)!;
    await page.goto(`${secureOrigin(hub)}/#/release/${other.id}`);
    await page.getByTestId('want-toggle').click();
    await expect
      .poll(() => page.getByTestId('want-toggle').textContent())
      .toBe('Remove from wantlist');
    await expect
      .poll(() => discogs.collection.wants.map((w) => w.id), { timeout: 20_000 })
      .toContain(other.id);
    await page.getByTestId('want-toggle').click();
    await expect.poll(() => page.getByTestId('want-toggle').textContent()).toBe('Add to wantlist');
    await expect
      .poll(() => discogs.collection.wants.map((w) => w.id), { timeout: 20_000 })
      .not.toContain(other.id);
    expect(errors).toEqual([]);
  }, 180_000);

  it('scans a barcode from the camera to the pressing, and finds typed digits offline', async () => {
    const page = await device(PHONE, 'Scanner');
    await page.goto(`${secureOrigin(hub)}/#/scan`);
    await shot(page, 'scan-phone');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByTestId('scan-start').click();
    const hit = page.getByTestId('scan-hit').filter({ hasText: scanned.title }).first();
    await hit.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('barcode-input').inputValue()).toBe(scanned.code);
    // Wanted from the scan result, and marked so; taken off again from its page below.
    await hit.getByTestId('want-toggle').click();
    await expect.poll(() => hit.textContent()).toContain('Want');
    await shot(page, 'scan-result-phone');
    await hit.getByRole('link', { name: scanned.title }).click();
    await expect
      .poll(() => page.getByTestId('release').locator('h2').textContent())
      .toBe(scanned.title);
    await page.getByRole('button', { name: 'Remove from wantlist' }).click();
    await expect.poll(() => page.getByTestId('want-toggle').textContent()).toBe('Add to wantlist');

    // Offline, the result the hub gave was kept: typed digits find it (as UPC-A when it is one).
    await page.context().setOffline(true);
    await page.goto(`${secureOrigin(hub)}/#/scan`);
    await page.getByTestId('barcode-input').fill(scanned.code);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('scan-hit').filter({ hasText: scanned.title }).first().waitFor();
    // The results say "Asking the hub…" until the request fails, which on a busy machine comes
    // after the kept pressing shows.
    await expect
      .poll(() => page.getByTestId('scan-results').textContent())
      .toContain('Away from home');
    await page.getByTestId('barcode-input').fill('12ab');
    await page.getByRole('button', { name: 'Find' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('“12ab” is not a barcode');
    await page.context().setOffline(false);
    await page.setViewportSize(DESKTOP);
    await page.getByTestId('barcode-input').fill(scanned.code);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('scan-hit').first().waitFor();
    await shot(page, 'scan-result-desktop');
    expect(errors).toEqual([]);
  }, 120_000);

  it("counts what the collection has, wants and misses of an artist's and a label's records", async () => {
    const page = await device(PHONE, 'Gaps');
    // Counted here from the documents and the demo's own tables, not by the hub's SQL.
    const expected = (on: (r: Release) => boolean) => {
      const groups = new Map<number, number[]>();
      for (const r of docs.filter(on))
        groups.set(r.master_id || -r.id, [...(groups.get(r.master_id || -r.id) ?? []), r.id]);
      const all = [...groups.values()];
      const have = all.filter((ids) => ids.some((id) => owned.has(id))).length;
      const want = all.filter(
        (ids) => !ids.some((id) => owned.has(id)) && ids.some((id) => wanted.has(id)),
      ).length;
      return { groups: all.length, have, want, missing: all.length - have - want };
    };
    // The artist and the label with the most records, among those with some owned and some not.
    const best = (credits: (r: Release) => Array<{ id?: number }> | undefined) =>
      [...new Set(docs.flatMap((r) => (credits(r) ?? []).map((c) => c.id!)))]
        .filter((id) => id !== 194) // "Various"
        .map((id) => ({ id, ...expected((r) => !!credits(r)?.some((c) => c.id === id)) }))
        .filter((e) => e.have > 0 && e.missing > 0)
        .sort((a, b) => b.groups - a.groups)[0]!;
    for (const [kind, e] of [
      ['artist', best((r) => r.artists)],
      ['label', best((r) => r.labels)],
    ] as const) {
      await page.goto(`${secureOrigin(hub)}/#/${kind}/${e.id}`);
      await expect
        .poll(
          async () =>
            (await page.getByTestId('discography-counts').textContent())
              ?.replace(/\s+/g, ' ')
              .trim(),
          { timeout: 15_000 },
        )
        .toBe(
          `You have ${e.have} of ${e.groups} ${e.groups === 1 ? 'record' : 'records'}; ${e.want} wanted, ${e.missing} missing.`,
        );
      expect(await page.locator('[data-testid=discography-group][data-status=have]').count()).toBe(
        e.have,
      );
      await shot(page, `${kind}-discography-phone`);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Missing or wanted' }).click();
      expect(await page.getByTestId('discography-group').count()).toBe(e.want + e.missing);
      await page.setViewportSize(DESKTOP);
      await shot(page, `${kind}-discography-desktop`);
      await page.setViewportSize(PHONE);
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
