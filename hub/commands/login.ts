import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DiscogsAccount } from '../discogs/account.ts';
import { RateLimiter } from '../discogs/rate-limiter.ts';
import { TokenVault } from '../discogs/token-vault.ts';
import { loadConfig } from '../config.ts';
import { openState } from '../state/store.ts';
import { userAgent } from '../user-agent.ts';
import { UsageError } from './usage-error.ts';

export const loginHelp = 'login --token T    check a Discogs personal access token and keep it, encrypted';

/** `vinylvault login --token T`: the token is checked with Discogs before it is stored. */
export async function loginCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { token: { type: 'string' } }, strict: true, allowPositionals: false });
  const token = values.token?.trim();
  if (!token) throw new UsageError('login: give the personal access token from discogs.com/settings/developers with --token');
  const config = loadConfig();
  const state = await openState(join(config.dataDir, 'state.json'));
  const account = new DiscogsAccount(state, new TokenVault(config.dataDir), { baseUrl: config.discogsApiUrl, userAgent, limiter: new RateLimiter() });
  const identity = await account.login(token);
  process.stdout.write(`Logged in to Discogs as ${identity.username}; the token is stored encrypted in ${config.dataDir}.\n`);
  return 0;
}
