// The server domain over real HTTP: server info, and every operation the client sends today
// executed against the demo seed.
import { readFile } from 'node:fs/promises';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, gql, KEY, startWithProjects } from '../../support/emulator-http.js';
import { repositoryOperation } from './repository-operations.js';

describe('emulator: server info', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startWithProjects();
  });
  afterAll(() => emu.close());
  it('answers serverInfo features with the overrides applied', async () => {
    const d = await data<{ serverInfo: { features: { name: string; isEnabled: boolean }[] } }>(
      emu,
      '{ serverInfo { features { name isEnabled } } }',
    );
    const features = Object.fromEntries(d.serverInfo.features.map((f) => [f.name, f.isEnabled]));
    expect(features.TOTAL_COUNT_IN_FILE_CONNECTION).toBe(true);
    expect(features.ARTIFACT_TAGS).toBe(false);
    expect(features.MY_FEATURE).toBe(true);
  });
});

describe('emulator: the repository operations', () => {
  // Every operation the client sends today must execute without errors against the demo seed.
  const files = ['viewer', 'projects', 'runs', 'server'];
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
  });
  afterAll(() => emu.close());

  it.each(files)('executes every operation of operations/%s.graphql', async (file) => {
    const source = await readFile(new URL(`../../../operations/${file}.graphql`, import.meta.url), 'utf8');
    const document = parse(source);
    const runName = [...emu.store.runs.values()][0]?.name;
    const lookup = await data<{ project: { run: { id: string } } }>(
      emu,
      'query ($name: String!) { project(name: "image-classification", entityName: "alice") { run(name: $name) { id } } }',
      { name: runName },
    );
    // The writes run last in their file (DeleteRun deletes the run), on the run read above.
    const values: Record<string, unknown> = {
      entity: 'alice',
      project: 'image-classification',
      name: runName,
      id: lookup.project.run.id,
      heavy: true,
      perPage: 3,
    };
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      const variables: Record<string, unknown> = {};
      const own: Record<string, unknown> =
        operation.name?.value === 'ProjectDetail' ? { ...values, name: 'image-classification' } : values;
      for (const definition of operation.variableDefinitions ?? []) {
        const variable = definition.variable.name.value;
        if (variable in own) variables[variable] = own[variable];
        else if (definition.type.kind === Kind.NON_NULL_TYPE)
          throw new Error(`no test value for $${variable}`);
      }
      const res = await gql(emu, source, variables, { operationName: operation.name?.value });
      expect(res.status).toBe(200);
      expect(res.json.errors, `${operation.name?.value}: ${res.text.slice(0, 300)}`).toBeUndefined();
      expect(Object.values(res.json.data ?? {}).every((v) => v !== null)).toBe(true);
    }
  });
});

