import { describe, expect, it } from 'vitest';
import { barcodeFrom, sameBarcode } from '../../web/src/data/barcode.ts';

describe('record barcodes', () => {
  it('takes digits as people type them, and refuses what is no barcode', () => {
    expect(barcodeFrom(' 5 012345-678900 ')).toBe('5012345678900');
    expect(barcodeFrom('724384260729')).toBe('724384260729');
    expect(barcodeFrom('LAR-048')).toBeNull();
    expect(barcodeFrom('1234')).toBeNull();
  });

  it('matches a scanned code with the release barcode whichever form either has', () => {
    const same = sameBarcode('724384260729'); // a UPC-A scan
    expect(same('0 724384 260729')).toBe(true); // held as EAN-13
    expect(same('7 24384 26072 9')).toBe(true);
    expect(same('5 012345 678900')).toBe(false);
  });
});
