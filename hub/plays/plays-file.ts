import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { artistLine } from '../../shared/catalog.ts';
import type { BasicInformation, Instance } from '../../shared/collection.ts';
import type { Play } from '../../shared/mutations.ts';
import { foldCode } from '../../shared/search-text.ts';
import type { CollectionStore } from '../db/collection-store.ts';
import type { Database } from '../db/open.ts';
import type { PlayStore } from '../db/play-store.ts';
import { InvalidInputError } from '../errors.ts';

/** The device name imported plays carry: where they came from, in the Plays export too. */
export const IMPORTED_DEVICE = 'import';

/** One row per play, oldest first: the history that exists only on this hub. */
export function playRows(collection: CollectionStore, plays: PlayStore) {
  const instances = new Map(collection.instances().map((i) => [i.instance_id, i]));
  return plays.all().map((p) => {
    const b = (instances.get(p.instance_id)?.basic ?? {}) as BasicInformation;
    return {
      played_at: p.played_at,
      instance_id: p.instance_id,
      release_id: p.release_id,
      artist: artistLine(b.artists) ?? '',
      title: b.title ?? '',
      catno: b.labels?.[0]?.catno ?? '',
      device: p.device_name,
    };
  });
}

const dateSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const idSchema = z.coerce.number().int().positive();

/**
 * Rows of a plays file: the JSON or CSV the Plays export writes, or a CSV of the collector's
 * own with a date (`played_at` or `date`) and the record by `instance_id`, `release_id` or
 * `catno`.
 */
export function readPlaysFile(text: string, file: string): Array<Record<string, unknown>> {
  try {
    if (text.trimStart().startsWith('['))
      return z.array(z.record(z.string(), z.unknown())).parse(JSON.parse(text));
    return parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    });
  } catch (err) {
    throw new InvalidInputError(
      `${file}: not a plays file (JSON array or CSV with a header): ${(err as Error).message}`,
    );
  }
}

/**
 * Adds the plays of `rows` to the collection's records, all or none: any row that names no
 * record here or no date stops the import, each named by its row. A play already logged
 * (same record, same time) is skipped, so importing an export again adds nothing.
 */
export function importPlays(
  rows: Array<Record<string, unknown>>,
  file: string,
  collection: CollectionStore,
  plays: PlayStore,
): { added: number; skipped: number } {
  const instances = collection.instances().sort((a, b) => a.instance_id - b.instance_id);
  const byId = new Map(instances.map((i) => [i.instance_id, i]));
  const byRelease = new Map<number, Instance>();
  const byCatno = new Map<string, Instance>();
  for (const i of instances.toReversed()) {
    byRelease.set(i.release_id, i);
    for (const l of (i.basic as BasicInformation).labels ?? []) {
      const code = foldCode(l.catno ?? '');
      if (code) byCatno.set(code, i);
    }
  }
  const problems: string[] = [];
  const found: Array<{ instance: Instance; playedAt: string }> = [];
  rows.forEach((row, n) => {
    const where = `${file} row ${n + 1}`;
    const date = dateSchema.safeParse(row.played_at ?? row.date);
    if (!date.success) {
      problems.push(
        `${where}: "${String(row.played_at ?? row.date ?? '')}" is not a date (YYYY-MM-DD, or a time with its offset)`,
      );
      return;
    }
    const instanceId = idSchema.safeParse(row.instance_id);
    const releaseId = idSchema.safeParse(row.release_id);
    const catno = typeof row.catno === 'string' ? foldCode(row.catno) : '';
    const instance =
      (instanceId.success && byId.get(instanceId.data)) ||
      (releaseId.success && byRelease.get(releaseId.data)) ||
      (catno && byCatno.get(catno)) ||
      undefined;
    if (!instance) {
      problems.push(`${where}: no record in the collection has ${describe(row)}`);
      return;
    }
    found.push({ instance, playedAt: date.data });
  });
  if (problems.length) throw new InvalidInputError(`nothing imported:\n${problems.join('\n')}`);
  let added = 0;
  for (const { instance, playedAt } of found) {
    if (plays.has(instance.instance_id, playedAt)) continue;
    const play: Play = {
      id: randomUUID(),
      instance_id: instance.instance_id,
      release_id: instance.release_id,
      played_at: playedAt,
      device_id: IMPORTED_DEVICE,
      device_name: IMPORTED_DEVICE,
    };
    plays.add(play);
    added++;
  }
  return { added, skipped: found.length - added };
}

/** A plays file's text read and imported in one transaction: all its plays, or none. */
export function importPlaysFile(
  text: string,
  file: string,
  hub: { db: Database; collection: CollectionStore; plays: PlayStore },
): { added: number; skipped: number } {
  const rows = readPlaysFile(text, file);
  return hub.db.transaction(() => importPlays(rows, file, hub.collection, hub.plays))();
}

function describe(row: Record<string, unknown>): string {
  const named = (['instance_id', 'release_id', 'catno'] as const).filter(
    (k) => row[k] !== undefined && row[k] !== '',
  );
  return named.length
    ? named.map((k) => `${k} ${String(row[k])}`).join(' or ')
    : 'no instance_id, release_id or catno';
}
