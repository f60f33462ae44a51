import type { Migration } from '../migrate.ts';
import { userTables } from './001-user-tables.ts';
import { addedInstances } from './002-added-instances.ts';
import { apiTokens } from './003-api-tokens.ts';

/** user.sqlite's own migrations, in version order; numbered apart from the catalog's. */
export const userMigrations: readonly Migration[] = [userTables, addedInstances, apiTokens];
