// Facade objects for the builder tests, built without a server: the scopes and integrations of
// the official client's "(run)" examples (/work/notes/registries-protocol.md §7.5-§7.7).
import type { FacadeContext } from '../../../../src/facade/core/context.js';
import type {
  ArtifactCollectionFieldsFragment,
  ProjectFieldsFragment,
} from '../../../../src/generated/graphql.js';
import { ArtifactCollectionImpl } from '../../../../src/facade/artifacts/collection-impl.js';
import { Project } from '../../../../src/facade/projects/project.js';
import type { SlackIntegration, WebhookIntegration } from '../../../../src/index.js';

const ctx = {} as FacadeContext;

export const project = new Project(ctx, {
  id: 'UHJvamVjdDoxMjM=',
  name: 'my-project',
  entityName: 'acme',
  description: null,
  createdAt: '2025-01-01T00:00:00',
  isBenchmark: false,
  readOnly: false,
} satisfies ProjectFieldsFragment);

export const collection = new ArtifactCollectionImpl(
  ctx,
  {
    __typename: 'ArtifactPortfolio',
    id: 'QXJ0aWZhY3RDb2xsZWN0aW9uOjQ1Ng==',
    name: 'my-collection',
    description: null,
    createdAt: '2025-01-01T00:00:00',
    updatedAt: null,
    project: { name: 'my-project', entity: { name: 'acme' } },
    type: { name: 'model' },
    tags: { edges: [] },
  } as unknown as ArtifactCollectionFieldsFragment,
  { entity: 'acme', project: 'my-project' },
);

export const slack: SlackIntegration = {
  kind: 'slack',
  id: 'SW50ZWdyYXRpb246MQ==',
  teamName: 'acme-workspace',
  channelName: '#alerts',
};

export const hook: WebhookIntegration = {
  kind: 'webhook',
  id: 'SW50ZWdyYXRpb246Mg==',
  name: 'deploy',
  urlEndpoint: 'https://ci.example.com/hook',
};
