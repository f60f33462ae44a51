import { join } from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { openHubDatabase, type Database } from '../db/open.ts';
import { createLogger } from '../log.ts';
import { buildServices, type HubServices } from '../services.ts';

export interface CatalogContext {
  config: Config;
  db: Database;
  dbPath: string;
}

/** What the catalog commands share: the validated config and the open catalog; closed by `run`. */
export async function withCatalog<T>(run: (ctx: CatalogContext) => Promise<T> | T): Promise<T> {
  const config = loadConfig();
  const dbPath = join(config.dataDir, 'catalog.sqlite');
  const db = openHubDatabase(dbPath);
  try {
    return await run({ config, db, dbPath });
  } finally {
    db.close();
  }
}

/**
 * What the commands that act like the hub share (login, sync, dumps): the hub's own services
 * from the composition root, with a silent log (the command prints what matters); closed by `run`.
 */
export async function withServices<T>(run: (services: HubServices) => Promise<T> | T): Promise<T> {
  const services = await buildServices(loadConfig(), createLogger('silent'));
  try {
    return await run(services);
  } finally {
    await services.close();
  }
}
