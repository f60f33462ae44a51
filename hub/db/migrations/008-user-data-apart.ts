import type { Migration } from '../migrate.ts';
import { USER_TABLES } from '../user-migrations/001-user-tables.ts';

// The user's data (collection, plays, change log, write-back queue…) lives in user.sqlite from
// here on, so a backup copies megabytes instead of the catalog's gigabytes. openHubDatabase has
// already copied these tables into user.sqlite, in a transaction that committed before this
// one runs; a file created new also passes through versions 3–7 and drops them empty here.
export const userDataApart: Migration = {
  version: 8,
  name: 'user data moves to user.sqlite',
  up: USER_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n'),
};
