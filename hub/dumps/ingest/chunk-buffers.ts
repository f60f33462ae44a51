/**
 * Reusable buffers for chunks on their way to the parse workers. Each buffer is transferred to
 * a worker and transferred back with its result, so an ingest allocates a handful of buffers
 * instead of one per megabyte of XML: freshly allocated ones were freed only when a worker's
 * garbage collector got round to it, and piled up to hundreds of MB of RSS.
 */
export class ChunkBuffers {
  readonly #free: ArrayBuffer[] = [];

  constructor(private readonly minBytes: number) {}

  /** A Buffer of exactly `size` bytes over a reusable ArrayBuffer of its own. */
  take(size: number): Buffer {
    const i = this.#free.findIndex((b) => b.byteLength >= size);
    const ab =
      i === -1 ? new ArrayBuffer(Math.max(size, this.minBytes)) : this.#free.splice(i, 1)[0]!;
    return Buffer.from(ab, 0, size);
  }

  give(ab: ArrayBuffer): void {
    if (this.#free.length < 32) this.#free.push(ab);
  }
}
