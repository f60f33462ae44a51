// npm run bench:catalog-search [-- --releases 1000000]
// The hub's catalog search as the app asks it (GET /api/catalog/search?limit=30, over HTTP
// from a running hub), on a catalog of `releases` releases built from the real 2020 sample:
// titles, artists, labels, catalogue numbers, barcodes, a word being typed, and a common
// word; and the reads beside it: a release by id, a master's versions, the busiest artists'
// and labels' listings and discographies (the read baseline of issue 18); and the
// Discogs-compatible API's release lookup and search (issue 19). One warm-up round,
// then three timed rounds. Goal: search p95 ≤ 150 ms for a catalog the size of 2026's
// (19 M releases). Prints one table.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Release } from '../shared/catalog.ts';
import { parseDocument } from '../hub/catalog/document-codec.ts';
import { openHubDatabase } from '../hub/db/open.ts';
import { ingestFile } from '../hub/dumps/ingest/ingest-file.ts';
import { runCli, serveHub } from '../tests/helpers/cli.ts';
import { buildReleasesCorpus } from './corpus.ts';

const { values } = parseArgs({ options: { releases: { type: 'string', default: '1000000' } } });
const releases = Number(values.releases);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const sample = here('../demo/dumps/discogs_20200806_releases.xml.gz');
// Kept between runs: building and ingesting a million releases takes minutes.
const dataDir = here(`./out/catalog-search-${releases}`);

if (!existsSync(`${dataDir}/catalog.sqlite`)) {
  // The sample's 1,000 releases are 4.6 MB of XML.
  const corpus = await buildReleasesCorpus(
    sample,
    here(`./out/releases-${releases}.xml.gz`),
    (releases / 1000) * 4.6,
  );
  mkdirSync(dataDir, { recursive: true });
  console.error(`ingesting ${corpus} into ${dataDir} …`);
  const dbPath = `${dataDir}/catalog.sqlite`;
  const db = openHubDatabase(dbPath);
  try {
    await ingestFile(corpus, { db, dbPath });
  } finally {
    db.close();
  }
}

