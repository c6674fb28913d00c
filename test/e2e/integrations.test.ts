// Integrations over HTTP against the emulator (notes/registries-protocol.md §6): the listings and
// creating a webhook.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api, ConflictError, NotFoundError, UnsupportedError } from '../../src/index.js';
import { errorTexts, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
const ids: Record<string, string> = {};

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    ids.slack = emu.seed.integration({
      entity: 'vision-team',
      kind: 'slack',
      teamName: 'acme',
      channelName: '#alerts',
    }).id;
    ids.hook = emu.seed.integration({
      entity: 'vision-team',
      kind: 'webhook',
      name: 'ci',
      urlEndpoint: 'https://ci.example.com/hook',
    }).id;
    ids.slack2 = emu.seed.integration({ entity: 'vision-team', kind: 'slack', channelName: '#models' }).id;
    ids.own = emu.seed.integration({ kind: 'slack', channelName: '#me' }).id;
  },
  { resetEach: true },
);

describe('api.integrations, slackIntegrations, webhookIntegrations', () => {
  it('lists both kinds, in order, as plain objects', async () => {
    expect(await api.integrations('vision-team').toArray()).toEqual([
      { kind: 'slack', id: ids.slack, teamName: 'acme', channelName: '#alerts' },
      { kind: 'webhook', id: ids.hook, name: 'ci', urlEndpoint: 'https://ci.example.com/hook' },
      { kind: 'slack', id: ids.slack2, teamName: 'emulator-workspace', channelName: '#models' },
    ]);
  });

  it('the typed listings keep their kind, across pages', async () => {
    const slack = await api.slackIntegrations('vision-team', { perPage: 1 }).toArray();
    expect(slack.map((s) => s.channelName)).toEqual(['#alerts', '#models']);
    expect(graphqlCalls(emu, 'IntegrationsByEntity')).toBe(3);
    const hooks = await api.webhookIntegrations('vision-team').toArray();
    expect(hooks).toEqual([
      { kind: 'webhook', id: ids.hook, name: 'ci', urlEndpoint: 'https://ci.example.com/hook' },
    ]);
  });

  it("defaults to the viewer's entity", async () => {
    expect((await api.integrations().toArray()).map((i) => i.id)).toEqual([ids.own]);
  });

  it('an unknown entity is a NotFoundError; no total', async () => {
    await expect(api.integrations('nobody-here').toArray()).rejects.toThrow(NotFoundError);
    await expect(api.integrations('vision-team').totalCount()).rejects.toThrow(UnsupportedError);
  });
});

describe('api.createWebhookIntegration', () => {
  it('creates a webhook and sends the secret names', async () => {
    const hook = await api.createWebhookIntegration({
      entity: 'vision-team',
      name: 'deploy hook',
      urlEndpoint: 'https://deploy.example.com/wandb',
      secretRef: 'DEPLOY_SECRET',
      accessTokenRef: 'DEPLOY_TOKEN',
    });
    expect(hook).toMatchObject({
      kind: 'webhook',
      name: 'deploy hook',
      urlEndpoint: 'https://deploy.example.com/wandb',
    });
    const sent = emu.requests.find((r) => r.operationName === 'CreateGenericWebhookIntegration');
    expect(sent?.variables).toEqual({
      input: {
        entityName: 'vision-team',
        name: 'deploy hook',
        urlEndpoint: 'https://deploy.example.com/wandb',
        secretRef: 'DEPLOY_SECRET',
        accessTokenRef: 'DEPLOY_TOKEN',
      },
    });
    expect((await api.webhookIntegrations('vision-team').toArray()).map((h) => h.name)).toContain(
      'deploy hook',
    );
  });

  it('a duplicate name is a ConflictError', async () => {
    const error = await api
      .createWebhookIntegration({ entity: 'vision-team', name: 'ci', urlEndpoint: 'https://x.example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
  });

  it('bad input is refused before any request, without echoing secrets', async () => {
    const base = { entity: 'vision-team', name: 'ok', urlEndpoint: 'https://x.example.com' };
    await validationRejection(api.createWebhookIntegration({ ...base, name: 'bad/name' }), 'name');
    await validationRejection(api.createWebhookIntegration({ ...base, name: 'x'.repeat(65) }), 'name');
    await validationRejection(api.createWebhookIntegration({ ...base, name: ' leading' }), 'name');
    await validationRejection(
      api.createWebhookIntegration({ ...base, urlEndpoint: 'ftp://x' }),
      'urlEndpoint',
    );
    await validationRejection(
      api.createWebhookIntegration({ ...base, urlEndpoint: 'not a url' }),
      'urlEndpoint',
    );
    // A secret value passed where its name belongs is never echoed.
    const secret = { value: 'whsec-DO-NOT-PRINT-8f3a' } as unknown as string;
    const e = await validationRejection(
      api.createWebhookIntegration({ ...base, secretRef: secret }),
      'secretRef',
    );
    expect(e.parameter).toBe('secretRef');
    expect(errorTexts(e).join(' ')).not.toContain('DO-NOT-PRINT');
    expect(graphqlCalls(emu, 'CreateGenericWebhookIntegration')).toBe(0);
  });
});
