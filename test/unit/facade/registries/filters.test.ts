// The registry search filters, as pure logic: the allowed field lists, alias renaming, the
// wandb-registry- prefix of registry names, and the encodings of protocol notes §4 (the "(run)"
// examples, produced by the official client's own models).
import { describe, expect, it } from 'vitest';
import {
  ANY_VERSION_FIELDS,
  COLLECTION_FIELDS,
  encodeSearchFilter,
  normalizeSearchFilter,
  prefixRegistryName,
  REGISTRY_FIELDS,
  VERSION_FIELDS,
} from '../../../../src/facade/registries/filters.js';
import {
  checkRegistryName,
  checkRegistryTypes,
  MAX_REGISTRY_NAME_LENGTH,
} from '../../../../src/facade/registries/registry.js';
import { parseSearchOrder } from '../../../../src/facade/registries/order.js';
import { decodeProjectId, registryFilterFor } from '../../../../src/facade/registries/search-impl.js';
import { validationError } from '../../../support/expect-errors.js';

const encode = (filter: unknown, fields = REGISTRY_FIELDS.basic): string | undefined =>
  encodeSearchFilter(normalizeSearchFilter(filter, fields, 'filter'));

describe('registry filters (protocol notes §4 R1)', () => {
  it('encodes the examples of the official client', () => {
    expect(encode({ name: { $regex: 'model' } })).toBe('{"name":{"$regex":"model"}}');
    expect(encode({ name: 'models' })).toBe('{"name":"wandb-registry-models"}');
    expect(encode({ name: { $in: ['a', 'wandb-registry-b'] }, description: { $contains: 'x' } })).toBe(
      '{"name":{"$in":["wandb-registry-a","wandb-registry-b"]},"description":{"$contains":"x"}}',
    );
    expect(encode({ $or: [{ name: 'a' }, { name: { $ne: 'b' } }] })).toBe(
      '{"$or":[{"name":"wandb-registry-a"},{"name":{"$ne":"wandb-registry-b"}}]}',
    );
    expect(encode({ name: { $not: { $eq: 'a' } } })).toBe('{"name":{"$not":{"$eq":"wandb-registry-a"}}}');
  });

  it('prefixes only the registry name, never a regex, and never twice', () => {
    expect(prefixRegistryName({ $regex: 'x', $in: ['y'] })).toEqual({
      $regex: 'x',
      $in: ['wandb-registry-y'],
    });
    expect(prefixRegistryName('wandb-registry-m')).toBe('wandb-registry-m');
    expect(encode({ description: 'models' })).toBe('{"description":"models"}');
    expect(encode({ name: 'x' }, COLLECTION_FIELDS.basic)).toBe('{"name":"x"}');
  });

  it('names the fields that are not allowed and the allowed ones, before anything is sent', () => {
    const e = validationError(() => normalizeSearchFilter({ tag: 'x' }, REGISTRY_FIELDS.basic, 'filter'));
    expect(e.parameter).toBe('filter');
    expect(e.message).toContain(
      'invalid registry filter fields: "tag"; must be one of: "created_at", "description", "entity_id", "id", "name", "updated_at"',
    );
    const nested = validationError(() =>
      normalizeSearchFilter(
        { $or: [{ size: 1 }, { $not: { owner: 'x' } }] },
        REGISTRY_FIELDS.basic,
        'filter',
      ),
    );
    expect(nested.message).toContain('fields: "owner", "size"');
    const basic = validationError(() =>
      normalizeSearchFilter({ artifact_size: { $lt: 5 } }, VERSION_FIELDS.basic, 'filter'),
    );
    expect(basic.message).toContain(
      'must be one of: "alias", "created_at", "id", "metadata", "tag", "updated_at", "version"',
    );
  });

  it('checks only the root of dotted fields', () => {
    expect(encode({ 'metadata.lr': { $gt: 0.1 } }, VERSION_FIELDS.basic)).toBe('{"metadata.lr":{"$gt":0.1}}');
  });

  it('renames aliases to canonical names and refuses two aliases of one field', () => {
    expect(encode({ collection_id: 3, tag: 'x' }, COLLECTION_FIELDS.basic)).toBe(
      '{"artifact_collection_id":3,"tag":"x"}',
    );
    const e = validationError(() =>
      normalizeSearchFilter({ id: 1, collection_id: 2 }, COLLECTION_FIELDS.basic, 'filter'),
    );
    expect(e.message).toContain('duplicate fields: "artifact_collection_id"');
  });

  it('re-checks with the advanced lists as the official client does (§4 R4)', () => {
    const registry = normalizeSearchFilter({ id: 12, name: 'models' }, REGISTRY_FIELDS.basic, 'filter');
    expect(encode(registry, REGISTRY_FIELDS.advanced)).toBe(
      '{"project_id":12,"name":"wandb-registry-models"}',
    );
    expect(encode({ tags: 'x', collection_name: 'c' }, COLLECTION_FIELDS.advanced)).toBe(
      '{"tag":"x","name":"c"}',
    );
    expect(
      encode(
        { aliases: 'best', version_index: 3, 'metadata.lr': { $gt: 0.1 }, artifact_size: { $lt: 5 } },
        VERSION_FIELDS.advanced,
      ),
    ).toBe('{"alias":"best","version":3,"metadata.lr":{"$gt":0.1},"artifact_size":{"$lt":5}}');
    // the union accepts both lists' names (the check made before the search mode is known)
    expect(
      normalizeSearchFilter({ artifact_size: 1, updated_at: 2 }, ANY_VERSION_FIELDS, 'filter'),
    ).toBeDefined();
  });

  it('refuses bad operators and operands', () => {
    expect(validationError(() => encode({ name: { $like: 'a' } })).message).toContain(
      'unknown operator "$like"',
    );
    expect(validationError(() => encode({ $regex: 'a' })).message).toContain('applies to a field');
    expect(validationError(() => encode({ $or: [] })).message).toContain('non-empty array');
    expect(validationError(() => encode({ name: { $size: -1 } })).message).toContain('$size');
    expect(validationError(() => encode({ name: { $regex: '(' } })).message).toContain(
      'not a valid regular expression',
    );
    expect(validationError(() => encode({ name: ['a'] })).message).toContain('$in');
    expect(validationError(() => encode({ name: { $not: 'a' } })).message).toContain('$not expects');
    expect(validationError(() => encode('name')).message).toContain('expected a filter object');
  });

  it('sends dates as ISO strings and leaves out undefined keys', () => {
    expect(encode({ created_at: { $gt: new Date(0) }, name: undefined })).toBe(
      '{"created_at":{"$gt":"1970-01-01T00:00:00.000Z"}}',
    );
    expect(encode(undefined)).toBeUndefined();
  });
});