/** What people type, taken from the sample's records so each finds something. */
function queries(): Array<[kind: string, text: string]> {
  const db = openHubDatabase(`${dataDir}/catalog.sqlite`, { readonly: true });
  const docs = db
    .prepare<[], Buffer | string>('SELECT doc FROM releases WHERE id <= 1000 ORDER BY id')
    .pluck()
    .all()
    .map((d) => parseDocument<Release>(d));
  db.close();
  const out: Array<[string, string]> = [];
  for (let i = 0; i < docs.length && out.length < 70; i += 13) {
    const d = docs[i]!;
    const word = d.title.split(/\s+/).find((w) => w.length >= 5);
    const candidates: Array<[string, string | undefined]> = [
      ['title', d.title],
      ['artist', d.artists?.[0]?.name],
      ['label', d.labels?.[0]?.name],
      ['catno', d.labels?.[0]?.catno],
      ['barcode', d.identifiers?.find((x) => x.type === 'Barcode')?.value],
      ['typing a word', word?.slice(0, 3)],
      ['artist + title', d.artists?.[0] && `${d.artists[0].name} ${d.title}`],
    ];
    for (const [kind, text] of candidates)
      if (text && text.trim().length > 1) out.push([kind, text]);
  }
  return [...out, ['common word', 'the'], ['common word', 'love'], ['common word', 'live']];
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Reads a device or a tool makes besides searching: one record, a master's versions. */
function lookups(): Array<[kind: string, path: string]> {
  const db = openHubDatabase(`${dataDir}/catalog.sqlite`, { readonly: true });
  const ids = db
    .prepare<[number, number], number>(
      'SELECT id FROM releases WHERE id % ? = 7 ORDER BY id LIMIT ?',
    )
    .pluck()
    .all(Math.max(1, Math.floor(releases / 60)), 60);
  const masters = db
    .prepare<[], number>(
      'SELECT DISTINCT master_id FROM releases WHERE master_id IS NOT NULL LIMIT 20',
    )
    .pluck()
    .all();
  // The artists and labels credited most often: the longest listings.
  const busiest = (sql: string) => db.prepare<[], number>(sql).pluck().all();
  const artists = busiest(
    "SELECT artist_id FROM release_artists WHERE role = 'main' AND artist_id <> 194 GROUP BY artist_id ORDER BY count(*) DESC LIMIT 10",
  );
  const labels = busiest(
    'SELECT label_id FROM release_labels GROUP BY label_id ORDER BY count(*) DESC LIMIT 10',
  );
  db.close();
  const each = (kind: string, path: (id: number) => string, list: number[]) =>
    list.map((id): [string, string] => [kind, path(id)]);
  return [
    ...each('release by id', (id) => `/api/catalog/releases/${id}`, ids),
    ...each('master versions', (id) => `/api/catalog/masters/${id}/versions`, masters),
    ...each('artist releases', (id) => `/api/catalog/artists/${id}/releases`, artists),
    ...each('label releases', (id) => `/api/catalog/labels/${id}/releases`, labels),
    ...each('discography', (id) => `/api/catalog/artists/${id}/discography`, artists),
    // The Discogs-compatible API, as beets and scripts ask it (issue 19: release p95 ≤ 5 ms).
    ...each('mirror release', (id) => `/discogs/releases/${id}`, ids),
  ];
}

const typed = queries();
const requests: Array<[string, string]> = [
  ...typed.map(([kind, q]): [string, string] => [
    kind,
    `/api/catalog/search?${new URLSearchParams({ q, limit: '30' })}`,
  ]),
  ...lookups(),
  // What a tagger sends for each album: artist and title (issue 19: search p95 ≤ 150 ms).
  ...typed
    .filter(([kind]) => kind === 'artist + title' || kind === 'title')
    .map(([, q]): [string, string] => [
      'mirror search',
      `/discogs/database/search?${new URLSearchParams({ q, type: 'release', per_page: '50' })}`,
    ]),
];
// A token of its own for the /discogs requests, made as an owner makes one.
const tokenName = `bench ${Date.now()}`;
const created = await runCli(['api-token', 'create', tokenName], { VINYLVAULT_DATA_DIR: dataDir });
if (created.code !== 0) throw new Error(`api-token create failed: ${created.stderr}`);
const mirrorAuth = { Authorization: `Discogs token=${created.stdout.trim()}` };
const hub = await serveHub({ VINYLVAULT_DATA_DIR: dataDir });
const times = new Map<string, number[]>();
const hits = new Map<string, number[]>();
try {
  for (let round = 0; round < 4; round++)
    for (const [kind, path] of requests) {
      const t = performance.now();
      const res = path.startsWith('/discogs/')
        ? await fetch(`${hub.url}${path}`, { headers: mirrorAuth })
        : await hub.api(path);
      const body = (await res.json()) as {
        results?: unknown[];
        items?: unknown[];
        groups?: unknown[];
      };
      const ms = performance.now() - t;
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      if (round === 0) continue; // warm-up: the first read of each page comes from disk
      times.set(kind, [...(times.get(kind) ?? []), ms]);
      hits.set(kind, [
        ...(hits.get(kind) ?? []),
        (body.results ?? body.items ?? body.groups)?.length ?? 1,
      ]);
    }
} finally {
  await hub.stop();
  await runCli(['api-token', 'revoke', tokenName], { VINYLVAULT_DATA_DIR: dataDir });
}

const db = openHubDatabase(`${dataDir}/catalog.sqlite`, { readonly: true });
const inCatalog = db.prepare<[], number>('SELECT count(*) FROM releases').pluck().get()!;
db.close();
const searches = new Set(typed.map(([kind]) => kind));
const all = [...times].filter(([kind]) => searches.has(kind)).flatMap(([, xs]) => xs);
const row = (kind: string, xs: number[], n: number[]) =>
  `| ${kind.padEnd(15)} | ${String(xs.length).padStart(5)} | ${percentile(xs, 50).toFixed(1).padStart(7)} | ${percentile(xs, 95).toFixed(1).padStart(7)} | ${Math.max(
    ...xs,
  )
    .toFixed(1)
    .padStart(7)} | ${(n.reduce((a, b) => a + b, 0) / n.length).toFixed(1).padStart(8)} |`;
console.log(
  `catalog search over HTTP, ${inCatalog.toLocaleString('en')} releases (goal: p95 ≤ 150 ms at 19 M)`,
);
console.log('| query           | runs  | p50 ms  | p95 ms  | max ms  | avg hits |');
console.log('|-----------------|-------|---------|---------|---------|----------|');
for (const [kind, xs] of times) console.log(row(kind, xs, hits.get(kind)!));
console.log(
  row(
    'all searches',
    all,
    [...hits].filter(([k]) => searches.has(k)).flatMap(([, n]) => n),
  ),
);
