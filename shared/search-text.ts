/**
 * How searches compare text, on the hub (its lookups and FTS5 index with remove_diacritics)
 * and on the device (its MiniSearch index): one definition, so both find the same things.
 */

/**
 * Barcodes and catalogue numbers are typed every which way ("5 012394 144777", "CK-63628",
 * "LAR048" for LAR-048): they are compared folded to lower-case letters and digits.
 */
export function foldCode(code: string): string {
  return code
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A word without case or accents: "Gréco" → "greco", "Kovács" → "kovacs". */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A scanned or typed barcode in each form a release may carry it: a UPC-A's 12 digits are the
 * EAN-13 with a leading 0, and scanners report either, as Discogs' submitters typed either.
 */
export function barcodeForms(code: string): string[] {
  const folded = foldCode(code);
  if (/^0\d{12}$/.test(folded)) return [folded, folded.slice(1)];
  if (/^\d{12}$/.test(folded)) return [folded, `0${folded}`];
  return folded ? [folded] : [];
}
