import { barcodeForms } from '../../../shared/search-text.ts';

/** A record's barcode as typed or read: digits only, 8 to 14 of them; null for anything else. */
export function barcodeFrom(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{8,14}$/.test(digits) ? digits : null;
}

/** Whether a release's barcode (as Discogs holds it, spaces and all) is the one read. */
export function sameBarcode(read: string): (held: string) => boolean {
  const forms = new Set(barcodeForms(read));
  return (held) => barcodeForms(held).some((f) => forms.has(f));
}
