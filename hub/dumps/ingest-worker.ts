// A parse worker: turns chunks of dump text into catalog writes. Parsing and document building
// are the slow part of an ingest (design.md: one thread tops out near 37 MB/s), so several of
// these run in parallel while the main thread only reads, splits and writes.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { storedHashLookup } from '../db/catalog-queries.ts';
import { relationsOf } from '../catalog/relations.ts';
import type { ChunkMessage, ChunkOutcome, ChunkResult, RecordWrite, SkippedRecord, StoredState, WorkerSetup } from './ingest-messages.ts';
import { kindInfo } from './kinds.ts';
import { RecordError } from './parse/record-error.ts';
import { RecordTreeParser, type XmlElement } from './parse/xml-tree.ts';
import { recordHash } from './record-hash.ts';
import { isSpace, nextRecordStart, recordMarker, trimEnd } from './split.ts';

const setup = (workerData as { data: WorkerSetup }).data;
const info = kindInfo[setup.kind];
const marker = recordMarker(info);
const db = new Database(setup.dbPath, { readonly: true, fileMustExist: true });
const keep = setup.keep ? new Set(setup.keep) : undefined;
const lookup = storedHashLookup(db, info.kind);
// The id at the very start of a record line, to check its hash before parsing it at all.
const idPattern = info.kind === 'release' || info.kind === 'master' ? new RegExp(`^<${info.record} id="(\\d+)"`) : /<id>(\d+)<\/id>/;

function stored(id: number, hash: string): StoredState | 'unchanged' {
  const row = lookup(id);
  if (!row) return 'absent';
  if (row.deleted) return 'deleted';
  return row.hash.toString('hex') === hash ? 'unchanged' : 'present';
}

function processChunk(msg: ChunkMessage): ChunkOutcome {
  const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
  const ids: number[] = [];
  const writes: RecordWrite[] = [];
  const skipped: SkippedRecord[] = [];
  let unchanged = 0;
  let outOfScope = 0;
  let completed: XmlElement[] = [];
  const parser = new RecordTreeParser((el) => completed.push(el));
  // The first chunk starts with the line break after the root tag.
  let pieceStart = 0;
  while (isSpace(bytes[pieceStart])) pieceStart++;
  let pieceId: number | undefined;
  let lastId: number | undefined;

  /** `known`: the stored state already looked up for this piece's id and text hash. */
  const handle = (el: XmlElement, pieceHash: string | undefined, offset: number, known?: { id: number; state: StoredState }) => {
    let doc;
    try {
      doc = info.build(el);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      skipped.push({ offset, reason: `${err.message}${lastId === undefined ? '' : ` (after ${info.kind} ${lastId})`}` });
      return;
    }
    if (keep && !keep.has(doc.id)) {
      outOfScope++;
      return;
    }
    const json = JSON.stringify(doc);
    const hash = pieceHash ?? recordHash(json);
    ids.push(doc.id);
    lastId = doc.id;
    const state = pieceHash && known?.id === doc.id ? known.state : stored(doc.id, hash);
    if (state === 'unchanged') unchanged++;
    else writes.push({ id: doc.id, stored: state, hash, json, relations: relationsOf(info.kind, doc) });
  };

  try {
    while (pieceStart < bytes.length) {
      const next = nextRecordStart(bytes, marker, pieceStart + 1);
      const pieceEnd = next === -1 ? bytes.length : next;
      const piece = bytes.subarray(pieceStart, pieceEnd);
      const hash = recordHash(trimEnd(piece));
      const m = parser.inRecord ? null : idPattern.exec(piece.subarray(0, 4096).toString('latin1'));
      const quickId = m ? Number(m[1]) : undefined;
      pieceId = quickId;
      const quick = quickId === undefined || (keep && !keep.has(quickId)) ? undefined : stored(quickId, hash);
      if (keep && quickId !== undefined && !keep.has(quickId)) {
        // Out of the catalog scope: not even looked up in the store, nor parsed.
        outOfScope++;
      } else if (quick === 'unchanged') {
        // The common case of a monthly re-ingest: same text as last time, not even parsed.
        ids.push(quickId!);
        lastId = quickId;
        unchanged++;
      } else {
        const wasInRecord = parser.inRecord;
        completed = [];
        parser.write(piece.toString('utf8'));
        // The text hash identifies a record only when the piece held exactly that one record.
        const oneRecord = completed.length === 1 && !wasInRecord && !parser.inRecord;
        const known = quick === undefined ? undefined : { id: quickId!, state: quick };
        for (const el of completed) handle(el, oneRecord ? hash : undefined, msg.offset + pieceStart, known);
      }
      pieceStart = pieceEnd;
    }
    parser.close();
  } catch (err) {
    // saxes' well-formedness errors: the record and its offset go back to the main thread.
    return { seq: msg.seq, ok: false, error: (err as Error).message.replace(/\.$/, ''), offset: msg.offset + pieceStart, recordId: pieceId, lastId };
  }
  return { seq: msg.seq, ok: true, ids, writes, unchanged, outOfScope, skipped };
}

parentPort!.on('message', (msg: ChunkMessage) => {
  const buffer = msg.bytes.buffer as ArrayBuffer;
  parentPort!.postMessage({ ...processChunk(msg), buffer } satisfies ChunkResult, [buffer]);
});
