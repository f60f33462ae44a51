import jsQR from 'jsqr';

/** What a pairing QR code holds: the hub's address with `#pair=CODE` (see hub/http/auth.ts). */
export function pairingCodeFrom(text: string): string | null {
  try {
    return new URLSearchParams(new URL(text).hash.slice(1)).get('pair');
  } catch {
    return /^[A-Z0-9]{4}-?[A-Z0-9]{4}$/i.test(text.trim()) ? text.trim() : null;
  }
}

type Detector = { detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>> };

/**
 * Reads QR codes from the camera until one holds a pairing code, or `signal` aborts. Uses the
 * browser's BarcodeDetector where there is one (Android Chrome), else jsQR on canvas frames.
 */
export async function scanPairingCode(video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  signal.addEventListener('abort', () => stream.getTracks().forEach((t) => t.stop()));
  video.srcObject = stream;
  await video.play();
  const Native = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
  const native = Native ? new Native({ formats: ['qr_code'] }) : null;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  try {
    while (!signal.aborted) {
      await new Promise((r) => setTimeout(r, 200));
      let text: string | undefined;
      if (native) text = (await native.detect(video))[0]?.rawValue;
      else if (video.videoWidth) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        ctx.drawImage(video, 0, 0);
        text = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data;
      }
      const code = text ? pairingCodeFrom(text) : null;
      if (code) return code;
    }
    throw new DOMException('scan stopped', 'AbortError');
  } finally {
    stream.getTracks().forEach((t) => t.stop());
  }
}
