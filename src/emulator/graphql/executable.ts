/**
 * The executable schema: the SDL with the emulator's resolver map attached. Every field of every
 * object type gets a resolver: the one of the map, behind the check of the arguments it declares
 * (`arguments.ts`), or, when the map has none, one that answers
 * `The emulator does not implement field Type.field` — never a silent null.
 *
 * @example
 * ```ts
 * import { buildExecutableSchema, mergeResolvers } from './executable.js';
 * const schema = buildExecutableSchema('type Query { hello(name: String): String }', {
 *   Query: { hello: handles(['name'], (_root, args) => `hello ${args.name ?? 'you'}`) },
 * });
 * ```
 * @module
 */
import {
  buildSchema,
  isAbstractType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import { declaredArguments, givenArguments } from './arguments.js';
import { notImplementedArgument, notImplementedField } from './errors.js';

/**
 * A resolver map: per schema type, its field resolvers (and `__resolveType` for interfaces and
 * unions). The generated `Resolvers` type of `generated/resolvers.ts` is one.
 *
 * @example
 * ```ts
 * const map: ResolverMap = { Query: { viewer: () => store.viewer } };
 * ```
 */
export type ResolverMap = { [typeName: string]: object | undefined };

function entries(resolvers: object): [string, unknown][] {
  return Object.entries(resolvers) as [string, unknown][];
}

/**
 * Merges the resolver maps of several domains into one. A field resolved by two of them is a
 * mistake and throws (`Two resolvers for Run.files`), so the domains cannot shadow each other.
 *
 * @example
 * ```ts
 * const resolvers = mergeResolvers(runResolvers, historyResolvers); // both add fields to Run
 * ```
 */
export function mergeResolvers<T extends ResolverMap>(...maps: T[]): T {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of entries(map)) {
      if (typeof fields !== 'object' || fields === null) continue;
      const target = (merged[typeName] ??= {});
      for (const [fieldName, resolver] of entries(fields)) {
        if (Object.hasOwn(target, fieldName)) throw new Error(`Two resolvers for ${typeName}.${fieldName}`);
        target[fieldName] = resolver;
      }
    }
  }
  return merged as T;
}

/**
 * Attaches a resolver map to a schema built from SDL (which it changes: pass a schema of your
 * own, as {@link buildExecutableSchema} does). Throws when the map names a type or field the
 * schema does not have, or declares an argument its field does not have.
 *
 * @example
 * ```ts
 * const schema = attachResolvers(buildSchema(sdl), emulatorResolvers);
 * ```
 */
export function attachResolvers(schema: GraphQLSchema, resolvers: ResolverMap): GraphQLSchema {
  for (const [typeName, fields] of entries(resolvers)) {
    if (typeof fields !== 'object' || fields === null) continue;
    const type = schema.getType(typeName);
    if (!type) throw new Error(`Resolvers for ${typeName}, a type the schema does not have`);
    if (isAbstractType(type)) {
      for (const [key, resolveType] of entries(fields)) {
        if (key !== '__resolveType' || typeof resolveType !== 'function') {
          throw new Error(`Resolvers for ${typeName}: only __resolveType applies to an abstract type`);
        }
        type.resolveType = resolveType as GraphQLTypeResolver<unknown, unknown>;
      }
      continue;
    }
    if (!isObjectType(type)) throw new Error(`Resolvers for ${typeName}, which is not an object type`);
    const schemaFields = type.getFields();
    for (const [fieldName, resolver] of entries(fields)) {
      const field = schemaFields[fieldName];
      if (!field)
        throw new Error(`A resolver for ${typeName}.${fieldName}, a field the schema does not have`);
      if (typeof resolver !== 'function')
        throw new Error(`The resolver for ${typeName}.${fieldName} is not a function`);
      const declared = declaredArguments(resolver);
      for (const name of declared) {
        if (!field.args.some((arg) => arg.name === name)) {
          throw new Error(
            `The resolver for ${typeName}.${fieldName} declares ${name}, an argument the schema does not have`,
          );
        }
      }
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = resolvers[type.name] as Record<string, unknown> | undefined;
    for (const field of Object.values(type.getFields())) {
      const resolver = fields?.[field.name];
      field.resolve =
        typeof resolver === 'function'
          ? checked(type.name, field.name, resolver as GraphQLFieldResolver<unknown, unknown>)
          : notImplemented(type.name, field.name);
    }
  }
  return schema;
}

/** The resolver of a field the map has no resolver for. */
function notImplemented(typeName: string, fieldName: string): GraphQLFieldResolver<unknown, unknown> {
  return () => {
    throw notImplementedField(typeName, fieldName);
  };
}

/** `resolver` behind the check that the request gives only arguments it declares. */
function checked(
  typeName: string,
  fieldName: string,
  resolver: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  const declared = new Set(declaredArguments(resolver));
  return (source, args, context, info) => {
    for (const name of givenArguments(info)) {
      if (!declared.has(name)) throw notImplementedArgument(typeName, fieldName, name);
    }
    return resolver(source, args, context, info);
  };
}

/**
 * Builds a schema from SDL and attaches a resolver map to it (see {@link attachResolvers}).
 *
 * @example
 * ```ts
 * const schema = buildExecutableSchema(await readFile('schema.graphql', 'utf8'), emulatorResolvers);
 * ```
 */
export function buildExecutableSchema(sdl: string, resolvers: ResolverMap): GraphQLSchema {
  return attachResolvers(buildSchema(sdl), resolvers);
}
