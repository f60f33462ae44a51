import type { Page } from 'playwright-core';

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
