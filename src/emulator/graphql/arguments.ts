/**
 * Argument declaration: every field resolver says which of its field's arguments it implements,
 * and an argument a request gives that it does not declare is a GraphQL error naming it
 * (`The emulator does not implement argument Project.runs(jobKey:)`), never silently ignored.
 *
 * "Given" means written in the request: present among the field's arguments in the document and
 * not null once variables are applied. Defaults the schema declares (`format: HistoryKeysFormat =
 * PLAINTEXT`) are filled in by graphql-js but were not given, so they never count. A resolver
 * that is a plain function declares no argument.
 *
 * @example
 * ```ts
 * import { handles } from './arguments.js';
 * const Project: ProjectResolvers = {
 *   // args is typed Pick<ProjectRunsArgs, 'filters' | 'order' | 'after' | 'first'>: only what it declares
 *   runs: handles(['filters', 'order', 'after', 'first'], (project, args, context) => listRuns(project, args, context)),
 * };
 * ```
 * @module
 */
import { Kind, type GraphQLResolveInfo } from 'graphql';
import type { ResolverFn, Resolvers } from '../generated/resolvers.js';
import type { PageArgs } from './connections.js';

/**
 * A resolver with the names of the arguments it implements (see {@link handles}).
 *
 * @example
 * ```ts
 * const runs: DeclaredResolver<Page, ProjectRecord, EmulatorContext, ProjectRunsArgs> = handles(['first'], list);
 * runs.handles; // ['first']
 * ```
 */
export type DeclaredResolver<TResult, TParent, TContext, TArgs> = ResolverFn<
  TResult,
  TParent,
  TContext,
  TArgs
> & {
  /** The arguments the resolver implements. */
  readonly handles: readonly string[];
};

/** A field resolver as the emulator's maps take it: plain when the field has no arguments, else declared. */
type FieldResolver<R> =
  R extends ResolverFn<infer TResult, infer TParent, infer TContext, infer TArgs>
    ? TArgs extends Record<PropertyKey, never>
      ? R
      : DeclaredResolver<TResult, TParent, TContext, TArgs>
    : R;

/**
 * The emulator's resolver maps: the generated `Resolvers` of the whole schema (every type, every
 * field, their argument and result types), except that the resolver of a field that has
 * arguments must come from {@link handles}, so it cannot forget to declare what it implements
 * (an interface's or union's `__resolveType` is taken as the generated type has it).
 *
 * @example
 * ```ts
 * const resolvers: EmulatorResolvers = {
 *   Run: { name: (run) => run.name, files: handles(['first'], (run, args, context) => runFiles(run, args, context)) },
 * };
 * ```
 */
export type EmulatorResolvers = {
  [TypeName in keyof Resolvers]?: {
    [FieldName in keyof NonNullable<Resolvers[TypeName]>]?: FieldName extends '__resolveType'
      ? NonNullable<Resolvers[TypeName]>[FieldName]
      : FieldResolver<NonNullable<NonNullable<Resolvers[TypeName]>[FieldName]>>;
  };
};

/**
 * Declares the arguments a field resolver implements. `names` must be arguments of the field
 * (`tsc` checks them against the generated resolver types), and the resolver sees only those:
 * its `args` are `Pick<FieldArgs, names>`. At run time, any other argument a request gives is
 * refused with `The emulator does not implement argument Type.field(name:)` before the resolver
 * runs.
 *
 * @example
 * ```ts
 * const Run: RunResolvers = {
 *   files: handles(['names', 'pattern', 'after', 'first'], (run, args, context) => runFiles(run, args, context)),
 * };
 * ```
 */
export function handles<TArgs, const K extends keyof TArgs & string, TResult, TParent, TContext>(
  names: readonly K[],
  resolve: (
    parent: TParent,
    args: Pick<TArgs, K>,
    context: TContext,
    info: GraphQLResolveInfo,
  ) => TResult | Promise<TResult>,
): DeclaredResolver<TResult, TParent, TContext, TArgs> {
  const resolver = (parent: TParent, args: TArgs, context: TContext, info: GraphQLResolveInfo) =>
    resolve(parent, args, context, info);
  return Object.assign(resolver, { handles: Object.freeze([...names]) });
}

/**
 * The arguments a resolver declares: those of {@link handles}, none for a plain function.
 *
 * @example
 * ```ts
 * declaredArguments(handles(['first'], list)); // ['first']
 * declaredArguments((run) => run.name); // []
 * ```
 */
export function declaredArguments(resolver: unknown): readonly string[] {
  if (typeof resolver !== 'function') return [];
  const names: unknown = (resolver as { handles?: unknown }).handles;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * The names of the arguments a request gives to the field being resolved: those written in the
 * document (on every node of the field) whose value is not `null`, reading variables from the
 * request (a variable that is absent or null gives nothing). Schema defaults are not given.
 *
 * @example
 * ```ts
 * // { project(name: "p") { runs(first: 2, order: null) { totalCount } } }
 * givenArguments(info); // ['first'] inside Project.runs
 * ```
 */
export function givenArguments(info: GraphQLResolveInfo): string[] {
  const given = new Set<string>();
  for (const node of info.fieldNodes) {
    for (const argument of node.arguments ?? []) {
      const value = argument.value;
      if (value.kind === Kind.NULL) continue;
      if (value.kind === Kind.VARIABLE) {
        const variable: unknown = info.variableValues[value.name.value];
        if (variable === undefined || variable === null) continue;
      }
      given.add(argument.name.value);
    }
  }
  return [...given];
}

/**
 * The Relay paging arguments (`after`, `first`) of a connection field, as {@link PageArgs}.
 *
 * @example
 * ```ts
 * pageArgs({ after: 'Y3Vyc29y', first: 50 }); // { after: 'Y3Vyc29y', first: 50 }
 * ```
 */
export function pageArgs(args: { after?: string | null; first?: number | null }): PageArgs {
  return { after: args.after ?? null, first: args.first ?? null };
}
