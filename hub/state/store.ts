import { existsSync } from 'node:fs';
import { chmod, copyFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { UserError } from '../errors.ts';
import { isDiskFull } from '../storage/disk-watch.ts';
import { hubStateSchema, type HubState } from './schema.ts';

export class StateError extends UserError {}

export type StateStore = Low<HubState>;

/**
 * state.json holds the admin password's hash and the sealed Discogs token: readable by the hub's
 * user only. lowdb's writer (steno) writes a temp file and renames it, with the default mode;
 * each write is followed by a chmod, and the data dir is made 0700 (config.ts), so no other
 * user of the Pi can read it even in between.
 */
class PrivateJSONFile<T> extends JSONFile<T> {
  constructor(private readonly path: string) {
    super(path);
  }

  /** The file before this write: the previous good version, named when state.json is found damaged. */
  override async write(data: T): Promise<void> {
    if (existsSync(this.path)) await copyFile(this.path, `${this.path}.bak`);
    await super.write(data);
    await chmod(this.path, 0o600);
    await chmod(`${this.path}.bak`, 0o600).catch(() => undefined);
  }
}

/** Every file this hub writes has these; one without them was damaged, not written by an older hub. */
const SECTIONS = ['version', 'settings', 'auth'] as const;

/**
 * Opens `state.json` through lowdb. Its JSONFile adapter writes through steno (temp file +
 * rename), so a crash mid-write leaves either the old or the new file, never half of one.
 * A file that is not valid state (not JSON, `{}`, `null`, a section missing, a field wrong)
 * stops the hub with one line naming it and the previous good version, and is left as it is:
 * filled in with defaults it would lose the devices, the password, the settings and the
 * Discogs account.
 */
export async function openState(file: string): Promise<StateStore> {
  const existed = existsSync(file);
  const db = new Low<HubState>(new PrivateJSONFile<HubState>(file), hubStateSchema.parse({}));
  const damaged = (what: string) => {
    const bak = `${file}.bak`;
    const previous = existsSync(bak)
      ? `the previous good version is ${bak}: check it and copy it over ${file}`
      : `there is no previous version (${bak}) to go back to`;
    return new StateError(
      `${file}: ${what}; the hub stops rather than start without its devices, password and settings: ${previous}`,
    );
  };
  let raw: unknown;
  try {
    raw = await db.adapter.read();
  } catch (err) {
    throw damaged(`not valid JSON (${(err as Error).message})`);
  }
  if (existed) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw damaged(`holds ${JSON.stringify(raw)?.slice(0, 20)}, not the hub's state`);
    const missing = SECTIONS.filter((s) => !(s in raw));
    if (missing.length > 0)
      throw damaged(
        `no ${missing.length > 1 ? `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)}` : missing[0]} section`,
      );
  }
  const parsed = hubStateSchema.safeParse(settledBeforeTheWizard(raw ?? {}));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw damaged(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  db.data = parsed.data;
  // steno's temp file, left behind by a write the disk had no room for.
  await rm(join(dirname(file), `.${basename(file)}.tmp`), { force: true });
  if (JSON.stringify(raw) === JSON.stringify(parsed.data)) return db;
  try {
    await db.write();
  } catch (err) {
    // On a full disk the hub still starts (and serves reads); the next write saves the defaults.
    if (!isDiskFull(err)) throw err;
  }
  return db;
}

/**
 * A hub whose admin password was set before the first-run wizard existed has no `setup`
 * section; its owner has set it up already, so the wizard is not shown to them again.
 */
function settledBeforeTheWizard(raw: unknown): unknown {
  const file = raw as { setup?: unknown; auth?: { admin_password?: unknown } };
  if (file.setup !== undefined || !file.auth?.admin_password) return raw;
  return { ...file, setup: { finishedAt: new Date().toISOString() } };
}
