// A parse worker: turns chunks of dump text into catalog writes. Parsing and document building
// are the slow part of an ingest (design.md: one thread tops out near 37 MB/s), so several of
// these run in parallel while the main thread only reads, splits and writes.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { storedHashLookup } from '../../db/catalog-queries.ts';
import { kindInfo } from '../parse/kinds.ts';
import { ChunkProcessor } from './chunk-processor.ts';
import type { ChunkMessage, ChunkResult, WorkerSetup } from './ingest-messages.ts';

const setup = (workerData as { data: WorkerSetup }).data;
const db = new Database(setup.dbPath, { readonly: true, fileMustExist: true });
const chunks = new ChunkProcessor(
  kindInfo[setup.kind],
  storedHashLookup(db, setup.kind),
  setup.keep ? new Set(setup.keep) : undefined,
);

parentPort!.on('message', (msg: ChunkMessage) => {
  const buffer = msg.bytes.buffer as ArrayBuffer;
  const outcome = chunks.process(msg);
  const transfer = outcome.ok ? [buffer, outcome.documents.buffer as ArrayBuffer] : [buffer];
  parentPort!.postMessage({ ...outcome, buffer } satisfies ChunkResult, transfer);
});
