import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DiscogsAccount } from '../discogs/account.ts';
import { CollectionSync } from '../discogs/collection-sync.ts';
import { CoverCache } from '../discogs/covers.ts';
import { enrichReleases } from '../discogs/enrichment.ts';
import { createLogger } from '../log.ts';
import { RateLimiter } from '../discogs/rate-limiter.ts';
import { TokenVault } from '../discogs/token-vault.ts';
import { CollectionStore } from '../db/collection-store.ts';
import { openState } from '../state/store.ts';
import { ChangeLog } from '../sync/change-log.ts';
import { userAgent } from '../user-agent.ts';
import { withCatalog } from './context.ts';
import { ProgressBar } from './progress-bar.ts';

export const syncHelp = 'sync               pull the Discogs collection, wantlist and value (--incremental: only what is new)';

/** `vinylvault sync`: runs to completion with a progress bar; Ctrl-C cancels at the next page. */
export async function syncCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { incremental: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
  return withCatalog(async ({ config, db }) => {
    const state = await openState(join(config.dataDir, 'state.json'));
    const account = new DiscogsAccount(state, new TokenVault(config.dataDir), { baseUrl: config.discogsApiUrl, userAgent, limiter: new RateLimiter() });
    const bar = new ProgressBar();
    const covers = new CoverCache(config.dataDir, account.client, createLogger('silent'));
    const sync = new CollectionSync(account, new CollectionStore(db, new ChangeLog(db)), state, (p) => bar.update(p), {
      enrich: (signal, tally) => enrichReleases(db, account.client, signal, tally),
      covers: (signal, tally) => covers.fetchMissing(db, signal, tally),
    });
    const stop = new AbortController();
    process.once('SIGINT', () => stop.abort());
    const status = await sync.run(values.incremental ? 'incremental' : 'full', stop.signal);
    bar.stop();
    const counts = new CollectionStore(db).counts();
    if (status.state !== 'completed') {
      process.stderr.write(`vinylvault: sync ${status.state}: ${status.lastError}\n`);
      return 1;
    }
    const e = status.enrichment;
    const docs = e ? `; release documents: ${e.fromCatalog} from the catalog, ${e.fetched} fetched${e.missing ? `, ${e.missing} gone from Discogs` : ''}` : '';
    const c = status.covers;
    const images = c && (c.fetched || c.failed) ? `; ${c.fetched} covers cached${c.failed ? `, ${c.failed} failed (tried again next sync)` : ''}` : '';
    process.stdout.write(`synced ${counts.instances} instances in ${counts.folders - 1} folders, ${counts.wants} wants${docs}${images}; ${status.requests} requests, ${status.tooMany} answered 429\n`);
    const skipped = state.data.syncRuns.at(-1)?.skipped ?? 0;
    if (skipped > 0) process.stderr.write(`vinylvault: skipped ${skipped} item${skipped === 1 ? '' : 's'} Discogs sent malformed:\n${status.skipped.map((s) => `  ${s}\n`).join('')}`);
    return 0;
  });
}
