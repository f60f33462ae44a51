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
