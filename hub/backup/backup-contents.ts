import { z } from 'zod';

/**
 * What a backup holds beside user.sqlite: everything else in the data dir that cannot be
 * rebuilt. secret.key unseals the Discogs token in state.json; the CA in tls/ is what every
 * phone trusts, so a new card must keep it or every phone needs the trust step again.
 */
export const PLAIN_FILES = ['state.json', 'secret.key', 'tls/ca.crt', 'tls/ca.key'] as const;

export const MANIFEST = 'vinylvault-backup.json';

export const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  /** The VinylVault version that wrote it. */
  version: z.string(),
  /** Why it was taken: asked for, the nightly schedule, or before a migration. */
  reason: z.enum(['manual', 'nightly', 'upgrade', 'download']),
  withCatalog: z.boolean(),
  files: z.array(z.string()),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
