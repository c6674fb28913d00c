/**
 * The demo's organization, registry, integrations and automation:
 * - organization `demo` with its org entity `demo-org` (members: the viewer and `bob`; the team
 *   `demo-team` belongs to it);
 * - registry `models` (`wandb-registry-models`, visibility `organization`, type `model` only;
 *   members: the viewer, its creator, an `admin`, `bob` a `member`, the team a `viewer`)
 *   holding the collection `cifar10-classifier`: the demo model's `production` (v1) and `best`
 *   (v2) versions linked there, v2 with the alias `production`;
 * - a Slack integration (`demo-workspace`, `#model-alerts`) and a generic webhook
 *   (`deploy-hook`, `https://deploy.example.com/hooks/wandb`) of `demo-org`;
 * - one automation, `notify on production model`: an `ADD_ARTIFACT_ALIAS` event on the
 *   collection filtered to the alias `production`, notifying the Slack channel.
 *
 * @example
 * ```ts
 * import { seedDemoRegistries } from './registries.js';
 * seedDemoRegistries(store); // after seedDemoArtifacts
 * ```
 * @module
 */
import { globalId } from '../graphql/ids.js';
import { seedAutomation } from '../domains/automations/seed.js';
import { seedIntegration } from '../domains/integrations/seed.js';
import { seedOrganization } from '../domains/organizations/seed.js';
import { seedRegistry } from '../domains/registries/seed.js';
import { findCollection, membershipsOf } from '../domains/artifacts/model.js';
import type { EmulatorStore } from '../store/store.js';
import { DAY_MS, DEMO_START, DEMO_TEAM } from './constants.js';

/**
 * Adds the demo's organization, registry, integrations and automation (see the module
 * description). Expects the demo's artifacts to exist.
 *
 * @example
 * ```ts
 * seedDemoRegistries(store);
 * ```
 */
export function seedDemoRegistries(store: EmulatorStore): void {
  const at = (day: number) => new Date(DEMO_START + day * DAY_MS);
  seedOrganization(store, {
    name: 'demo',
    orgEntity: 'demo-org',
    members: [store.viewer.username, 'bob'],
    teams: [DEMO_TEAM],
  });
  const registry = seedRegistry(store, {
    organization: 'demo',
    name: 'models',
    artifactTypes: ['model'],
    description: 'Models ready for production',
    createdAt: at(1),
    members: [{ username: 'bob', role: 'member' }, { team: DEMO_TEAM }],
  });
  const project = store.findProject(store.viewer.entity, 'image-classification');
  const model = project ? findCollection(store, project.id, 'resnet18-cifar10') : undefined;
  if (!model) throw new Error('seedDemoRegistries: the demo artifacts come first');
  const versions = membershipsOf(store, model);
  for (const [index, aliases] of [
    [1, []],
    [2, ['production']],
  ] as const) {
    const membership = versions[index];
    if (!membership) continue;
    store.seedLink({
      artifact: globalId('Artifact', membership.artifactId),
      entity: 'demo-org',
      project: registry.fullName,
      collection: 'cifar10-classifier',
      aliases: [...aliases],
      createdAt: at(12 + index / 10),
    });
  }
  const slack = seedIntegration(store, {
    entity: 'demo-org',
    kind: 'slack',
    teamName: 'demo-workspace',
    channelName: '#model-alerts',
    createdAt: at(2),
  });
  seedIntegration(store, {
    entity: 'demo-org',
    kind: 'webhook',
    name: 'deploy-hook',
    urlEndpoint: 'https://deploy.example.com/hooks/wandb',
    createdAt: at(2),
  });
  seedAutomation(store, {
    name: 'notify on production model',
    description: 'Tell #model-alerts when a model becomes production',
    scope: { entity: 'demo-org', project: registry.fullName, collection: 'cifar10-classifier' },
    event: 'ADD_ARTIFACT_ALIAS',
    filter: { $or: [{ $and: [{ alias: { $eq: 'production' } }] }] },
    action: {
      type: 'NOTIFICATION',
      integration: slack.id,
      title: 'New production model',
      message: 'A new version of cifar10-classifier is in production.',
      severity: 'INFO',
    },
    createdAt: at(3),
  });
}
