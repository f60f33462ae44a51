import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../jobs/ts-worker.ts';
import type { ChunkBuffers } from './chunk-buffers.ts';
import type { ChunkResult, WorkerSetup } from './ingest-messages.ts';
import type { Chunk } from './split.ts';

/**
 * Parse workers fed round-robin. Each worker answers its chunks in the order it got them, so
 * a FIFO of pending answers per worker is enough to match replies to requests.
 */
export class WorkerPool {
  readonly #workers: Worker[];
  readonly #pending: Array<
    Array<{ resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>
  >;
  #next = 0;

  constructor(
    size: number,
    setup: WorkerSetup,
    private readonly buffers: ChunkBuffers,
  ) {
    const url = new URL('./ingest-worker.ts', import.meta.url);
    this.#workers = Array.from({ length: size }, () =>
      startTsWorker(url, setup, { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 }),
    );
    this.#pending = this.#workers.map(() => []);
    this.#workers.forEach((w, i) => {
      w.on('message', (r: ChunkResult) => {
        this.buffers.give(r.buffer);
        this.#pending[i]!.shift()?.resolve(r);
      });
      w.on('error', (err) => this.#failAll(i, err));
      w.on(
        'exit',
        (code) =>
          code !== 0 && this.#failAll(i, new Error(`parse worker exited with code ${code}`)),
      );
    });
  }

  submit(chunk: Chunk): Promise<ChunkResult> {
    const i = this.#next++ % this.#workers.length;
    return new Promise((resolve, reject) => {
      this.#pending[i]!.push({ resolve, reject });
      const bytes = new Uint8Array(
        chunk.bytes.buffer,
        chunk.bytes.byteOffset,
        chunk.bytes.byteLength,
      );
      // The chunk's ArrayBuffer moves to the worker uncopied and comes back with the reply.
      this.#workers[i]!.postMessage({ seq: chunk.seq, offset: chunk.offset, bytes }, [
        bytes.buffer as ArrayBuffer,
      ]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #failAll(i: number, err: Error): void {
    for (const p of this.#pending[i]!.splice(0)) p.reject(err);
  }
}
