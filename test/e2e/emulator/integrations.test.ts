// Integrations over HTTP with raw GraphQL (notes/registries-protocol.md I1, I2): the documents of
// operations/integrations.graphql against seeded Slack and webhook integrations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, errorMessages, gql, KEY } from '../../support/emulator-http.js';
import { repositoryOperation } from './repository-operations.js';

type Node = {
  __typename: string;
  id: string;
  teamName?: string;
  channelName?: string;
  name?: string;
  urlEndpoint?: string;
};
type Listing = {
  entity: {
    integrations: {
      edges: { cursor: string; node: Node }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  } | null;
};

let emu: Emulator;
let slackId: string;
let hookId: string;

beforeEach(async () => {
  emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice', teams: ['vision'] } });
  slackId = emu.seed.integration({
    entity: 'vision',
    kind: 'slack',
    teamName: 'acme',
    channelName: '#alerts',
  }).id;
  hookId = emu.seed.integration({
    entity: 'vision',
    kind: 'webhook',
    name: 'ci hook',
    urlEndpoint: 'https://ci.example.com/hook',
    secretRef: 'HOOK_SECRET',
  }).id;
  emu.seed.integration({ entity: 'alice', kind: 'slack' });
});
afterEach(() => emu.close());

describe('emulator: integrations', () => {
  it('IntegrationsByEntity lists both kinds of the entity, with their fragments, in pages', async () => {
    const d = await data<Listing>(emu, repositoryOperation('IntegrationsByEntity'), { entity: 'vision' });
    expect(d.entity?.integrations.edges.map((e) => e.node)).toEqual([
      { __typename: 'SlackIntegration', id: slackId, teamName: 'acme', channelName: '#alerts' },
      {
        __typename: 'GenericWebhookIntegration',
        id: hookId,
        name: 'ci hook',
        urlEndpoint: 'https://ci.example.com/hook',
      },
    ]);
    expect(Buffer.from(slackId, 'base64').toString()).toMatch(/^Integration:\d+$/);
    const first = await data<Listing>(emu, repositoryOperation('IntegrationsByEntity'), {
      entity: 'vision',
      perPage: 1,
    });
    expect(first.entity?.integrations.pageInfo.hasNextPage).toBe(true);
    const second = await data<Listing>(emu, repositoryOperation('IntegrationsByEntity'), {
      entity: 'vision',
      perPage: 1,
      cursor: first.entity?.integrations.pageInfo.endCursor,
    });
    expect(second.entity?.integrations.edges.map((e) => e.node.id)).toEqual([hookId]);
    expect(second.entity?.integrations.pageInfo.hasNextPage).toBe(false);
    expect(
      (await data<Listing>(emu, repositoryOperation('IntegrationsByEntity'), { entity: 'nobody' })).entity,
    ).toBeNull();
  });

  it('CreateGenericWebhookIntegration creates a webhook; a taken name is HTTP 409, a bad one an error', async () => {
    const input = {
      entityName: 'vision',
      name: 'deploy',
      urlEndpoint: 'https://deploy.example.com',
      accessTokenRef: 'TOKEN',
    };
    const d = await data<{ result: { integration: Node } }>(
      emu,
      repositoryOperation('CreateGenericWebhookIntegration'),
      { input },
    );
    expect(d.result.integration).toMatchObject({
      __typename: 'GenericWebhookIntegration',
      name: 'deploy',
      urlEndpoint: 'https://deploy.example.com',
    });
    const listed = await data<Listing>(emu, repositoryOperation('IntegrationsByEntity'), {
      entity: 'vision',
    });
    expect(listed.entity?.integrations.edges).toHaveLength(3);

    const dup = await gql(emu, repositoryOperation('CreateGenericWebhookIntegration'), { input });
    expect(dup.status).toBe(409);
    expect(dup.json.errors?.[0]).toMatchObject({
      message:
        'createGenericWebhookIntegration: a webhook integration named "deploy" already exists in entity vision',
      extensions: { code: 'ALREADY_EXISTS' },
    });
    expect(
      await errorMessages(emu, repositoryOperation('CreateGenericWebhookIntegration'), {
        input: { ...input, name: 'a/b' },
      }),
    ).toMatch(/invalid name "a\/b"/);
    expect(
      await errorMessages(emu, repositoryOperation('CreateGenericWebhookIntegration'), {
        input: { ...input, entityName: 'someone', name: 'x' },
      }),
    ).toMatch(/entity someone not found/);
  });
});
