import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_FORMAT,
  decodeDocument,
  decodeDocumentUntil,
  encodeDocument,
  parseDocument,
} from './document-codec.ts';

/** Documents as format 1 (deflate) stored them, written by that version of this module. */
const deflated = JSON.parse(
  readFileSync(new URL('./fixtures/format-1-documents.json', import.meta.url), 'utf8'),
) as Record<'short' | 'long', { json: string; stored: string }>;
const json = deflated.short.json;

describe('stored catalog documents', () => {
  it('reads back exactly what was stored, compressed to well under its size', () => {
    const stored = encodeDocument(json);
    expect(stored[0]).toBe(CURRENT_FORMAT);
    expect(decodeDocument(stored)).toBe(json);
    expect(stored.length).toBeLessThan(Buffer.byteLength(json) / 2);
  });

  it('reads a document stored as plain JSON text before documents were compressed', () => {
    expect(decodeDocument(json)).toBe(json);
    expect(parseDocument<{ year: number }>(json).year).toBe(2010);
  });

  it('reads documents stored deflated (format 1), whole or up to a marker', () => {
    for (const { json, stored } of Object.values(deflated))
      expect(decodeDocument(Buffer.from(stored, 'base64'))).toBe(json);
    const long = deflated.long.json;
    const stored = Buffer.from(deflated.long.stored, 'base64');
    expect(stored.length).toBeGreaterThan(2000);
    // Only the start of a long deflated document is inflated when that holds the marker.
    const head = decodeDocumentUntil(stored, ',"tracklist":');
    expect(head.length).toBeLessThan(long.length / 2);
    expect(long.startsWith(head)).toBe(true);
    expect(head).toContain(',"tracklist":');
    expect(decodeDocumentUntil(stored, '"no such key"')).toBe(long);
  });

  it('reads a current document whole up to a marker', () => {
    const long = deflated.long.json;
    expect(decodeDocumentUntil(encodeDocument(long), ',"tracklist":')).toBe(long);
  });

  it('refuses a stored value of a format it does not know, naming it', () => {
    expect(() => decodeDocument(Buffer.from([9, 1, 2]))).toThrow(
      'a stored document has an unknown format (first byte 9)',
    );
  });
});
