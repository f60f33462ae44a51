// npm run bench:search [-- --instances 10000]
// Search as you type in Chromium on a collection of real releases: the time from each
// keystroke to the updated list (the app measures it as "search-keystroke"), over queries a
// collector types: artists, titles, labels, catalogue numbers, barcodes, track titles.
// Goal: p95 ≤ 20 ms per keystroke on 10,000 instances. Prints one table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { parseDocument } from '../hub/catalog/document-codec.ts';
import { openHubDatabase } from '../hub/db/open.ts';
import { browserLaunchOptions } from '../tests/e2e/browser.ts';
import { serveHub } from '../tests/helpers/cli.ts';
import { pairPage, seedHub } from './seed-hub.ts';

const { values } = parseArgs({ options: { instances: { type: 'string', default: '10000' } } });
const instances = Number(values.instances);

/** Queries taken from the seeded releases, so each finds something, of each kind a person types. */
function queries(dataDir: string): Array<[kind: string, text: string]> {
  const db = openHubDatabase(join(dataDir, 'catalog.sqlite'));
  const docs = db
    .prepare<[number], { doc: Buffer | string }>(
      'SELECT doc FROM releases WHERE id IN (SELECT release_id FROM collection_instances) ORDER BY id LIMIT ?',
    )
    .all(400)
    .map((r) => parseDocument<Record<string, any>>(r.doc));
  db.close();
  const out: Array<[string, string]> = [];
  for (let i = 0; i < docs.length && out.length < 60; i += 7) {
    const d = docs[i]!;
    const kinds: Array<[string, string | undefined]> = [
      ['artist', d.artists?.[0]?.name],
      ['title', d.title],
      ['label', d.labels?.[0]?.name],
      ['catno', d.labels?.[0]?.catno],
      [
        'barcode',
        d.identifiers
          ?.find((x: { type: string }) => x.type === 'Barcode')
          ?.value?.replace(/\D/g, ''),
      ],
      ['track', d.tracklist?.[0]?.title],
    ];
    const [kind, text] = kinds[out.length % kinds.length]!;
    if (text && text.length > 2) out.push([kind, text.slice(0, 24)]);
  }
  return out;
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const dataDir = mkdtempSync(join(tmpdir(), 'vinylvault-bench-search-'));
console.error(`seeding a hub with ${instances} instances …`);
await seedHub(dataDir, instances);
const typed = queries(dataDir);
const hub = await serveHub({ VINYLVAULT_DATA_DIR: dataDir });
const browser = await chromium.launch(browserLaunchOptions());
try {
  const { page } = await pairPage(browser, hub, 'search bench', instances);
  const box = page.getByTestId('search');
  await page.waitForTimeout(2000); // the index is built when the browser is idle after loading
  const byKind = new Map<string, number[]>();
  for (const [kind, text] of typed) {
    await box.fill('');
    await page.evaluate(() => performance.clearMeasures('search-keystroke'));
    await box.pressSequentially(text);
    await page.waitForTimeout(50);
    const times = await page.evaluate(() =>
      performance.getEntriesByName('search-keystroke').map((e) => e.duration),
    );
    byKind.set(kind, [...(byKind.get(kind) ?? []), ...times]);
  }
  const all = [...byKind.values()].flat();
  const row = (label: string, xs: number[]) => [
    label,
    String(xs.length),
    percentile(xs, 50).toFixed(1),
    percentile(xs, 95).toFixed(1),
    Math.max(...xs).toFixed(1),
  ];
  const rows = [
    ['queries', 'keystrokes', 'p50 ms', 'p95 ms', 'max ms'],
    ...[...byKind].map(([k, xs]) => row(k, xs)),
    row('all', all),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    `search benchmark: ${instances} instances, ${typed.length} queries typed a key at a time, Chromium, goal p95 ≤ 20 ms`,
  );
  for (const r of rows)
    console.log(
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
    );
} finally {
  await browser.close();
  await hub.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
