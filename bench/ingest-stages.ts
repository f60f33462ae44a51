// npm run bench:ingest-stages [-- --size-mb 200]
// Where a full ingest's CPU goes: each step of a parse worker, added one at a time, and the
// main thread's SQLite writes alone, all in one thread on text already in memory, in ms of
// CPU per MB of XML. bench:ingest measures the whole ingest; this says what it is made of.
import { createReadStream, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { encodeDocument } from '../hub/catalog/document-codec.ts';
import { relationsOf } from '../hub/catalog/relations.ts';
import { BatchedTransaction } from '../hub/db/batched-transaction.ts';
import { CatalogWriter } from '../hub/db/catalog-writer.ts';
import { openHubDatabase } from '../hub/db/open.ts';
import { ChunkProcessor } from '../hub/dumps/ingest/chunk-processor.ts';
import type { ChunkOutcome } from '../hub/dumps/ingest/ingest-messages.ts';
import { RecordSplitter } from '../hub/dumps/ingest/split.ts';
import { kindInfo } from '../hub/dumps/parse/kinds.ts';
import { buildRelease } from '../hub/dumps/parse/release.ts';
import { RecordTreeParser, type XmlElement } from '../hub/dumps/parse/xml-tree.ts';
import { buildReleasesCorpus } from './corpus.ts';

const { values } = parseArgs({ options: { 'size-mb': { type: 'string', default: '200' } } });
const sizeMb = Number(values['size-mb']);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const corpus = await buildReleasesCorpus(
  here('../demo/dumps/discogs_20200806_releases.xml.gz'),
  here(`./out/releases-${sizeMb}mb.xml.gz`),
  sizeMb,
);

console.error(`reading ${corpus} into memory …`);
const splitter = new RecordSplitter(corpus, 'release');
const chunks: { seq: number; offset: number; bytes: Buffer }[] = [];
for await (const data of createReadStream(corpus).pipe(createGunzip()))
  for (const c of splitter.push(data as Buffer)) chunks.push({ ...c, bytes: Buffer.from(c.bytes) });
for (const c of splitter.end()) chunks.push({ ...c, bytes: Buffer.from(c.bytes) });
const xmlMb = chunks.reduce((n, c) => n + c.bytes.length, 0) / 1e6;

type Chunk = (typeof chunks)[number];

/** CPU ms per MB of XML of `step` over every chunk: the better of two runs (the first warms up). */
function measure(step: (chunk: Chunk) => void): number {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const start = process.cpuUsage();
    for (const c of chunks) step(c);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / xmlMb);
  }
  return best;
}

/** Each record of a chunk's text as an element tree, handed to `onRecord`. */
const eachRecord = (c: Chunk, onRecord: (el: XmlElement) => void) => {
  const parser = new RecordTreeParser(onRecord);
  parser.write(c.bytes.toString('utf8'));
  parser.close();
};

const rows: [string, number][] = [];
const step = (name: string, fn: Parameters<typeof measure>[0]) => {
  console.error(`${name} …`);
  rows.push([name, measure(fn)]);
};
step('saxes, events only', (c) => {
  const parser = new SaxesParser({ fragment: true, position: false });
  let events = 0;
  parser.on('opentag', () => events++);
  parser.on('text', () => events++);
  parser.on('closetag', () => events++);
  parser.write(c.bytes.toString('utf8'));
  parser.close();
});
step('+ element tree', (c) => eachRecord(c, () => {}));
step('+ release documents', (c) => eachRecord(c, (el) => buildRelease(el)));
step('+ JSON', (c) => eachRecord(c, (el) => JSON.stringify(buildRelease(el))));
step('+ relations and search text', (c) =>
  eachRecord(c, (el) => {
    const doc = buildRelease(el);
    JSON.stringify(doc);
    relationsOf('release', doc);
  }),
);
step('+ compression', (c) =>
  eachRecord(c, (el) => {
    const doc = buildRelease(el);
    encodeDocument(JSON.stringify(doc));
    relationsOf('release', doc);
  }),
);
// What a parse worker does (adds the text hash, the id's lookup and handing results over);
// the lookup finds nothing, as in a first ingest.
const processor = new ChunkProcessor(kindInfo.release, () => undefined, undefined);
step('a parse worker, whole', (c) => void processor.process(c));

console.error('SQLite writes alone …');
const outcomes: ChunkOutcome[] = chunks.map((c) => processor.process(c));
const dbPath = here('./out/bench-stages.sqlite');
const removeDb = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
};
removeDb();
const db = openHubDatabase(dbPath);
const writer = new CatalogWriter(db, 'release');
const batch = new BatchedTransaction(db, 8);
const start = process.cpuUsage();
for (const o of outcomes) {
  if (!o.ok) throw new Error(`chunk ${o.seq}: ${o.error}`);
  const docs = Buffer.from(o.documents.buffer, o.documents.byteOffset, o.documents.length);
  let at = 0;
  batch.run(() => {
    for (const w of o.writes) writer.put(w, docs.subarray(at, (at += w.docLength)), false);
  });
}
batch.commit();
const used = process.cpuUsage(start);
rows.push(['main thread: SQLite writes alone', (used.user + used.system) / 1000 / xmlMb]);
db.close();
removeDb();

console.log(`ingest stages: ${xmlMb.toFixed(0)} MB of XML, one thread, CPU ms per MB of XML`);
const width = Math.max(...rows.map(([name]) => name.length));
for (const [name, ms] of rows)
  console.log(`${name.padEnd(width)}  ${ms.toFixed(1).padStart(5)} ms/MB`);
