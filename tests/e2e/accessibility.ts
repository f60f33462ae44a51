import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * The axe-core rules a page breaks at "serious" or "critical" impact (labels, contrast, names of
 * controls, landmarks…), as "rule: where" lines, so a failing test says what to fix.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the hub's CSP rightly refuses an inline <script>.
  await page.evaluate(axe.source);
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.targets.join(', ')}`);
}
