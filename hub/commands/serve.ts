import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createLogger, logDestination, type Logger } from '../log.ts';
import { RecentProblems } from '../jobs/recent-problems.ts';
import { describeAddresses } from '../hub-addresses.ts';
import { startHub, type RunningHub } from '../main.ts';

export const serveHelp =
  'serve              start the hub (the API, the app and the admin page) on VINYLVAULT_PORT (8080) and VINYLVAULT_HTTPS_PORT (8443)';

/** Prints where to go, before the hub's first log line. */
export const printAddresses = (addresses: Parameters<typeof describeAddresses>[0]) =>
  process.stdout.write(describeAddresses(addresses));

/** `vinylvault serve`: runs until SIGINT or SIGTERM, then closes the stores and exits 0. */
export async function serveCommand(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true, allowPositionals: false });
  const config = loadConfig();
  const problems = new RecentProblems();
  const log = createLogger(config.logLevel, logDestination(), problems);
  await untilStopped(await startHub(config, log, problems, printAddresses), log);
  return 0;
}

/** Keeps a started hub running until SIGINT or SIGTERM, then closes it. */
export async function untilStopped(hub: RunningHub, log: Logger): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping');
      void hub.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