describe('emulator: the repository operations of registries, integrations and automations', () => {
  // Every operation of these files must execute without errors against the demo seed (its
  // organization `demo`, registry `models`, integrations and automation), the writes last.
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
  });
  afterAll(() => emu.close());

  it.each(['registries', 'integrations', 'automations'])(
    'executes every operation of operations/%s.graphql',
    async (file) => {
      const source = await readFile(new URL(`../../../operations/${file}.graphql`, import.meta.url), 'utf8');
      const lookup = await data<{
        entity: { id: string; project: { id: string; artifactCollection: { id: string } } };
        slack: { integrations: { edges: { node: { id: string } }[] } };
        triggers: { project: { triggers: { id: string }[] } };
        registry: { members: { id: string; username: string }[] };
        team: { id: string };
      }>(
        emu,
        `{ entity(name: "demo-org") { id project(name: "wandb-registry-models") { id artifactCollection(name: "cifar10-classifier") { id } } }
           slack: entity(name: "demo-org") { integrations { edges { node { id } } } }
           triggers: entity(name: "demo-org") { project(name: "wandb-registry-models") { triggers { id } } }
           registry: project(name: "wandb-registry-models", entityName: "demo-org") { members { id username } }
           team: entity(name: "demo-team") { id } }`,
      );
      const slackId = lookup.slack.integrations.edges[0]?.node.id;
      const triggerId = lookup.triggers.project.triggers[0]?.id;
      const bobId = lookup.registry.members.find((m) => m.username === 'bob')?.id;
      const input = {
        name: 'server test automation',
        enabled: true,
        scopeType: 'PROJECT',
        scopeID: lookup.entity.project.id,
        triggeringEventType: 'LINK_MODEL',
        eventFilter: '{"$or":[{"$and":[]}]}',
        triggeredActionType: 'NOTIFICATION',
        triggeredActionConfig: {
          notificationActionInput: { integrationID: slackId, title: 't', message: 'm', severity: 'INFO' },
        },
      };
      const byOperation: Record<string, Record<string, unknown>> = {
        FetchOrganization: { org: 'demo' },
        FetchAdvancedRegistryFeatures: { organization: 'demo' },
        FetchRegistries: { organization: 'demo' },
        FetchRegistry: { entity: 'demo-org', name: 'wandb-registry-models' },
        RegistryCollections: { organization: 'demo' },
        RegistryVersions: { organization: 'demo' },
        UpsertRegistry: {
          input: {
            entityName: 'demo-org',
            name: 'wandb-registry-new',
            access: 'PRIVATE',
            allowAllArtifactTypesInRegistry: true,
          },
        },
        RenameRegistry: {
          input: {
            entityName: 'demo-org',
            oldProjectName: 'wandb-registry-new',
            newProjectName: 'wandb-registry-renamed',
          },
        },
        DeleteRegistry: { id: '' },
        RegistryUserMembers: { project: 'wandb-registry-models', entity: 'demo-org' },
        RegistryTeamMembers: { project: 'wandb-registry-models', entity: 'demo-org' },
        CreateRegistryMembers: { input: { projectId: lookup.entity.project.id, userIds: [], teamIds: [] } },
        DeleteRegistryMembers: { input: { projectId: lookup.entity.project.id, userIds: [], teamIds: [] } },
        UpdateUserRegistryRole: {
          input: { projectId: lookup.entity.project.id, userId: bobId, userProjectRole: 'viewer' },
        },
        UpdateTeamRegistryRole: {
          input: { projectId: lookup.entity.project.id, teamId: lookup.team.id, teamProjectRole: 'member' },
        },
        IntegrationsByEntity: { entity: 'demo-org' },
        CreateGenericWebhookIntegration: {
          input: { entityName: 'demo-org', name: 'server-test', urlEndpoint: 'https://example.com' },
        },
        EntityAutomations: { entity: 'demo-org' },
        EntityAutomationsLegacy: { entity: 'demo-org' },
        ViewerAutomationsLegacy: {},
        OrganizationAutomations: { org: 'demo' },
        ProjectAutomations: { entity: 'demo-org', project: 'wandb-registry-models' },
        CreateAutomation: { input },
        UpdateAutomation: { input: { id: triggerId, enabled: false } },
        CreateAutomationWithoutEntityScope: { input: { ...input, name: 'server test automation 2' } },
        UpdateAutomationWithoutEntityScope: { input: { id: triggerId, enabled: true } },
        DeleteAutomation: { id: triggerId },
      };
      const document = parse(source);
      const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations.length).toBeGreaterThan(0);
      for (const operation of operations) {
        const name = operation.name?.value ?? '';
        const own = byOperation[name] ?? byOperation[name.replace(/WithoutEntityScope$/, '')];
        if (!own) throw new Error(`no test values for ${name}`);
        const variables = { ...own };
        if (name === 'DeleteRegistry') {
          const renamed = await data<{ entity: { project: { id: string } } }>(
            emu,
            '{ entity(name: "demo-org") { project(name: "wandb-registry-renamed") { id } } }',
          );
          variables.id = renamed.entity.project.id;
        }
        const res = await gql(emu, repositoryOperation(name), variables, { operationName: name });
        expect(res.status, name).toBe(200);
        expect(res.json.errors, `${name}: ${res.text.slice(0, 300)}`).toBeUndefined();
        expect(Object.values(res.json.data ?? {}).every((v) => v !== null)).toBe(true);
      }
    },
  );
});
