import { describe, expect, it } from 'vitest';
import { barcodeForms, foldCode, foldWord } from './search-text.ts';

describe('search text folding', () => {
  it('folds barcodes and catalogue numbers to letters and digits', () => {
    expect(foldCode('5 012394 144777')).toBe('5012394144777');
    expect(foldCode('CK-63628')).toBe('ck63628');
    expect(foldCode('Ré–01')).toBe('re01');
    expect(foldCode('SOMA 92')).toBe(foldCode('soma92'));
  });

  it('gives a barcode as UPC-A and as EAN-13, whichever a scanner or a submitter used', () => {
    expect(barcodeForms('0 724384 260729')).toEqual(['0724384260729', '724384260729']);
    expect(barcodeForms('724384260729')).toEqual(['724384260729', '0724384260729']);
    expect(barcodeForms('5012345678900')).toEqual(['5012345678900']);
    expect(barcodeForms(' - ')).toEqual([]);
  });

  it('folds case and accents out of words, keeping the letters', () => {
    expect(['Gréco', 'Kovács', 'Ørsted', 'Björk', 'Ñu'].map(foldWord)).toEqual([
      'greco',
      'kovacs',
      'ørsted',
      'bjork',
      'nu',
    ]);
  });
});