describe('registry order', () => {
  it('normalizes an unsigned field and allows name, created_at, updated_at only', () => {
    expect(parseSearchOrder('name')).toBe('+name');
    expect(parseSearchOrder('-created_at')).toBe('-created_at');
    expect(parseSearchOrder(undefined)).toBeUndefined();
    expect(validationError(() => parseSearchOrder('size')).message).toContain(
      'invalid order field "size"; must be one of: "created_at", "name", "updated_at"',
    );
    validationError(() => parseSearchOrder('+name;drop'));
  });
});

describe('registry names and types', () => {
  it('accepts a name with or without its prefix and refuses what the server would', () => {
    expect(checkRegistryName('models', 'name')).toBe('models');
    expect(checkRegistryName('wandb-registry-models', 'name')).toBe('models');
    expect(validationError(() => checkRegistryName('wandb-registry-', 'name')).message).toContain('empty');
    expect(validationError(() => checkRegistryName('a/b', 'name')).message).toContain('"/"');
    expect(validationError(() => checkRegistryName('a\nb', 'name')).parameter).toBe('name');
    expect(checkRegistryName('x'.repeat(MAX_REGISTRY_NAME_LENGTH), 'name')).toHaveLength(113);
    validationError(() => checkRegistryName('x'.repeat(114), 'name'));
  });

  it('checks artifact type names and drops duplicates', () => {
    expect(checkRegistryTypes(['model', 'model', 'my data.v2', 'modèle'], 'artifactTypes')).toEqual([
      'model',
      'my data.v2',
      'modèle',
    ]);
    expect(validationError(() => checkRegistryTypes(['a:b'], 'artifactTypes')).parameter).toBe(
      'artifactTypes[0]',
    );
    validationError(() => checkRegistryTypes(['ok', ' lead'], 'artifactTypes'));
    validationError(() => checkRegistryTypes('model', 'artifactTypes'));
  });
});

describe('registry filter of one registry', () => {
  it('decodes the integer of a project internal id, else uses the full name', () => {
    expect(decodeProjectId(btoa('Project:12'))).toBe(12);
    expect(decodeProjectId(btoa('ProjectInternalId:7'))).toBe(7);
    expect(decodeProjectId(btoa('Run:7'))).toBeUndefined();
    expect(decodeProjectId('%%%')).toBeUndefined();
    expect(registryFilterFor(btoa('Project:12'), 'wandb-registry-m')).toEqual({ id: 12 });
    expect(registryFilterFor(null, 'wandb-registry-m')).toEqual({ name: 'wandb-registry-m' });
  });
});
