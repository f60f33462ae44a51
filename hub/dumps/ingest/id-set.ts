/**
 * The set of record ids seen in one ingest, as a bitmap: Discogs ids are dense integers (about
 * 35 M for releases in 2026), so a bitmap holds them all in a few megabytes where a Set of
 * numbers would take about a gigabyte.
 */
export class IdSet {
  #bits = new Uint8Array(1 << 16);

  add(id: number): void {
    const byte = id >>> 3;
    if (byte >= this.#bits.length) {
      let size = this.#bits.length;
      while (size <= byte) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.#bits);
      this.#bits = grown;
    }
    this.#bits[byte]! |= 1 << (id & 7);
  }

  has(id: number): boolean {
    const byte = id >>> 3;
    return byte < this.#bits.length && (this.#bits[byte]! & (1 << (id & 7))) !== 0;
  }
}
