import { describe, expect, it } from 'vitest';
import {
  checkArtifactName,
  isRegistryProject,
  parseArtifactCollectionPath,
  parseArtifactPath,
} from '../../../../src/facade/paths/artifact-paths.js';
import { artifactUrl } from '../../../../src/facade/paths/urls.js';
import { validationError } from '../../../support/expect-errors.js';

describe('parseArtifactPath', () => {
  it('parses the three forms, with and without an alias', () => {
    expect(parseArtifactPath('acme/vision/mnist:v3', {})).toEqual({
      entity: 'acme',
      project: 'vision',
      collection: 'mnist',
      alias: 'v3',
      registry: false,
    });
    expect(parseArtifactPath('vision/mnist:latest', { entity: 'acme' })).toEqual({
      entity: 'acme',
      project: 'vision',
      collection: 'mnist',
      alias: 'latest',
      registry: false,
    });
    expect(parseArtifactPath('mnist:prod', { entity: 'acme', project: 'vision' })).toMatchObject({
      entity: 'acme',
      project: 'vision',
      collection: 'mnist',
      alias: 'prod',
    });
  });

  it('takes "latest" when no alias is given', () => {
    expect(parseArtifactPath('acme/vision/mnist', {}).alias).toBe('latest');
  });

  it('splits at the first ":", so the alias may hold "/" and ":"', () => {
    const p = parseArtifactPath('acme/vision/mnist:release/2024:q1', {});
    expect(p.collection).toBe('mnist');
    expect(p.project).toBe('vision');
    expect(p.alias).toBe('release/2024:q1');
  });

  it('takes a missing entity and project from the defaults, the path winning', () => {
    expect(parseArtifactPath('mnist', { entity: 'e', project: 'p' })).toMatchObject({
      entity: 'e',
      project: 'p',
    });
    expect(parseArtifactPath('x/y/mnist', { entity: 'e', project: 'p' })).toMatchObject({
      entity: 'x',
      project: 'y',
    });
    const noEntity = parseArtifactPath('vision/mnist', {});
    expect(noEntity.entity).toBeUndefined();
    expect('entity' in noEntity).toBe(false);
  });

  it('refuses a path that names no project, rather than fall back to "uncategorized"', () => {
    const e = validationError(() => parseArtifactPath('mnist:v0', { entity: 'acme' }));
    expect(e.parameter).toBe('name');
    expect(e.message).toMatch(/names no project/);
    expect(e.message).toMatch(/WANDB_PROJECT/);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['a/b/c/d:v0', /too many segments/],
    ['acme//mnist', /empty segment/],
    ['/acme/vision/mnist', /empty segment/],
    ['acme/vision/mnist:', /nothing follows ":"/],
    ['ac?me/vision/mnist', /contains "\?"/],
    ['acme/vi%sion/mnist', /contains "%"/],
  ])('refuses %j', (path, message) => {
    const e = validationError(() => parseArtifactPath(path, { project: 'p' }));
    expect(e.message).toMatch(message);
    expect(e.parameter).toBe('name');
  });

  it('refuses what is not a string, naming the parameter it was given', () => {
    expect(validationError(() => parseArtifactPath(42 as unknown as string, {}, 'target')).parameter).toBe(
      'target',
    );
  });

  it('refuses a collection name over 128 characters', () => {
    expect(validationError(() => parseArtifactPath(`acme/vision/${'x'.repeat(129)}`, {})).message).toMatch(
      /129 characters/,
    );
    expect(parseArtifactPath(`acme/vision/${'x'.repeat(128)}`, {}).collection).toHaveLength(128);
  });

  it('keeps spaces and other characters W&B allows in a collection name', () => {
    expect(parseArtifactPath('acme/vision/my data#1:v0', {}).collection).toBe('my data#1');
  });

  it('reads the first segment of a registry path as the organization, not an entity', () => {
    expect(parseArtifactPath('my-org/wandb-registry-model/resnet:prod', { entity: 'alice' })).toEqual({
      organization: 'my-org',
      project: 'wandb-registry-model',
      collection: 'resnet',
      alias: 'prod',
      registry: true,
    });
  });

  it('takes a registry path organization from the defaults, else leaves it to be looked up', () => {
    expect(
      parseArtifactPath('wandb-registry-model/resnet', { organization: 'acme-org', entity: 'alice' }),
    ).toEqual({
      organization: 'acme-org',
      project: 'wandb-registry-model',
      collection: 'resnet',
      alias: 'latest',
      registry: true,
    });
    const p = parseArtifactPath('wandb-registry-model/resnet:v1', { entity: 'alice' });
    expect(p.registry).toBe(true);
    expect(p.organization).toBeUndefined();
    expect(p.entity).toBeUndefined();
  });

  it('a registry project as the default project is a registry path too', () => {
    expect(parseArtifactPath('resnet:v1', { project: 'wandb-registry-model' }).registry).toBe(true);
  });
});

