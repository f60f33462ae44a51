import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pairingCodeFrom } from '../../web/src/data/qr-scan.ts';

/** The RGBA pixels of a QR code as the hub draws it, as a camera frame would hold them. */
function pixels(text: string, scale = 4, margin = 4): { data: Uint8ClampedArray; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = (modules.size + margin * 2) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < modules.size; y++)
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + margin) * scale + dy) * size + (x + margin) * scale + dx) * 4;
          data.fill(0, i, i + 3);
        }
    }
  return { data, size };
}

describe('pairing QR codes', () => {
  it('reads the code from the link in the hub QR code, as the camera scan decodes it', () => {
    const link = 'http://192.168.1.20:8080/#pair=K7QM-4TZA';
    const { data, size } = pixels(link);
    const decoded = jsQR(data, size, size)?.data;
    expect(decoded).toBe(link);
    expect(pairingCodeFrom(decoded!)).toBe('K7QM-4TZA');
  });

  it('takes a bare code, and nothing else', () => {
    expect(pairingCodeFrom('k7qm-4tza')).toBe('k7qm-4tza');
    expect(pairingCodeFrom('K7QM4TZA')).toBe('K7QM4TZA');
    expect(pairingCodeFrom('https://example.com/')).toBeNull();
    expect(pairingCodeFrom('hello there')).toBeNull();
  });
});
