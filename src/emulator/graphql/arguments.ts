/**
 * Helpers every resolver module (queries, writes, files) shares: reading GraphQL field arguments
 * and mutation inputs.
 *
 * @example
 * ```ts
 * import { optionalString, pageArgs, rejectArgs } from './args.js';
 * rejectArgs(args, ['order'], 'Project.sweeps');
 * const page = paginate(items, byId, 'sweeps', 1, pageArgs(args), 'Project.sweeps');
 * ```
 * @module
 */
import type { PageArgs } from './connections.js';

/**
 * The arguments of a field (or the fields of an input object), as graphql-js hands them over.
 *
 * @example
 * ```ts
 * const args: Args = { first: 10, after: null };
 * ```
 */
export type Args = Record<string, unknown>;

/**
 * The argument `name` when it is a string, else `null` (absent or null).
 *
 * @example
 * ```ts
 * optionalString({ order: '-createdAt' }, 'order'); // '-createdAt'
 * optionalString({}, 'order'); // null
 * ```
 */
export function optionalString(args: Args, name: string): string | null {
  const value = args[name];
  return typeof value === 'string' ? value : null;
}

/**
 * The argument `name` when it is a number, else `null` (absent or null).
 *
 * @example
 * ```ts
 * optionalNumber({ first: 10 }, 'first'); // 10
 * ```
 */
export function optionalNumber(args: Args, name: string): number | null {
  const value = args[name];
  return typeof value === 'number' ? value : null;
}

/**
 * The Relay paging arguments (`after`, `before`, `first`, `last`) of a connection field.
 *
 * @example
 * ```ts
 * pageArgs({ after: 'Y3Vyc29y', first: 50 }); // { after: 'Y3Vyc29y', before: null, first: 50, last: null }
 * ```
 */
export function pageArgs(args: Args): PageArgs {
  return {
    after: optionalString(args, 'after'),
    before: optionalString(args, 'before'),
    first: optionalNumber(args, 'first'),
    last: optionalNumber(args, 'last'),
  };
}

/**
 * Refuses arguments the emulator does not implement, rather than ignoring them: throws
 * `The emulator does not implement argument Field(name)` when one of `names` is given (not null).
 *
 * @example
 * ```ts
 * rejectArgs({ contentType: ['text/plain'] }, ['contentType'], 'Run.files'); // throws
 * ```
 */
export function rejectArgs(args: Args, names: string[], field: string): void {
  for (const name of names) {
    if (args[name] !== undefined && args[name] !== null) {
      throw new Error(`The emulator does not implement argument ${field}(${name})`);
    }
  }
}

/**
 * The `input` object of a mutation; throws `<mutation>: input is required` when there is none.
 *
 * @example
 * ```ts
 * const input = inputOf(args, 'deleteRun'); // { id: 'UnVuOjE=' }
 * ```
 */
export function inputOf(args: Args, mutation: string): Args {
  const input = args.input;
  if (typeof input !== 'object' || input === null) throw new Error(`${mutation}: input is required`);
  return input as Args;
}
