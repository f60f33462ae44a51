import { randomUUID } from 'node:crypto';
import { ConflictError, UserError } from '../errors.ts';
import type { AdminSession } from '../../shared/admin-sessions.ts';
import type { Device } from '../state/schema.ts';
import type { StateStore } from '../state/store.ts';
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets.ts';
import { newCode, normalizeCode, type SetupCode } from './setup-code.ts';

/** Said to a device whose pairing code the hub does not know: the person's next step. */
export const PAIRING_CODE_REFUSED =
  "This pairing code was already used or has expired (a code works once, for ten minutes). Get a new one on the hub's admin page: Devices, then Pair a device.";

/** Wrong credentials: a password, a setup or pairing code (401, and counted against the address). */
export class AuthError extends UserError {}
/** A request the caller may make, but not with this value (400). */
export class AuthInputError extends UserError {}
/** The hub is set up already, or another setup is under way (409). */
export class AlreadySetUpError extends ConflictError {}

const SESSION_DAYS = 30;
const PAIRING_MINUTES = 10;
const MIN_PASSWORD = 8;

export type Caller = { kind: 'admin' } | { kind: 'device'; device: Device };

/**
 * Who may use the hub's API (design.md, Security): the admin, with a password set on the first
 * visit and an HttpOnly session cookie, and paired devices, each with its own bearer token.
 * Every secret is kept only as a hash.
 */
export class AuthService {
  #lastSeenWrite = 0;
  /** Set, synchronously, by the one setup that goes ahead: the others get 409 even while it hashes. */
  #claimed = false;

  constructor(
    private readonly state: StateStore,
    readonly setupCode: SetupCode,
  ) {}

