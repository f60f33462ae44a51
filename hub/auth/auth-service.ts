import { randomInt, randomUUID } from 'node:crypto';
import { UserError } from '../errors.ts';
import type { Device } from '../state/schema.ts';
import type { StateStore } from '../state/store.ts';
import { hashPassword, newToken, tokenHash, verifyPassword } from './secrets.ts';

export class AuthError extends UserError {}

const SESSION_DAYS = 30;
const PAIRING_MINUTES = 10;
// Pairing codes are typed on a phone: no 0/O, 1/I/L.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type Caller = { kind: 'admin' } | { kind: 'device'; device: Device };

/**
 * Who may use the hub's API (design.md, Security): the admin, with a password set on the first
 * visit and an HttpOnly session cookie, and paired devices, each with its own bearer token.
 * Every secret is kept only as a hash.
 */
export class AuthService {
  #lastSeenWrite = 0;

  constructor(private readonly state: StateStore) {}

  get #auth() {
    return this.state.data.auth;
  }

  isSetUp(): boolean {
    return this.#auth.admin_password !== null;
  }

  /** First run only: sets the admin password and returns a session. */
  async setUp(password: string): Promise<string> {
    if (this.isSetUp()) throw new AuthError('the admin password is already set; log in instead');
    if (password.length < 8) throw new AuthError('the admin password needs at least 8 characters');
    this.#auth.admin_password = await hashPassword(password);
    return this.#newSession();
  }

  async logIn(password: string): Promise<string> {
    const stored = this.#auth.admin_password;
    if (!stored || !(await verifyPassword(password, stored))) throw new AuthError('wrong password');
    return this.#newSession();
  }

  async logOut(session: string): Promise<void> {
    const hash = tokenHash(session);
    this.#auth.sessions = this.#auth.sessions.filter((s) => s.hash !== hash);
    await this.state.write();
  }

  /** A one-time pairing code, valid for ten minutes, shown as text and as a QR code. */
  async newPairingCode(): Promise<{ code: string; expiresAt: string }> {
    const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
    const expiresAt = new Date(Date.now() + PAIRING_MINUTES * 60_000).toISOString();
    this.#auth.pairing_codes = [...this.#live(this.#auth.pairing_codes), { hash: tokenHash(normalizeCode(code)), expires_at: expiresAt }];
    await this.state.write();
    return { code, expiresAt };
  }

  /** Exchanges a pairing code (once) for a device token. */
  async pair(code: string, name: string): Promise<{ deviceId: string; token: string }> {
    const hash = tokenHash(normalizeCode(code));
    const live = this.#live(this.#auth.pairing_codes);
    if (!live.some((c) => c.hash === hash)) throw new AuthError('unknown or expired pairing code; create a new one on the hub');
    this.#auth.pairing_codes = live.filter((c) => c.hash !== hash);
    const token = newToken();
    const device: Device = { id: randomUUID(), name: name.trim() || 'device', token_hash: tokenHash(token), paired_at: new Date().toISOString(), last_seen_at: null, revoked_at: null };
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
          void this.state.write();
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

  async #newSession(): Promise<string> {
    const session = newToken();
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
    this.#auth.sessions = [...this.#live(this.#auth.sessions), { hash: tokenHash(session), expires_at: expiresAt }];
    await this.state.write();
    return session;
  }

  #live<T extends { expires_at: string }>(list: T[]): T[] {
    const now = new Date().toISOString();
    return list.filter((x) => x.expires_at > now);
  }
}

/** Codes are compared without case, dashes or spaces, as people type them. */
function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export const SESSION_MAX_AGE = SESSION_DAYS * 86_400;
