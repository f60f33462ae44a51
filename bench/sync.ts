// npm run bench:sync [-- --instances 10000 --runs 3 --edits 10]
// Delta sync as a person sees it, measured in Debian's Chromium against the real hub over
// loopback: the first pull of a collection with its release documents into a fresh profile
// (goal ≤ 5 s for 10,000), an edit on one open device showing on another (goal ≤ 1 s), and
// the bytes the feed costs per instance. Prints one table.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { PullResponse } from '../shared/sync.ts';
import { browserLaunchOptions } from '../tests/e2e/browser.ts';
import { serveHub, type ServedHub } from '../tests/helpers/cli.ts';
import { pairPage, seedHub } from './seed-hub.ts';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    edits: { type: 'string', default: '10' },
  },
});
const instances = Number(values.instances);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Every page of the feed as a device pulls it: bytes on the wire (gzip) and JSON bytes. */
async function feedBytes(
  hub: ServedHub,
  token: string,
): Promise<{ wire: number; json: number; changes: number }> {
  const get = (path: string) =>
    new Promise<{ wire: number; body: Buffer }>((resolve, reject) => {
      const req = request(
        `${hub.url}${path}`,
        { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              wire: chunks.reduce((s, c) => s + c.length, 0),
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  let since = 0;
  const total = { wire: 0, json: 0, changes: 0 };
  for (let more = true; more;) {
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

const dataDir = mkdtempSync(join(tmpdir(), 'vinylvault-bench-sync-'));
console.error(`seeding a hub with ${instances} instances …`);
await seedHub(dataDir, instances);
const hub = await serveHub({ VINYLVAULT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
const browser = await chromium.launch(browserLaunchOptions());
try {
  const { code } = (await (await hub.api('/api/admin/pairing', { method: 'POST' })).json()) as {
    code: string;
  };
  const { token } = (await (
    await fetch(`${hub.url}/api/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'bench' }),
    })
  ).json()) as { token: string };
  const bytes = await feedBytes(hub, token);

  console.error('first pulls into fresh profiles …');
  const pulls: number[] = [];
  for (let r = 0; r < Number(values.runs); r++) {
    const { page, seconds } = await pairPage(browser, hub, `bench ${r}`, instances);
    pulls.push(seconds);
    // Closed, so its after-work (indexing for search) does not share the CPU with the next run.
    await page.context().close();
  }

  console.error('edits from one open device to another …');
  const phone = (await pairPage(browser, hub, 'phone', instances)).page;
  const laptop = (await pairPage(browser, hub, 'laptop', instances)).page;
  await phone.waitForTimeout(3000); // both done indexing
  // Both open the newest record's page; the phone rates it, the laptop shows the new rating.
  for (const p of [phone, laptop]) {
    await p.getByTestId('record').first().click();
    await p.getByTestId('instance-editor').waitFor();
  }
  const star = (n: number) =>
    `[data-testid="instance-editor"] button[aria-label="${n} ${n === 1 ? 'star' : 'stars'}"]`;
  const propagation: number[] = [];
  for (let e = 0; e < Number(values.edits); e++) {
    const next = (e % 5) + 1;
    const t = performance.now();
    await phone.click(star(next));
    await laptop.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('aria-pressed') === 'true',
      star(next),
      { timeout: 30_000, polling: 'raf' },
    );
    propagation.push(performance.now() - t);
  }

  const rows: Array<[string, string, string]> = [
    [
      'first pull, fresh profile',
      `${median(pulls).toFixed(2)} s median of ${pulls.length} (${pulls.map((s) => s.toFixed(2)).join(', ')})`,
      'goal ≤ 5 s',
    ],
    [
      'edit seen on other device',
      `${median(propagation).toFixed(0)} ms median, ${Math.max(...propagation).toFixed(0)} ms worst of ${propagation.length}`,
      'goal ≤ 1000 ms',
    ],
    [
      'feed per instance, gzip',
      `${(bytes.wire / instances).toFixed(0)} B (${(bytes.wire / 1e6).toFixed(1)} MB in all)`,
      '',
    ],
    [
      'feed per instance, JSON',
      `${(bytes.json / instances).toFixed(0)} B (${(bytes.json / 1e6).toFixed(1)} MB, ${bytes.changes} changes)`,
      'instance + release document',
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(
    `sync benchmark: ${instances} instances, Chromium over loopback, node ${process.version}`,
  );
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
} finally {
  await browser.close();
  await hub.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
