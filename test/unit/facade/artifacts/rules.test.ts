import { describe, expect, it } from 'vitest';
import {
  checkMetadata,
  checkTtl,
  checkTypeName,
  isReservedType,
} from '../../../../src/facade/artifacts/rules.js';
import {
  checkAliases,
  checkTags,
  comparableJson,
  isVersionAlias,
} from '../../../../src/facade/artifacts/labels.js';
import { parseFieldOrder } from '../../../../src/facade/core/order.js';
import { validationError } from '../../../support/expect-errors.js';

describe('aliases', () => {
  it('keeps valid aliases, first occurrence of duplicates', () => {
    expect(checkAliases(['prod', 'best', 'prod'])).toEqual(['prod', 'best']);
    expect(checkAliases(new Set(['a']))).toEqual(['a']);
    expect(checkAliases([])).toEqual([]);
  });

  it('refuses "/", ":", version aliases, empty, over-long and non-strings, naming the item', () => {
    expect(validationError(() => checkAliases(['ok', 'a/b'])).parameter).toBe('aliases[1]');
    expect(validationError(() => checkAliases(['a:b'])).message).toMatch(/":"/);
    expect(validationError(() => checkAliases(['v3'])).message).toMatch(/version alias/);
    expect(validationError(() => checkAliases([''])).parameter).toBe('aliases[0]');
    checkAliases(['x'.repeat(128)]);
    expect(validationError(() => checkAliases(['x'.repeat(129)])).message).toMatch(/129 characters.*128/);
    expect(validationError(() => checkAliases([3])).parameter).toBe('aliases[0]');
    expect(validationError(() => checkAliases('prod')).parameter).toBe('aliases');
  });

  it('tells version aliases apart', () => {
    expect(['v0', 'v12'].every(isVersionAlias)).toBe(true);
    expect(['v', 'latest', 'v1a', 'V1'].some(isVersionAlias)).toBe(false);
  });
});

describe('tags', () => {
  it('accepts words of letters, digits, "-" and "_" (Unicode letters too), separated by spaces', () => {
    expect(checkTags(['train set', 'v2-clean', 'daten_ü', 'a  b', 'train set'])).toEqual([
      'train set',
      'v2-clean',
      'daten_ü',
      'a  b',
    ]);
  });

  it('refuses punctuation, leading or trailing spaces and over-long tags', () => {
    for (const bad of ['a,b', ' a', 'a ', 'a.b', '', 'x'.repeat(129)]) {
      expect(validationError(() => checkTags([bad]), bad).parameter).toBe('tags[0]');
    }
  });
});

describe('type names and reserved types', () => {
  it('refuses "/" and ":" and empty names', () => {
    expect(checkTypeName('dataset')).toBe('dataset');
    for (const bad of ['a/b', 'a:b', '', '  ', 7]) validationError(() => checkTypeName(bad, 'type'));
  });

  it('knows the types W&B reserves', () => {
    expect(isReservedType('wandb-history', 'anything')).toBe(true);
    expect(isReservedType('job', 'any')).toBe(true);
    expect(isReservedType('run_table', 'run-abc')).toBe(true);
    expect(isReservedType('run_table', 'mine')).toBe(false);
    expect(isReservedType('code', 'source-x')).toBe(true);
    expect(isReservedType('dataset', 'source-x')).toBe(false);
    expect(isReservedType('toString', 'x')).toBe(false);
  });
});

describe('metadata', () => {
  it('accepts plain JSON objects', () => {
    expect(checkMetadata({ rows: 1, nested: { list: [1, 'a', null] } })).toEqual({
      rows: 1,
      nested: { list: [1, 'a', null] },
    });
  });

  it('refuses non-objects, more than 100 keys and Infinity (naming the key path)', () => {
    validationError(() => checkMetadata([]));
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
    expect(validationError(() => checkMetadata(many)).message).toMatch(/101 top-level keys/);
    checkMetadata(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])));
    expect(validationError(() => checkMetadata({ a: { b: [1, -Infinity] } })).parameter).toBe(
      'metadata.a.b[1]',
    );
  });

  it('compares NaN and null as different values', () => {
    expect(comparableJson({ a: NaN })).not.toBe(comparableJson({ a: null }));
    expect(comparableJson({ a: 1 })).toBe(comparableJson({ a: 1 }));
  });
});

describe('ttl', () => {
  it('takes positive whole seconds or undefined', () => {
    expect(checkTtl(86_400)).toBe(86_400);
    expect(checkTtl(undefined)).toBeUndefined();
    for (const bad of [0, -1, 1.5, NaN, '10']) validationError(() => checkTtl(bad));
  });
});

describe('parseFieldOrder', () => {
  it('adds "+" to an unsigned field and keeps a sign', () => {
    expect(parseFieldOrder('createdAt')).toBe('+createdAt');
    expect(parseFieldOrder('-name')).toBe('-name');
    expect(parseFieldOrder(' +updated_at ')).toBe('+updated_at');
    expect(parseFieldOrder(undefined)).toBeUndefined();
  });

  it('refuses anything but one field name', () => {
    for (const bad of ['created at', '--name', '1abc', 'a.b', '', 5]) {
      expect(validationError(() => parseFieldOrder(bad), String(bad)).parameter).toBe('order');
    }
  });
});
