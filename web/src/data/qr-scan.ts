import jsQR from 'jsqr';
import { frameGrabber, nativeReader, scanWithCamera, type FrameReader } from './camera-scan.ts';

/** What a pairing QR code holds: the hub's address with `#pair=CODE` (see hub/http/auth.ts). */
export function pairingCodeFrom(text: string): string | null {
  try {
    return new URLSearchParams(new URL(text).hash.slice(1)).get('pair');
  } catch {
    return /^[A-Z0-9]{4}-?[A-Z0-9]{4}$/i.test(text.trim()) ? text.trim() : null;
  }
}

/** Reads QR codes from the camera until one holds a pairing code, or `signal` aborts. */
export async function scanPairingCode(video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  const grab = frameGrabber();
  const read: FrameReader = (await nativeReader(['qr_code'])) ??
    (async (v) => {
      const frame = grab(v);
      const text = frame && jsQR(frame.data, frame.width, frame.height)?.data;
      return text ? [text] : [];
    });
  return scanWithCamera(video, signal, read, pairingCodeFrom);
}
