import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Instance } from '../shared/collection.ts';
import { parseDocument } from '../hub/catalog/document-codec.ts';
import { loadConfig } from '../hub/config.ts';
import { ingestFile } from '../hub/dumps/ingest/ingest-file.ts';
import { createLogger } from '../hub/log.ts';
import { buildServices } from '../hub/services.ts';
import type { ServedHub } from '../tests/helpers/cli.ts';
import { buildReleasesCorpus } from './corpus.ts';

const sample = fileURLToPath(
  new URL('../demo/dumps/discogs_20200806_releases.xml.gz', import.meta.url),
);

/**
 * A hub data dir whose collection holds `n` instances of real releases, documents in the feed.
 * The releases corpus is built in (or reused from) `corpusDir`.
 */
export async function seedHub(
  dataDir: string,
  n: number,
  corpusDir = fileURLToPath(new URL('./out', import.meta.url)),
): Promise<void> {
  // The 2020 sample holds 1,000 releases in about 4.6 MB of XML: enough copies for n.
  const corpus = await buildReleasesCorpus(
    sample,
    join(corpusDir, `releases-sync-${n}.xml.gz`),
    Math.ceil(n / 1000) * 4.6,
  );
  // The hub's own services (hub/services.ts), with Discogs and the dump host at a closed local port.
  const hub = await buildServices(
    loadConfig({
      VINYLVAULT_DATA_DIR: dataDir,
      DISCOGS_API_URL: 'http://127.0.0.1:9',
      DISCOGS_DUMPS_URL: 'http://127.0.0.1:9',
    }),
    createLogger('silent'),
  );
  try {
    await ingestFile(corpus, { db: hub.db, dbPath: hub.dbPath });
    const docs = hub.db
      .prepare<[number], { id: number; doc: Buffer | string }>(
        'SELECT id, doc FROM releases ORDER BY id LIMIT ?',
      )
      .all(n);
    if (docs.length < n)
      throw new Error(`the corpus holds ${docs.length} releases, fewer than ${n}`);
    hub.collection.replaceFolders([
      { id: 0, name: 'All', count: n },
      { id: 1, name: 'Uncategorized', count: n },
    ]);
    hub.collection.replaceFields([
      { id: 3, name: 'Notes', type: 'textarea', position: 1, public: false, lines: 3 },
    ]);
    // What Discogs' collection listing carries per instance (basic_information).
    const start = Date.UTC(2015, 0, 1);
    hub.collection.putInstances(
      docs.map(({ id, doc }, i): Instance => {
        const r = parseDocument<Record<string, unknown>>(doc);
        const basic = {
          id,
          title: r.title,
          year: r.year,
          artists: r.artists,
          labels: r.labels,
          formats: r.formats,
          genres: r.genres,
          styles: r.styles,
          thumb: '',
          cover_image: '',
        };
        return {
          instance_id: 1_000_000 + i,
          release_id: id,
          folder_id: 1,
          rating: i % 6,
          date_added: new Date(start + i * 3_600_000).toISOString(),
          notes: i % 3 ? {} : { '3': `bought at a fair, ${i}` },
          basic,
        };
      }),
    );
    hub.releaseFeed.refresh();
  } finally {
    await hub.close();
  }
}

/** A fresh browser profile paired with the hub, once it shows all `instances` records, with the seconds that took. */
export async function pairPage(
  browser: Browser,
  hub: ServedHub,
  name: string,
  instances: number,
): Promise<{ page: Page; seconds: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const { url } = (await (await hub.api('/api/admin/pairing', { method: 'POST' })).json()) as {
    url: string;
  };
  await page.goto(url);
  await page.getByLabel('Name of this device').fill(name);
  const t = performance.now();
  await page.getByRole('button', { name: 'Pair' }).click();
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="shown-count"]')?.textContent?.trim() ===
        `${n.toLocaleString()} records` &&
      document.querySelector('[data-testid="sync-badge"]')?.getAttribute('data-state') === 'idle',
    instances,
    { timeout: 120_000, polling: 50 },
  );
  return { page, seconds: (performance.now() - t) / 1000 };
}
