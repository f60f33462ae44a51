import { describe, expect, it } from 'vitest';
import { foldCode, foldWord } from './search-text.ts';

describe('search text folding', () => {
  it('folds barcodes and catalogue numbers to letters and digits', () => {
    expect(foldCode('5 012394 144777')).toBe('5012394144777');
    expect(foldCode('CK-63628')).toBe('ck63628');
    expect(foldCode('Ré–01')).toBe('re01');
    expect(foldCode('SOMA 92')).toBe(foldCode('soma92'));
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
