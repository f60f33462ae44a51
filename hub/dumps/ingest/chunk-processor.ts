import { encodeDocument } from '../../catalog/document-codec.ts';
import { relationsOf } from '../../catalog/relations.ts';
import type { KindInfo } from '../parse/kinds.ts';
import { RecordError } from '../parse/record-error.ts';
import { RecordTreeParser, type XmlElement } from '../parse/xml-tree.ts';
import type {
  ChunkMessage,
  ChunkOutcome,
  RecordWrite,
  SkippedRecord,
  StoredState,
} from './ingest-messages.ts';
import { recordHash } from './record-hash.ts';
import { isSpace, nextRecordStart, recordMarker, trimEnd } from './split.ts';

/**
 * What the catalog holds of a record: its document's hash, whether it is marked deleted, and
 * whether its document is stale: plain JSON text, stored before documents were compressed, or
 * compressed in an older format (document-codec.ts).
 */
export interface StoredRecord {
  hash: Buffer;
  deleted: number;
  stale: number;
}
export type StoredLookup = (id: number) => StoredRecord | undefined;

/** A record's id and stored state, looked up from its first line before it is parsed. */
interface QuickLook {
  id: number;
  state: StoredState | 'unchanged';
}

/**
 * Turns one chunk of dump text into catalog writes, in a parse worker. A chunk is cut into
 * pieces at record starts; each piece's text is hashed, and its id read from its first line,
 * so a record whose text is unchanged since the last ingest (the common case of a monthly
 * re-ingest) or that the catalog scope leaves out is never parsed at all.
 */
export class ChunkProcessor {
  readonly #marker: Buffer;
  // The id at the very start of a record line, to check its hash before parsing it at all.
  readonly #idPattern: RegExp;

  constructor(
    readonly info: KindInfo,
    private readonly lookup: StoredLookup,
    private readonly keep: Set<number> | undefined,
  ) {
    this.#marker = recordMarker(info);
    this.#idPattern =
      info.kind === 'release' || info.kind === 'master'
        ? new RegExp(`^<${info.record} id="(\\d+)"`)
        : /<id>(\d+)<\/id>/;
  }

  process(msg: ChunkMessage): ChunkOutcome {
    return new ChunkRun(this, msg).run();
  }

  stored(id: number, hash: string): StoredState | 'unchanged' {
    const row = this.lookup(id);
    if (!row) return 'absent';
    if (row.deleted) return 'deleted';
    // A stale document is rewritten in the current format once: the first ingest after an
    // upgrade converts an existing catalog as it goes, a batch at a time, with no migration to
    // wait for.
    return row.hash.toString('hex') === hash && !row.stale ? 'unchanged' : 'present';
  }

  inScope(id: number): boolean {
    return !this.keep || this.keep.has(id);
  }

  /** The id on a piece's first line and its stored state, when the piece starts a record. */
  quickLook(
    piece: Buffer,
    hash: string,
  ): { id: number | undefined; look: QuickLook | 'out of scope' | undefined } {
    const m = this.#idPattern.exec(piece.subarray(0, 4096).toString('latin1'));
    if (!m) return { id: undefined, look: undefined };
    const id = Number(m[1]);
    // Out of the catalog scope: not even looked up in the store.
    return { id, look: this.inScope(id) ? { id, state: this.stored(id, hash) } : 'out of scope' };
  }

  nextPiece(bytes: Buffer, start: number): number {
    const next = nextRecordStart(bytes, this.#marker, start + 1);
    return next === -1 ? bytes.length : next;
  }
}

/** The state of one chunk's processing: what it found, and where it is. */
class ChunkRun {
  readonly #ids: number[] = [];
  readonly #writes: RecordWrite[] = [];
  readonly #documents: Buffer[] = [];
  readonly #skipped: SkippedRecord[] = [];
  #unchanged = 0;
  #outOfScope = 0;
  #completed: XmlElement[] = [];
  readonly #parser = new RecordTreeParser((el) => this.#completed.push(el));
  readonly #bytes: Buffer;
  #pieceStart = 0;
  #pieceId: number | undefined;
  #lastId: number | undefined;

