import { UserError } from '../../errors.ts';

/** A dump file that cannot be ingested; the message names the file and the byte offset or record. */
export class IngestError extends UserError {}
