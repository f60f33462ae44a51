import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Instance } from '../../shared/collection.ts';
import type { PullResponse } from '../../shared/sync.ts';
import type { ServedHub } from '../helpers/cli.ts';
import { pairingLink } from './hub-browser.ts';

/**
 * Opens the nth record shown and returns its instance id. The list is virtualized: a click
 * that lands while it re-renders (on a loaded machine) is tried again.
 */
export async function openRecord(page: Page, n: number): Promise<number> {
  const record = page.getByTestId('record').nth(n);
  const href = (await record.getAttribute('href'))!;
  for (let attempt = 0; !(await page.evaluate(() => location.hash)).startsWith(href); attempt++) {
    if (attempt === 3) throw new Error(`clicking record ${n} did not open ${href}`);
    await record.click();
    await page
      .waitForFunction((h) => location.hash === h, href, { timeout: 5000 })
      .catch(() => undefined);
  }
  return Number(await page.getByTestId('instance-editor').getAttribute('data-instance'));
}

/** The rating a release page shows: the star button marked pressed (0 when none). */
export async function shownRating(page: Page): Promise<number> {
  for (let n = 1; n <= 5; n++) {
    const star = page.getByRole('button', {
      name: `${n} ${n === 1 ? 'star' : 'stars'}`,
      exact: true,
    });
    if ((await star.getAttribute('aria-pressed')) === 'true') return n;
  }
  return 0;
}

/**
 * A new device, as a person gets one: a browser context of `viewport` opened on a pairing link,
 * named and paired, once the service worker controls the page and the first sync has ended
 * (the records show before the pull has brought every release document). Page errors go to
 * `errors`; the caller closes the context.
 */
export async function pairDevice(
  browser: Browser,
  hub: ServedHub,
  o: { viewport: { width: number; height: number }; name: string; errors: string[] },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: o.viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => o.errors.push(e.message));
  await page.goto(await pairingLink(hub));
  await page.getByLabel('Name of this device').fill(o.name);
  await page.getByRole('button', { name: 'Pair' }).click();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
  await expect
    .poll(() => page.getByTestId('sync-badge').textContent(), { timeout: 30_000 })
    .toBe('Up to date');
  return { context, page };
}

/** An instance as the hub's feed has it now (undefined when the feed starts over, or lacks it). */
export async function instanceOnHub(
  hub: ServedHub,
  instanceId: number,
): Promise<Instance | undefined> {
  const feed = (await (await hub.api('/api/sync/pull?since=0&limit=1000')).json()) as PullResponse;
  if (feed.reset) return undefined;
  return feed.changes.find((c) => c.entity === 'instance' && c.id === String(instanceId))?.value as
    Instance | undefined;
}
