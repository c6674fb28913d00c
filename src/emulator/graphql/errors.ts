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
