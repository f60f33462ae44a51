import { RoaringBitmap32 } from 'roaring-wasm';

const HIGH = 2 ** 32;

/**
 * The set of record ids seen in one ingest, as Roaring bitmaps (roaring-wasm): about 8 MB for
 * Discogs' dense ids (35 M releases in 2026), and growing with the count, not with the largest
 * id, when a dump carries sparse or huge ones (a plain bitmap took 721 MB of RSS for ids up to
 * 11 billion). Roaring is 32-bit: ids from 2^32 up go to one bitmap per high word.
 * The bitmaps live in WebAssembly memory: `dispose()` frees them.
 */
export class IdSet {
  readonly #byHigh = new Map<number, RoaringBitmap32>();

  /** Adds a chunk's ids: one call into WebAssembly per high word, not one per id. */
  addAll(ids: readonly number[]): void {
    const groups = new Map<number, number[]>();
    for (const id of ids) {
      const high = Math.floor(id / HIGH);
      let g = groups.get(high);
      if (!g) groups.set(high, (g = []));
      g.push(id - high * HIGH);
    }
    for (const [high, low] of groups) this.#bitmap(high).addMany(Uint32Array.from(low));
  }

  has(id: number): boolean {
    const high = Math.floor(id / HIGH);
    return this.#byHigh.get(high)?.has(id - high * HIGH) ?? false;
  }

  dispose(): void {
    for (const b of this.#byHigh.values()) b.dispose();
    this.#byHigh.clear();
  }

  #bitmap(high: number): RoaringBitmap32 {
    let b = this.#byHigh.get(high);
    if (!b) this.#byHigh.set(high, (b = new RoaringBitmap32()));
    return b;
  }
}
