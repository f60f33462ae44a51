import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { SqliteCatalogStore } from './db/catalog-reader.ts';
import { openCatalog } from './db/open.ts';
import { createApp } from './http/app.ts';
import type { Logger } from './log.ts';
import { openState } from './state/store.ts';
import { version } from './version.ts';

export interface RunningHub {
  port: number;
  close(): Promise<void>;
}

/** Wiring only: config → stores → services → HTTP. */
export async function startHub(config: Config, log: Logger): Promise<RunningHub> {
  const catalog = openCatalog(join(config.dataDir, 'catalog.sqlite'));
  const state = await openState(join(config.dataDir, 'state.json'));
  const app = createApp({ log, version, webDir: config.webDir, catalog: new SqliteCatalogStore(catalog) });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      catalog.close();
      reject(new Error(err.code === 'EADDRINUSE' ? `VINYLVAULT_PORT: port ${config.port} is already in use` : err.message));
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, dataDir: config.dataDir, version }, `VinylVault hub listening on http://localhost:${port}`);

  return {
    port,
    async close() {
      // Open SSE streams would keep close() waiting for ever; they reconnect on their own.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await state.write();
      catalog.close();
      log.info('hub stopped');
    },
  };
}
