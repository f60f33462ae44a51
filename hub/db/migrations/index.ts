import type { Migration } from '../migrate.ts';
import { catalog } from './001-catalog.ts';
import { searchAndRuns } from './002-search-and-runs.ts';
import { collection } from './003-collection.ts';
import { writeback } from './004-writeback.ts';
import { changeLog } from './005-change-log.ts';
import { pushAndPlays } from './006-push-and-plays.ts';
import { wantsWithoutDate } from './007-wants-without-date.ts';
import { userDataApart } from './008-user-data-apart.ts';
import { releaseYear } from './009-release-year.ts';

/** In version order. A released migration is never edited: add the next number instead. */
export const migrations: readonly Migration[] = [
  catalog,
  searchAndRuns,
  collection,
  writeback,
  changeLog,
  pushAndPlays,
  wantsWithoutDate,
  userDataApart,
  releaseYear,
];
