import type { Kind } from '../../../shared/catalog.ts';
import { ChunkBuffers } from './chunk-buffers.ts';
import { IngestError } from './ingest-error.ts';
import { kindInfo, type KindInfo } from '../parse/kinds.ts';

/** A run of whole records, cut at record starts, with its byte offset in the XML text. */
export interface Chunk {
  seq: number;
  offset: number;
  bytes: Buffer;
}

export const CHUNK_BYTES = 1 << 20;
/** Past this much text without a record start the input cannot be a Discogs dump. */
const MAX_RECORD_BYTES = 64 << 20;
const HEAD_BYTES = 64 << 10;

/**
 * The byte index of the next record start at or after `from`: a newline followed by
 * `<record` and a space, `>` or `/`. Discogs dumps put every record on its own line, so the
 * text can be cut there without parsing it (design.md, Catalog); searching bytes means a
 * multi-byte UTF-8 character is never split. Returns the index of the `<`, or -1.
 */
export function nextRecordStart(buf: Buffer, marker: Buffer, from: number): number {
  for (let i = buf.indexOf(marker, from); i !== -1; i = buf.indexOf(marker, i + 1)) {
    const after = buf[i + marker.length];
    if (
      after === 0x20 ||
      after === 0x3e ||
      after === 0x2f ||
      after === 0x09 ||
      after === 0x0d ||
      after === 0x0a
    )
      return i + 1;
    if (after === undefined) return -1;
  }
  return -1;
}

export const isSpace = (b: number | undefined): boolean =>
  b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09;

/** The bytes without trailing XML white space. */
export function trimEnd<T extends Uint8Array>(buf: T): T {
  let end = buf.length;
  while (end > 0 && isSpace(buf[end - 1])) end--;
  return buf.subarray(0, end) as T;
}

export function recordMarker(info: KindInfo): Buffer {
  return Buffer.from(`\n<${info.record}`);
}

/**
 * Cuts the XML text of a dump into chunks of whole records for the parse workers. It reads the
 * root element to learn the kind (or check the one the file name gave), drops the root's start
 * and end tags, and fails with the file and byte offset when the text is not a dump.
 */
export class RecordSplitter {
  info: KindInfo | undefined;
  /** True when the root is the kind's list element, i.e. the file claims to hold every record. */
  wholeKind = false;

  // One staging buffer, reused: incoming text is copied in once and each chunk copied out once.
  // Concatenating per chunk instead left hundreds of MB of dead buffers waiting for V8's GC.
  #buf = Buffer.allocUnsafeSlow(CHUNK_BYTES * 2);
  #len = 0;
  #searchFrom = 0;
  /** Byte offset, in the XML text, of #buf[0]. */
  #consumed = 0;
  #seq = 0;
  #marker: Buffer | undefined;
  /** `</releases>` for a list root; undefined for a single-record file or `<releases/>`. */
  #closeTag: Buffer | undefined;

  constructor(
    private readonly file: string,
    private readonly expected: Kind | undefined,
    private readonly buffers: ChunkBuffers = new ChunkBuffers(CHUNK_BYTES * 2),
  ) {}

