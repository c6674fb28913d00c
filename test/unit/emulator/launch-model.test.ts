// The rules of Launch in the emulator: template variable schemas and values, the warnings of
// upsertRunQueue, and the placeholders filled into a queue's resource args.
import { describe, expect, it } from 'vitest';
import {
  configWarnings,
  templateSchemaProblem,
  templateVariablesOf,
  valueProblem,
} from '../../../src/emulator/domains/launch/model.js';

describe('template variable schemas', () => {
  it('accepts string, integer and number schemas with enum, bounds and a matching default', () => {
    expect(templateSchemaProblem({ type: 'string', enum: ['a', 'b'], default: 'a' })).toBeUndefined();
    expect(templateSchemaProblem({ type: 'integer', minimum: 1, maximum: 4, default: 2 })).toBeUndefined();
    expect(templateSchemaProblem({ type: 'number', minimum: 0.5 })).toBeUndefined();
  });

  it('names what is wrong', () => {
    expect(templateSchemaProblem({})).toBe('type must be "string", "integer" or "number", got null');
    expect(templateSchemaProblem({ type: 'string', enum: [] })).toBe('enum must be a non-empty array');
    expect(templateSchemaProblem({ type: 'integer', enum: [1, 'x'] })).toBe(
      'enum value "x" is not of type integer',
    );
    expect(templateSchemaProblem({ type: 'string', minimum: 1 })).toBe(
      'minimum applies to numbers, not to type string',
    );
    expect(templateSchemaProblem({ type: 'number', maximum: '3' })).toBe('maximum must be a number');
    expect(templateSchemaProblem({ type: 'integer', default: 1.5 })).toBe('default 1.5 is not an integer');
  });
});

describe('template variable values', () => {
  it('checks type, enum and bounds', () => {
    expect(valueProblem({ type: 'integer', minimum: 1, maximum: 4 }, 3)).toBeUndefined();
    expect(valueProblem({ type: 'integer' }, 2.5)).toBe('is not an integer');
    expect(valueProblem({ type: 'number' }, '2')).toBe('is not a number');
    expect(valueProblem({ type: 'string' }, 2)).toBe('is not a string');
    expect(valueProblem({ type: 'integer', minimum: 1 }, 0)).toBe('is less than the minimum 1');
    expect(valueProblem({ type: 'string', enum: ['a'] }, 'b')).toBe('is not one of ["a"]');
  });

  it('parses the templateVariables object in its order, refusing an entry without a schema object', () => {
    expect(
      templateVariablesOf({ b: { schema: { type: 'string' } }, a: { schema: {}, description: 'x' } }, 'm'),
    ).toEqual([
      { name: 'b', description: null, schema: { type: 'string' } },
      { name: 'a', description: 'x', schema: {} },
    ]);
    expect(() => templateVariablesOf({ a: { schema: 'x' } }, 'm')).toThrow(
      'm: template variable "a" needs a "schema" object',
    );
    expect(() => templateVariablesOf({ 'a b': { schema: {} } }, 'm')).toThrow(
      'm: invalid template variable name "a b"',
    );
  });
});

describe('configSchemaValidationErrors', () => {
  it('finds placeholders anywhere in the config, spaces allowed, each reported once', () => {
    const config = { resource_args: { kubernetes: { a: ['{{ x }}', 'pre-{{x}}'], b: { c: '{{y}}' } } } };
    expect(configWarnings('kubernetes', config, [])).toEqual([
      'template variable "x" is used in the resource config but not defined',
      'template variable "y" is used in the resource config but not defined',
    ]);
  });

  it('is empty for a config whose variables are all defined, used and valid', () => {
    const config = { resource_args: { 'local-process': { cpu: '{{cpu}}' } } };
    expect(
      configWarnings('local-process', config, [
        { name: 'cpu', description: null, schema: { type: 'integer' } },
      ]),
    ).toEqual([]);
  });
});
