import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { startHub } from '../main.ts';

export const serveHelp = 'serve              start the hub (HTTP API and the PWA) on VINYLVAULT_PORT (default 8080)';

/** `vinylvault serve`: runs until SIGINT or SIGTERM, then closes the stores and exits 0. */
export async function serveCommand(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true, allowPositionals: false });
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const hub = await startHub(config, log);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping');
      void hub.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
