// npm run bench:sync [-- --instances 10000 --runs 3 --edits 10]
// Delta sync as a person sees it, measured in Debian's Chromium against the real hub over
// loopback: the first pull of a collection with its release documents into a fresh profile
// (goal ≤ 5 s for 10,000), an edit on one open device showing on another (goal ≤ 1 s), and
// the bytes the feed costs per instance. Prints one table.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Instance } from '../shared/collection.ts';
import type { PullResponse } from '../shared/sync.ts';
import { CollectionStore } from '../hub/db/collection-store.ts';
import { openCatalog } from '../hub/db/open.ts';
import { ingestFile } from '../hub/dumps/ingest-file.ts';
import { ChangeLog } from '../hub/sync/change-log.ts';
import { ReleaseFeed } from '../hub/sync/release-feed.ts';
import { browserLaunchOptions } from '../tests/e2e/browser.ts';
import { serveHub, type ServedHub } from '../tests/helpers/cli.ts';
import { buildReleasesCorpus } from './corpus.ts';

const { values } = parseArgs({ options: { instances: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, edits: { type: 'string', default: '10' } } });
const instances = Number(values.instances);
const sample = fileURLToPath(new URL('../../shared/fixtures/dumps/discogs-xml2db-2020/discogs_20200806_releases.xml.gz', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A hub data dir whose collection holds `n` instances of real releases, documents in the feed. */
async function seedHub(dataDir: string, n: number): Promise<void> {
  // The 2020 sample holds 1,000 releases in about 4.6 MB of XML: enough copies for n.
  const corpus = await buildReleasesCorpus(sample, fileURLToPath(new URL(`./out/releases-sync-${n}.xml.gz`, import.meta.url)), Math.ceil(n / 1000) * 4.6);
  const dbPath = join(dataDir, 'catalog.sqlite');
  const db = openCatalog(dbPath);
  await ingestFile(corpus, { db, dbPath });
  const docs = db.prepare<[number], { id: number; doc: string }>('SELECT id, doc FROM releases ORDER BY id LIMIT ?').all(n);
  if (docs.length < n) throw new Error(`the corpus holds ${docs.length} releases, fewer than ${n}`);
  const log = new ChangeLog(db);
  const store = new CollectionStore(db, log);
  store.replaceFolders([{ id: 0, name: 'All', count: n }, { id: 1, name: 'Uncategorized', count: n }]);
  store.replaceFields([{ id: 3, name: 'Notes', type: 'textarea', position: 1, public: false, lines: 3 }]);
  // What Discogs' collection listing carries per instance (basic_information).
  const start = Date.UTC(2015, 0, 1);
  store.putInstances(
    docs.map(({ id, doc }, i): Instance => {
      const r = JSON.parse(doc) as Record<string, unknown>;
      const basic = { id, title: r.title, year: r.year, artists: r.artists, labels: r.labels, formats: r.formats, genres: r.genres, styles: r.styles, thumb: '', cover_image: '' };
      return { instance_id: 1_000_000 + i, release_id: id, folder_id: 1, rating: i % 6, date_added: new Date(start + i * 3_600_000).toISOString(), notes: i % 3 ? {} : { '3': `bought at a fair, ${i}` }, basic };
    }),
  );
  new ReleaseFeed(db, log).refresh();
  db.close();
}

/** Every page of the feed as a device pulls it: bytes on the wire (gzip) and JSON bytes. */
async function feedBytes(hub: ServedHub, token: string): Promise<{ wire: number; json: number; changes: number }> {
  const get = (path: string) =>
    new Promise<{ wire: number; body: Buffer }>((resolve, reject) => {
      const req = request(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ wire: chunks.reduce((s, c) => s + c.length, 0), body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  const { gunzipSync } = await import('node:zlib');
  let since = 0;
  const total = { wire: 0, json: 0, changes: 0 };
  for (let more = true; more; ) {
    const { wire, body: raw } = await get(`/api/sync/pull?since=${since}&limit=1000`);
    const json = raw[0] === 0x1f ? gunzipSync(raw) : raw;
    const page = JSON.parse(json.toString()) as PullResponse;
    if (page.reset) throw new Error('unexpected reset');
    total.wire += wire;
    total.json += json.length;
    total.changes += page.changes.length;
    since = page.cursor;
    more = page.hasMore;
  }
  return total;
}

async function pairPage(browser: Browser, hub: ServedHub, name: string): Promise<{ page: Page; seconds: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (m) => m.text().startsWith('PULLTIMING') && console.error(m.text()));
  const { url } = (await (await hub.api('/api/admin/pairing', { method: 'POST' })).json()) as { url: string };
  await page.goto(url);
  await page.getByLabel('Name of this device').fill(name);
  await page.getByLabel('Pairing code').waitFor();
  const t = performance.now();
  await page.getByRole('button', { name: 'Pair' }).click();
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="instance-count"]')?.textContent === n.toLocaleString() && document.querySelector('[data-testid="sync-status"]')?.getAttribute('data-state') === 'idle',
    instances,
    { timeout: 120_000, polling: 50 },
  );
  return { page, seconds: (performance.now() - t) / 1000 };
}

const dataDir = mkdtempSync(join(tmpdir(), 'vinylvault-bench-sync-'));
console.error(`seeding a hub with ${instances} instances …`);
await seedHub(dataDir, instances);
const hub = await serveHub({ VINYLVAULT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
const browser = await chromium.launch(browserLaunchOptions());
try {
  const { code } = (await (await hub.api('/api/admin/pairing', { method: 'POST' })).json()) as { code: string };
  const { token } = (await (await fetch(`${hub.url}/api/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'bench' }) })).json()) as { token: string };
  const bytes = await feedBytes(hub, token);

  console.error('first pulls into fresh profiles …');
  const pulls: number[] = [];
  const pages: Page[] = [];
  for (let r = 0; r < Number(values.runs); r++) {
    const { page, seconds } = await pairPage(browser, hub, `bench ${r}`);
    pulls.push(seconds);
    pages.push(page);
  }

  console.error('edits from one open device to another …');
  const [phone, laptop] = [pages[0]!, pages[1] ?? (await pairPage(browser, hub, 'second')).page];
  const select = (p: Page) => p.locator('[data-testid="recent"] li').first().locator('select');
  const propagation: number[] = [];
  for (let e = 0; e < Number(values.edits); e++) {
    const next = String((Number(await select(phone).inputValue()) + 1) % 6);
    const t = performance.now();
    await select(phone).selectOption(next);
    await laptop.waitForFunction((v) => document.querySelector<HTMLSelectElement>('[data-testid="recent"] li select')?.value === v, next, { timeout: 30_000, polling: 'raf' });
    propagation.push(performance.now() - t);
  }

  const rows: Array<[string, string, string]> = [
    ['first pull, fresh profile', `${median(pulls).toFixed(2)} s median of ${pulls.length} (${pulls.map((s) => s.toFixed(2)).join(', ')})`, 'goal ≤ 5 s'],
    ['edit seen on other device', `${median(propagation).toFixed(0)} ms median, ${Math.max(...propagation).toFixed(0)} ms worst of ${propagation.length}`, 'goal ≤ 1000 ms'],
    ['feed per instance, gzip', `${(bytes.wire / instances).toFixed(0)} B (${(bytes.wire / 1e6).toFixed(1)} MB in all)`, ''],
    ['feed per instance, JSON', `${(bytes.json / instances).toFixed(0)} B (${(bytes.json / 1e6).toFixed(1)} MB, ${bytes.changes} changes)`, 'instance + release document'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`sync benchmark: ${instances} instances, Chromium over loopback, node ${process.version}`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
} finally {
  await browser.close();
  await hub.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
