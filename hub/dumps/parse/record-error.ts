import { UserError } from '../../errors.ts';

/** A record the dump holds in well-formed XML but that cannot be a catalog record (no usable id). */
export class RecordError extends UserError {}

export function requireId(
  value: number | undefined,
  what: string,
  raw: string | undefined,
): number {
  if (value === undefined)
    throw new RecordError(
      `${what} has no usable id (${raw === undefined ? 'missing' : JSON.stringify(raw)})`,
    );
  return value;
}
