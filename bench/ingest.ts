// npm run bench:ingest [-- --size-mb 1000 --workers N]
// Measures the catalog ingest on a releases corpus built from the real 2020 sample and prints
// one table: gunzip, parse-only with sax and saxes, full ingest, peak RSS, unchanged re-ingest.
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
for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
const child = (label: string) => {
  console.error(`${label} …`);
  const args = [
    here('../bin/tsx.js'),
    here('./ingest-child.ts'),
    corpus,
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
  };
};
const first = child('full ingest into an empty catalog');
const again = child('re-ingest of the same, unchanged file');
const dbMb = statSync(dbPath).size / 1e6;

const mbs = (seconds: number) => (xmlBytes / 1e6 / seconds).toFixed(1);
const rows: [string, string, string][] = [
  [
    'corpus',
    `${(xmlBytes / 1e6).toFixed(0)} MB XML, ${(gzBytes / 1e6).toFixed(0)} MB gzip, ${saxesRun.value.toLocaleString('en')} releases`,
    '',
  ],
  ['gunzip only', `${mbs(gunzip.seconds)} MB/s`, `${gunzip.seconds.toFixed(1)} s`],
  ['parse only, sax', `${mbs(saxRun.seconds)} MB/s`, `${saxRun.seconds.toFixed(1)} s`],
  ['parse only, saxes', `${mbs(saxesRun.seconds)} MB/s`, `${saxesRun.seconds.toFixed(1)} s`],
  [
    'full ingest',
    `${mbs(first.seconds)} MB/s, ${Math.round(first.added / first.seconds).toLocaleString('en')} releases/s`,
    `${first.seconds.toFixed(1)} s`,
  ],
  ['peak RSS, full ingest', `${(first.peakRss / 2 ** 20).toFixed(0)} MiB`, ''],
  [
    'unchanged re-ingest',
    `${mbs(again.seconds)} MB/s, ${(first.seconds / again.seconds).toFixed(1)}× faster`,
    `${again.seconds.toFixed(1)} s`,
  ],
  ['peak RSS, re-ingest', `${(again.peakRss / 2 ** 20).toFixed(0)} MiB`, ''],
  ['catalog file', `${dbMb.toFixed(0)} MB`, ''],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(
  `ingest benchmark: ${availableParallelism()} cores, ${values.workers ?? availableParallelism()} parse workers, node ${process.version}`,
);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
if (again.unchanged !== first.added)
  console.log(`warning: re-ingest found ${again.unchanged} unchanged of ${first.added}`);