  constructor(
    private readonly chunks: ChunkProcessor,
    private readonly msg: ChunkMessage,
  ) {
    this.#bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
    // The first chunk starts with the line break after the root tag.
    while (isSpace(this.#bytes[this.#pieceStart])) this.#pieceStart++;
  }

  run(): ChunkOutcome {
    try {
      while (this.#pieceStart < this.#bytes.length) {
        const pieceEnd = this.chunks.nextPiece(this.#bytes, this.#pieceStart);
        this.#piece(this.#bytes.subarray(this.#pieceStart, pieceEnd));
        this.#pieceStart = pieceEnd;
      }
      this.#parser.close();
    } catch (err) {
      // saxes' well-formedness errors: the record and its offset go back to the main thread.
      const error = (err as Error).message.replace(/\.$/, '');
      return {
        seq: this.msg.seq,
        ok: false,
        error,
        offset: this.msg.offset + this.#pieceStart,
        recordId: this.#pieceId,
        lastId: this.#lastId,
      };
    }
    return {
      seq: this.msg.seq,
      ok: true,
      ids: this.#ids,
      writes: this.#writes,
      documents: this.#packedDocuments(),
      unchanged: this.#unchanged,
      outOfScope: this.#outOfScope,
      skipped: this.#skipped,
    };
  }

  /** One buffer of its own, never a slice of Node's shared pool, since it is transferred. */
  #packedDocuments(): Uint8Array {
    const packed = Buffer.allocUnsafeSlow(this.#documents.reduce((n, d) => n + d.length, 0));
    let at = 0;
    for (const d of this.#documents) at += d.copy(packed, at);
    return packed;
  }

  #piece(piece: Buffer): void {
    const hash = recordHash(trimEnd(piece));
    // Inside a record that an earlier piece began, the first line is no record's start.
    const { id, look } = this.#parser.inRecord
      ? { id: undefined, look: undefined }
      : this.chunks.quickLook(piece, hash);
    this.#pieceId = id;
    if (look === 'out of scope') {
      this.#outOfScope++;
    } else if (look?.state === 'unchanged') {
      // The common case of a monthly re-ingest: same text as last time, not even parsed.
      this.#ids.push(look.id);
      this.#lastId = look.id;
      this.#unchanged++;
    } else {
      this.#parse(piece, hash, look as { id: number; state: StoredState } | undefined);
    }
  }

  /** `known`: the stored state already looked up for this piece's id and text hash. */
  #parse(piece: Buffer, hash: string, known: { id: number; state: StoredState } | undefined): void {
    const wasInRecord = this.#parser.inRecord;
    this.#completed = [];
    this.#parser.write(piece.toString('utf8'));
    // The text hash identifies a record only when the piece held exactly that one record.
    const oneRecord = this.#completed.length === 1 && !wasInRecord && !this.#parser.inRecord;
    for (const el of this.#completed)
      this.#build(el, oneRecord ? hash : undefined, this.msg.offset + this.#pieceStart, known);
  }

  #build(
    el: XmlElement,
    pieceHash: string | undefined,
    offset: number,
    known: { id: number; state: StoredState } | undefined,
  ): void {
    const { info } = this.chunks;
    let doc;
    try {
      doc = info.build(el);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      this.#skipped.push({
        offset,
        reason: `${err.message}${this.#lastId === undefined ? '' : ` (after ${info.kind} ${this.#lastId})`}`,
      });
      return;
    }
    if (!this.chunks.inScope(doc.id)) {
      this.#outOfScope++;
      return;
    }
    const json = JSON.stringify(doc);
    const hash = pieceHash ?? recordHash(json);
    this.#ids.push(doc.id);
    this.#lastId = doc.id;
    const state =
      pieceHash && known?.id === doc.id ? known.state : this.chunks.stored(doc.id, hash);
    if (state === 'unchanged') {
      this.#unchanged++;
      return;
    }
    const stored = encodeDocument(json);
    this.#documents.push(stored);
    this.#writes.push({
      id: doc.id,
      stored: state,
      hash,
      docLength: stored.length,
      relations: relationsOf(info.kind, doc),
    });
  }
}
