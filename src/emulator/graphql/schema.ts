/**
 * The schema the emulator executes: the repository's `schema.graphql` (the whole W&B schema),
 * read and built once per process.
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
import { buildSchema, type GraphQLSchema } from 'graphql';

const schemas = new Map<string, Promise<GraphQLSchema>>();

/**
 * Reads and builds the SDL at `url`, once per process and URL (a failed read is retried on the
 * next call).
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
    schema = readFile(url, 'utf8').then((sdl) => buildSchema(sdl));
    schema.catch(() => schemas.delete(key));
    schemas.set(key, schema);
  }
  return schema;
}
