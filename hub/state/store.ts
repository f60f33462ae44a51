import { chmod } from 'node:fs/promises';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { UserError } from '../errors.ts';
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

  override async write(data: T): Promise<void> {
    await super.write(data);
    await chmod(this.path, 0o600);
  }
}

/**
 * Opens `state.json` through lowdb. Its JSONFile adapter writes through steno (temp file +
 * rename), so a crash mid-write leaves either the old or the new file, never half of one.
 * A file that is not valid state stops the hub with its name and the field at fault rather
 * than being replaced by defaults, which would lose the owner's settings.
 */
export async function openState(file: string): Promise<StateStore> {
  const db = new Low<HubState>(new PrivateJSONFile<HubState>(file), hubStateSchema.parse({}));
  try {
    await db.read();
  } catch (err) {
    throw new StateError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = hubStateSchema.safeParse(settledBeforeTheWizard(db.data ?? {}));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StateError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  db.data = parsed.data;
  await db.write();
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