  push(data: Buffer): Chunk[] {
    this.#append(data);
    if (!this.info) {
      if (this.#len < HEAD_BYTES && !this.#headComplete()) return [];
      this.#readHead();
    }
    const chunks: Chunk[] = [];
    while (this.#len >= CHUNK_BYTES) {
      const cut = nextRecordStart(
        this.#buf.subarray(0, this.#len),
        this.#marker!,
        Math.max(CHUNK_BYTES - 1, this.#searchFrom),
      );
      if (cut === -1) {
        if (this.#len > MAX_RECORD_BYTES) {
          throw new IngestError(
            `${this.file}: no record start (<${this.info!.record} at the start of a line) within ${MAX_RECORD_BYTES >> 20} MB after byte ${this.#consumed}; Discogs dumps have one record per line`,
          );
        }
        this.#searchFrom = Math.max(0, this.#len - this.#marker!.length);
        break;
      }
      chunks.push(this.#take(cut));
    }
    return chunks;
  }

  /** The last chunk, once the whole text has been pushed; checks the root element is closed. */
  end(): Chunk[] {
    if (!this.info) this.#readHead();
    const buf = this.#buf;
    let end = trimEnd(buf.subarray(0, this.#len)).length;
    const close = this.#closeTag;
    if (close) {
      if (end < close.length || !buf.subarray(end - close.length, end).equals(close)) {
        throw new IngestError(
          `${this.file}: the XML ends at byte ${this.#consumed + this.#len} without </${this.info!.root}>: the file is truncated`,
        );
      }
      end -= close.length;
    }
    return end > 0 ? [this.#take(end)] : [];
  }

  #append(data: Buffer): void {
    if (this.#len + data.length > this.#buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.#buf.length * 2, this.#len + data.length));
      this.#buf.copy(grown, 0, 0, this.#len);
      this.#buf = grown;
    }
    data.copy(this.#buf, this.#len);
    this.#len += data.length;
  }

  /** Copies out the first `cut` bytes as a chunk and keeps the rest. */
  #take(cut: number): Chunk {
    const bytes = this.buffers.take(cut);
    this.#buf.copy(bytes, 0, 0, cut);
    const chunk = { seq: this.#seq++, offset: this.#consumed, bytes };
    this.#drop(cut);
    return chunk;
  }

  #drop(count: number): void {
    this.#buf.copyWithin(0, count, this.#len);
    this.#len -= count;
    this.#consumed += count;
    this.#searchFrom = 0;
  }

  #headComplete(): boolean {
    return /<[A-Za-z_][^>]*>/.test(
      this.#buf
        .subarray(0, Math.min(this.#len, HEAD_BYTES))
        .toString('latin1')
        .replace(/<[?!][^>]*>/g, ''),
    );
  }

  /** Reads the prolog and root start tag, sets the kind and drops everything before the first record. */
  #readHead(): void {
    const head = this.#buf.subarray(0, Math.min(this.#len, HEAD_BYTES));
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      throw new IngestError(
        `${this.file}: the decompressed data is itself gzip-compressed (byte 0); expected XML`,
      );
    }
    if (head.length > 262 && head.subarray(257, 262).toString('latin1') === 'ustar') {
      throw new IngestError(
        `${this.file}: holds a tar archive (ustar header at byte 257), not a dump's XML; extract the .xml file from it first`,
      );
    }
    const text = head.toString('latin1');
    const prolog = /^(?:\xEF\xBB\xBF)?(?:\s+|<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/.exec(
      text,
    )![0];
    const root = /^<([A-Za-z_][\w.-]*)[^>]*?(\/?)>/.exec(text.slice(prolog.length));
    if (!root) {
      const at = prolog.length;
      throw new IngestError(
        `${this.file}: not XML: expected a root element at byte ${at}, found ${JSON.stringify(text.slice(at, at + 20))}`,
      );
    }
    const name = root[1]!;
    const asList = Object.values(kindInfo).find((k) => k.root === name);
    const asRecord = Object.values(kindInfo).find((k) => k.record === name);
    const info = asList ?? asRecord;
    if (!info) {
      throw new IngestError(
        `${this.file}: unexpected root element <${name}> at byte ${prolog.length}; expected <labels>, <artists>, <masters> or <releases>`,
      );
    }
    if (this.expected && info.kind !== this.expected) {
      throw new IngestError(
        `${this.file}: the name says ${kindInfo[this.expected].root} but the root element is <${name}>`,
      );
    }
    this.info = info;
    this.#marker = recordMarker(info);
    this.wholeKind = asList !== undefined;
    this.#closeTag = asList && root[2] !== '/' ? Buffer.from(`</${name}>`) : undefined;
    // A list root is dropped so the workers see records at depth 0; a single-record file keeps
    // its root, which is the record.
    this.#drop(asList ? prolog.length + root[0].length : prolog.length);
  }
}