describe('parseArtifactCollectionPath', () => {
  it('parses the three forms with the defaults', () => {
    expect(parseArtifactCollectionPath('acme/vision/mnist', {})).toEqual({
      entity: 'acme',
      project: 'vision',
      collection: 'mnist',
      registry: false,
    });
    expect(parseArtifactCollectionPath('mnist', { entity: 'acme', project: 'vision' })).toEqual({
      entity: 'acme',
      project: 'vision',
      collection: 'mnist',
      registry: false,
    });
  });

  it('refuses an alias', () => {
    expect(validationError(() => parseArtifactCollectionPath('acme/vision/mnist:v1', {})).message).toMatch(
      /no ":alias"/,
    );
  });

  it('refuses a path without a project', () => {
    expect(validationError(() => parseArtifactCollectionPath('mnist', { entity: 'acme' })).message).toMatch(
      /names no project/,
    );
  });
});

describe('artifact names and registry projects', () => {
  it('checks artifact names', () => {
    expect(checkArtifactName('mnist', 'name')).toBe('mnist');
    expect(validationError(() => checkArtifactName('a/b', 'name')).message).toMatch(/"\/"/);
    expect(validationError(() => checkArtifactName('', 'name')).parameter).toBe('name');
  });

  it('knows registry projects', () => {
    expect(isRegistryProject('wandb-registry-model')).toBe(true);
    expect(isRegistryProject('wandb-registry-')).toBe(false);
    expect(isRegistryProject('my-wandb-registry-x')).toBe(false);
  });
});

describe('artifactUrl', () => {
  const base = { entity: 'acme', project: 'vision', type: 'dataset', collection: 'mnist', version: 'v3' };
  it('builds the standard URL, each segment encoded', () => {
    expect(artifactUrl('https://wandb.ai/', { ...base, isLink: false })).toBe(
      'https://wandb.ai/acme/vision/artifacts/dataset/mnist/v3',
    );
    expect(artifactUrl('https://wandb.ai', { ...base, collection: 'my data', isLink: false })).toBe(
      'https://wandb.ai/acme/vision/artifacts/dataset/my%20data/v3',
    );
  });

  it('builds the registry URL of a link into a registry, or "" without the organization name', () => {
    const link = { ...base, entity: 'acme-org', project: 'wandb-registry-model', isLink: true };
    expect(artifactUrl('https://wandb.ai', { ...link, organizationName: 'Acme Inc' })).toBe(
      'https://wandb.ai/orgs/Acme%20Inc/registry/model?selectionPath=acme-org%2Fwandb-registry-model%2Fmnist&view=membership&version=v3',
    );
    expect(artifactUrl('https://wandb.ai', link)).toBe('');
  });

  it('builds the model registry URL of a model link', () => {
    expect(artifactUrl('https://wandb.ai', { ...base, type: 'model', isLink: true })).toBe(
      'https://wandb.ai/acme/registry/model?selectionPath=acme%2Fvision%2Fmnist&view=membership&version=v3',
    );
    expect(artifactUrl('https://wandb.ai', { ...base, project: 'model-registry', isLink: true })).toMatch(
      /\/acme\/registry\/model\?selectionPath=acme%2Fmodel-registry%2Fmnist&/,
    );
  });

  it('gives "" when a part is missing', () => {
    expect(artifactUrl('https://wandb.ai', { ...base, version: '', isLink: false })).toBe('');
  });
});
