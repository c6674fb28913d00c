import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  GraphQLRequestError,
  Job,
  NotFoundError,
  QueuedRun,
  Run,
  RunQueue,
  TimeoutError,
  ValidationError,
  WandbError,
  UnsupportedError,
  type LaunchClock,
} from '../../src/index.js';
import { Api as NodeApi } from '../../src/node.js';
import { failure, validationError, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, setup, useEmulator } from '../support/helpers.js';
import { gql } from '../support/emulator-http.js';
import { scriptedClock } from '../support/launch-clock.js';

let emu: Emulator;
let api: Api;

const TRAIN_TYPES = {
  wb_type: 'typedDict',
  params: {
    type_map: { lr: { wb_type: 'number' }, epochs: { wb_type: 'number' }, optimizer: { wb_type: 'string' } },
  },
};
const GOOD_CONFIG = { lr: 0.1, epochs: 3, optimizer: 'adam' };

/** The operation names the emulator received, in order, but the viewer lookup (once per Api, whichever call needs it first). */
function operations(e: Emulator): (string | undefined)[] {
  return e.requests
    .filter((r) => r.kind === 'graphql' && r.operationName !== 'DefaultEntity')
    .map((r) => r.operationName);
}

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  emu.seed.job({
    project: 'vision',
    name: 'train',
    sourceType: 'repo',
    git: { remote: 'https://github.com/acme/vision.git', commit: 'c0ffee' },
    entrypoint: ['python3', 'train.py'],
    inputTypes: TRAIN_TYPES,
    runtime: '3.11',
  });
  emu.seed.job({
    project: 'vision',
    name: 'train',
    sourceType: 'repo',
    inputTypes: TRAIN_TYPES,
    aliases: ['prod'],
  });
  emu.seed.job({
    project: 'vision',
    name: 'serve',
    sourceType: 'image',
    image: 'ghcr.io/acme/serve:2',
    partial: true,
  });
  emu.seed.job({ project: 'vision', name: 'notebook', sourceType: 'artifact', notebook: true });
  emu.seed.artifact({ project: 'vision', type: 'dataset', collection: 'mnist', files: { 'a.txt': 'a' } });
  emu.seed.project({ entity: 'alice', name: 'empty' });
  emu.seed.runQueue({ name: 'default', type: 'local-container' });
  emu.seed.runQueue({
    name: 'gpu',
    type: 'kubernetes',
    prioritizationMode: 'V0',
    config: { namespace: 'ml', gpus: '{{gpus}}' },
    templateVariables: { gpus: { schema: { type: 'integer', minimum: 1, maximum: 8 } } },
    externalLinks: { Grafana: 'https://grafana.example.com/d/gpu' },
  });
});

describe('api.job', () => {
  it('reads the job and its wandb-job.json into memory, fetching no other file', async () => {
    emu.clearRequests();
    const job = await api.job('alice/vision/train:v0');
    expect(job).toBeInstanceOf(Job);
    expect(job.constructor.name).toBe('Job');
    expect(job.name).toBe('alice/vision/train:v0');
    expect([job.entity, job.project]).toEqual(['alice', 'vision']);
    expect(job.sourceType).toBe('repo');
    expect(job.source).toMatchObject({
      sourceType: 'repo',
      git: { remote: 'https://github.com/acme/vision.git', commit: 'c0ffee' },
      notebook: false,
    });
    expect(job.entrypoint).toEqual(['python3', 'train.py']);
    expect(job.inputTypes).toEqual(TRAIN_TYPES);
    expect(job.outputTypes?.wb_type).toBe('typedDict');
    expect(job.runtime).toBe('3.11');
    expect(job.partial).toBe(false);
    expect(job.artifact.type).toBe('job');
    expect(job.path).toBeUndefined();
    const storage = emu.requests.filter((r) => r.kind === 'storage');
    expect(storage).toHaveLength(1); // wandb-job.json only, not requirements.frozen.txt
  });

  it('reads image, artifact and partial jobs', async () => {
    const serve = await api.job('alice/vision/serve:latest');
    expect(serve.source).toEqual({ sourceType: 'image', image: 'ghcr.io/acme/serve:2', entrypoint: [] });
    expect(serve.partial).toBe(true);
    const notebook = await api.job('alice/vision/notebook:latest');
    expect(notebook.source.sourceType).toBe('artifact');
    expect(notebook.source).toMatchObject({ notebook: true, entrypoint: ['python', 'train.py'] });
  });

  it('checks the name before any request', async () => {
    emu.clearRequests();
    for (const name of ['train:latest', 'vision/train:latest', 'alice/vision/train', 'a/b/c/d:v0']) {
      const e = await validationRejection(api.job(name), name);
      expect(e.parameter).toBe('name');
    }
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('rejects with NotFoundError for a missing job and ValidationError for an artifact of another type', async () => {
    await expect(api.job('alice/vision/nope:latest')).rejects.toBeInstanceOf(NotFoundError);
    const e = await failure(api.job('alice/vision/mnist:latest'));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).parameter).toBe('name');
    expect(e.message).toMatch(/of type "dataset", not a job/);
  });
});

