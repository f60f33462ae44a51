import { apiTokenNameSchema, type ApiTokenInfo } from '../../shared/api-tokens.ts';
import type { ApiTokenTable } from '../db/api-token-table.ts';
import { ConflictError, NotFoundError, UserError } from '../errors.ts';
import { newToken, tokenHash } from './secrets.ts';

/**
 * Tokens for the Discogs-compatible API: a collector's other tools (beets, taggers, scripts)
 * send one as Discogs clients send theirs. Each reaches /discogs and nothing else; only its
 * hash is kept, and it is shown once, when created.
 */
export class ApiTokens {
  /** When each token's use was last written: once a minute is enough for "last used". */
  readonly #written = new Map<string, number>();

  constructor(private readonly table: ApiTokenTable) {}

  create(name: string): { name: string; token: string } {
    const parsed = apiTokenNameSchema.safeParse(name);
    if (!parsed.success) throw new UserError(parsed.error.issues[0]!.message);
    const token = newToken();
    if (!this.table.add(parsed.data, tokenHash(token), new Date().toISOString()))
      throw new ConflictError(
        `an API token named "${parsed.data}" exists already; revoke it first, or choose another name`,
      );
    return { name: parsed.data, token };
  }

  list(): ApiTokenInfo[] {
    return this.table.list();
  }

  revoke(name: string): void {
    if (!this.table.remove(name.trim()))
      throw new NotFoundError(`no API token is named "${name.trim()}"`);
  }

  /** The name of the token sent, when it is one of these. */
  identify(token: string): string | undefined {
    const name = this.table.nameOf(tokenHash(token));
    if (name !== undefined && Date.now() - (this.#written.get(name) ?? 0) > 60_000) {
      this.#written.set(name, Date.now());
      try {
        this.table.used(name, new Date().toISOString());
      } catch {
        // A read must not fail because "last used" could not be written (a full disk).
      }
    }
    return name;
  }
}
