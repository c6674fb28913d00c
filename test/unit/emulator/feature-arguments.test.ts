// Arguments that exist only with a server feature on: refused at validation when it is off.
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  featureArgumentsRule,
  type FeatureArgument,
} from '../../../src/emulator/graphql/feature-arguments.js';

const schema = buildSchema(`
  type Query { project: Project, other(filters: String): Int }
  type Project { sweeps(first: Int, filters: String): Int }
`);
const gated: FeatureArgument[] = [{ feature: 'F', field: 'Project.sweeps', argument: 'filters' }];

function messages(query: string, features: Record<string, boolean>): string[] {
  const rule = featureArgumentsRule(gated, new Map(Object.entries(features)));
  return validate(schema, parse(query), rule ? [...specifiedRules, rule] : specifiedRules).map(
    (e) => e.message,
  );
}

describe('emulator: featureArgumentsRule', () => {
  it('is no rule at all when every feature is on', () => {
    expect(featureArgumentsRule(gated, new Map([['F', true]]))).toBeUndefined();
  });

  it('refuses the argument when its feature is off or unknown, whatever its value', () => {
    const expected = ['Unknown argument "filters" on field "Project.sweeps".'];
    for (const features of [{ F: false }, {}] as Record<string, boolean>[]) {
      expect(messages('{ project { sweeps(filters: null) } }', features)).toEqual(expected);
      expect(messages('query Q($f: String) { project { sweeps(first: 1, filters: $f) } }', features)).toEqual(
        expected,
      );
    }
  });

  it('leaves other arguments, other fields and directives alone', () => {
    const query = `query Q($yes: Boolean!) {
      project { sweeps(first: 1) @include(if: $yes) }
      other(filters: "x")
    }`;
    expect(messages(query, {})).toEqual([]);
  });
});
