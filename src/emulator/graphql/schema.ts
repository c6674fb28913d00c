/**
 * The schema the emulator executes: the repository's `schema.graphql` (the whole W&B schema) with
 * the emulator's resolvers attached, read and built once per process.
 *
 * @example
 * ```ts
 * import { loadSchema } from './schema.js';
 * const schema = await loadSchema(new URL('../../../schema.graphql', import.meta.url));
 * schema.getQueryType()?.name; // 'Query'
 * ```
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { GraphQLSchema } from 'graphql';
import { buildExecutableSchema } from './executable.js';
import { emulatorResolvers } from './resolvers.js';

const schemas = new Map<string, Promise<GraphQLSchema>>();

/**
 * Reads the SDL at `url` and builds it with the emulator's resolvers, once per process and URL
 * (the resolvers are the same for every emulator: each request's context says which store to
 * read). A failed read is retried on the next call.
 *
 * @example
 * ```ts
 * const schema = await loadSchema(new URL('file:///path/to/schema.graphql'));
 * ```
 */
export function loadSchema(url: URL): Promise<GraphQLSchema> {
  const key = url.href;
  let schema = schemas.get(key);
  if (!schema) {
    schema = readFile(url, 'utf8').then((sdl) => buildExecutableSchema(sdl, emulatorResolvers));
    schema.catch(() => schemas.delete(key));
    schemas.set(key, schema);
  }
  return schema;
}
