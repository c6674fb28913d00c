import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  AuthenticationError,
  NotFoundError,
  Project,
  UnsupportedError,
  ValidationError,
  VERSION,
} from '../../src/index.js';
import { validationRejection } from '../support/expect-errors.js';
import { seedMnist } from '../support/fixtures.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  seedMnist(emu);
  emu.seed.project({ entity: 'vision-team', name: 'segmentation' });
});
afterEach(() => vi.unstubAllEnvs());

describe('Api settings', () => {
  it('has the version of package.json in its user agent', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
    expect(api.userAgent).toBe(`W&B Public Client wandb-api/${pkg.version}`);
  });

  it('sends X-Wandb-Client and User-Agent on every request, and Basic auth', async () => {
    emu.clearRequests();
    api.flush();
    await api.viewer();
    const req = emu.requests.at(-1)!;
    expect(req.headers['x-wandb-client']).toBe(`wandb-api/${VERSION}`);
    expect(req.headers['user-agent']).toBe(api.userAgent);
    expect(req.headers.authorization).toBe('[REDACTED]');
  });

  it('takes baseUrl, entity and project from the environment, options first', () => {
    vi.stubEnv('WANDB_BASE_URL', 'https://wandb.example.com///');
    vi.stubEnv('WANDB_ENTITY', 'env-entity');
    vi.stubEnv('WANDB_PROJECT', 'env-project');
    const fromEnv = new Api({ apiKey: 'k' });
    expect(fromEnv.baseUrl).toBe('https://wandb.example.com');
    expect(fromEnv.settings.entity).toBe('env-entity');
    expect(fromEnv.settings.project).toBe('env-project');
    const fromOptions = new Api({
      apiKey: 'k',
      baseUrl: 'http://localhost:8080/',
      entity: 'e',
      project: 'p',
    });
    expect(fromOptions.baseUrl).toBe('http://localhost:8080');
    expect(fromOptions.settings.entity).toBe('e');
    expect(fromOptions.settings.project).toBe('p');
  });

  it('defaults to the public server and derives the app URL', () => {
    vi.stubEnv('WANDB_BASE_URL', '');
    expect(new Api({ apiKey: 'k' }).baseUrl).toBe('https://api.wandb.ai');
    expect(new Api({ apiKey: 'k' }).appUrl).toBe('https://wandb.ai');
  });

  it('rejects a malformed baseUrl or timeout at construction', () => {
    expect(() => new Api({ apiKey: 'k', baseUrl: 'not a url' })).toThrow(ValidationError);
    expect(() => new Api({ apiKey: 'k', timeoutMs: -5 })).toThrow(ValidationError);
    for (const storageConcurrency of [0, 1.5, -1, 'many']) {
      expect(() => new Api({ apiKey: 'k', storageConcurrency: storageConcurrency as number })).toThrow(
        /storageConcurrency/,
      );
    }
    expect(() => new Api({ apiKey: 'k', storageConcurrency: 4 })).not.toThrow();
  });

  it('uses a key from the environment', async () => {
    vi.stubEnv('WANDB_API_KEY', emu.apiKey);
    const envApi = new Api({ baseUrl: emu.url });
    expect((await envApi.viewer()).username).toBe('alice');
  });

  it('without any key fails with a message naming the three ways to give one, before any request', async () => {
    vi.stubEnv('WANDB_API_KEY', '');
    vi.stubEnv('NETRC', '/nonexistent/netrc');
    emu.clearRequests();
    const noKey = new Api({ baseUrl: emu.url });
    const err = await noKey.viewer().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toMatch(/apiKey/);
    expect((err as Error).message).toMatch(/WANDB_API_KEY/);
    expect((err as Error).message).toMatch(/netrc/);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('viewer and default entity', () => {
  it('returns the viewer', async () => {
    const me = await api.viewer();
    expect(me.username).toBe('alice');
    expect(me.email).toBe('alice@example.com');
    expect(me.entity).toBe('alice');
    expect(me.teams).toEqual(['vision-team']);
    expect(me.id).toEqual(expect.any(String));
  });

  it('caches the viewer until flush()', async () => {
    api.flush();
    emu.clearRequests();
    await api.viewer();
    await api.viewer();
    expect(graphqlCalls(emu, 'Viewer')).toBe(1);
    api.flush();
    await api.viewer();
    expect(graphqlCalls(emu, 'Viewer')).toBe(2);
  });

  it('defaultEntity() is the viewer entity', async () => {
    expect(await api.defaultEntity()).toBe('alice');
  });

  it('serverFeatures() reads the server flags', async () => {
    const features = await api.serverFeatures();
    expect(features.size).toBeGreaterThan(0);
  });
});

describe('projects', () => {
  it('lists the default entity projects across pages', async () => {
    const projects = await api.projects(undefined, { perPage: 1 }).toArray();
    expect(projects.map((p) => p.name).sort()).toEqual(['empty', 'mnist']);
    expect(projects[0]).toBeInstanceOf(Project);
  });

  it('lists another entity projects', async () => {
    const projects = await api.projects('vision-team').toArray();
    expect(projects.map((p) => `${p.entity}/${p.name}`)).toEqual(['vision-team/segmentation']);
  });

  it('has no total count', async () => {
    await expect(api.projects().totalCount()).rejects.toBeInstanceOf(UnsupportedError);
  });

  it('loads one project with its url and runs', async () => {
    const project = await api.project('mnist', 'alice');
    expect(project.name).toBe('mnist');
    expect(project.entity).toBe('alice');
    expect(project.description).toBe('digits');
    expect(project.createdAt).toBeInstanceOf(Date);
    expect(project.url).toBe(`${api.appUrl}/alice/mnist/workspace`);
    expect(await project.runs().totalCount()).toBe(5);
    expect((await api.project('alice/mnist')).id).toBe(project.id);
    expect((await api.project('mnist')).id).toBe(project.id);
  });

  it('a missing project is a NotFoundError', async () => {
    await expect(api.project('nope', 'alice')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a bad perPage or entity before any request', async () => {
    emu.clearRequests();
    expect(() => api.projects('alice', { perPage: 0 })).toThrow(ValidationError);
    expect(() => api.projects('alice/mnist')).toThrow(/entity/);
    await expect(api.project('mnist', 'al\tice')).rejects.toBeInstanceOf(ValidationError);
    expect(() => new Api({ apiKey: 'k', entity: 'a/b' })).toThrow(ValidationError);
    expect(() => new Api({ apiKey: 'k', project: 'p:q' })).toThrow(/project/);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('run paths', () => {
  const scoped = () => new Api({ baseUrl: emu.url, apiKey: emu.apiKey, project: 'mnist' });
  it.each([
    'alice/mnist/run00002',
    'alice/mnist/runs/run00002',
    '/alice/mnist/run00002',
    'alice/mnist:run00002',
    'mnist/run00002',
    'mnist:run00002',
  ])('resolves %s', async (path) => {
    const run = await api.run(path);
    expect(run.path).toEqual(['alice', 'mnist', 'run00002']);
  });

  it('resolves a bare run id with the project option', async () => {
    expect((await scoped().run('run00002')).name).toBe('beta');
  });

  it('uses the entity option over the viewer entity', async () => {
    const other = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, entity: 'vision-team' });
    await expect(other.run('mnist/run00002')).rejects.toBeInstanceOf(NotFoundError);
    expect((await other.run('alice/mnist/run00002')).name).toBe('beta');
  });

  it.each(['', '   ', ':', '/', '//', 'e/p:'])('rejects %j before any request', async (path) => {
    emu.clearRequests();
    await expect(api.run(path)).rejects.toBeInstanceOf(ValidationError);
    expect(() => api.runs(path)).toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('a bare run id without a project default says the project is missing', async () => {
    const err = await validationRejection(api.run('run00002'));
    expect(err.message).toMatch(/project/);
  });
});
