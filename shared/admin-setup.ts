import { z } from 'zod';

/** `GET /api/admin/status`: whether the admin password is set, and whether this browser is signed in. */
export interface AdminStatus {
  setUp: boolean;
  signedIn: boolean;
}

/** `GET /api/admin/setup`: whether the first-run wizard is done. */
export interface SetupStatus {
  finishedAt: string | null;
}

/** `POST /api/admin/setup`: the first admin password, with the setup code the hub printed. */
export const setupRequestSchema = z.object({ password: z.string(), setupCode: z.string() });

/** `POST /api/admin/setup/finish`: the first runs the owner ticked. */
export const finishSetupSchema = z
  .object({ startDumps: z.boolean().default(false), startSync: z.boolean().default(false) })
  .strict();
export type FinishSetup = z.input<typeof finishSetupSchema>;
