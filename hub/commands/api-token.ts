import { parseArgs } from 'node:util';
import { withServices } from './context.ts';
import { UsageError } from './usage-error.ts';

export const apiTokenHelp =
  'api-token create|list|revoke NAME   tokens for other tools to read the catalog at /discogs';

/** `vinylvault api-token create NAME` prints a new token once; `list` and `revoke NAME` manage them. */
export async function apiTokenCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
  const [action, ...names] = positionals;
  const name = names.join(' ');
  if (action === 'list') {
    if (names.length > 0) throw new UsageError('api-token list: takes no name');
  } else if (action === 'create' || action === 'revoke') {
    if (!name) throw new UsageError(`api-token ${action}: give the token's NAME`);
  } else {
    throw new UsageError(
      `api-token: the action is create, list or revoke${action ? `, got ${JSON.stringify(action)}` : ''}`,
    );
  }
  return withServices(({ apiTokens, config }) => {
    if (action === 'create') {
      const created = apiTokens.create(name);
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(
        `API token "${created.name}" created. It is shown only now: give it to the tool as its Discogs token, with the hub's /discogs as the API's base URL.\n`,
      );
    } else if (action === 'revoke') {
      apiTokens.revoke(name);
      process.stdout.write(`API token "${name.trim()}" revoked.\n`);
    } else {
      const tokens = apiTokens.list();
      if (tokens.length === 0)
        process.stdout.write(
          `No API tokens in ${config.dataDir}; create one with "vinylvault api-token create NAME".\n`,
        );
      for (const t of tokens)
        process.stdout.write(
          `${t.name}\tcreated ${t.createdAt}\t${t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used'}\n`,
        );
    }
    return 0;
  });
}
