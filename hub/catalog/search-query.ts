/**
 * Turns what a person types into an FTS5 query: every word must match, the last one as a
 * prefix (search as you type), and FTS5 operators typed by accident ("AND", quotes, `-`,
 * `:`) are taken as plain words. Returns undefined when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | undefined {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}
