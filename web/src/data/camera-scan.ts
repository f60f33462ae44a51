/** What reads codes from a camera frame: the browser's BarcodeDetector, or a decoder standing in for it. */
export type FrameReader = (video: HTMLVideoElement) => Promise<string[]>;

type NativeDetector = { detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>> };
type NativeDetectorClass = (new (o: { formats: string[] }) => NativeDetector) & { getSupportedFormats?: () => Promise<string[]> };

/**
 * The browser's own BarcodeDetector for `formats` (Android Chrome, Safari on iOS 17+), or null
 * where it is missing or lacks one of them (Chromium on Linux, Firefox).
 */
export async function nativeReader(formats: string[]): Promise<FrameReader | null> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Native) return null;
  const supported = (await Native.getSupportedFormats?.().catch(() => [])) ?? [];
  if (!formats.every((f) => supported.includes(f))) return null;
  const detector = new Native({ formats });
  return async (video) => (await detector.detect(video)).map((c) => c.rawValue);
}

/** The camera's current frame as pixels, for decoders that read ImageData. */
export function frameGrabber(): (video: HTMLVideoElement) => ImageData | null {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  return (video) => {
    if (!video.videoWidth) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    ctx.drawImage(video, 0, 0);
    return ctx.getImageData(0, 0, canvas.width, canvas.height);
  };
}

/**
 * Shows the back camera in `video` and reads frames with `read` until `accept` takes one of
 * the codes found, or `signal` aborts. The camera is released either way.
 */
export async function scanWithCamera<T>(video: HTMLVideoElement, signal: AbortSignal, read: FrameReader, accept: (text: string) => T | null): Promise<T> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  const stop = () => stream.getTracks().forEach((t) => t.stop());
  signal.addEventListener('abort', stop);
  video.srcObject = stream;
  await video.play();
  try {
    while (!signal.aborted) {
      await new Promise((r) => setTimeout(r, 200));
      for (const text of await read(video)) {
        const taken = accept(text);
        if (taken !== null) return taken;
      }
    }
    throw new DOMException('scan stopped', 'AbortError');
  } finally {
    stop();
  }
}
