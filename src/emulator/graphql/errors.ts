/**
 * Errors the emulator answers as GraphQL errors: bad client input, and what it does not implement.
 *
 * @example
 * ```ts
 * import { notImplementedArgument } from './errors.js';
 * notImplementedArgument('Project', 'runs', 'jobKey').message;
 * // 'The emulator does not implement argument Project.runs(jobKey:)'
 * ```
 * @module
 */

/**
 * An error in a client-supplied filter, order or cursor. Its message becomes the GraphQL error.
 *
 * @example
 * ```ts
 * try { compileRunFilter('{"x":{"$size":1}}'); } catch (e) { e instanceof QueryInputError; } // true
 * ```
 */
export class QueryInputError extends Error {
  override name = 'QueryInputError';
}

/**
 * The error for a schema field the emulator has no resolver for.
 *
 * @example
 * ```ts
 * notImplementedField('Run', 'parquetHistory').message; // 'The emulator does not implement field Run.parquetHistory'
 * ```
 */
export function notImplementedField(type: string, field: string): Error {
  return new Error(`The emulator does not implement field ${type}.${field}`);
}

/**
 * The error for an argument a request gives that the field's resolver does not declare.
 *
 * @example
 * ```ts
 * notImplementedArgument('Query', 'models', 'last').message; // 'The emulator does not implement argument Query.models(last:)'
 * ```
 */
export function notImplementedArgument(type: string, field: string, argument: string): Error {
  return new Error(`The emulator does not implement argument ${type}.${field}(${argument}:)`);
}

/**
 * A resolver error the server answers with an HTTP status besides the GraphQL error: the W&B
 * server answers a duplicate automation name with HTTP 409 and an unknown automation id with
 * HTTP 404 (the official client branches on the status). The GraphQL error carries
 * `extensions: { code }` (`ALREADY_EXISTS`, `NOT_FOUND`): the emulator's own choice, the real
 * server's extensions are not known. The response's status is that of the first such error.
 *
 * @example
 * ```ts
 * throw new HttpStatusError(409, 'ALREADY_EXISTS', 'createFilterTrigger: an automation named "x" already exists');
 * ```
 */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  /** What graphql-js copies into the GraphQL error's `extensions`. */
  readonly extensions: { code: string };

  /**
   * @param status the HTTP status of the response (409, 404, ...).
   * @param code `extensions.code` of the GraphQL error.
   * @param message the GraphQL error's message.
   */
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(message);
    this.extensions = { code };
  }
}
