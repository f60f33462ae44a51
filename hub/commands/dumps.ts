import { parseArgs } from 'node:util';
import type { DropLoad, DumpRun } from '../../shared/dump-runs.ts';
import { NothingNewer } from '../dumps/run/pipeline.ts';
import { withServices } from './context.ts';
import { ProgressBar } from './progress-bar.ts';
import { UsageError } from './usage-error.ts';

export const dumpsHelp = `dumps status       list the monthly dumps: status, attempts, last error
  dumps run [MONTH]  fetch and process the newest complete dump (or MONTH, as YYYY-MM) now`;

export function statusLine(r: DumpRun): string {
  const when = r.completed_at ?? r.started_at;
  const retry = r.status === 'failed' && r.next_retry_at ? `, next attempt ${r.next_retry_at}` : '';
  const error = r.last_error ? `: ${r.last_error}` : '';
  return `${r.year_month}  ${r.status.padEnd(20)} ${when ? `(${when.slice(0, 16).replace('T', ' ')} UTC) ` : ''}attempts ${r.retry_count}${retry}${error}`;
}

/** A load from the drop folder: a line per file with its counts, and each refused file with why. */
export function dropLines(d: DropLoad): string {
  const when = `${d.loaded_at.slice(0, 16).replace('T', ' ')} UTC`;
  const files = d.files.map(
    (f) =>
      `drop folder  ${when}  ${f.name}: ${f.added.toLocaleString('en')} added, ${f.changed.toLocaleString('en')} changed, ${f.deleted.toLocaleString('en')} deleted\n`,
  );
  const refused = d.rejected.map((r) => `drop folder  ${when}  ${r.name}: refused, ${r.reason}\n`);
  return [...files, ...refused].join('');
}

/** `vinylvault dumps status` and `vinylvault dumps run [YYYY-MM]`. */
export async function dumpsCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  const [action, month, ...extra] = positionals;
  if (extra.length > 0 || (action !== 'status' && action !== 'run'))
    throw new UsageError('dumps: expected "dumps status" or "dumps run [YYYY-MM]"');
  if (action === 'status' && month !== undefined)
    throw new UsageError('dumps status takes no month');
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new UsageError(`dumps run: expected a month as YYYY-MM, got ${JSON.stringify(month)}`);

  return withServices(async ({ state, pipeline, events }) => {
    if (action === 'status') {
      const runs = state.data.dumpRuns;
      if (runs.length === 0 && state.data.dropLoads.length === 0)
        process.stdout.write('no dump month has been processed yet; run "vinylvault dumps run"\n');
      for (const r of runs) process.stdout.write(`${statusLine(r)}\n`);
      for (const d of state.data.dropLoads) process.stdout.write(dropLines(d));
      return 0;
    }
    const bar = new ProgressBar();
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    process.once('SIGTERM', () => stop.abort());
    // Each failed attempt gets one plain line on stderr; the final status goes to stdout.
    let attempts = 0;
    const onChange = (r: DumpRun) => {
      if (r.retry_count <= attempts || r.status !== 'failed') return;
      attempts = r.retry_count;
      bar.stop();
      const next = r.next_retry_at ? `; next attempt at ${r.next_retry_at.slice(11, 19)} UTC` : '';
      process.stderr.write(`attempt ${r.retry_count} failed: ${r.last_error}${next}\n`);
    };
    events.on('progress', (p) => bar.update(p));
    events.on('dump', onChange);
    try {
      const run = await pipeline.run(month, stop.signal);
      bar.stop();
      process.stdout.write(`${statusLine(run)}\n`);
      return run.status === 'completed' || run.status === 'not_started' ? 0 : 1;
    } catch (err) {
      if (!(err instanceof NothingNewer)) throw err;
      // The dropped files were loaded: that is the run's work; the failed look is a note.
      bar.stop();
      process.stdout.write(dropLines(state.data.dropLoads.at(-1)!));
      process.stderr.write(`vinylvault: no newer month looked up: ${err.reason}\n`);
      return 0;
    } finally {
      bar.stop();
    }
  });
}
