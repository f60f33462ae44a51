import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { seedSampleCollection } from '../demo/sample-collection.ts';
import { ingestFile } from '../dumps/ingest/ingest-file.ts';
import { inDependencyOrder } from '../dumps/parse/kinds.ts';
import { CollectionStore } from '../db/collection-store.ts';
import { UserError } from '../errors.ts';
import { createLogger, logDestination } from '../log.ts';
import { RecentProblems } from '../jobs/recent-problems.ts';
import { startHub } from '../main.ts';
import { ChangeLog } from '../device-sync/change-log.ts';
import { withCatalog } from './context.ts';
import { ProgressBar } from './progress-bar.ts';
import { printAddresses, untilStopped } from './serve.ts';

export const demoHelp =
  'demo               seed an empty hub with the bundled sample dump and a sample collection, then serve it';

const bundled = fileURLToPath(new URL('../../demo/dumps/', import.meta.url));

/**
 * `vinylvault demo`: the real app with real records and no Discogs account or network. On an
 * empty data dir it ingests the bundled 2020 sample and seeds a collection from it; on one that
 * already has a collection it changes nothing. Then it serves, with a pairing code to open.
 */
export async function demoCommand(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true, allowPositionals: false });
  // The point of the demo is the app: without its build the browser would get "Not found".
  const web = loadConfig().webDir;
  if (!existsSync(join(web, 'index.html')))
    throw new UserError(`the app is not built in ${web}: run "npm run build" first`);
  await withCatalog(async ({ config, db, dbPath }) => {
    if (new CollectionStore(db).counts().instances > 0) {
      process.stdout.write(`${config.dataDir} already holds a collection: serving it as it is.\n`);
      return;
    }
    const bar = new ProgressBar();
    try {
      for (const file of inDependencyOrder(
        readdirSync(bundled)
          .filter((f) => f.endsWith('.xml.gz'))
          .map((f) => bundled + f),
      )) {
        await ingestFile(file, { db, dbPath, onProgress: (p) => bar.update(p) });
        bar.stop();
      }
    } finally {
      bar.stop();
    }
    const seeded = seedSampleCollection(db, new ChangeLog(db));
    process.stdout.write(
      `Demo hub in ${config.dataDir}: the 2020 sample catalog, ${seeded.instances} records in the collection, ${seeded.wants} wanted, ${seeded.plays} plays.\n`,
    );
  });
  const config = loadConfig();
  const problems = new RecentProblems();
  const log = createLogger(config.logLevel, logDestination(), problems);
  const hub = await startHub(config, log, problems, printAddresses);
  const { code, url } = await hub.newPairingCode();
  process.stdout.write(
    `Open ${url} in a browser (on a phone on the same network, it first shows how to trust the hub) and press Pair: code ${code}, valid for 10 minutes.\n` +
      (hub.addresses.setupCode
        ? `The admin page: ${hub.addresses.admin} (setup code ${hub.addresses.setupCode}).\n`
        : '') +
      'Ctrl-C stops the hub.\n\n',
  );
  await untilStopped(hub, log);
  return 0;
}
