// npm run bench:ingest [-- --size-mb 1000 --workers N]
// Measures the catalog ingest on a releases corpus built from the real 2020 sample and prints
// one table: gunzip, parse-only with sax and saxes, full ingest and its CPU time, peak RSS,
// unchanged re-ingest, catalog size, and peak RSS with ids spread up to 11 billion; each figure
// beside its goal. bench:ingest-stages says what the CPU time is made of.
import { execFileSync } from 'node:child_process';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import sax from 'sax';
import { SaxesParser } from 'saxes';
import { buildReleasesCorpus } from './corpus.ts';

const { values } = parseArgs({
  options: { 'size-mb': { type: 'string', default: '1000' }, workers: { type: 'string' } },
});
const sizeMb = Number(values['size-mb']);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const sample = fileURLToPath(
  new URL('../demo/dumps/discogs_20200806_releases.xml.gz', import.meta.url),
);
const corpus = here(`./out/releases-${sizeMb}mb.xml.gz`);

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - t) / 1000, value };
}

/** Streams the gunzipped text through `onText`, returning the XML byte count. */
async function gunzipTo(onData: (chunk: Buffer) => void): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(corpus).pipe(createGunzip())) {
    bytes += chunk.length;
    onData(chunk as Buffer);
  }
  return bytes;
}

console.error(`building or reusing ${corpus} …`);
await buildReleasesCorpus(sample, corpus, sizeMb);
const gzBytes = statSync(corpus).size;

console.error('gunzip only …');
const gunzip = await timed(() => gunzipTo(() => {}));
const xmlBytes = gunzip.value;

console.error('parse only, sax …');
const saxRun = await timed(async () => {
  const parser = sax.parser(true, {});
  let records = 0;
  parser.onclosetag = (name) => void (name === 'release' && records++);
  const decoder = new TextDecoder();
  await gunzipTo((c) => parser.write(decoder.decode(c, { stream: true })));
  parser.close();
  return records;
});

console.error('parse only, saxes …');
const saxesRun = await timed(async () => {
  const parser = new SaxesParser({ position: false });
  let records = 0;
  parser.on('closetag', (tag) => void (tag.name === 'release' && records++));
  const decoder = new TextDecoder();
  await gunzipTo((c) => parser.write(decoder.decode(c, { stream: true })));
  parser.close();
  return records;
});

const dbPath = here('./out/bench-catalog.sqlite');
const child = (label: string, file: string) => {
  console.error(`${label} …`);
  const args = [
    here('../bin/tsx.js'),
    here('./ingest-child.ts'),
    file,
    dbPath,
    ...(values.workers ? [values.workers] : []),
  ];
  return JSON.parse(
    execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 }),
  ) as {
    seconds: number;
    added: number;
    unchanged: number;
    peakRss: number;
    cpuSeconds: number;
    mainCpuSeconds?: number;
  };
};
const emptyCatalog = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
};

// Memory must follow the record count, not the largest id: the same kind of corpus with
// release ids spread up to 11 billion (a dump can carry any id).
const spreadMb = Math.min(sizeMb, 200);
const spreadCorpus = here(`./out/releases-${spreadMb}mb-ids-to-11e9.xml.gz`);
await buildReleasesCorpus(sample, spreadCorpus, spreadMb, 50_000);
emptyCatalog();
const spread = child('full ingest, release ids up to 11 billion', spreadCorpus);

emptyCatalog();
const first = child('full ingest into an empty catalog', corpus);
const again = child('re-ingest of the same, unchanged file', corpus);
const catalogBytes = statSync(dbPath).size;

const rate = (seconds: number) => xmlBytes / 1e6 / seconds;
const mbs = (seconds: number) => `${rate(seconds).toFixed(1)} MB/s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const secs = (seconds: number) => `${seconds.toFixed(1)} s`;
const verdict = (met: boolean) => (met ? 'met' : 'short');
const ingestGoal = 0.8 * rate(saxesRun.seconds);
const cpuPerMb = (seconds: number) => `${((seconds * 1000) / (xmlBytes / 1e6)).toFixed(1)} ms a MB`;
const speedup = first.seconds / again.seconds;
const ratio = catalogBytes / xmlBytes;
// [measure, figure, goal (issue 18), time]
const rows: [string, string, string, string][] = [
  [
    'corpus',
    `${mb(xmlBytes)} XML, ${mb(gzBytes)} gzip, ${saxesRun.value.toLocaleString('en')} releases`,
    '',
    '',
  ],
  ['gunzip only', mbs(gunzip.seconds), '', secs(gunzip.seconds)],
  ['parse only, sax', mbs(saxRun.seconds), '', secs(saxRun.seconds)],
  ['parse only, saxes', mbs(saxesRun.seconds), '', secs(saxesRun.seconds)],
  [
    'full ingest',
    `${mbs(first.seconds)}, ${Math.round(first.added / first.seconds).toLocaleString('en')} releases/s`,
    `≥ ${ingestGoal.toFixed(1)} MB/s (0.8 × saxes): ${verdict(rate(first.seconds) >= ingestGoal)}`,
    secs(first.seconds),
  ],
  [
    'CPU time, full ingest',
    `${cpuPerMb(first.cpuSeconds)}, on ${(first.cpuSeconds / first.seconds).toFixed(2)} cores`,
    '',
    '',
  ],
  [
    '  of it, main thread',
    first.mainCpuSeconds === undefined
      ? 'not known (no /proc)'
      : `${cpuPerMb(first.mainCpuSeconds)} (reading, cutting, SQLite)`,
    '',
    '',
  ],
  ['peak RSS, full ingest', mb(first.peakRss), `≤ 300 MB: ${verdict(first.peakRss <= 300e6)}`, ''],
  [
    'unchanged re-ingest',
    `${mbs(again.seconds)}, ${speedup.toFixed(1)}× faster`,
    `≥ 5× faster: ${verdict(speedup >= 5)}`,
    secs(again.seconds),
  ],
  ['peak RSS, re-ingest', mb(again.peakRss), `≤ 300 MB: ${verdict(again.peakRss <= 300e6)}`, ''],
  [
    'catalog file',
    `${mb(catalogBytes)}, ${ratio.toFixed(2)} × the XML`,
    `≤ 0.4 × the XML: ${verdict(ratio <= 0.4)}`,
    '',
  ],
  [
    `peak RSS, ids up to 11e9`,
    `${mb(spread.peakRss)} (${spread.added.toLocaleString('en')} releases, ${spreadMb} MB)`,
    `≤ 300 MB: ${verdict(spread.peakRss <= 300e6)}`,
    secs(spread.seconds),
  ],
];
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(
  `ingest benchmark: ${availableParallelism()} cores, ${values.workers ?? availableParallelism()} parse workers, node ${process.version}`,
);
for (const r of rows)
  console.log(
    r
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd(),
  );
if (again.unchanged !== first.added)
  console.log(`warning: re-ingest found ${again.unchanged} unchanged of ${first.added}`);
