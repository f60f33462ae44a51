import type { Kind } from '../../../shared/catalog.ts';
import type { Relations } from '../../catalog/relations.ts';

/** workerData of an ingest worker. */
export interface WorkerSetup {
  dbPath: string;
  kind: Kind;
  /** Only these ids are kept (the `collection` catalog scope); absent: every record. */
  keep?: number[];
}

export interface ChunkMessage {
  seq: number;
  offset: number;
  bytes: Uint8Array;
}

/** Whether a record was in the catalog before: decides added vs changed and whether old rows go. */
export type StoredState = 'absent' | 'deleted' | 'present';

export interface RecordWrite {
  id: number;
  stored: StoredState;
  /** Hex, not bytes: one string per record is far cheaper to post than one ArrayBuffer per record. */
  hash: string;
  /** The length of its stored document (document-codec.ts) in the chunk's `documents`. */
  docLength: number;
  relations: Relations;
}

export interface SkippedRecord {
  offset: number;
  reason: string;
}

export type ChunkOutcome =
  | {
      seq: number;
      ok: true;
      /** Every record id in the chunk, in order, changed or not: the deletion sweep needs them all. */
      ids: number[];
      writes: RecordWrite[];
      /** The writes' stored documents back to back, in one buffer moved to the main thread uncopied. */
      documents: Uint8Array;
      unchanged: number;
      /** Records left out by the catalog scope. */
      outOfScope: number;
      skipped: SkippedRecord[];
    }
  | {
      seq: number;
      ok: false;
      error: string;
      /** Byte offset of the record the parser failed in, its id when readable, and the last good id. */
      offset: number;
      recordId: number | undefined;
      lastId: number | undefined;
    };

/** Every reply hands the chunk's buffer back for reuse (chunk-buffers.ts). */
export type ChunkResult = ChunkOutcome & { buffer: ArrayBuffer };
