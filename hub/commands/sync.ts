import { parseArgs } from 'node:util';
import { withServices } from './context.ts';
import { ProgressBar } from './progress-bar.ts';

export const syncHelp =
  'sync               pull the Discogs collection, wantlist and value (--incremental: only what is new)';

/** `vinylvault sync`: runs to completion with a progress bar; Ctrl-C cancels at the next page. */
export async function syncCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { incremental: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  return withServices(async ({ collectionSync, collection, events, state }) => {
    const bar = new ProgressBar();
    events.on('progress', (p) => bar.update(p));
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const status = await collectionSync.run(
      values.incremental ? 'incremental' : 'full',
      stop.signal,
    );
    bar.stop();
    const counts = collection.counts();
    if (status.state !== 'completed') {
      process.stderr.write(`vinylvault: sync ${status.state}: ${status.lastError}\n`);
      return 1;
    }
    const e = status.enrichment;
    const docs = e
      ? `; release documents: ${e.fromCatalog} from the catalog, ${e.fetched} fetched${e.missing ? `, ${e.missing} gone from Discogs` : ''}`
      : '';
    const c = status.covers;
    const images =
      c && (c.fetched || c.failed)
        ? `; ${c.fetched} covers cached${c.failed ? `, ${c.failed} failed (tried again next sync)` : ''}`
        : '';
    process.stdout.write(
      `synced ${counts.instances} instances in ${counts.folders - 1} folders, ${counts.wants} wants${docs}${images}; ${status.requests} requests, ${status.tooMany} answered 429\n`,
    );
    const skipped = state.data.syncRuns.at(-1)?.skipped ?? 0;
    if (skipped > 0)
      process.stderr.write(
        `vinylvault: skipped ${skipped} item${skipped === 1 ? '' : 's'} Discogs sent malformed:\n${status.skipped.map((s) => `  ${s}\n`).join('')}`,
      );
    return 0;
  });
}
