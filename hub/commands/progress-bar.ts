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
        format: '{label} [{bar}] {percentage}% | {doneMb}/{totalMb} MB | {rate} rec/s | {xmlRate} MB/s | ETA {etaText}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(p: Progress): void {
    if (!this.#bar) return;
    const payload = {
      label: p.label,
      doneMb: mb(p.done),
      totalMb: p.total === null ? '?' : mb(p.total),
      rate: Math.round(p.recordsPerSecond).toLocaleString('en'),
      xmlRate: mb(p.bytesPerSecond),
      etaText: eta(p.etaSeconds),
    };
    if (this.#label !== p.label) {
      if (this.#label !== undefined) this.#bar.stop();
      this.#label = p.label;
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
