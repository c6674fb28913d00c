// schema.graphql is the whole W&B schema: everything of the 2024 reference, unchanged, and every
// item newer than it marked with a `# newer (<source>)` comment.
import { existsSync, readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  printSchema,
  type ASTNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';

const SCHEMA = new URL('../../../schema.graphql', import.meta.url);
const REFERENCE = new URL('../../../../shared/reference/wandb-schema-2024-01.graphql', import.meta.url);
const sdl = readFileSync(SCHEMA, 'utf8');
const schema = buildSchema(sdl);

/** Every type, field, argument, enum value and directive of a schema, as printed lines. */
function items(s: GraphQLSchema): Map<string, string> {
  const out = new Map<string, string>();
  for (const directive of s.getDirectives())
    out.set(`@${directive.name}`, String(directive.args.map((a) => `${a.name}: ${a.type}`)));
  for (const type of Object.values(s.getTypeMap()) as GraphQLNamedType[]) {
    if (type.name.startsWith('__')) continue;
    out.set(type.name, `${type.constructor.name} ${type.description ?? ''}`);
    if (isEnumType(type))
      for (const v of type.getValues())
        out.set(`${type.name}.${v.name}`, `${v.deprecationReason ?? ''} ${v.description ?? ''}`);
    if (isUnionType(type))
      out.set(
        `${type.name}|`,
        type
          .getTypes()
          .map((t) => t.name)
          .join('|'),
      );
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.set(
          `${type.name}.${field.name}`,
          `${field.type} ${field.deprecationReason ?? ''} ${field.description ?? ''}`,
        );
        for (const arg of 'args' in field ? field.args : []) {
          out.set(
            `${type.name}.${field.name}(${arg.name}:)`,
            `${arg.type} ${String(arg.defaultValue)} ${arg.description ?? ''}`,
          );
        }
      }
    }
  }
  return out;
}

/**
 * Whether `key` is a union (`Name|`) whose members are the reference's plus newer ones: a newer
 * server adds members to a union (`TriggerScope`, `TriggeredAction`), and the marker test below
 * requires a `# newer` comment on such a union.
 */
function unionGrew(key: string, reference: string, ours: string | undefined): boolean {
  if (!key.endsWith('|') || ours === undefined) return false;
  const members = new Set(ours.split('|'));
  return (
    reference.split('|').every((member) => members.has(member)) && members.size > reference.split('|').length
  );
}

// The reference lives in ../shared beside the project, which a clone may not have: then these are skipped.
const reference = existsSync(REFERENCE) ? buildSchema(readFileSync(REFERENCE, 'utf8')) : undefined;

describe.skipIf(reference === undefined)('schema.graphql and the 2024 reference', () => {
  const ref = reference as GraphQLSchema;

  it('holds every type, field, argument, enum value and directive of the reference, unchanged', () => {
    const ours = items(schema);
    const missingOrChanged = [...items(ref)]
      .filter(([key, value]) => ours.get(key) !== value && !unionGrew(key, value, ours.get(key)))
      .map(([key]) => key);
    expect(missingOrChanged).toEqual([]);
  });

  it('marks every item newer than the reference with a `# newer (<source>)` comment above it', () => {
    const refItems = items(ref);
    const ownItems = items(schema);
    const lines = sdl.split('\n');
    const unmarked: string[] = [];
    const check = (key: string, node: ASTNode | undefined, changed = false) => {
      if ((refItems.has(key) && !changed) || !node?.loc) return;
      const above = lines[node.loc.startToken.line - 2] ?? '';
      if (!/^\s*# newer \(.+\)\s*$/.test(above)) unmarked.push(key);
    };
    const document = parse(sdl);
    for (const definition of document.definitions) {
      if (!('name' in definition) || !definition.name) continue;
      const name = definition.name.value;
      check(definition.kind === Kind.DIRECTIVE_DEFINITION ? `@${name}` : name, definition);
      // a union of the reference with newer members
      if (
        refItems.has(name) &&
        unionGrew(`${name}|`, refItems.get(`${name}|`) ?? '', ownItems.get(`${name}|`))
      )
        check(`${name}|`, definition, true);
      if (refItems.has(name) && 'fields' in definition) {
        for (const field of definition.fields ?? []) {
          check(`${name}.${field.name.value}`, field);
          for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
            check(`${name}.${field.name.value}(${arg.name.value}:)`, arg);
          }
        }
      }
    }
    expect(unmarked).toEqual([]);
    // and there is at least one: the markers are not vacuous
    expect(sdl.match(/# newer \(/g)?.length).toBeGreaterThan(5);
  });
});

describe('schema.graphql', () => {
  it('prints the same as a schema built from its own printout (nothing the printer drops)', () => {
    expect(printSchema(buildSchema(printSchema(schema)))).toBe(printSchema(schema));
  });
});
