/**
 * An error whose message is written for the person running the hub: it names the file, record
 * or field at fault. The CLI prints its message alone; anything else is a bug and gets a stack.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/**
 * The kinds of refusal a service states without knowing about HTTP; the HTTP layer maps each
 * to its status in one place (hub/http/error-status.ts), as Hono's HTTPException does.
 */
/** Asked for a record that is not there (404). */
export class NotFoundError extends UserError {}
/** Cannot be done now, given what is running or how a record stands (409). */
export class ConflictError extends UserError {}
/** This caller may not do this (403). */
export class ForbiddenError extends UserError {}
/** What was sent cannot be used as it is: a file with bad rows, named (400). */
export class InvalidInputError extends UserError {}
