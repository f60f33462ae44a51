// The PWA as a collector uses it, in Chromium against the real hub seeded by `vinylvault demo`
// (the bundled 2020 sample): pair, sync, go offline, reload, search, filter, open a release,
// rate, annotate, log a play, come back online; the hub has the edits and a second device sees
// them. Screenshots of each main screen at phone and desktop size go to test-output/screenshots.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artistLine, type Release } from '../../shared/catalog.ts';
import type { Instance } from '../../shared/collection.ts';
import { parseDocument } from '../../hub/catalog/document-codec.ts';
import type { Play } from '../../shared/mutations.ts';
import type { Change, PullResponse } from '../../shared/sync.ts';
import { serveHub, type ServedHub } from '../helpers/cli.ts';
import { accessibilityProblems } from './accessibility.ts';
import { openRecord, pairDevice, shownRating } from './app-pages.ts';
import { hubNameEnv, secureOrigin, TrustedHubs } from './hub-browser.ts';

const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe('the collection screens in Chromium', () => {
  let trusted: TrustedHubs;
  let browser: Browser;
  let hub: ServedHub;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    trusted = await TrustedHubs.start();
    browser = trusted.browser;
    hub = await serveHub(
      { VINYLVAULT_DATA_DIR: trusted.dataDir(), ...hubNameEnv },
      { command: 'demo' },
    );
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await trusted?.close();
    expect(await hub?.stop()).toBe(0);
  });

  async function device(
    viewport: typeof PHONE,
    name: string,
    records = 400,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await pairDevice(browser, hub, { viewport, name, errors });
    contexts.push(context);
    await expect
      .poll(() => page.getByTestId('shown-count').textContent())
      .toContain(`${records} records`);
    return { context, page };
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
  const count = async (page: Page) => (await page.getByTestId('shown-count').textContent())!.trim();

  it('works offline: search, filter, open a release, rate, annotate, log a play; the edits reach the hub and another device', async () => {
    const { context, page } = await device(PHONE, 'Phone');
    await shot(page, 'collection-grid-phone');

    // Offline, reloaded: the collection comes from IndexedDB, the app from the service worker.
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => count(page)).toBe('400 records');
    await expect.poll(() => page.getByTestId('sync-badge').textContent()).toContain('Offline');

    // Search as you type: a track title finds its record.
    await page.getByTestId('search').fill('hallelujah');
    await expect.poll(() => page.getByTestId('record').first().textContent()).toContain('Grace');
    expect(await count(page)).toMatch(/^\d+ of 400 records$/);
    await page.getByTestId('search').fill('buckly'); // a typo still finds
    await expect.poll(() => page.getByTestId('record').first().textContent()).toContain('Buckley');
    await page.getByTestId('search').fill('no such record anywhere');
    await expect
      .poll(() => page.getByTestId('no-match').textContent())
      .toContain(
        'Nothing in your collection matches “no such record anywhere”. The whole catalog is searched below.',
      );
    await shot(page, 'collection-no-match-phone');
    await page.getByTestId('search').fill('');

    // Filter: the count beside a choice is what choosing it shows.
    await page.getByText('Filters').click();
    const cassette = await page
      .getByLabel('Format')
      .locator('option', { hasText: 'Cassette' })
      .textContent();
    const n = Number(/\((\d+)\)/.exec(cassette!)![1]);
    await page.getByLabel('Format').selectOption('Cassette');
    await expect.poll(() => count(page)).toBe(`${n} of 400 records`);
    await shot(page, 'collection-filtered-phone');
    // The random pick honours the filter.
    await page.getByTestId('random').click();
    await expect.poll(() => page.getByTestId('release').textContent()).toContain('Cassette');
    await page.goBack();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => count(page)).toBe('400 records');

    // The newest record: rate it, grade it, annotate it, log a play.
    const instanceId = await openRecord(page, 0);
    await page.getByRole('button', { name: '4 stars', exact: true }).click();
    await page.getByLabel('Media Condition').selectOption('Very Good Plus (VG+)');
    await page.getByLabel('Notes').fill('cleaned, plays like new');
    await page.getByLabel('Notes').blur();
    const playsBefore = Number((await page.getByTestId('play-count').textContent())!.split(' ')[0]);
    await page.getByRole('button', { name: 'Log a play' }).click();
    await expect
      .poll(() => page.getByTestId('play-count').textContent())
      .toBe(`${playsBefore + 1} ${playsBefore + 1 === 1 ? 'play' : 'plays'}`);
    await expect
      .poll(() => page.getByTestId('sync-badge').textContent())
      .toBe('Offline · 4 pending');
    await shot(page, 'release-pending-phone');

    // Still there after a reload with no network.
    await page.reload();
    await expect.poll(() => shownRating(page)).toBe(4);
    expect(await page.getByLabel('Notes').inputValue()).toBe('cleaned, plays like new');
    const title = (await page.locator('h2').first().textContent())!;

    // The Sync screen says why once, and lists each waiting edit: what, which record, when.
    await page.goto(`${secureOrigin(hub)}/#/sync`);
    await expect
      .poll(() => page.getByTestId('sync-headline').textContent())
      .toMatch(/^\s*This device is offline; edits wait here until it is back online\.\s*$/);
    const card = (await page.getByTestId('sync-status').textContent())!;
    expect(card.match(/offline/gi)).toHaveLength(1);
    const waiting = page.getByTestId('waiting-edits').locator('li');
    await expect.poll(() => waiting.count()).toBe(4);
    expect(await waiting.locator('strong').allTextContents()).toEqual([
      'Rated 4 stars',
      'Media Condition changed',
      'Notes changed',
      'Play logged',
    ]);
    for (const line of await waiting.allTextContents()) {
      expect(line).toContain(title);
      expect(line).toMatch(/\d{1,2}:\d{2}/); // when it was made
    }
    await shot(page, 'sync-waiting-phone');
    await page.goBack();

    // Back online: everything reaches the hub.
    await context.setOffline(false);
    await expect
      .poll(() => page.getByTestId('sync-badge').textContent(), { timeout: 15_000 })
      .toBe('Up to date');
    const feed = { changes: [] as Change[] };
    for (let since = 0, more = true; more;) {
      const page = (await (
        await hub.api(`/api/sync/pull?since=${since}&limit=1000`)
      ).json()) as PullResponse;
      if (page.reset) throw new Error('unexpected reset');
      feed.changes.push(...page.changes);
      [since, more] = [page.cursor, page.hasMore];
    }
    const onHub = feed.changes.find((c) => c.entity === 'instance' && c.id === String(instanceId))
      ?.value as Instance;
    expect(onHub).toMatchObject({
      rating: 4,
      notes: { '1': 'Very Good Plus (VG+)', '3': 'cleaned, plays like new' },
    });
    expect(
      feed.changes.filter(
        (c) =>
          c.entity === 'play' &&
          (c.value as Play).instance_id === instanceId &&
          (c.value as Play).device_name === 'Phone',
      ),
    ).toHaveLength(1);

    // A second device, on a desktop, sees it all.
    const desktop = await device(DESKTOP, 'Desktop');
    await shot(desktop.page, 'collection-grid-desktop');
    expect(await openRecord(desktop.page, 0)).toBe(instanceId);
    await expect.poll(() => shownRating(desktop.page)).toBe(4);
    expect(await desktop.page.getByTestId('play-count').textContent()).toBe(
      `${playsBefore + 1} ${playsBefore + 1 === 1 ? 'play' : 'plays'}`,
    );
    await shot(desktop.page, 'release-desktop');

    // Move one record to another folder and remove another; the hub queues both for Discogs.
    await page.goto(`${secureOrigin(hub)}/#/`);
    const moved = await openRecord(page, 1);
    await page.getByLabel('Folder').selectOption({ label: 'Jazz, Soul & Funk' });
    await page.goto(`${secureOrigin(hub)}/#/`);
    const removed = await openRecord(page, 2);
    await page.getByRole('button', { name: 'Remove from collection' }).click();
    // Sent once the undo offer ends.
    expect(await page.getByTestId('undo-bar').textContent()).toContain('Removing this copy');
    await expect
      .poll(() => page.getByTestId('instance-editor').count(), { timeout: 15_000 })
      .toBe(0);
    await page.goto(`${secureOrigin(hub)}/#/`);
    await expect.poll(() => count(page)).toBe('399 records');
    await expect
      .poll(() => page.getByTestId('sync-badge').textContent(), { timeout: 15_000 })
      .toBe('Up to date');
    const queued = (
      (await (await hub.api('/api/discogs/writeback')).json()) as {
        pending: Array<{ edit: { type: string; instance_id: number; to_folder_id?: number } }>;
      }
    ).pending.map((q) => q.edit);
    expect(queued).toContainEqual(
      expect.objectContaining({ type: 'move', instance_id: moved, to_folder_id: 2003 }),
    );
    expect(queued).toContainEqual(
      expect.objectContaining({ type: 'remove', instance_id: removed }),
    );
    await desktop.page.goto(`${secureOrigin(hub)}/#/`);
    await expect.poll(() => count(desktop.page), { timeout: 10_000 }).toBe('399 records');
    expect(errors).toEqual([]);
  }, 120_000);

  it('keeps the view across a reload, and shows the list, wantlist, stats and sync screens', async () => {
    for (const [size, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const { page } = await device(viewport, `View ${size}`, 399); // after the removal above
      await page.getByTestId('sort').selectOption('artist');
      await page.getByRole('button', { name: 'Show as a list' }).click();
      await page.reload();
      await expect.poll(() => page.getByTestId('sort').inputValue()).toBe('artist');
      await expect.poll(() => page.getByTestId('records').getAttribute('class')).toContain('list');
      await shot(page, `collection-list-${size}`);
      expect(await accessibilityProblems(page)).toEqual([]);
      await openRecord(page, 0);
      expect(await accessibilityProblems(page)).toEqual([]);
      for (const [screen, ready] of [
        ['wants', 'wants'],
        ['stats', 'collection-value'],
        ['sync', 'sync-status'],
      ] as const) {
        await page.goto(`${secureOrigin(hub)}/#/${screen}`);
        await page.getByTestId(ready).waitFor();
        if (screen === 'stats')
          expect(await page.getByTestId('collection-value').textContent()).toContain('€3,512.75');
        await shot(page, `${screen}-${size}`);
        expect(await accessibilityProblems(page)).toEqual([]);
        expect(await page.title()).toBe(
          { wants: 'Wantlist', stats: 'Stats', sync: 'Sync' }[screen] + ' · VinylVault',
        );
      }
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it('writes dates and names as collectors read them, titles each page, and goes back where it came from', async () => {
    const { page } = await device(PHONE, 'Reader', 399);
    expect(await page.title()).toBe('Collection · VinylVault');
    // A release of the collection whose date Discogs stores with an unknown day.
    const feed = (await (
      await hub.api('/api/sync/pull?since=0&limit=1000')
    ).json()) as PullResponse;
    if (feed.reset) throw new Error('the feed started over');
    const releases: Release[] = feed.changes.flatMap((c: Change) =>
      c.entity === 'release' ? [c.value as Release] : [],
    );
    const monthOnly = releases.find((r) => /^\d{4}-(0[1-9]|1[0-2])-00$/.test(r.released ?? ''))!;
    expect(monthOnly).toBeDefined();
    await page.goto(`${secureOrigin(hub)}/#/release/${monthOnly.id}`);
    const released = page.locator('dt:text-is("Released") + dd');
    const [year, month] = monthOnly.released!.split('-');
    const monthName = new Date(Date.UTC(2000, Number(month) - 1, 15)).toLocaleString('en-US', {
      month: 'long',
      timeZone: 'UTC',
    });
    await expect.poll(() => released.textContent()).toBe(`${monthName} ${year}`);
    expect(await page.title()).toContain(`${monthOnly.title} · VinylVault`);
    await shot(page, 'release-month-date-phone');

    // A wanted release opened from the wantlist leads back to the wantlist.
    await page.goto(`${secureOrigin(hub)}/#/wants`);
    await page.getByTestId('wants').locator('a').first().click();
    await expect.poll(() => page.getByTestId('back').textContent()).toBe('← Wantlist');
    await page.getByTestId('back').click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/wants');
    expect(await page.title()).toBe('Wantlist · VinylVault');

    // Names in lists lose Discogs' disambiguation number; the release page keeps it.
    const suffixed = releases.find(
      (r) => r.artists?.length === 1 && / \(\d+\)$/.test(r.artists[0]!.name) && !r.artists[0]!.anv,
    )!;
    expect(suffixed).toBeDefined();
    const name = suffixed.artists![0]!.name;
    await page.goto(`${secureOrigin(hub)}/#/`);
    await page.getByTestId('search').fill(suffixed.title);
    const row = page.getByTestId('record').filter({ hasText: suffixed.title }).first();
    await expect.poll(() => row.textContent()).toContain(name.replace(/ \(\d+\)$/, ''));
    expect(await row.textContent()).not.toContain(name);
    await page.getByTestId('search').fill('');
    await page.goto(`${secureOrigin(hub)}/#/release/${suffixed.id}`);
    await expect.poll(() => page.locator('p.artist').textContent()).toContain(name);

    // A track's own artists follow its title after a spaced dash.
    const credited = releases.find((r) => r.tracklist?.some((t) => t.artists?.length))!;
    const track = credited.tracklist!.find((t) => t.artists?.length)!;
    await page.goto(`${secureOrigin(hub)}/#/release/${credited.id}`);
    const line = page.locator('.tracks .title').filter({ hasText: track.title }).first();
    await expect
      .poll(() => line.textContent())
      .toBe(`${track.title} – ${artistLine(track.artists)}`);
    expect(errors).toEqual([]);
  }, 60_000);

  it('searches the whole catalog at home, opens a release the collection lacks, and keeps it for offline', async () => {
    // A release the demo's catalog holds but its collection and wantlist do not.
    const db = new Database(join(hub.dataDir, 'catalog.sqlite'), { readonly: true });
    db.prepare('ATTACH ? AS user').run(join(hub.dataDir, 'user.sqlite'));
    const titled = ({ id, doc }: { id: number; doc: Buffer }) => ({
      id,
      title: parseDocument<Release>(doc).title,
    });
    const missing = db
      .prepare<[], { id: number; doc: Buffer }>(
        `SELECT id, doc FROM releases
         WHERE deleted = 0 AND id NOT IN (SELECT release_id FROM collection_instances)
           AND id NOT IN (SELECT release_id FROM wants)
         ORDER BY id`,
      )
      .all()
      .map(titled)
      .find((r) => r.title.length > 10)!;
    // And one whose master has another release in the collection.
    const sibling = titled(
      db
        .prepare<[], { id: number; doc: Buffer }>(
          `SELECT r.id, r.doc FROM releases r
         WHERE r.deleted = 0 AND r.master_id IS NOT NULL
           AND r.id NOT IN (SELECT release_id FROM collection_instances)
           AND EXISTS (SELECT 1 FROM releases o JOIN collection_instances ci ON ci.release_id = o.id
                       WHERE o.master_id = r.master_id)
         ORDER BY r.id LIMIT 1`,
        )
        .get()!,
    );
    // The other tests here may have removed records meanwhile.
    const records = db
      .prepare<[], number>('SELECT count(*) FROM collection_instances')
      .pluck()
      .get()!;
    db.close();

    const { context, page } = await device(PHONE, 'Catalog phone', records);
    await page.getByTestId('search').fill(missing.title);
    const hit = page.getByTestId('catalog-hit').filter({ hasText: missing.title }).first();
    await hit.waitFor({ timeout: 15_000 });
    expect(await hit.textContent()).toMatch(/Release/);
    await shot(page, 'catalog-search-phone');
    expect(await accessibilityProblems(page)).toEqual([]);
    await hit.getByRole('link').click();
    await expect
      .poll(() => page.getByTestId('release').locator('h2').textContent())
      .toBe(missing.title);
    expect(await page.getByTestId('release').textContent()).not.toContain('no full document');
    await shot(page, 'catalog-release-phone');

    // Another edition of a record in the collection: said on the hit and on its page.
    await page.goto(`${secureOrigin(hub)}/#/`);
    await page.getByTestId('search').fill(sibling.title);
    const edition = page
      .getByTestId('catalog-hit')
      .filter({ has: page.getByTestId('other-edition') })
      .first();
    await edition.waitFor({ timeout: 15_000 });
    expect(await edition.getByTestId('other-edition').textContent()).toMatch(
      /^You own another edition: /,
    );
    await page.goto(`${secureOrigin(hub)}/#/release/${sibling.id}`);
    await expect
      .poll(() => page.getByTestId('release').getByTestId('other-edition').textContent())
      .toMatch(/^\s*You already own another edition:/);
    await page
      .getByTestId('release')
      .getByTestId('other-edition')
      .evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, 'catalog-other-edition-phone');

    // All versions of that record, those in the collection marked, with the count.
    await page.getByRole('link', { name: 'All versions of this record' }).click();
    await expect
      .poll(() => page.getByTestId('master-counts').textContent(), { timeout: 15_000 })
      .toMatch(/^\s*You have [1-9]\d* of \d+\s+versions?/);
    const versions = await page.getByTestId('version').count();
    expect(versions).toBeGreaterThan(1);
    expect(await page.getByTestId('version').filter({ hasText: 'Have' }).count()).toBeGreaterThan(
      0,
    );
    const masterUrl = page.url();
    await shot(page, 'catalog-master-phone');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Away from home: the collection still searches; the catalog part says it needs the hub;
    // the release opened before opens again.
    await context.setOffline(true);
    await page.goto(`${secureOrigin(hub)}/#/`);
    await page.getByTestId('search').fill(missing.title);
    await expect
      .poll(() => page.getByTestId('catalog-hits').textContent())
      .toContain('Searching all of Discogs needs the hub');
    await shot(page, 'catalog-search-away-phone');
    await page.goto(`${secureOrigin(hub)}/#/release/${missing.id}`);
    await expect
      .poll(() => page.getByTestId('release').locator('h2').textContent())
      .toBe(missing.title);
    await page.goto(masterUrl);
    await expect
      .poll(() => page.getByTestId('master-problem').textContent())
      .toContain('when this device is on the home network');
    await context.setOffline(false);
    await page.setViewportSize(DESKTOP);
    await page.goto(`${secureOrigin(hub)}/#/`);
    await page.getByTestId('search').fill(missing.title);
    await page.getByTestId('catalog-hit').first().waitFor({ timeout: 15_000 });
    await shot(page, 'catalog-search-desktop');
    await page.goto(masterUrl);
    await page.getByTestId('master-counts').waitFor({ timeout: 15_000 });
    await shot(page, 'catalog-master-desktop');
    expect(errors).toEqual([]);
  }, 120_000);

  it('fits a phone: records on the first screen, filters in a sheet with a live count, fingertip-sized targets, and undo', async () => {
    const { page } = await device(PHONE, 'Thumb', 399);
    await page.getByTestId('offline-ready').waitFor({ state: 'detached', timeout: 15_000 });
    const box = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!;
    // The toolbar is two rows (search; sort, order, layout, filters, pick): the records start
    // in the top third of the screen.
    const first = await box(page.getByTestId('record').first());
    expect(first.y).toBeLessThan(PHONE.height / 3);
    await shot(page, 'collection-first-screen-phone');

    // Filters open as a sheet; the records stay in view above it, and its button counts them.
    await page.getByRole('button', { name: 'Filters' }).click();
    const sheet = page.getByTestId('filters');
    expect(await sheet.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect((await box(page.getByTestId('record').first())).y).toBeLessThan((await box(sheet)).y);
    const show = page.getByTestId('show-shown');
    expect(await show.textContent()).toBe('Show 399 records');
    await page.getByLabel('Format').selectOption('Cassette');
    await expect.poll(() => count(page)).toMatch(/^\d+ of 399 records$/);
    const n = /^(\d+)/.exec(await count(page))![1];
    expect(await show.textContent()).toBe(`Show ${n} records`);
    await shot(page, 'collection-filter-sheet-phone');
    // Wider, the same filters are a panel above the records.
    await page.setViewportSize(DESKTOP);
    expect(await sheet.evaluate((el) => getComputedStyle(el).position)).toBe('static');
    await shot(page, 'collection-filter-panel-desktop');
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await show.click();
    await expect.poll(() => sheet.count()).toBe(0);

    // Every control of the toolbar is at least 44 px each way.
    const small = await page.locator('.toolbar button, .toolbar select').evaluateAll((els) =>
      els
        .map((e) => ({
          name: e.getAttribute('aria-label') ?? e.textContent,
          r: e.getBoundingClientRect(),
        }))
        .filter(({ r }) => r.width < 44 || r.height < 44)
        .map(({ name, r }) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
    expect(small).toEqual([]);

    // A record's page: the cover beside the title, "Your copy" on the first screen.
    await openRecord(page, 0);
    expect((await box(page.getByTestId('instance-editor'))).y).toBeLessThan(PHONE.height);
    await shot(page, 'release-first-screen-phone');
    for (const target of [
      page.getByRole('button', { name: '3 stars', exact: true }),
      page.getByRole('button', { name: 'Log a play' }),
    ]) {
      const b = await box(target);
      expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(44);
    }

    // A cleared rating comes back with Undo.
    await page.getByRole('button', { name: '3 stars', exact: true }).click();
    await expect.poll(() => shownRating(page)).toBe(3);
    await page.getByRole('button', { name: '3 stars', exact: true }).click();
    await expect.poll(() => shownRating(page)).toBe(0);
    const undo = page.getByTestId('undo-bar');
    expect(await undo.textContent()).toContain('Rating of 3 stars cleared');
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => shownRating(page)).toBe(3);

    // So does a removed play, whose ✕ is a fingertip's size.
    const plays = async () =>
      Number((await page.getByTestId('play-count').textContent())!.split(' ')[0]);
    const before = await plays();
    await page.getByRole('button', { name: 'Log a play' }).click();
    await expect.poll(plays).toBe(before + 1);
    const cross = page.getByRole('button', { name: /^Remove the play of / }).first();
    const c = await box(cross);
    expect(Math.min(c.width, c.height)).toBeGreaterThanOrEqual(44);
    await cross.click();
    await expect.poll(plays).toBe(before);
    expect(await undo.textContent()).toMatch(/Play of .+ removed/);
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(plays).toBe(before + 1);

    // And a removal: undone in time, it is never sent.
    await page.getByRole('button', { name: 'Remove from collection' }).click();
    await undo.getByRole('button', { name: 'Undo' }).click();
    await page.waitForTimeout(9000); // past the offer's end
    expect(await page.getByTestId('instance-editor').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('sync-badge').textContent(), { timeout: 15_000 })
      .toBe('Up to date');
    const queued = (
      (await (await hub.api('/api/discogs/writeback')).json()) as {
        pending: Array<{ edit: { type: string; instance_id: number } }>;
      }
    ).pending.map((q) => q.edit);
    const id = Number(await page.getByTestId('instance-editor').getAttribute('data-instance'));
    expect(queued).not.toContainEqual(expect.objectContaining({ type: 'remove', instance_id: id }));
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows listening and value over time, and a tap on a bar opens the records it counts', async () => {
    const { page } = await device(PHONE, 'Stats', 399);
    // The oracle: the hub's feed, as every device receives it.
    const changes: Change[] = [];
    for (let since = 0, more = true; more;) {
      const feed = (await (
        await hub.api(`/api/sync/pull?since=${since}&limit=1000`)
      ).json()) as PullResponse;
      if (feed.reset) throw new Error('the feed started over');
      changes.push(...feed.changes);
      [since, more] = [feed.cursor, feed.hasMore];
    }
    const values = <T>(entity: Change['entity']) =>
      changes.filter((c) => c.entity === entity && c.op === 'put').map((c) => c.value as T);
    const plays = values<Play>('play');
    const instances = values<Instance>('instance');
    const month = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    const now = new Date();
    const months = Array.from({ length: 12 }, (_, i) =>
      month(new Date(now.getFullYear(), now.getMonth() - 11 + i, 15)),
    );
    const figures = async (chart: string) =>
      (
        await page
          .getByRole('region', { name: chart })
          .locator('li [aria-label]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))
      ).map((l) => Number(/: \D*([\d,.]+)/.exec(l)![1]!.replace(/,/g, '')));

    await page.goto(`${secureOrigin(hub)}/#/stats`);
    await page.getByRole('region', { name: 'Plays by month' }).waitFor();
    expect(await figures('Plays by month')).toEqual(
      months.map((m) => plays.filter((p) => p.played_at.startsWith(m)).length),
    );
    expect((await figures('Records added by year')).reduce((a, b) => a + b, 0)).toBe(
      instances.length,
    );
    const value = await figures('Value over time (median)');
    expect(value).toHaveLength(12);
    expect(value.at(-1)).toBe(3512.75);
    const mostPlays = Math.max(
      ...instances.map((i) => plays.filter((p) => p.instance_id === i.instance_id).length),
    );
    expect(
      await page.getByRole('region', { name: 'Most played' }).locator('li').first().textContent(),
    ).toContain(`${mostPlays} plays`);
    // Discogs' "Not On Label" is said apart, never as a label.
    const labels = await page
      .getByRole('region', { name: 'By label' })
      .locator('.label')
      .allTextContents();
    expect(labels.filter((l) => /^not on label/i.test(l))).toEqual([]);
    const noLabel = instances.filter((i) =>
      ((i.basic as { labels?: Array<{ name: string }> }).labels ?? []).some((l) =>
        /^not on label/i.test(l.name),
      ),
    ).length;
    if (noLabel)
      expect((await page.getByTestId('no-label').textContent())!.replace(/\s+/g, ' ')).toContain(
        `${noLabel} records are on no label`,
      );
    else expect(await page.getByTestId('no-label').count()).toBe(0);
    await shot(page, 'stats-phone');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'stats-desktop');
    await page.setViewportSize(PHONE);

    // The busiest month's column opens the records played in it.
    const busiest = months.reduce((a, b) =>
      plays.filter((p) => p.played_at.startsWith(b)).length >
      plays.filter((p) => p.played_at.startsWith(a)).length
        ? b
        : a,
    );
    const playedThen = new Set(
      plays.filter((p) => p.played_at.startsWith(busiest)).map((p) => p.instance_id),
    ).size;
    await page
      .getByRole('region', { name: 'Plays by month' })
      .locator('button')
      .nth(months.indexOf(busiest))
      .click();
    await expect.poll(() => count(page)).toBe(`${playedThen} of 399 records`);
    await page.getByRole('button', { name: 'Filters (1)' }).click();
    await page.getByRole('button', { name: /^Played in .+: remove this filter$/ }).click();
    await expect.poll(() => count(page)).toBe('399 records');
    // And a genre's bar, its genre.
    await page.goto(`${secureOrigin(hub)}/#/stats`);
    const genre = page.getByRole('region', { name: 'By genre' }).locator('button').first();
    const [, , n] = /^(.+): ([\d,]+); show them$/.exec((await genre.getAttribute('aria-label'))!)!;
    await genre.click();
    await expect.poll(() => count(page)).toBe(`${n} of 399 records`);

    // The data that exists only here leaves as files, from the Sync screen.
    await page.goto(`${secureOrigin(hub)}/#/sync`);
    const saved = async (name: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('exports').getByRole('button', { name }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^vinylvault-(plays|collection)-\d{4}-\d{2}-\d{2}\.(csv|json)$/,
      );
      return readFileSync((await download.path())!, 'utf8');
    };
    const playsCsv = (await saved('Every play (CSV)')).trim().split('\n');
    expect(playsCsv[0]).toBe('played_at,instance_id,release_id,artist,title,catno,device');
    expect(playsCsv).toHaveLength(plays.length + 1);
    const rows = JSON.parse(await saved('Collection (JSON)')) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(399);
    const busiestRecord = rows.find((r) => r.plays === mostPlays)!;
    expect(busiestRecord.last_played).toBe(
      plays
        .filter((p) => p.instance_id === busiestRecord.instance_id)
        .map((p) => p.played_at)
        .sort()
        .at(-1),
    );
    await shot(page, 'sync-exports-phone');

    // And come back in: the plays file adds nothing twice; a collector's own CSV by catalogue
    // number adds its play; a bad row stops the file and is named.
    const upload = (name: string, text: string) =>
      page
        .getByLabel('Import plays from a file')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await upload('plays.csv', playsCsv.join('\n'));
    await expect
      .poll(() => page.getByTestId('plays-imported').textContent())
      .toBe(`0 plays added from plays.csv; ${plays.length} already logged.`);
    const catnoOf = (i: Instance) =>
      (i.basic as { labels?: Array<{ catno: string }> }).labels?.[0]?.catno ?? '';
    const unique = instances.find(
      (i) =>
        /\d/.test(catnoOf(i)) && instances.filter((j) => catnoOf(j) === catnoOf(i)).length === 1,
    )!;
    await upload('mine.csv', `date,catno\n2026-12-01,${catnoOf(unique)}\n`);
    await expect
      .poll(() => page.getByTestId('plays-imported').textContent())
      .toBe('1 play added from mine.csv.');
    await upload('bad.csv', `date,catno\n2026-12-01,${catnoOf(unique)}\n2026-12-02,NO-SUCH-1\n`);
    await expect
      .poll(() => page.getByTestId('exports').getByRole('alert').textContent())
      .toBe('nothing imported:\nbad.csv row 2: no record in the collection has catno NO-SUCH-1');
    await page
      .getByTestId('exports')
      .screenshot({ path: join(screenshots, 'sync-import-refused-phone.png') });
    // The added play reaches this device with the next sync.
    await page.goto(`${secureOrigin(hub)}/#/release/${unique.release_id}`);
    const before = plays.filter((p) => p.instance_id === unique.instance_id).length;
    await expect
      .poll(() => page.getByTestId('play-count').first().textContent())
      .toBe(`${before + 1} ${before + 1 === 1 ? 'play' : 'plays'}`);
    expect(errors).toEqual([]);
  }, 60_000);
});
