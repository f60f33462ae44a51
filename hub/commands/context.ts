import { join } from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { openCatalog, type Database } from '../db/open.ts';

export interface CatalogContext {
  config: Config;
  db: Database;
  dbPath: string;
}

/** What the catalog commands share: the validated config and the open catalog; closed by `run`. */
export async function withCatalog<T>(run: (ctx: CatalogContext) => Promise<T> | T): Promise<T> {
  const config = loadConfig();
  const dbPath = join(config.dataDir, 'catalog.sqlite');
  const db = openCatalog(dbPath);
  try {
    return await run({ config, db, dbPath });
  } finally {
    db.close();
  }
}
