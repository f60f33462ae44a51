import cliProgress from 'cli-progress';
import type { Progress } from '../../shared/progress.ts';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function eta(seconds: number | null): string {
  if (seconds === null) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/**
 * Draws Progress events as a bar on stderr when it is a terminal; elsewhere (pipes, CI, tests)
 * draws nothing, so output stays clean for scripts.
 */
export class ProgressBar {
  readonly #bar: cliProgress.SingleBar | undefined;
  #label: string | undefined;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    if (!stream.isTTY) return;
    this.#bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{label} [{bar}] {percentage}% | {doneMb}/{totalMb} MB | {rates} | ETA {etaText}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(p: Progress): void {
    if (!this.#bar) return;
    // Jobs that count records (ingest) show records/s beside bytes/s; downloads show bytes/s.
    const bytesRate = `${mb(p.bytesPerSecond)} MB/s`;
    const key = `${p.job} ${p.label}`;
    const payload = {
      label: key,
      doneMb: mb(p.done),
      totalMb: p.total === null ? '?' : mb(p.total),
      rates:
        p.records > 0
          ? `${Math.round(p.recordsPerSecond).toLocaleString('en')} rec/s | ${bytesRate}`
          : bytesRate,
      etaText: eta(p.etaSeconds),
    };
    if (this.#label !== key) {
      if (this.#label !== undefined) this.#bar.stop();
      this.#label = key;
      this.#bar.start(p.total ?? 0, p.done, payload);
    } else {
      this.#bar.setTotal(p.total ?? 0);
      this.#bar.update(p.done, payload);
    }
  }

  stop(): void {
    if (this.#label !== undefined) this.#bar?.stop();
    this.#label = undefined;
  }
}