  get #auth() {
    return this.state.data.auth;
  }

  isSetUp(): boolean {
    return this.#auth.admin_password !== null;
  }

  /** Not set up, and no setup under way. */
  canSetUp(): boolean {
    return !this.isSetUp() && !this.#claimed;
  }

  /**
   * First run only: sets the admin password, given the setup code, and returns a session.
   * Exactly one of any number of concurrent calls goes ahead: the claim is taken before the
   * first await, so no two can both find the hub unclaimed.
   */
  async setUp(password: string, setupCode: string, userAgent: string | null): Promise<string> {
    if (!this.canSetUp())
      throw new AlreadySetUpError('the admin password is already set; sign in instead');
    if (password.length < MIN_PASSWORD)
      throw new AuthInputError(`the admin password needs at least ${MIN_PASSWORD} characters`);
    if (!this.setupCode.matches(setupCode)) {
      throw new AuthError(
        `wrong setup code: it is printed where the hub was started, and kept in ${this.setupCode.file} until used`,
      );
    }
    this.#claimed = true;
    try {
      this.#auth.admin_password = await hashPassword(password);
      const session = await this.#newSession(userAgent);
      this.setupCode.consume();
      return session;
    } catch (err) {
      this.#auth.admin_password = null;
      this.#claimed = false;
      throw err;
    }
  }

  async logIn(password: string, userAgent: string | null): Promise<string> {
    await this.#checkPassword(password);
    return this.#newSession(userAgent);
  }

  /** A new admin password; every session but `keep` (the one asking) ends. */
  async changePassword(current: string, next: string, keep: string): Promise<void> {
    if (next.length < MIN_PASSWORD)
      throw new AuthInputError(`the new password needs at least ${MIN_PASSWORD} characters`);
    await this.#checkPassword(current, 'the current password is wrong');
    this.#auth.admin_password = await hashPassword(next);
    const kept = tokenHash(keep);
    this.#auth.sessions = this.#auth.sessions.filter((s) => s.hash === kept);
    await this.state.write();
  }

  /** The admin's live sessions, the asking one marked, newest first; no secrets. */
  sessions(current: string | undefined): AdminSession[] {
    const mine = current ? tokenHash(current) : '';
    return this.#live(this.#auth.sessions)
      .map((s) => ({
        id: s.id,
        createdAt: s.created_at,
        expiresAt: s.expires_at,
        userAgent: s.user_agent,
        current: s.hash === mine,
      }))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  }

  async endSession(id: string): Promise<boolean> {
    const before = this.#auth.sessions.length;
    this.#auth.sessions = this.#auth.sessions.filter((s) => s.id !== id);
    if (this.#auth.sessions.length === before) return false;
    await this.state.write();
    return true;
  }

  async logOut(session: string): Promise<void> {
    const hash = tokenHash(session);
    this.#auth.sessions = this.#auth.sessions.filter((s) => s.hash !== hash);
    await this.state.write();
  }

  /** A one-time pairing code, valid for ten minutes, shown as text and as a QR code. */
  async newPairingCode(): Promise<{ code: string; expiresAt: string }> {
    const code = newCode();
    const expiresAt = new Date(Date.now() + PAIRING_MINUTES * 60_000).toISOString();
    this.#auth.pairing_codes = [
      ...this.#live(this.#auth.pairing_codes),
      { hash: tokenHash(normalizeCode(code)), expires_at: expiresAt },
    ];
    await this.state.write();
    return { code, expiresAt };
  }

  /** Exchanges a pairing code (once) for a device token. */
  async pair(code: string, name: string): Promise<{ deviceId: string; token: string }> {
    const hash = tokenHash(normalizeCode(code));
    const live = this.#live(this.#auth.pairing_codes);
    if (!live.some((c) => c.hash === hash)) throw new AuthError(PAIRING_CODE_REFUSED);
    this.#auth.pairing_codes = live.filter((c) => c.hash !== hash);
    const token = newToken();
    const device: Device = {
      id: randomUUID(),
      name: name.trim() || 'device',
      token_hash: tokenHash(token),
      paired_at: new Date().toISOString(),
      last_seen_at: null,
      revoked_at: null,
    };
    this.#auth.devices.push(device);
    await this.state.write();
    return { deviceId: device.id, token };
  }

  devices(): Array<Omit<Device, 'token_hash'>> {
    return this.#auth.devices.map(({ token_hash: _hash, ...d }) => d);
  }

  async revoke(id: string): Promise<boolean> {
    const device = this.#auth.devices.find((d) => d.id === id && !d.revoked_at);
    if (!device) return false;
    device.revoked_at = new Date().toISOString();
    await this.state.write();
    return true;
  }

  /** The caller a request's credentials name, if valid: a device token, or an admin session. */
  identify(bearer: string | undefined, session: string | undefined): Caller | undefined {
    if (bearer) {
      const hash = tokenHash(bearer);
      const device = this.#auth.devices.find((d) => d.token_hash === hash && !d.revoked_at);
      if (device) {
        device.last_seen_at = new Date().toISOString();
        // "Last seen" is worth a write a minute, not one per request.
        if (Date.now() - this.#lastSeenWrite > 60_000) {
          this.#lastSeenWrite = Date.now();
          // Nothing waits on this write: a failed one (a full disk) must not become an
          // unhandled rejection, which ends the process. The time stays in memory and goes
          // out with the next write that succeeds.
          this.state.write().catch(() => undefined);
        }
        return { kind: 'device', device };
      }
    }
    if (session) {
      const hash = tokenHash(session);
      if (this.#live(this.#auth.sessions).some((s) => s.hash === hash)) return { kind: 'admin' };
    }
    return undefined;
  }

  async #checkPassword(password: string, wrong = 'wrong password'): Promise<void> {
    const stored = this.#auth.admin_password;
    if (!stored || !(await verifyPassword(password, stored))) throw new AuthError(wrong);
  }

  async #newSession(userAgent: string | null): Promise<string> {
    const session = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
    const entry = {
      id: randomUUID(),
      hash: tokenHash(session),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 200) ?? null,
    };
    this.#auth.sessions = [...this.#live(this.#auth.sessions), entry];
    await this.state.write();
    return session;
  }

  #live<T extends { expires_at: string }>(list: T[]): T[] {
    const now = new Date().toISOString();
    return list.filter((x) => x.expires_at > now);
  }
}

export const SESSION_MAX_AGE = SESSION_DAYS * 86_400;
