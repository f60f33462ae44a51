import { parseArgs } from 'node:util';
import { withServices } from './context.ts';
import { UsageError } from './usage-error.ts';

export const loginHelp =
  'login --token T    check a Discogs personal access token and keep it, encrypted';

/** `vinylvault login --token T`: the token is checked with Discogs before it is stored. */
export async function loginCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { token: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const token = values.token?.trim();
  if (!token)
    throw new UsageError(
      'login: give the personal access token from discogs.com/settings/developers with --token',
    );
  return withServices(async ({ config, discogs }) => {
    const identity = await discogs.login(token);
    process.stdout.write(
      `Logged in to Discogs as ${identity.username}; the token is stored encrypted in ${config.dataDir}.\n`,
    );
    return 0;
  });
}
