// The executable schema: resolvers attached from a resolver map, unimplemented fields, and the
// check of the arguments each resolver declares.
import { readFile } from 'node:fs/promises';
import { graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { declaredArguments, givenArguments, handles } from '../../../src/emulator/graphql/arguments.js';
import { buildExecutableSchema, mergeResolvers } from '../../../src/emulator/graphql/executable.js';
import { emulatorResolvers } from '../../../src/emulator/graphql/resolvers.js';

/** `handles` for the untyped mini schemas of these tests (the emulator's own maps are typed). */
function declare(
  names: string[],
  resolve: (
    root: unknown,
    args: Record<string, unknown>,
    context: unknown,
    info: GraphQLResolveInfo,
  ) => unknown,
) {
  return handles<Record<string, unknown>, string, unknown, unknown, unknown>(names, resolve);
}

describe('emulator: unimplemented fields', () => {
  it('answers a field without a resolver with an error naming it, never a silent null', async () => {
    const schema = buildExecutableSchema(
      'type Query { known: Int, unknown: Int, obj: Obj } type Obj { a: Int, b: String }',
      { Query: { known: () => 1, obj: () => ({ a: 2 }) }, Obj: { a: (obj: { a: number }) => obj.a } },
    );
    const result = await graphql({ schema, source: '{ known unknown obj { a b } }' });
    expect(result.data).toEqual({ known: 1, unknown: null, obj: { a: 2, b: null } });
    expect(result.errors?.map((e) => e.message).sort()).toEqual([
      'The emulator does not implement field Obj.b',
      'The emulator does not implement field Query.unknown',
    ]);
  });
});

describe('emulator: declared arguments', () => {
  const SDL = `
    enum Format { PLAIN FANCY }
    input Filter { name: String }
    type Query {
      items(first: Int, after: String, order: String, filter: Filter, format: Format = PLAIN): [String!]!
      plain(flag: Boolean): String
      noArgs: Int
    }`;
  const seen: Record<string, unknown>[] = [];
  const schema = buildExecutableSchema(SDL, {
    Query: {
      items: declare(['first', 'after', 'filter'], (_root, args) => {
        seen.push(args);
        return ['a', 'b'];
      }),
      plain: () => 'plain',
      noArgs: () => 1,
    },
  });
  const run = async (source: string, variableValues?: Record<string, unknown>) => {
    const result = await graphql({ schema, source, variableValues });
    return { data: result.data, errors: result.errors?.map((e) => e.message) };
  };

  it('answers arguments the resolver declares', async () => {
    expect(await run('{ items(first: 1, after: "x", filter: { name: "n" }) }')).toEqual({
      data: { items: ['a', 'b'] },
      errors: undefined,
    });
  });

  it('refuses a given argument the resolver does not declare, naming Type.field(argument:)', async () => {
    const result = await run('{ items(first: 1, order: "-name") }');
    expect(result.errors).toEqual(['The emulator does not implement argument Query.items(order:)']);
    expect(result.data).toBeNull();
  });

  it('refuses every argument of a plain resolver (it declares none)', async () => {
    expect((await run('{ plain(flag: true) }')).errors).toEqual([
      'The emulator does not implement argument Query.plain(flag:)',
    ]);
    expect(await run('{ plain noArgs }')).toEqual({ data: { plain: 'plain', noArgs: 1 }, errors: undefined });
  });

  it('does not count schema defaults that graphql-js fills in', async () => {
    seen.length = 0;
    expect((await run('{ items(first: 2) }')).errors).toBeUndefined();
    expect(seen[0]).toMatchObject({ first: 2, format: 'PLAIN' }); // the default reached the resolver
    expect((await run('{ items(format: FANCY) }')).errors).toEqual([
      'The emulator does not implement argument Query.items(format:)',
    ]);
  });

  it('does not count a literal null, nor a variable that is absent or null', async () => {
    expect((await run('{ items(order: null) }')).errors).toBeUndefined();
    const query = 'query Q($order: String) { items(order: $order) }';
    expect((await run(query)).errors).toBeUndefined();
    expect((await run(query, { order: null })).errors).toBeUndefined();
    expect((await run(query, { order: '-name' })).errors).toEqual([
      'The emulator does not implement argument Query.items(order:)',
    ]);
  });

  it('counts a variable default as given (the request wrote it)', async () => {
    expect((await run('query Q($order: String = "+name") { items(order: $order) }')).errors).toEqual([
      'The emulator does not implement argument Query.items(order:)',
    ]);
  });

  it('checks every node of a field selected twice under one name', async () => {
    const result = await run('{ items(first: 1) ... on Query { items(first: 1) } }');
    expect(result.errors).toBeUndefined();
  });

  it('records the declaration on the resolver', () => {
    const resolver = declare(['first'], () => []);
    expect(resolver.handles).toEqual(['first']);
    expect(declaredArguments(resolver)).toEqual(['first']);
    expect(declaredArguments(() => 1)).toEqual([]);
  });
});

describe('emulator: attaching a resolver map', () => {
  const SDL = 'type Query { a(x: Int): Int, b: Int } interface Node { id: ID! }';

  it('refuses types, fields and declared arguments the schema does not have', () => {
    expect(() => buildExecutableSchema(SDL, { Nope: { a: () => 1 } })).toThrow(
      'Resolvers for Nope, a type the schema does not have',
    );
    expect(() => buildExecutableSchema(SDL, { Query: { c: () => 1 } })).toThrow(
      'A resolver for Query.c, a field the schema does not have',
    );
    expect(() => buildExecutableSchema(SDL, { Query: { a: declare(['y'], () => 1) } })).toThrow(
      'The resolver for Query.a declares y, an argument the schema does not have',
    );
    expect(() => buildExecutableSchema(SDL, { Node: { id: () => 'x' } })).toThrow(/only __resolveType/);
  });

  it('merges the maps of several domains and refuses a field resolved twice', () => {
    const merged = mergeResolvers<Record<string, Record<string, () => number>>>(
      { Query: { a: () => 1 } },
      { Query: { b: () => 2 } },
    );
    expect(Object.keys(merged.Query ?? {})).toEqual(['a', 'b']);
    expect(() => mergeResolvers({ Query: { a: () => 1 } }, { Query: { a: () => 2 } })).toThrow(
      'Two resolvers for Query.a',
    );
  });
});

describe('emulator: givenArguments', () => {
  it('lists the arguments written in the document and not null after variables', async () => {
    let given: string[] = [];
    const schema = buildExecutableSchema('type Query { f(a: Int, b: Int, c: Int, d: [Int]): Int }', {
      Query: {
        f: declare(['a', 'b', 'c', 'd'], (_root, _args, _context, info) => {
          given = givenArguments(info);
          return 1;
        }),
      },
    });
    await graphql({
      schema,
      source: 'query Q($b: Int, $c: Int) { f(a: 1, b: $b, c: $c, d: [null]) }',
      variableValues: { c: 3 },
    });
    expect(given).toEqual(['a', 'c', 'd']);
  });
});

describe('the emulator resolver map', () => {
  it('attaches to the repository schema: every type, field and declared argument exists', async () => {
    const sdl = await readFile(new URL('../../../schema.graphql', import.meta.url), 'utf8');
    expect(() => buildExecutableSchema(sdl, emulatorResolvers)).not.toThrow();
  });
});
