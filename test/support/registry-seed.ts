// The registries both registry test files seed into an organization `acme` (org entity
// `acme-org`) that the test has made: three registries (models, restricted datasets, evals) and
// links of alice's vision artifacts into them.
import type { Emulator } from '../../src/emulator/index.js';

/**
 * Seeds the registries `models`, `datasets` (restricted) and `evals` of organization `acme`, two
 * versions of alice/vision model `resnet` linked to `wandb-registry-models/detector`
 * (`production`, `best`) and dataset `mnist` linked to `wandb-registry-datasets/digits`.
 */
export function seedAcmeRegistries(e: Emulator): void {
  e.seed.registry({
    organization: 'acme',
    name: 'models',
    artifactTypes: ['model'],
    description: 'Production models',
    createdAt: '2024-01-01T00:00:00Z',
  });
  e.seed.registry({
    organization: 'acme',
    name: 'datasets',
    visibility: 'restricted',
    createdAt: '2024-01-02T00:00:00Z',
  });
  e.seed.registry({
    organization: 'acme',
    name: 'evals',
    description: 'model evaluations',
    createdAt: '2024-01-03T00:00:00Z',
  });
  const model = e.seed.artifact({
    entity: 'alice',
    project: 'vision',
    type: 'model',
    collection: 'resnet',
    metadata: { lr: 0.1 },
    tags: ['candidate'],
  });
  const model2 = e.seed.artifact({
    entity: 'alice',
    project: 'vision',
    type: 'model',
    collection: 'resnet',
    metadata: { lr: 0.3 },
  });
  const data = e.seed.artifact({ entity: 'alice', project: 'vision', type: 'dataset', collection: 'mnist' });
  e.seed.link({
    artifact: model.id,
    entity: 'acme-org',
    project: 'wandb-registry-models',
    collection: 'detector',
    aliases: ['production'],
  });
  e.seed.link({
    artifact: model2.id,
    entity: 'acme-org',
    project: 'wandb-registry-models',
    collection: 'detector',
    aliases: ['best'],
  });
  e.seed.link({
    artifact: data.id,
    entity: 'acme-org',
    project: 'wandb-registry-datasets',
    collection: 'digits',
  });
}
