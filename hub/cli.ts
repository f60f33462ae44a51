import { dumpsCommand, dumpsHelp } from './commands/dumps.ts';
import { getCommand, getHelp } from './commands/get.ts';
import { ingestCommand, ingestHelp } from './commands/ingest.ts';
import { loginCommand, loginHelp } from './commands/login.ts';
import { syncCommand, syncHelp } from './commands/sync.ts';
import { exportCommand, exportHelp } from './commands/export.ts';
import { importPlaysCommand, importPlaysHelp } from './commands/import-plays.ts';
import { searchCommand, searchHelp } from './commands/search.ts';
import { serveCommand, serveHelp } from './commands/serve.ts';
import { demoCommand, demoHelp } from './commands/demo.ts';
import { serviceCommand, serviceHelp } from './commands/service.ts';
import { backupCommand, backupHelp } from './commands/backup.ts';
import { restoreCommand, restoreHelp } from './commands/restore.ts';
import { apiTokenCommand, apiTokenHelp } from './commands/api-token.ts';
import { UsageError } from './commands/usage-error.ts';
import { UserError } from './errors.ts';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: serveCommand,
  ingest: ingestCommand,
  get: getCommand,
  search: searchCommand,
  dumps: dumpsCommand,
  login: loginCommand,
  sync: syncCommand,
  export: exportCommand,
  'import-plays': importPlaysCommand,
  demo: demoCommand,
  service: serviceCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'api-token': apiTokenCommand,
};

const usage = `Usage: vinylvault <command> [options]

Commands:
  ${serveHelp}
  ${ingestHelp}
  ${getHelp}
  ${searchHelp}
  ${dumpsHelp}
  ${loginHelp}
  ${syncHelp}
  ${exportHelp}
  ${importPlaysHelp}
  ${demoHelp}
  ${serviceHelp}
  ${backupHelp}
  ${restoreHelp}
  ${apiTokenHelp}

Options:
  -h, --help         show this help

Environment:
  VINYLVAULT_DATA_DIR   where the catalog and hub state live (default ./data)
  VINYLVAULT_PORT       HTTP port (default 8080)
  VINYLVAULT_HTTPS_PORT HTTPS port (default 8443), with the hub's own certificate authority
  VINYLVAULT_TLS_HOSTNAMES   extra names for the hub's certificate, comma-separated
  VINYLVAULT_TLS_CERT, VINYLVAULT_TLS_KEY   your own certificate and key (PEM) instead
  VINYLVAULT_TRUST_PROXY     1 behind a reverse proxy: honour X-Forwarded-Proto and -Host
  DISCOGS_API_URL, DISCOGS_DUMPS_URL   Discogs endpoints (tests point them at fakes)
`;

// parseArgs reports unknown options and stray arguments with these codes.
const parseArgsCodes = new Set([
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
]);

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
    if (parseArgsCodes.has((err as NodeJS.ErrnoException).code ?? ''))
      throw new UsageError((err as Error).message);
    throw err;
  }
}

/**
 * Exits once stdout has taken everything written to it: to a pipe, Node writes
 * asynchronously, and exiting at once cut `export` off at 128 KB (`vinylvault export | jq`).
 */
const exitAfterOutput = (code: number) => process.stdout.write('', () => process.exit(code));

main(process.argv.slice(2)).then(exitAfterOutput, (err: Error) => {
  if (err instanceof UsageError) {
    process.stderr.write(`vinylvault: ${err.message}\n\n${usage}`);
    process.exit(2);
  }
  process.stderr.write(
    `vinylvault: ${err instanceof UserError ? err.message : (err.stack ?? err.message)}\n`,
  );
  process.exit(1);
});