describe('api.listJobs', () => {
  it('lists every version of every job, with a path api.job takes', async () => {
    const jobs = await api.listJobs('alice', 'vision');
    const train = jobs.filter((j) => j.name === 'train');
    expect(train.map((j) => j.version).sort()).toEqual(['v0', 'v1']);
    expect(train.find((j) => j.version === 'v1')?.aliases).toEqual(
      expect.arrayContaining(['latest', 'prod']),
    );
    expect(jobs.map((j) => j.name).sort()).toEqual(['notebook', 'serve', 'train', 'train']);
    expect(jobs.every((j) => j.state === 'COMMITTED')).toBe(true);
    const job = await api.job(train[0]?.path ?? '');
    expect(job.name).toBe(train[0]?.path);
  });

  it('gives [] for a project without jobs and NotFoundError for a missing project', async () => {
    expect(await api.listJobs('alice', 'empty')).toEqual([]);
    await expect(api.listJobs('alice', 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('job.call', () => {
  it('enqueues the run spec launch_add builds and returns the queued run', async () => {
    const job = await api.job('alice/vision/train:v0');
    emu.clearRequests();
    const queued = await job.call({ config: GOOD_CONFIG });
    expect(queued).toBeInstanceOf(QueuedRun);
    expect(queued.constructor.name).toBe('QueuedRun');
    expect(operations(emu)).toEqual(['PushToRunQueueByName']);
    expect(emu.requests.at(-1)?.variables).toMatchObject({
      entityName: 'alice',
      projectName: 'model-registry',
      queueName: 'default',
    });
    expect(emu.requests.at(-1)?.variables).not.toHaveProperty('priority');
    const sent = JSON.parse(String(emu.requests.at(-1)?.variables?.runSpec)) as Record<string, unknown>;
    expect(sent).toEqual({
      overrides: { run_config: GOOD_CONFIG },
      job: 'alice/vision/train:v0',
      entity: 'alice',
      project: 'vision',
      docker: {},
      resource: 'local-container',
      git: {},
    });
    expect(Object.keys(sent)).toEqual(['overrides', 'job', 'entity', 'project', 'docker', 'resource', 'git']);
    const item = emu.launch.item(queued.id);
    expect(item.runSpec).toMatchObject(sent); // the server adds the queue's resource_args
    expect(item.state).toBe('PENDING');
    expect([queued.entity, queued.project, queued.queueName, queued.projectQueue]).toEqual([
      'alice',
      'vision',
      'default',
      'model-registry',
    ]);
    expect(await queued.state()).toBe('pending');
  });

  it('sends priority, template variables, resource args and another project', async () => {
    const job = await api.job('alice/vision/train:v0');
    const queued = await job.call({
      config: GOOD_CONFIG,
      queue: 'gpu',
      project: 'experiments',
      priority: 0,
      templateVariables: { gpus: 4 },
      resource: 'kubernetes',
      resourceArgs: { kubernetes: { labels: { team: 'ml' } } },
    });
    const item = emu.launch.item(queued.id);
    expect(item.priority).toBe(0);
    expect(item.templateVariableValues).toEqual({ gpus: 4 });
    expect(item.runSpec).toMatchObject({
      project: 'experiments',
      resource: 'kubernetes',
      resource_args: { kubernetes: { labels: { team: 'ml' } } },
    });
    expect(queued.priority).toBe(0);
    expect(queued.project).toBe('experiments');
  });

  it('checks the config against the job input types, and every option, before any request', async () => {
    const job = await api.job('alice/vision/train:v0');
    emu.clearRequests();
    const missing = await validationRejection(job.call({ config: { lr: 0.1, epochs: 3 } }));
    expect(missing.parameter).toBe('config');
    expect(missing.message).toMatch(/config\.optimizer: missing, expected a string/);
    const extra = await validationRejection(job.call({ config: { ...GOOD_CONFIG, momentum: 0.9 } }));
    expect(extra.message).toMatch(/unexpected key momentum/);
    const wrong = await validationRejection(job.call({ config: { ...GOOD_CONFIG, lr: '0.1' } }));
    expect(wrong.message).toMatch(/config\.lr: the string "0\.1" is not a number/);
    const checks: [Parameters<Job['call']>[0], string][] = [
      [{ config: GOOD_CONFIG, queue: '' }, 'queue'],
      [{ config: GOOD_CONFIG, priority: 1.5 }, 'priority'],
      [{ config: GOOD_CONFIG, priority: 4 }, 'priority'],
      [{ config: GOOD_CONFIG, priority: -1 }, 'priority'],
      [{ config: GOOD_CONFIG, templateVariables: { gpus: [1] as unknown as number } }, 'templateVariables'],
      [{ config: GOOD_CONFIG, resource: 'k8s' as 'kubernetes' }, 'resource'],
      [{ config: GOOD_CONFIG, project: 'a/b' }, 'project'],
    ];
    for (const [options, parameter] of checks)
      expect((await validationRejection(job.call(options), parameter)).parameter).toBe(parameter);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it("enqueues a team's job in the team's queue when no entity is given (as the official client)", async () => {
    emu.seed.team({ name: 'acme', members: ['alice'] });
    emu.seed.job({
      entity: 'acme',
      project: 'vision',
      name: 'train',
      sourceType: 'repo',
      inputTypes: TRAIN_TYPES,
    });
    emu.seed.runQueue({ entity: 'acme', name: 'default', type: 'local-container' });
    const job = await api.job('acme/vision/train:v0');
    const queued = await job.call({ config: GOOD_CONFIG });
    expect(queued.entity).toBe('acme');
    expect(emu.requests.at(-1)?.variables).toMatchObject({ entityName: 'acme', queueName: 'default' });
    expect(emu.launch.item(queued.id).runSpec).toMatchObject({ entity: 'acme', project: 'vision' });
  });

  it('does not check the types of a partial job', async () => {
    const serve = await api.job('alice/vision/serve:latest');
    const queued = await serve.call({ config: { anything: 'goes' } });
    expect(emu.launch.item(queued.id).runSpec).toMatchObject({
      overrides: { run_config: { anything: 'goes' } },
    });
  });

  it('passes the server refusal on as a typed error (priority on a queue without prioritization)', async () => {
    const job = await api.job('alice/vision/train:v0');
    const e = await failure(job.call({ config: GOOD_CONFIG, priority: 1 }));
    expect(e).toBeInstanceOf(GraphQLRequestError);
    expect(e.message).toMatch(/does not support priorities/);
  });
});

describe('api.createRunQueue', () => {
  it('upserts model-registry, creates the resource config and the queue, then loads it', async () => {
    emu.clearRequests();
    const queue = await api.createRunQueue({
      name: 'cpu-batch',
      type: 'local-process',
      config: { env: ['A=1'], cpus: '{{cpus}}' },
      prioritizationMode: 'V0',
      templateVariables: { cpus: { schema: { type: 'integer', minimum: 1 } } },
    });
    expect(operations(emu)).toEqual([
      'CreateProject',
      'CreateDefaultResourceConfig',
      'CreateRunQueue',
      'RunQueueMetadata',
      'RunQueueResourceConfig',
    ]);
    const sent = emu.requests.find((r) => r.operationName === 'CreateDefaultResourceConfig')?.variables;
    expect(JSON.parse(String(sent?.config))).toEqual({
      resource_args: { 'local-process': { env: ['A=1'], cpus: '{{cpus}}' } },
    });
    expect(JSON.parse(String(sent?.templateVariables))).toEqual({
      cpus: { schema: { type: 'integer', minimum: 1 } },
    });
    expect(queue).toBeInstanceOf(RunQueue);
    expect(queue.constructor.name).toBe('RunQueue');
    expect(queue.name).toBe('cpu-batch');
    expect(queue.entity).toBe('alice');
    expect(queue.type).toBe('local-process');
    expect(queue.access).toBe('PROJECT');
    expect(queue.prioritizationMode).toBe('V0');
    expect(queue.defaultResourceConfig).toEqual({
      resource_args: { 'local-process': { env: ['A=1'], cpus: '{{cpus}}' } },
    });
    expect(queue.templateVariables).toEqual([{ name: 'cpus', schema: { type: 'integer', minimum: 1 } }]);
    expect(queue.warnings).toEqual([]);
    expect((await api.runQueue('alice', 'cpu-batch')).id).toBe(queue.id);
  });

  it('checks name, type, prioritization and config before any request', async () => {
    emu.clearRequests();
    const bad: [Parameters<Api['createRunQueue']>[0], string][] = [
      [{ name: '', type: 'kubernetes' }, 'name'],
      [{ name: 'x'.repeat(65), type: 'kubernetes' }, 'name'],
      [{ name: 'q', type: 'k8s' as 'kubernetes' }, 'type'],
      [{ name: 'q', type: 'kubernetes', prioritizationMode: 'DISABLED' as 'V0' }, 'prioritizationMode'],
      [{ name: 'q', type: 'kubernetes', config: [] as unknown as Record<string, unknown> }, 'config'],
      [{ name: 'q', type: 'kubernetes', entity: 'a/b' }, 'entity'],
    ];
    for (const [options, parameter] of bad)
      expect((await validationRejection(api.createRunQueue(options), parameter)).parameter).toBe(parameter);
    expect(graphqlCalls(emu)).toBe(0);
    // 64 characters is allowed
    const long = await api.createRunQueue({
      name: 'q'.repeat(64),
      type: 'kubernetes',
      prioritizationMode: 'v0' as 'V0',
    });
    expect(long.name).toHaveLength(64);
    const sent = emu.requests.find((r) => r.operationName === 'CreateDefaultResourceConfig')?.variables;
    expect([sent?.config, sent?.templateVariables]).toEqual(['{"resource_args":{"kubernetes":{}}}', '{}']);
  });
});

describe('api.upsertRunQueue', () => {
  it('creates and updates a queue in one mutation, with links and template variables', async () => {
    emu.clearRequests();
    const queue = await api.upsertRunQueue({
      name: 'sm',
      resourceType: 'sagemaker',
      resourceConfig: { instance: '{{instance}}' },
      templateVariables: { instance: { schema: { type: 'string', enum: ['ml.m5.large', 'ml.g5.xlarge'] } } },
      externalLinks: { Console: 'https://console.example.com/sm' },
    });
    expect(queue).toBeInstanceOf(RunQueue);
    expect(operations(emu)).toEqual([
      'CreateProject',
      'UpsertRunQueue',
      'RunQueueMetadata',
      'RunQueueResourceConfig',
    ]);
    const sent = emu.requests.find((r) => r.operationName === 'UpsertRunQueue')?.variables;
    expect(sent?.prioritizationMode).toBe('DISABLED');
    expect(JSON.parse(String(sent?.externalLinks))).toEqual({
      links: [{ label: 'Console', url: 'https://console.example.com/sm' }],
    });
    expect(queue.type).toBe('sagemaker');
    expect(queue.externalLinks).toEqual({ Console: 'https://console.example.com/sm' });
    expect(queue.templateVariables).toEqual([
      { name: 'instance', schema: { type: 'string', enum: ['ml.m5.large', 'ml.g5.xlarge'] } },
    ]);
    expect(queue.warnings).toEqual([]);
    const updated = await api.upsertRunQueue({
      name: 'sm',
      resourceType: 'sagemaker',
      resourceConfig: { instance: 'ml.m5.large' },
      prioritizationMode: 'V0',
    });
    expect(updated.id).toBe(queue.id);
    expect(updated.prioritizationMode).toBe('V0');
    expect(updated.defaultResourceConfig).toEqual({
      resource_args: { sagemaker: { instance: 'ml.m5.large' } },
    });
  });

  it('leaves another queue sharing the default resource config as it was', async () => {
    const seeded = emu.seed.runQueue({ name: 'shared-a', type: 'kubernetes', config: { namespace: 'ml' } });
    // A second queue on the same config, as createRunQueue allows.
    const twin = await gql(
      emu,
      `mutation Q($drc: ID) { createRunQueue(input: { entityName: "alice", projectName: "model-registry",
        queueName: "shared-b", access: PROJECT, defaultResourceConfigID: $drc }) { success } }`,
      { drc: seeded.defaultResourceConfigId },
    );
    expect(twin.json.errors).toBeUndefined();
    await api.upsertRunQueue({
      name: 'shared-a',
      resourceType: 'kubernetes',
      resourceConfig: { namespace: 'gpu' },
    });
    expect((await api.runQueue('alice', 'shared-a')).defaultResourceConfig).toEqual({
      resource_args: { kubernetes: { namespace: 'gpu' } },
    });
    const b = await api.runQueue('alice', 'shared-b');
    expect(b.type).toBe('kubernetes');
    expect(b.defaultResourceConfig).toEqual({ resource_args: { kubernetes: { namespace: 'ml' } } });
  });

  it('returns the server validation messages as warnings, not as an error', async () => {
    const queue = await api.upsertRunQueue({
      name: 'warned',
      resourceType: 'kubernetes',
      resourceConfig: { image: '{{image}}' },
    });
    expect(queue.warnings.length).toBeGreaterThan(0);
    expect(queue.warnings.join('\n')).toMatch(/image/);
    expect((await api.runQueue('alice', 'warned')).warnings).toEqual([]);
  });

  it('checks every option before any request', async () => {
    emu.clearRequests();
    const bad: [Parameters<Api['upsertRunQueue']>[0], string][] = [
      [{ name: '', resourceType: 'kubernetes', resourceConfig: {} }, 'name'],
      [{ name: 'q', resourceType: 'gke' as 'kubernetes', resourceConfig: {} }, 'resourceType'],
      [
        {
          name: 'q',
          resourceType: 'kubernetes',
          resourceConfig: undefined as unknown as Record<string, unknown>,
        },
        'resourceConfig',
      ],
      [
        { name: 'q', resourceType: 'kubernetes', resourceConfig: {}, prioritizationMode: 'V1' as 'V0' },
        'prioritizationMode',
      ],
      [
        {
          name: 'q',
          resourceType: 'kubernetes',
          resourceConfig: {},
          externalLinks: { a: 1 as unknown as string },
        },
        'externalLinks',
      ],
    ];
    for (const [options, parameter] of bad)
      expect((await validationRejection(api.upsertRunQueue(options), parameter)).parameter).toBe(parameter);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('api.runQueue', () => {
  it('loads a queue with its default resource config', async () => {
    const queue = await api.runQueue('alice', 'gpu');
    expect(queue.name).toBe('gpu');
    expect(queue.type).toBe('kubernetes');
    expect(queue.access).toBe('PROJECT');
    expect(queue.prioritizationMode).toBe('V0');
    expect(queue.externalLinks).toEqual({ Grafana: 'https://grafana.example.com/d/gpu' });
    expect(queue.defaultResourceConfig).toEqual({
      resource_args: { kubernetes: { namespace: 'ml', gpus: '{{gpus}}' } },
    });
    expect(queue.templateVariables).toEqual([
      { name: 'gpus', schema: { type: 'integer', minimum: 1, maximum: 8 } },
    ]);
    expect(JSON.parse(JSON.stringify(queue))).toMatchObject({ name: 'gpu', type: 'kubernetes' });
  });

  it('rejects with NotFoundError for an unknown queue, and checks the name first', async () => {
    await expect(api.runQueue('alice', 'nope')).rejects.toBeInstanceOf(NotFoundError);
    emu.clearRequests();
    expect((await validationRejection(api.runQueue('alice', ''))).parameter).toBe('name');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('lists its items and deletes it', async () => {
    await api.createRunQueue({ name: 'doomed', type: 'local-container' });
    const job = await api.job('alice/vision/train:v0');
    const a = await job.call({ config: GOOD_CONFIG, queue: 'doomed' });
    const b = await job.call({ config: GOOD_CONFIG, queue: 'doomed' });
    const queue = await api.runQueue('alice', 'doomed');
    const items = await queue.items();
    expect(items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect(items.every((i) => i instanceof QueuedRun && i.projectQueue === 'model-registry')).toBe(true);
    expect(items.map((i) => [i.entity, i.project, i.priority])).toEqual([
      ['alice', 'vision', 2],
      ['alice', 'vision', 2],
    ]); // from the run spec: where the run goes
    expect(await items[0]?.state()).toBe('pending');
    emu.launch.advance(a.id, 'RUNNING', { runId: 'item01' });
    expect((await items[0]?.run())?.path).toEqual(['alice', 'vision', 'item01']);
    await queue.delete();
    await expect(api.runQueue('alice', 'doomed')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('api.queuedRun and its waits', () => {
  it('checks its options without a request', () => {
    emu.clearRequests();
    const base = { entity: 'alice', project: 'vision', queueName: 'default', runQueueItemId: 'x' };
    expect(api.queuedRun(base)).toBeInstanceOf(QueuedRun);
    expect(api.queuedRun(base).constructor.name).toBe('QueuedRun');
    expect(validationError(() => api.queuedRun({ ...base, runQueueItemId: '' })).parameter).toBe(
      'runQueueItemId',
    );
    expect(validationError(() => api.queuedRun({ ...base, queueName: '' })).parameter).toBe('queueName');
    expect(validationError(() => api.queuedRun({ ...base, entity: '' })).parameter).toBe('entity');
    expect(validationError(() => api.queuedRun({ ...base, priority: -1 })).parameter).toBe('priority');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('checks the options of its waits at the call, before its methods have loaded and before any request', async () => {
    emu.clearRequests();
    const queued = api.queuedRun({
      entity: 'alice',
      project: 'vision',
      queueName: 'default',
      runQueueItemId: 'x',
    });
    expect(validationError(() => queued.waitUntilRunning({ pollMs: -1 })).parameter).toBe('pollMs');
    expect((await validationRejection(queued.waitUntilFinished({ timeoutMs: 0 }))).parameter).toBe(
      'timeoutMs',
    );
    const clock = { now: () => 0 } as unknown as LaunchClock;
    expect((await validationRejection(queued.waitUntilFinished({ clock }))).parameter).toBe('clock');
    expect(
      (await validationRejection(queued.state({ signal: 'no' as unknown as AbortSignal }))).parameter,
    ).toBe('signal');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('follows a queued run from pending to running to finished, polling on the injected clock', async () => {
    const job = await api.job('alice/vision/train:v0');
    const enqueued = await job.call({ config: GOOD_CONFIG });
    const queued = api.queuedRun({
      entity: 'alice',
      project: 'vision',
      queueName: 'default',
      runQueueItemId: enqueued.id,
    });
    expect(await queued.state()).toBe('pending');
    expect(await queued.run()).toBeUndefined();
    const clock = scriptedClock([
      () => emu.launch.advance(queued.id, 'LEASED'),
      () => emu.launch.advance(queued.id, 'CLAIMED', { runId: 'launch01' }), // associated, run not created yet
      () => emu.launch.advance(queued.id, 'RUNNING'),
    ]);
    const running = await queued.waitUntilRunning({ pollMs: 1_000, clock });
    expect(running).toBeInstanceOf(Run);
    expect(running.id).toBe('launch01');
    expect(running.state).toBe('running');
    expect(running.path).toEqual(['alice', 'vision', 'launch01']);
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_000]);
    expect(await queued.state()).toBe('claimed');
    expect((await queued.run())?.id).toBe('launch01');

    const later = scriptedClock([() => undefined, () => emu.launch.advance(queued.id, 'FINISHED')]);
    const finished = await queued.waitUntilFinished({ pollMs: 2_000, timeoutMs: 60_000, clock: later });
    expect(finished.state).toBe('finished');
    expect(later.sleeps).toEqual([2_000, 2_000]);
  });

  it('ends waitUntilFinished with a crashed run (not an error)', async () => {
    const job = await api.job('alice/vision/train:v0');
    const queued = await job.call({ config: GOOD_CONFIG });
    emu.launch.advance(queued.id, 'RUNNING', { runId: 'crash01' });
    const clock = scriptedClock([() => emu.launch.advance(queued.id, 'CRASHED')]);
    const run = await queued.waitUntilFinished({ pollMs: 500, timeoutMs: 60_000, clock });
    expect(run.id).toBe('crash01');
    expect(run.state).toBe('crashed');
  });

  it('rejects when the item fails before its run starts', async () => {
    const job = await api.job('alice/vision/train:v0');
    const queued = await job.call({ config: GOOD_CONFIG });
    const clock = scriptedClock([() => emu.launch.advance(queued.id, 'FAILED')]);
    const e = await failure(queued.waitUntilRunning({ clock }));
    expect(e).toBeInstanceOf(WandbError);
    expect(e.message).toMatch(/failed before its run started/);
  });

  it('rejects with TimeoutError after timeoutMs on the clock, and with the abort reason on signal', async () => {
    const job = await api.job('alice/vision/train:v0');
    const queued = await job.call({ config: GOOD_CONFIG });
    const clock = scriptedClock();
    const e = await failure(queued.waitUntilRunning({ pollMs: 1_000, timeoutMs: 2_500, clock }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(clock.sleeps).toEqual([1_000, 1_000, 500]);

    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const aborting = scriptedClock([() => controller.abort(reason)]);
    await expect(queued.waitUntilFinished({ clock: aborting, signal: controller.signal })).rejects.toBe(
      reason,
    );

    emu.launch.advance(queued.id, 'RUNNING', { runId: 'slow01' });
    const finishing = scriptedClock();
    await expect(
      queued.waitUntilFinished({ pollMs: 1_000, timeoutMs: 1_000, clock: finishing }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('deletes an item from its queue; a missing item is a NotFoundError', async () => {
    const job = await api.job('alice/vision/train:v0');
    const queued = await job.call({ config: GOOD_CONFIG });
    await queued.delete();
    await expect(queued.state()).rejects.toBeInstanceOf(NotFoundError);
    const ghost = api.queuedRun({
      entity: 'alice',
      project: 'vision',
      queueName: 'nope',
      runQueueItemId: queued.id,
    });
    await expect(ghost.delete()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('servers without the newer Launch fields (fallbacks)', () => {
  let old: { emu: Emulator; api: Api; close: () => Promise<void> };
  beforeAll(async () => {
    old = await setup({
      features: { PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC: false, RUN_QUEUE_ITEM_BY_ID: false },
    });
    old.emu.seed.job({ project: 'vision', name: 'train', sourceType: 'image', image: 'acme/train:1' });
    old.emu.seed.runQueue({ name: 'default' });
  });
  afterAll(() => old.close());

  it('job.call sends pushToRunQueueByName again without runSpec', async () => {
    const job = await old.api.job('alice/vision/train:latest');
    old.emu.clearRequests();
    const queued = await job.call({ config: {} });
    expect(operations(old.emu)).toEqual(['PushToRunQueueByName', 'PushToRunQueueByNameWithoutSpec']);
    expect(old.emu.launch.item(queued.id).runSpec).toMatchObject({ job: 'alice/vision/train:latest' });
  });

  it('the queued run reads its item from the queue listing', async () => {
    const job = await old.api.job('alice/vision/train:latest');
    const queued = await job.call({ config: {} });
    old.emu.clearRequests();
    expect(await queued.state()).toBe('pending');
    expect(operations(old.emu)).toEqual(['RunQueueItem', 'RunQueueItemsLegacy']);
    const clock = scriptedClock([() => old.emu.launch.advance(queued.id, 'RUNNING', { runId: 'old01' })]);
    expect((await queued.waitUntilRunning({ clock })).id).toBe('old01');
  });

  it('upsertRunQueue on a server without it rejects with UnsupportedError', async () => {
    const older = await setup({ features: { UPSERT_RUN_QUEUE: false } });
    try {
      const e = await failure(
        older.api.upsertRunQueue({ name: 'q', resourceType: 'kubernetes', resourceConfig: {} }),
      );
      expect(e).toBeInstanceOf(UnsupportedError);
      expect(e.message).toMatch(/use createRunQueue/);
      expect((await older.api.createRunQueue({ name: 'q', type: 'kubernetes' })).name).toBe('q');
    } finally {
      await older.close();
    }
  });
});

describe('api.job with path (Node)', () => {
  it('also downloads the job files there, as the official client does', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wandb-job-'));
    try {
      const node = new NodeApi({ baseUrl: emu.url, apiKey: emu.apiKey });
      const job = await node.job('alice/vision/train:v0', { path: root });
      expect(job.path).toBe(root);
      expect((await readdir(root)).sort()).toEqual(['requirements.frozen.txt', 'wandb-job.json']);
      expect(JSON.parse(await readFile(join(root, 'wandb-job.json'), 'utf8'))).toMatchObject({
        source_type: 'repo',
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('is refused in the core (browser) build, before writing anything', async () => {
    await expect(api.job('alice/vision/train:v0', { path: 'nowhere' })).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });
});
