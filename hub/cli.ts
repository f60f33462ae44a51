import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { UserError } from './errors.ts';
import { createLogger } from './log.ts';
import { startHub } from './main.ts';

const usage = `Usage: vinylvault <command> [options]

Commands:
  serve            start the hub (HTTP API and the PWA) on VINYLVAULT_PORT (default 8080)

Options:
  -h, --help       show this help

Environment:
  VINYLVAULT_DATA_DIR   where the catalog and hub state live (default ./data)
  VINYLVAULT_PORT       HTTP port (default 8080)
  DISCOGS_API_URL, DISCOGS_DUMPS_URL   Discogs endpoints (tests point them at fakes)
`;

/** A mistake in how the command was called: usage on stderr, exit 2. */
class UsageError extends UserError {}

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  serve: async (args) => {
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
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command: ${name}`);
  try {
    return await command(rest);
  } catch (err) {
    // parseArgs reports unknown options and stray arguments with these codes.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError((err as Error).message);
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    if (err instanceof UsageError) {
      process.stderr.write(`vinylvault: ${err.message}\n\n${usage}`);
      process.exit(2);
    }
    process.stderr.write(`vinylvault: ${err instanceof UserError ? err.message : err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
