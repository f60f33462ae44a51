import { describe, expect, it } from 'vitest';
import { kindFromFileName } from '../../hub/dumps/parse/kinds.ts';
import { CHUNK_BYTES, RecordSplitter } from '../../hub/dumps/ingest/split.ts';
import { releasesXml } from '../fixtures/dumps-2026.ts';

/** Feeds `text` in pieces of `size` bytes and returns the splitter and the chunks' text. */
function split(text: string | Buffer, size: number, file = 'releases.xml') {
  const splitter = new RecordSplitter(file, kindFromFileName(file));
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const chunks = [];
  for (let i = 0; i < bytes.length; i += size)
    chunks.push(...splitter.push(bytes.subarray(i, i + size)));
  chunks.push(...splitter.end());
  return { splitter, chunks };
}

describe('RecordSplitter', () => {
  it('drops the list root and keeps every record byte, whatever the read size', () => {
    const whole = split(releasesXml, 1 << 20);
    const oneByte = split(releasesXml, 1);
    const joined = (cs: typeof whole.chunks) =>
      Buffer.concat(cs.map((c) => c.bytes)).toString('utf8');
    // Booleans, not the texts: a failure would otherwise print half a megabyte.
    expect(
      joined(whole.chunks) === releasesXml.slice('<releases>'.length, -'</releases>'.length),
    ).toBe(true);
    // Reads of one byte split every multi-byte character; the text must come out unchanged.
    expect(joined(oneByte.chunks) === joined(whole.chunks)).toBe(true);
    expect(whole.splitter.info?.kind).toBe('release');
    expect(whole.splitter.wholeKind).toBe(true);
  });

  it('cuts large inputs only at record starts, with offsets that add up', () => {
    const record = (id: number) =>
      `<release id="${id}"><title>${'x'.repeat(5000)}\nraw line feed ü</title></release>`;
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<releases>\n${Array.from({ length: 1000 }, (_, i) => record(i + 1)).join('\n')}\n</releases>\n`;
    const { chunks } = split(text, 65536);
    expect(chunks.length).toBeGreaterThan(3);
    let offset = chunks[0]!.offset;
    for (const c of chunks) {
      expect(c.offset).toBe(offset);
      expect(c.bytes.toString('utf8')).toMatch(/^\n?<release id="\d+">/);
      if (c !== chunks.at(-1)) expect(c.bytes.length).toBeGreaterThanOrEqual(CHUNK_BYTES - 1);
      offset += c.bytes.length;
    }
    expect(
      Buffer.concat(chunks.map((c) => c.bytes))
        .toString()
        .match(/<release id=/g),
    ).toHaveLength(1000);
  });

  it('takes a file whose root is one record (not the whole kind)', () => {
    const { splitter, chunks } = split(
      '<artist><id>1</id><name>A</name></artist>\n',
      7,
      'artist.xml',
    );
    expect(splitter.info?.kind).toBe('artist');
    expect(splitter.wholeKind).toBe(false);
    expect(Buffer.concat(chunks.map((c) => c.bytes)).toString()).toBe(
      '<artist><id>1</id><name>A</name></artist>',
    );
  });

  it.each([
    [
      '<catalog><release id="1"/></catalog>',
      'x.xml',
      /x\.xml: unexpected root element <catalog> at byte 0; expected <labels>, <artists>, <masters> or <releases>/,
    ],
    [
      'just text, no markup',
      'x.xml',
      /x\.xml: not XML: expected a root element at byte 0, found "just text, no markup"/,
    ],
    [
      '<releases>\n<release id="1"><title>cut he',
      'x.xml',
      /x\.xml: the XML ends at byte 40 without <\/releases>: the file is truncated/,
    ],
    [
      '<artists>\n<artist><id>1</id></artist>\n</artists>',
      'discogs_20260601_releases.xml',
      /the name says releases but the root element is <artists>/,
    ],
  ])('rejects %j clearly', (text, file, message) => {
    expect(() => split(text, 16, file)).toThrow(message);
  });

  it('recognises a tar archive', () => {
    const tar = Buffer.alloc(1024);
    tar.write('discogs_20260601_releases.xml', 0);
    tar.write('ustar', 257);
    expect(() => split(tar, 512, 'dump.xml')).toThrow(
      /dump\.xml: holds a tar archive \(ustar header at byte 257\)/,
    );
  });
});
