import { describe, expect, it } from 'vitest';
import {
  decodeDocument,
  decodeDocumentUntil,
  encodeDocument,
  parseDocument,
} from './document-codec.ts';

describe('stored catalog documents', () => {
  const json = JSON.stringify({
    id: 1234,
    status: 'Accepted',
    title: 'Feast With The Beast — Déjà vu',
    artists: [{ id: 1, name: 'From Constant Visions', anv: '', join: '', role: '', tracks: '' }],
    formats: [{ name: 'Vinyl', qty: '1', descriptions: ['LP', 'Album', '33 ⅓ RPM'] }],
    year: 2010,
  });

  it('reads back exactly what was stored, deflated to well under its size', () => {
    const stored = encodeDocument(json);
    expect(decodeDocument(stored)).toBe(json);
    expect(stored.length).toBeLessThan(Buffer.byteLength(json) / 2);
  });

  it('reads a document stored as plain JSON text before documents were deflated', () => {
    expect(decodeDocument(json)).toBe(json);
    expect(parseDocument<{ year: number }>(json).year).toBe(2010);
  });

  it('refuses a stored value of a format it does not know, naming it', () => {
    expect(() => decodeDocument(Buffer.from([9, 1, 2]))).toThrow(
      'a stored document has an unknown format (first byte 9)',
    );
  });

  it('reads only the start of a long document when that holds the marker, and all of it when not', () => {
    // Tracks of random text, so the deflated document is long (kilobytes) however it compresses.
    const noise = () => Math.random().toString(36).slice(2);
    const tracklist = Array.from({ length: 300 }, (_, i) => ({
      position: String(i + 1),
      title: `${noise()} ${noise()}`,
    }));
    const long = JSON.stringify({ ...JSON.parse(json), tracklist });
    const stored = encodeDocument(long);
    expect(stored.length).toBeGreaterThan(4000);
    const head = decodeDocumentUntil(stored, ',"tracklist":');
    expect(head.length).toBeLessThan(long.length / 2);
    expect(long.startsWith(head)).toBe(true);
    expect(head).toContain(',"tracklist":');
    expect(decodeDocumentUntil(stored, '"no such key"')).toBe(long);
  });
});
