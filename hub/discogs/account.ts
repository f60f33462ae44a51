import type { z } from 'zod';
import type { DiscogsConnection } from '../../shared/account-sync.ts';
import { apiIdentitySchema } from '../../shared/discogs-api.ts';
import type { StateStore } from '../state/store.ts';
import {
  DiscogsAuthError,
  DiscogsClient,
  DiscogsUnreachable,
  type ClientOptions,
} from './client.ts';
import { readResponse } from './response.ts';
import type { TokenVault } from './token-vault.ts';

export type Identity = z.output<typeof apiIdentitySchema>;

/**
 * The Discogs account the hub acts for: its token, sealed at rest, and one client over the
 * hub's shared rate limiter. The token is only ever read here, to build the Authorization header.
 */
export type AccountOptions = Omit<ClientOptions, 'token'>;

export class DiscogsAccount {
  readonly client: DiscogsClient;

  constructor(
    private readonly state: StateStore,
    private readonly vault: TokenVault,
    private readonly options: AccountOptions,
  ) {
    this.client = new DiscogsClient({ ...options, token: () => this.#token() });
  }

  get username(): string | undefined {
    return this.state.data.settings.discogs?.username;
  }

  /** Checks the token with Discogs (`/oauth/identity`) and keeps it only if Discogs accepts it. */
  async login(token: string): Promise<Identity> {
    // Same limiter as every other call; the new token is used only once Discogs accepts it.
    // One attempt: the owner waits at the form, and retrying an unreachable Discogs five
    // times kept them there about 10 s for the same answer.
    const probe = new DiscogsClient({ ...this.options, token: () => token, attempts: 1 });
    let identity: Identity;
    try {
      identity = readResponse(
        'GET /oauth/identity',
        apiIdentitySchema,
        await probe.get<unknown>('/oauth/identity', {}, 'user'),
      );
    } catch (err) {
      // The client's "log in again" is for a stored token gone bad; this one is being typed in.
      if (err instanceof DiscogsAuthError)
        throw new DiscogsAuthError(
          401,
          'Discogs refused this token: check that it was copied whole, or generate a new one (discogs.com → Settings → Developers)',
        );
      if (err instanceof DiscogsUnreachable)
        throw new DiscogsUnreachable(
          `Discogs could not be reached to check the token: ${err.reason}. Check that the hub is connected to the internet, then try again.`,
        );
      throw err;
    }
    this.state.data.settings.discogs = {
      username: identity.username,
      token: this.vault.seal(token),
      verifiedAt: new Date().toISOString(),
    };
    await this.state.write();
    return identity;
  }

  /** Whether Discogs can be reached with the stored token, for `GET /api/discogs/connection`. */
  async connection(): Promise<DiscogsConnection> {
    if (!this.state.data.settings.discogs) return { state: 'not_logged_in' };
    try {
      const identity = readResponse(
        'GET /oauth/identity',
        apiIdentitySchema,
        await this.client.get<unknown>('/oauth/identity', {}, 'user'),
      );
      return { state: 'online', username: identity.username };
    } catch (err) {
      if (err instanceof DiscogsAuthError) return { state: 'token_refused', reason: err.message };
      if (err instanceof DiscogsUnreachable) return { state: 'offline', reason: err.message };
      throw err;
    }
  }

  #token(): string | undefined {
    const sealed = this.state.data.settings.discogs?.token;
    return sealed ? this.vault.open(sealed) : undefined;
  }
}
