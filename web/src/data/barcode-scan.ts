import { barcodeFrom } from './barcode.ts';
import { frameGrabber, nativeReader, scanWithCamera, type FrameReader } from './camera-scan.ts';

/** The barcodes on records: EAN-13 in most of the world, UPC-A in North America. */
const NATIVE_FORMATS = ['ean_13', 'upc_a'];

/**
 * Where the browser has no BarcodeDetector for them, zxing-wasm decodes frames. It is loaded
 * only then, and its WebAssembly comes from the app itself (the service worker precaches it)
 * rather than the CDN the library would fetch it from, so scanning works offline too.
 */
async function wasmReader(): Promise<FrameReader> {
  const [{ prepareZXingModule, readBarcodes }, { default: wasmUrl }] = await Promise.all([
    import('zxing-wasm/reader'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });
  const grab = frameGrabber();
  return async (video) => {
    const frame = grab(video);
    if (!frame) return [];
    return (await readBarcodes(frame, { formats: ['EAN13', 'UPCA'], tryHarder: true, maxNumberOfSymbols: 1 })).filter((r) => r.isValid).map((r) => r.text);
  };
}

/** Reads record barcodes from the camera until one is found, or `signal` aborts. */
export async function scanBarcode(video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  const read = (await nativeReader(NATIVE_FORMATS)) ?? (await wasmReader());
  return scanWithCamera(video, signal, read, barcodeFrom);
}
