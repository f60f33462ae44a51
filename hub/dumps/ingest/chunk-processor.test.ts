import { describe, expect, it } from 'vitest';
import { kindInfo } from '../parse/kinds.ts';
import { parseDocument } from '../../catalog/document-codec.ts';
import { ChunkProcessor, type StoredLookup } from './chunk-processor.ts';
import { recordHash } from './record-hash.ts';

const label = (id: number, name: string) => `<label><id>${id}</id><name>${name}</name></label>`;
/** A chunk as the splitter cuts it: records on their own lines, after the root's line break. */
const text = (...records: string[]) => `\n${records.join('\n')}\n`;
const chunk = (...records: string[]) => ({
  seq: 3,
  offset: 1000,
  bytes: new Uint8Array(Buffer.from(text(...records))),
});

describe('a parse worker turning a chunk into catalog writes', () => {
  it('writes new and changed records compressed, and neither parses nor writes one whose text is unchanged', () => {
    const same = label(2, 'Same');
    const stillPlain = label(5, 'Stored as plain JSON');
    const hashOf = (record: string) => Buffer.from(recordHash(Buffer.from(record)), 'hex');
    const stored = new Map([
      [2, { hash: hashOf(same), deleted: 0, stale: 0 }],
      [3, { hash: Buffer.alloc(16), deleted: 0, stale: 0 }],
      [4, { hash: Buffer.alloc(16), deleted: 1, stale: 0 }],
      [5, { hash: hashOf(stillPlain), deleted: 0, stale: 1 }],
    ]);
    const lookup: StoredLookup = (id) => stored.get(id);
    const out = new ChunkProcessor(kindInfo.label, lookup, undefined).process(
      chunk(label(1, 'New'), same, label(3, 'Changed'), label(4, 'Back'), stillPlain),
    );
    expect(out).toMatchObject({
      seq: 3,
      ok: true,
      ids: [1, 2, 3, 4, 5],
      unchanged: 1,
      outOfScope: 0,
      skipped: [],
    });
    if (!out.ok) return;
    let at = 0;
    const documents = Buffer.from(out.documents);
    const names = out.writes.map((w) => {
      const doc = documents.subarray(at, (at += w.docLength));
      return [w.id, w.stored, parseDocument<{ name: string }>(doc).name];
    });
    expect(at).toBe(documents.length);
    expect(names).toEqual([
      [1, 'absent', 'New'],
      [3, 'present', 'Changed'],
      [4, 'deleted', 'Back'],
      // Unchanged text, but stored in an older form (plain JSON, or deflated): rewritten once.
      [5, 'present', 'Stored as plain JSON'],
    ]);
  });

  it('leaves out what the catalog scope does not keep, and skips a record it cannot build, naming where', () => {
    const records = [
      label(1, 'Kept'),
      label(2, 'Not kept'),
      '<label><name>No id</name></label>',
      label(5, 'Kept too'),
    ];
    const out = new ChunkProcessor(kindInfo.label, () => undefined, new Set([1, 5])).process(
      chunk(...records),
    );
    expect(out).toMatchObject({ ok: true, ids: [1, 5], outOfScope: 1 });
    if (!out.ok) return;
    expect(out.skipped).toEqual([
      {
        offset: 1000 + text(...records).indexOf(records[2]!),
        reason: expect.stringContaining('(after label 1)') as string,
      },
    ]);
  });

  it('answers malformed XML with the byte offset, the record and the last good id', () => {
    const records = [label(1, 'Good'), '<label><id>2</id><name>Bad</nam></label>'];
    const out = new ChunkProcessor(kindInfo.label, () => undefined, undefined).process(
      chunk(...records),
    );
    expect(out).toMatchObject({
      ok: false,
      recordId: 2,
      lastId: 1,
      offset: 1000 + text(...records).indexOf(records[1]!),
    });
  });
});
