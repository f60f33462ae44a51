/**
 * Turns what a person types into an FTS5 query: every word must match, the last one as a
 * prefix once it has three letters (search as you type), and FTS5 operators typed by accident ("AND", quotes, `-`,
 * `:`) are taken as plain words. Returns undefined when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | undefined {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  const last = words.at(-1)!;
  // A prefix of one or two Latin letters matches a good part of 19 M records (costly, and
  // no use to anyone mid-word): it waits for a third. Han and kana words are short whole words.
  const prefix = [...last].length >= 3 || /[^\p{Script=Latin}\p{N}]/u.test(last);
  return words.map((w, i) => `"${w}"${i === words.length - 1 && prefix ? '*' : ''}`).join(' ');
}
