import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * Writes a video file Chromium plays as its camera (`--use-file-for-fake-video-capture`): an
 * EAN-13 barcode, drawn by zxing-wasm's writer, held still on a white card. Y4M with 4:2:0
 * chroma, grey only: luma from the drawing, both chroma planes at their neutral 128.
 */
export async function barcodeVideo(digits: string, file: string): Promise<void> {
  // The library would fetch its WebAssembly from a CDN; the one installed here is used instead.
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/writer/zxing_writer.wasm');
  prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer as ArrayBuffer } });
  const { symbol, error } = await writeBarcode(digits, { format: 'EAN13' });
  if (error) throw new Error(`zxing-wasm could not draw ${digits}: ${error}`);
  const scale = Math.floor((WIDTH * 0.7) / symbol.width);
  const left = Math.floor((WIDTH - symbol.width * scale) / 2);
  const top = Math.floor((HEIGHT - symbol.height * 3) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  for (let y = 0; y < symbol.height * 3; y++)
    for (let x = 0; x < symbol.width * scale; x++) {
      const module = symbol.data[Math.floor(y / 3) * symbol.width + Math.floor(x / scale)];
      luma[(top + y) * WIDTH + left + x] = module! < 128 ? 0 : 255;
    }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`),
      ...Array.from({ length: 10 }, () => frame),
    ]),
  );
}
