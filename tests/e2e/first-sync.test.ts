import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHub } from '../../bench/seed-hub.ts';
import { serveHub, type ServedHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { hubNameEnv, pairingLink, TrustedHubs } from './hub-browser.ts';

const screenshots = fileURLToPath(new URL('../../test-output/screenshots', import.meta.url));
const RECORDS = 2500;

// A first sync of a collection big enough to arrive in several pages of the feed.
describe('the first sync of a big collection, on a phone', () => {
  let trusted: TrustedHubs;
  let hub: ServedHub;

  beforeAll(async () => {
    trusted = await TrustedHubs.start();
    const dataDir = trusted.dataDir();
    await seedHub(dataDir, RECORDS, tempDir());
    hub = await serveHub({ VINYLVAULT_DATA_DIR: dataDir, ...hubNameEnv });
  }, 120_000);
  afterAll(async () => {
    expect(await hub?.stop()).toBe(0);
    await trusted?.close();
  });

  it('shows the records arriving on the collection screen, with a bar and the time left', async () => {
    const context = await trusted.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(await pairingLink(hub));
      // What the screen says on every frame while the collection arrives.
      await page.evaluate(() => {
        const seen: Array<{ count: string; arriving: string; empty: boolean }> = [];
        (window as unknown as { seen: typeof seen }).seen = seen;
        const sample = () => {
          const text = (id: string) =>
            document
              .querySelector(`[data-testid="${id}"]`)
              ?.textContent?.replace(/\s+/g, ' ')
              .trim() ?? '';
          seen.push({
            count: text('shown-count'),
            arriving: text('arriving'),
            empty: document.querySelector('[data-testid="empty-collection"]') !== null,
          });
          requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
      });
      await page.getByLabel('Name of this device').fill('phone');
      await page.getByRole('button', { name: 'Pair' }).click();
      await page.getByTestId('arriving').getByRole('progressbar').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(screenshots, 'first-sync-phone.png') });
      await expect
        .poll(() => page.getByTestId('sync-badge').textContent(), { timeout: 60_000 })
        .toBe('Up to date');

      const seen = await page.evaluate(
        () =>
          (
            window as unknown as {
              seen: Array<{ count: string; arriving: string; empty: boolean }>;
            }
          ).seen,
      );
      const during = seen.filter((s) => s.arriving.startsWith('Receiving your collection'));
      // A bar with records counted and the time left…
      expect(during.some((s) => /[\d,]+ records, .* about \d+ s left/.test(s.arriving))).toBe(true);
      // …while the records already here are listed, fewer than all.
      const partial = during
        .map((s) => Number(/^([\d,]+) records$/.exec(s.count)?.[1]?.replace(/,/g, '')))
        .filter((n) => n > 0 && n < RECORDS);
      expect(partial.length).toBeGreaterThan(0);
      // The empty collection's message never showed while they arrived.
      expect(seen.filter((s) => s.empty)).toEqual([]);
      // The list is read once more after the last page, a moment after the badge says so.
      await expect
        .poll(() => page.getByTestId('shown-count').textContent())
        .toBe(`${RECORDS.toLocaleString('en-US')} records`);
      expect(await page.getByTestId('arriving').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: join(screenshots, 'first-sync-done-desktop.png') });
    } finally {
      await context.close();
    }
  }, 120_000);
});
