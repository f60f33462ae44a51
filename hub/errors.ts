/**
 * An error whose message is written for the person running the hub: it names the file, record
 * or field at fault. The CLI prints its message alone; anything else is a bug and gets a stack.
 */
export class UserError extends Error {
  override name = 'UserError';
}
