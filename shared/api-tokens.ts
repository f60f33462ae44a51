import { z } from 'zod';

/** An API token for the Discogs-compatible API as the hub lists it: never the token itself. */
export interface ApiTokenInfo {
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A token's name: what the admin calls the tool that uses it. */
export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'an API token needs a name')
  .max(64, 'an API token name has at most 64 characters')
  .regex(/^[\p{L}\p{N} ._-]+$/u, 'an API token name has letters, digits, spaces, . _ or - only');
