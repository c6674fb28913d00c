// Launch in the emulator over raw HTTP: run queues and their default resource configs, pushing
// run specs (priorities, template variables), queue items moved on by the test
// (`emu.launch.advance`) or by a launch agent's mutations, deletes, errors, the schema switches
// for the official client's fallbacks, and the `emu.seed.job` / `emu.seed.runQueue` seeds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, gql, KEY } from '../../support/emulator-http.js';

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator({
    apiKey: KEY,
    viewer: { username: 'alice', teams: ['vision'] },
    clock: createManualClock('2024-06-01T00:00:00Z'),
  });
  emu.seed.project({ entity: 'alice', name: 'model-registry' });
  emu.seed.project({ entity: 'bob', name: 'model-registry' });
});
afterEach(() => emu.close());

const UPSERT = `mutation U($entity: String!, $queue: String!, $type: String!, $config: JSONString!, $tv: JSONString, $mode: RunQueuePrioritizationMode, $links: JSONString) {
  upsertRunQueue(input: { entityName: $entity, projectName: "model-registry", queueName: $queue, resourceType: $type,
    resourceConfig: $config, templateVariables: $tv, prioritizationMode: $mode, externalLinks: $links }) {
    success configSchemaValidationErrors
  }
}`;

const QUEUE = `query Q($entity: String!, $queue: String!) {
  project(name: "model-registry", entityName: $entity) {
    runQueue(name: $queue) {
      id name access createdBy createdAt defaultResourceConfigID prioritizationMode externalLinks
      runQueueItems { edges { node { id state priority associatedRunId runSpec } } }
    }
  }
}`;

const DRC = `query D($entity: String!, $id: ID!) {
  entity(name: $entity) { defaultResourceConfig(id: $id) { id resource config scope { Type } templateVariables { name description schema } } }
}`;

const PUSH = `mutation P($entity: String!, $project: String!, $queue: String!, $spec: JSONString!, $priority: Int, $values: JSONString) {
  pushToRunQueueByName(input: { entityName: $entity, projectName: $project, queueName: $queue, runSpec: $spec,
    priority: $priority, templateVariableValues: $values }) { runQueueItemId runSpec }
}`;

const ITEM = `query I($entity: String!, $queue: String!, $id: ID!) {
  project(name: "model-registry", entityName: $entity) {
    runQueue(name: $queue) { runQueueItem(id: $id) { id state associatedRunId priority error { message stage filePaths } } }
  }
}`;

interface Queue {
  id: string;
  name: string;
  access: string;
  createdBy: number;
  createdAt: string;
  defaultResourceConfigID: string | null;
  prioritizationMode: string;
  externalLinks: unknown;
  runQueueItems: {
    edges: {
      node: { id: string; state: string; priority: number; associatedRunId: string | null; runSpec: unknown };
    }[];
  };
}

async function queue(name: string, entity = 'alice'): Promise<Queue | null> {
  return (await data<{ project: { runQueue: Queue | null } }>(emu, QUEUE, { entity, queue: name })).project
    .runQueue;
}

async function push(variables: Record<string, unknown>) {
  return gql(emu, PUSH, { entity: 'alice', project: 'model-registry', ...variables });
}

async function pushed(
  variables: Record<string, unknown>,
): Promise<{ runQueueItemId: string; runSpec: string }> {
  const res = await push(variables);
  expect(res.json.errors).toBeUndefined();
  return (res.json.data as { pushToRunQueueByName: { runQueueItemId: string; runSpec: string } })
    .pushToRunQueueByName;
}

async function item(id: string, queueName = 'gpus') {
  return (
    await data<{
      project: {
        runQueue: {
          runQueueItem: {
            id: string;
            state: string;
            associatedRunId: string | null;
            priority: number;
            error: { message: string; stage: string; filePaths: string[] } | null;
          } | null;
        };
      };
    }>(emu, ITEM, { entity: 'alice', queue: queueName, id })
  ).project.runQueue.runQueueItem;
}

function errors(res: { json: { errors?: { message: string }[] } }): string[] {
  return (res.json.errors ?? []).map((e) => e.message);
}

describe('run queues', () => {
  it('createDefaultResourceConfig + createRunQueue: the queue, its config and its template variables', async () => {
    const created = await data<{
      createDefaultResourceConfig: { success: boolean; defaultResourceConfigID: string };
    }>(
      emu,
      `mutation C($config: JSONString!, $tv: JSONString) {
        createDefaultResourceConfig(input: { entityName: "alice", resource: "kubernetes", config: $config, templateVariables: $tv }) {
          success defaultResourceConfigID
        }
      }`,
      {
        config: JSON.stringify({ resource_args: { kubernetes: { gpus: '{{gpus}}' } } }),
        tv: JSON.stringify({
          gpus: { schema: { type: 'integer', minimum: 1, maximum: 8 }, description: 'GPUs' },
        }),
      },
    );
    expect(created.createDefaultResourceConfig.success).toBe(true);
    const drcId = created.createDefaultResourceConfig.defaultResourceConfigID;
    const q = await data<{ createRunQueue: { success: boolean; queueID: string } }>(
      emu,
      `mutation Q($drc: ID) { createRunQueue(input: { entityName: "alice", projectName: "model-registry", queueName: "gpus",
        access: PROJECT, defaultResourceConfigID: $drc, prioritizationMode: V0 }) { success queueID } }`,
      { drc: drcId },
    );
    expect(q.createRunQueue.success).toBe(true);
    const got = await queue('gpus');
    expect(got).toMatchObject({
      id: q.createRunQueue.queueID,
      name: 'gpus',
      access: 'PROJECT',
      defaultResourceConfigID: drcId,
      prioritizationMode: 'V0',
      externalLinks: null,
      createdAt: '2024-06-01T00:00:00Z',
      runQueueItems: { edges: [] },
    });
    expect(got?.createdBy).toBe(emu.store.findUser('alice')?.id);
    const drc = await data<{ entity: { defaultResourceConfig: unknown } }>(emu, DRC, {
      entity: 'alice',
      id: drcId,
    });
    expect(drc.entity.defaultResourceConfig).toEqual({
      id: drcId,
      resource: 'kubernetes',
      config: { resource_args: { kubernetes: { gpus: '{{gpus}}' } } },
      scope: { Type: 'ENTITY' },
      templateVariables: [
        { name: 'gpus', description: 'GPUs', schema: '{"type":"integer","minimum":1,"maximum":8}' },
      ],
    });
    // another entity's config is not found through this one
    expect(
      (await data<{ entity: { defaultResourceConfig: unknown } }>(emu, DRC, { entity: 'vision', id: drcId }))
        .entity,
    ).toEqual({ defaultResourceConfig: null });
    const listed = await data<{ project: { runQueues: { name: string }[] } }>(
      emu,
      `{ project(name: "model-registry", entityName: "alice") { runQueues { name } } }`,
    );
    expect(listed.project.runQueues.map((r) => r.name)).toEqual(['gpus']);
  });

  it('refuses a taken name, a bad name, an unknown project or resource config, another entity', async () => {
    const create = (variables: Record<string, unknown>) =>
      gql(
        emu,
        `mutation Q($entity: String!, $project: String!, $name: String!, $drc: ID) { createRunQueue(input: { entityName: $entity,
          projectName: $project, queueName: $name, access: PROJECT, defaultResourceConfigID: $drc }) { success queueID } }`,
        { entity: 'alice', project: 'model-registry', name: 'q', ...variables },
      );
    expect(errors(await create({}))).toEqual([]);
    expect(errors(await create({}))).toEqual([
      'createRunQueue: a run queue named "q" already exists in project alice/model-registry',
    ]);
    expect(errors(await create({ name: 'x'.repeat(65) }))[0]).toMatch(
      /invalid queue name .* \(1 to 64 characters\)/,
    );
    expect(errors(await create({ project: 'nope' }))).toEqual([
      'createRunQueue: project alice/nope not found',
    ]);
    expect(errors(await create({ entity: 'ghost' }))).toEqual(['createRunQueue: entity "ghost" not found']);
    expect(errors(await create({ entity: 'bob' }))).toEqual([
      'createRunQueue: permission denied: user alice cannot write to entity bob',
    ]);
    expect(errors(await create({ name: 'r', drc: 'bm9wZQ==' }))).toEqual([
      'createRunQueue: default resource config "bm9wZQ==" not found',
    ]);
  });

  it('upsertRunQueue creates then replaces the config, template variables and links, with warnings', async () => {
    const first = await data<{
      upsertRunQueue: { success: boolean; configSchemaValidationErrors: string[] };
    }>(emu, UPSERT, {
      entity: 'alice',
      queue: 'test-queue',
      type: 'local-container',
      config: JSON.stringify({ resource_args: { 'local-container': { cpu: '{{cpu}}', mem: '{{mem}}' } } }),
      tv: JSON.stringify({
        cpu: { schema: { type: 'integer', minimum: 1, maximum: 4 } },
        unused: { schema: { type: 'boolean' } },
      }),
      links: JSON.stringify({ links: [{ label: 'google', url: 'https://google.com' }] }),
    });
    expect(first.upsertRunQueue).toEqual({
      success: true,
      configSchemaValidationErrors: [
        'template variable "mem" is used in the resource config but not defined',
        'template variable "unused" is defined but not used in the resource config',
        'template variable "unused": type must be "string", "integer" or "number", got "boolean"',
      ],
    });
    const q1 = await queue('test-queue');
    expect(q1).toMatchObject({
      access: 'PROJECT',
      prioritizationMode: 'DISABLED',
      externalLinks: { links: [{ label: 'google', url: 'https://google.com' }] },
    });
    const drcId = q1?.defaultResourceConfigID;
    const second = await data<{ upsertRunQueue: { configSchemaValidationErrors: string[] } }>(emu, UPSERT, {
      entity: 'alice',
      queue: 'test-queue',
      type: 'local-container',
      config: JSON.stringify({ resource_args: { 'local-container': { cpu: 2 } } }),
      tv: null,
      mode: 'V0',
      links: JSON.stringify({ links: [{ label: 'yahoo', url: 'https://yahoo.com' }] }),
    });
    expect(second.upsertRunQueue.configSchemaValidationErrors).toEqual([]);
    const q2 = await queue('test-queue');
    expect(q2).toMatchObject({
      id: q1?.id,
      defaultResourceConfigID: drcId,
      prioritizationMode: 'V0',
      externalLinks: { links: [{ label: 'yahoo', url: 'https://yahoo.com' }] },
    });
    const drc = await data<{
      entity: { defaultResourceConfig: { config: unknown; templateVariables: unknown[] } };
    }>(emu, DRC, { entity: 'alice', id: drcId });
    expect(drc.entity.defaultResourceConfig).toMatchObject({
      config: { resource_args: { 'local-container': { cpu: 2 } } },
      templateVariables: [],
    });
    // a config without resource args for the type is a warning too, never an error
    const third = await data<{ upsertRunQueue: { configSchemaValidationErrors: string[] } }>(emu, UPSERT, {
      entity: 'alice',
      queue: 'k8s',
      type: 'kubernetes',
      config: JSON.stringify({ resource_args: { 'local-container': {} } }),
    });
    expect(third.upsertRunQueue.configSchemaValidationErrors).toEqual([
      'resource_args has no entry for resource type "kubernetes"',
    ]);
  });

  it('upsertRunQueue refuses bad JSON, an unknown resource type, a malformed template variable', async () => {
    const upsert = (variables: Record<string, unknown>) =>
      gql(emu, UPSERT, { entity: 'alice', queue: 'q', type: 'local-container', config: '{}', ...variables });
    expect(errors(await upsert({ config: '{' }))).toEqual([
      'upsertRunQueue: resourceConfig is not valid JSON',
    ]);
    expect(errors(await upsert({ type: 'docker' }))[0]).toMatch(
      /^upsertRunQueue: invalid resource type "docker"/,
    );
    expect(errors(await upsert({ tv: '{"cpu": 4}' }))).toEqual([
      'upsertRunQueue: template variable "cpu" needs a "schema" object',
    ]);
    expect(errors(await upsert({ entity: 'bob' }))).toEqual([
      'upsertRunQueue: permission denied: user alice cannot write to entity bob',
    ]);
    expect(await queue('q')).toBeNull();
  });
});

describe('run queues sharing a default resource config', () => {
  const CREATE_DRC = `mutation C($project: String, $config: JSONString!) {
    createDefaultResourceConfig(input: { entityName: "alice", projectName: $project, resource: "kubernetes", config: $config }) {
      defaultResourceConfigID
    }
  }`;
  const createConfig = async (config: unknown, project?: string): Promise<string> =>
    (
      await data<{ createDefaultResourceConfig: { defaultResourceConfigID: string } }>(emu, CREATE_DRC, {
        config: JSON.stringify(config),
        ...(project === undefined ? {} : { project }),
      })
    ).createDefaultResourceConfig.defaultResourceConfigID;
  const configOf = async (id: string): Promise<unknown> =>
    (
      await data<{ entity: { defaultResourceConfig: { resource: string; config: unknown } | null } }>(
        emu,
        DRC,
        {
          entity: 'alice',
          id,
        },
      )
    ).entity.defaultResourceConfig;

  it('upsertRunQueue gives a queue sharing its config a config of its own; the other queue keeps the old one', async () => {
    const shared = await createConfig({ namespace: 'shared' });
    for (const name of ['a', 'b']) {
      await data(
        emu,
        `mutation Q($name: String!, $drc: ID) { createRunQueue(input: { entityName: "alice", projectName: "model-registry",
          queueName: $name, access: PROJECT, defaultResourceConfigID: $drc }) { success } }`,
        { name, drc: shared },
      );
    }
    const upsert = (config: unknown) =>
      data(emu, UPSERT, {
        entity: 'alice',
        queue: 'a',
        type: 'local-container',
        config: JSON.stringify(config),
      });
    await upsert({ namespace: 'mine' });
    const a = await queue('a');
    const b = await queue('b');
    expect(b?.defaultResourceConfigID).toBe(shared);
    expect(await configOf(shared)).toMatchObject({ resource: 'kubernetes', config: { namespace: 'shared' } });
    expect(a?.defaultResourceConfigID).not.toBe(shared);
    const own = a?.defaultResourceConfigID ?? '';
    expect(await configOf(own)).toMatchObject({ resource: 'local-container', config: { namespace: 'mine' } });
    // Its own config is no longer shared: the next upsert changes it in place.
    await upsert({ namespace: 'mine, again' });
    expect((await queue('a'))?.defaultResourceConfigID).toBe(own);
    expect(await configOf(own)).toMatchObject({ config: { namespace: 'mine, again' } });
    expect(await configOf(shared)).toMatchObject({ config: { namespace: 'shared' } });
  });

  it('updateDefaultResourceConfig checks the entityName and projectName it is given', async () => {
    const UPDATE = `mutation U($id: ID!, $entity: String, $project: String, $config: JSONString!) {
      updateDefaultResourceConfig(input: { defaultResourceConfigID: $id, entityName: $entity, projectName: $project, config: $config }) {
        success
      }
    }`;
    const update = (id: string, config: unknown, entity?: string, project?: string) =>
      gql(emu, UPDATE, {
        id,
        config: JSON.stringify(config),
        entity: entity ?? null,
        project: project ?? null,
      });
    const entityWide = await createConfig({ v: 1 });
    const scoped = await createConfig({ v: 1 }, 'model-registry');
    emu.seed.project({ entity: 'alice', name: 'other' });
    expect(errors(await update(entityWide, { v: 2 }, 'vision'))).toEqual([
      `updateDefaultResourceConfig: default resource config "${entityWide}" not found in vision`,
    ]);
    expect(errors(await update(entityWide, { v: 2 }, 'alice', 'model-registry'))).toEqual([
      `updateDefaultResourceConfig: default resource config "${entityWide}" not found in alice/model-registry`,
    ]);
    expect(errors(await update(scoped, { v: 2 }, undefined, 'other'))).toEqual([
      `updateDefaultResourceConfig: default resource config "${scoped}" not found in alice/other`,
    ]);
    expect(await configOf(entityWide)).toMatchObject({ config: { v: 1 } });
    expect(await configOf(scoped)).toMatchObject({ config: { v: 1 } });
    expect(errors(await update(entityWide, { v: 2 }, 'alice'))).toEqual([]);
    expect(errors(await update(scoped, { v: 2 }, 'alice', 'model-registry'))).toEqual([]);
    expect(errors(await update(scoped, { v: 3 }))).toEqual([]);
    expect(await configOf(entityWide)).toMatchObject({ config: { v: 2 } });
    expect(await configOf(scoped)).toMatchObject({ config: { v: 3 } });
  });
});

describe('queue items', () => {
  let queueId: string;
  beforeEach(() => {
    queueId = emu.seed.runQueue({
      name: 'gpus',
      type: 'kubernetes',
      config: { namespace: 'ml', gpus: '{{gpus}}', image: 'trainer:{{tag}}' },
      templateVariables: {
        gpus: { schema: { type: 'integer', minimum: 1, maximum: 8, default: 1 } },
        tag: { schema: { type: 'string', enum: ['stable', 'nightly'] } },
      },
      prioritizationMode: 'V0',
    }).id;
    emu.seed.runQueue({ name: 'plain' });
  });

  it('pushToRunQueueByName: a PENDING item whose run spec has the queue resource args, values filled in', async () => {
    const res = await pushed({
      queue: 'gpus',
      spec: JSON.stringify({
        job: 'alice/vision/train:v0',
        entity: 'alice',
        project: 'vision',
        resource: 'local-container',
      }),
      values: JSON.stringify({ tag: 'nightly' }),
      priority: 0,
    });
    expect(JSON.parse(res.runSpec)).toEqual({
      job: 'alice/vision/train:v0',
      entity: 'alice',
      project: 'vision',
      resource: 'kubernetes',
      resource_args: { kubernetes: { namespace: 'ml', gpus: 1, image: 'trainer:nightly' } },
    });
    expect(await item(res.runQueueItemId)).toEqual({
      id: res.runQueueItemId,
      state: 'PENDING',
      associatedRunId: null,
      priority: 0,
      error: null,
    });
    expect(emu.launch.item(res.runQueueItemId)).toMatchObject({
      queueId,
      state: 'PENDING',
      phase: 'PENDING',
      templateVariableValues: { gpus: 1, tag: 'nightly' },
    });
    const listed = await queue('gpus');
    expect(listed?.runQueueItems.edges.map((e) => e.node.id)).toEqual([res.runQueueItemId]);
  });

  it('refuses priorities on a queue without them, bad template values, an unknown queue', async () => {
    const spec = JSON.stringify({ job: 'alice/vision/train:v0' });
    expect(errors(await push({ queue: 'plain', spec, priority: 0 }))).toEqual([
      'pushToRunQueueByName: queue "plain" does not support priorities (prioritizationMode DISABLED)',
    ]);
    expect(errors(await push({ queue: 'plain', spec, priority: 2 }))).toEqual([]);
    expect(errors(await push({ queue: 'gpus', spec, priority: 7, values: '{"tag":"stable"}' }))[0]).toMatch(
      /invalid priority 7/,
    );
    expect(errors(await push({ queue: 'gpus', spec }))).toEqual([
      'pushToRunQueueByName: template variable "tag" of queue "gpus" needs a value',
    ]);
    expect(errors(await push({ queue: 'gpus', spec, values: '{"tag":"beta"}' }))).toEqual([
      'pushToRunQueueByName: template variable "tag": "beta" is not one of ["stable","nightly"]',
    ]);
    expect(errors(await push({ queue: 'gpus', spec, values: '{"tag":"stable","gpus":16}' }))).toEqual([
      'pushToRunQueueByName: template variable "gpus": 16 is greater than the maximum 8',
    ]);
    expect(errors(await push({ queue: 'gpus', spec, values: '{"tag":"stable","cpu":1}' }))).toEqual([
      'pushToRunQueueByName: queue "gpus" has no template variable "cpu"',
    ]);
    expect(errors(await push({ queue: 'nope', spec }))).toEqual([
      'pushToRunQueueByName: run queue "nope" not found in project alice/model-registry',
    ]);
    expect(errors(await push({ queue: 'plain', spec: '[1]' }))).toEqual([
      'pushToRunQueueByName: runSpec must be a JSON object',
    ]);
    expect(errors(await push({ entity: 'bob', queue: 'plain', spec }))).toEqual([
      'pushToRunQueueByName: permission denied: user alice cannot write to entity bob',
    ]);
    expect((await queue('gpus'))?.runQueueItems.edges).toEqual([]);
  });

  it('emu.launch.advance: PENDING → LEASED → RUNNING (the run is created) → FINISHED', async () => {
    const { runQueueItemId: id } = await pushed({
      queue: 'plain',
      spec: JSON.stringify({ job: 'alice/vision/train:v0', entity: 'alice', project: 'vision' }),
    });
    expect(emu.launch.advance(id, 'LEASED').state).toBe('LEASED');
    expect((await item(id, 'plain'))?.state).toBe('LEASED');
    const running = emu.launch.advance(id, 'RUNNING', { runId: 'launch01' });
    expect(running).toMatchObject({ state: 'CLAIMED', phase: 'RUNNING', associatedRunId: 'launch01' });
    expect(await item(id, 'plain')).toMatchObject({ state: 'CLAIMED', associatedRunId: 'launch01' });
    const RUN = `{ project(name: "vision", entityName: "alice") { run(name: "launch01") { name state } } }`;
    expect((await data<{ project: { run: unknown } }>(emu, RUN)).project.run).toEqual({
      name: 'launch01',
      state: 'running',
    });
    emu.launch.advance(id, 'FINISHED');
    expect((await data<{ project: { run: { state: string } } }>(emu, RUN)).project.run.state).toBe(
      'finished',
    );
    expect((await item(id, 'plain'))?.state).toBe('CLAIMED');
    expect(() => emu.launch.advance(id, 'RUNNING')).toThrow(
      `emu.launch.advance: queue item ${id} cannot go from FINISHED to RUNNING (it is done)`,
    );
  });

  it('emu.launch.advance: CRASHED and FAILED set the run state and the item FAILED; illegal moves throw', async () => {
    const spec = JSON.stringify({ entity: 'alice', project: 'vision' });
    const a = (await pushed({ queue: 'plain', spec })).runQueueItemId;
    const b = (await pushed({ queue: 'plain', spec })).runQueueItemId;
    const c = (await pushed({ queue: 'plain', spec: '{}' })).runQueueItemId;
    emu.launch.advance(a, 'RUNNING', { runId: 'crashy' });
    emu.launch.advance(a, 'CRASHED', { message: 'OOM' });
    expect(await item(a, 'plain')).toMatchObject({ state: 'FAILED', error: { message: 'OOM' } });
    const vision = emu.store.findProject('alice', 'vision');
    expect(vision && emu.store.findRun(vision.id, 'crashy')?.state).toBe('crashed');
    emu.launch.advance(b, 'FAILED');
    expect(await item(b, 'plain')).toMatchObject({
      state: 'FAILED',
      associatedRunId: null,
      error: { message: 'failed' },
    });
    expect(() => emu.launch.advance(c, 'FINISHED')).toThrow(
      `emu.launch.advance: queue item ${c} cannot go from PENDING to FINISHED (it may go to LEASED, CLAIMED, RUNNING, FAILED)`,
    );
    expect(() => emu.launch.advance('nope', 'LEASED')).toThrow(
      'emu.launch.advance: no run queue item "nope"',
    );
    expect(() => emu.launch.advance(c, 'PENDING' as never)).toThrow(/unknown state "PENDING"/);
    // a spec without entity/project: the run lives in the queue's project
    emu.launch.advance(c, 'RUNNING', { runId: 'here' });
    const registry = emu.store.findProject('alice', 'model-registry');
    expect(registry && emu.store.findRun(registry.id, 'here')?.state).toBe('running');
    expect(() => emu.launch.advance(c, 'FINISHED', { runId: 'other' })).toThrow(/already has run here/);
  });

  it('a launch agent: popFromRunQueue leases by priority, ackRunQueueItem claims once, failRunQueueItem fails', async () => {
    const values = JSON.stringify({ tag: 'stable' });
    const spec = JSON.stringify({ entity: 'alice', project: 'vision' });
    const low = (await pushed({ queue: 'gpus', spec, values, priority: 3 })).runQueueItemId;
    const high = (await pushed({ queue: 'gpus', spec, values, priority: 1 })).runQueueItemId;
    const POP = `mutation { popFromRunQueue(input: { entityName: "alice", projectName: "model-registry", queueName: "gpus" }) { runQueueItemId runSpec } }`;
    const pop = async () =>
      (await data<{ popFromRunQueue: { runQueueItemId: string | null; runSpec: unknown } | null }>(emu, POP))
        .popFromRunQueue;
    expect((await pop())?.runQueueItemId).toBe(high);
    expect((await item(high))?.state).toBe('LEASED');
    const ACK = `mutation A($id: ID!) { ackRunQueueItem(input: { runQueueItemId: $id, runName: "agent-run" }) { success } }`;
    expect(await data(emu, ACK, { id: high })).toEqual({ ackRunQueueItem: { success: true } });
    expect(await data(emu, ACK, { id: high })).toEqual({ ackRunQueueItem: { success: false } });
    expect(await item(high)).toMatchObject({ state: 'CLAIMED', associatedRunId: 'agent-run' });
    expect((await pop())?.runQueueItemId).toBe(low);
    expect(await pop()).toEqual({ runQueueItemId: null, runSpec: null });
    await data(
      emu,
      `mutation F($id: ID!) { failRunQueueItem(input: { runQueueItemId: $id, message: "no image", stage: "build", filePaths: ["log.txt"] }) { success } }`,
      { id: low },
    );
    expect(await item(low)).toMatchObject({
      state: 'FAILED',
      error: { message: 'no image', stage: 'build', filePaths: ['log.txt'] },
    });
  });

  it('runQueueItems pages with first/after and lists every item without them', async () => {
    const spec = '{}';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await pushed({ queue: 'plain', spec })).runQueueItemId);
    const PAGE = `query P($after: String) { project(name: "model-registry", entityName: "alice") { runQueue(name: "plain") {
      runQueueItems(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`;
    type Page = {
      project: {
        runQueue: {
          runQueueItems: {
            edges: { node: { id: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      };
    };
    const one = (await data<Page>(emu, PAGE)).project.runQueue.runQueueItems;
    expect(one.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await data<Page>(emu, PAGE, { after: one.pageInfo.endCursor })).project.runQueue
      .runQueueItems;
    expect(two.edges.map((e) => e.node.id)).toEqual(ids.slice(2));
    expect((await queue('plain'))?.runQueueItems.edges.map((e) => e.node.id)).toEqual(ids);
  });

  it('deleteFromRunQueue removes an item, deleteRunQueues a queue with its items', async () => {
    const plain = await queue('plain');
    const id = (await pushed({ queue: 'plain', spec: '{}' })).runQueueItemId;
    const DEL_ITEM = `mutation D($q: ID!, $i: ID!) { deleteFromRunQueue(input: { queueID: $q, runQueueItemId: $i }) { success } }`;
    expect(errors(await gql(emu, DEL_ITEM, { q: queueId, i: id }))).toEqual([
      `deleteFromRunQueue: run queue item "${id}" not found in queue gpus`,
    ]);
    expect(await data(emu, DEL_ITEM, { q: plain?.id, i: id })).toEqual({
      deleteFromRunQueue: { success: true },
    });
    expect(await item(id, 'plain')).toBeNull();
    expect(errors(await gql(emu, DEL_ITEM, { q: plain?.id, i: id }))).toEqual([
      `deleteFromRunQueue: run queue item "${id}" not found`,
    ]);
    const DEL = `mutation D($id: ID!) { deleteRunQueues(input: { queueIDs: [$id] }) { success } }`;
    expect(await data(emu, DEL, { id: queueId })).toEqual({ deleteRunQueues: { success: true } });
    expect(await queue('gpus')).toBeNull();
    expect(errors(await gql(emu, DEL, { id: queueId }))).toEqual([
      `deleteRunQueues: run queue "${queueId}" not found`,
    ]);
  });

  it('failRunQueueItem refuses the info field it does not implement, failing nothing', async () => {
    const id = (await pushed({ queue: 'plain', spec: '{}' })).runQueueItemId;
    const res = await gql(
      emu,
      `mutation F($id: ID!) { failRunQueueItem(input: { runQueueItemId: $id, message: "m", stage: "run", info: "{}" }) { success } }`,
      { id },
    );
    expect(errors(res)).toEqual([
      'failRunQueueItem: the emulator does not implement FailRunQueueItemInput.info',
    ]);
    expect((await item(id, 'plain'))?.state).toBe('PENDING');
  });

  it('deleteRunQueues drops the deleted queues from LaunchAgent.runQueues', async () => {
    const plainId = (await queue('plain'))?.id;
    const agent = await data<{ createLaunchAgent: { launchAgentId: string } }>(
      emu,
      `mutation A($queues: [ID!]!) { createLaunchAgent(input: { entityName: "alice", projectName: "model-registry",
        runQueues: $queues, hostname: "box" }) { launchAgentId } }`,
      { queues: [queueId, plainId] },
    );
    const runQueues = async (): Promise<string[]> =>
      (
        await data<{ launchAgent: { runQueues: string[] } }>(
          emu,
          `query L($id: ID!) { launchAgent(id: $id) { runQueues } }`,
          {
            id: agent.createLaunchAgent.launchAgentId,
          },
        )
      ).launchAgent.runQueues;
    expect(await runQueues()).toEqual([queueId, plainId]);
    await data(emu, `mutation D($id: ID!) { deleteRunQueues(input: { queueIDs: [$id] }) { success } }`, {
      id: queueId,
    });
    expect(await runQueues()).toEqual([plainId]);
  });

  it('pushToRunQueue by queue id (the legacy push)', async () => {
    const res = await data<{ pushToRunQueue: { runQueueItemId: string } }>(
      emu,
      `mutation P($q: ID!) { pushToRunQueue(input: { queueID: $q, runSpec: "{}", templateVariableValues: "{\\"tag\\":\\"stable\\"}" }) { runQueueItemId } }`,
      { q: queueId },
    );
    expect(emu.launch.item(res.pushToRunQueue.runQueueItemId).state).toBe('PENDING');
  });
});

describe('schema switches for the official client fallbacks', () => {
  it('RUN_QUEUE_ITEM_BY_ID off: runQueueItem is refused, runQueueItems still answers; not in serverInfo', async () => {
    const old = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      features: { RUN_QUEUE_ITEM_BY_ID: false },
    });
    try {
      old.seed.runQueue({ name: 'q' });
      const res = await gql(old, ITEM, { entity: 'alice', queue: 'q', id: 'x' });
      expect(res.json.data).toBeUndefined();
      expect(errors(res)).toEqual(['Cannot query field "runQueueItem" on type "RunQueue".']);
      const list = await gql(old, QUEUE, { entity: 'alice', queue: 'q' });
      expect(list.json.errors).toBeUndefined();
      const features = await data<{ serverInfo: { features: { name: string }[] } }>(
        old,
        '{ serverInfo { features { name } } }',
      );
      const names = features.serverInfo.features.map((f) => f.name);
      expect(names).toContain('ARTIFACT_TAGS');
      expect(
        names.filter((n) =>
          ['RUN_QUEUE_ITEM_BY_ID', 'PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC', 'UPSERT_RUN_QUEUE'].includes(n),
        ),
      ).toEqual([]);
    } finally {
      await old.close();
    }
  });

  it('validates a document it has seen before against the features in force now', async () => {
    const emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    try {
      emu.seed.runQueue({ name: 'q' });
      const vars = { entity: 'alice', queue: 'q', id: 'x' };
      expect(errors(await gql(emu, ITEM, vars))).not.toContain(
        'Cannot query field "runQueueItem" on type "RunQueue".',
      );
      emu.store.features.set('RUN_QUEUE_ITEM_BY_ID', false);
      expect(errors(await gql(emu, ITEM, vars))).toEqual([
        'Cannot query field "runQueueItem" on type "RunQueue".',
      ]);
      emu.store.features.set('RUN_QUEUE_ITEM_BY_ID', true);
      expect(errors(await gql(emu, ITEM, vars))).not.toContain(
        'Cannot query field "runQueueItem" on type "RunQueue".',
      );
    } finally {
      await emu.close();
    }
  });

  it('PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC off: selecting runSpec is refused (nothing pushed), the push without it works', async () => {
    const old = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      features: { PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC: false, UPSERT_RUN_QUEUE: false },
    });
    try {
      old.seed.runQueue({ name: 'q' });
      const vars = { entity: 'alice', project: 'model-registry', queue: 'q', spec: '{}' };
      const refused = await gql(old, PUSH, vars);
      expect(errors(refused)).toEqual([
        'Cannot query field "runSpec" on type "PushToRunQueueByNamePayload".',
      ]);
      expect(old.store.launch.items.size).toBe(0);
      const ok = await gql(
        old,
        `mutation P($entity: String!, $project: String!, $queue: String!, $spec: JSONString!) {
          pushToRunQueueByName(input: { entityName: $entity, projectName: $project, queueName: $queue, runSpec: $spec }) { runQueueItemId }
        }`,
        vars,
      );
      expect(ok.json.errors).toBeUndefined();
      const upsert = await gql(old, UPSERT, {
        entity: 'alice',
        queue: 'u',
        type: 'local-process',
        config: '{}',
      });
      expect(errors(upsert)).toEqual(['Cannot query field "upsertRunQueue" on type "Mutation".']);
    } finally {
      await old.close();
    }
  });
});

describe('seeds', () => {
  it('seed.job: an artifact of type job whose wandb-job.json downloads', async () => {
    const job = emu.seed.job({
      project: 'vision',
      name: 'train',
      sourceType: 'repo',
      inputTypes: { wb_type: 'typedDict', params: { type_map: { lr: { wb_type: 'number' } } } },
      aliases: ['production'],
    });
    expect(job).toMatchObject({ name: 'train:v0', path: 'alice/vision/train:v0' });
    const res = await data<{
      project: {
        artifactCollectionMembership: {
          artifact: {
            artifactType: { name: string };
            files: { edges: { node: { name: string; directUrl: string } }[] };
          };
          aliases: { alias: string }[];
        };
      };
    }>(
      emu,
      `{ project(name: "vision", entityName: "alice") { artifactCollectionMembership(name: "train:production") {
        aliases { alias } artifact { artifactType { name } files { edges { node { name directUrl } } } } } } }`,
    );
    const membership = res.project.artifactCollectionMembership;
    expect(membership.artifact.artifactType.name).toBe('job');
    expect(membership.aliases.map((a) => a.alias).sort()).toEqual(['latest', 'production', 'v0']);
    const file = membership.artifact.files.edges.find((e) => e.node.name === 'wandb-job.json');
    expect(membership.artifact.files.edges.map((e) => e.node.name).sort()).toEqual([
      'requirements.frozen.txt',
      'wandb-job.json',
    ]);
    const jobInfo = (await (await fetch(file?.node.directUrl ?? '')).json()) as Record<string, unknown>;
    expect(jobInfo).toEqual({
      _version: 'v0',
      source_type: 'repo',
      source: {
        git: {
          remote: 'https://github.com/example/train.git',
          commit: '0123456789abcdef0123456789abcdef01234567',
        },
        entrypoint: ['python', 'train.py'],
        notebook: false,
      },
      input_types: { wb_type: 'typedDict', params: { type_map: { lr: { wb_type: 'number' } } } },
      output_types: { wb_type: 'typedDict', params: { type_map: {} } },
      runtime: '3.10',
    });
    expect(jobInfo).toEqual(job.jobInfo);
  });

  it('seed.job: image and artifact sources, partial jobs; bad input throws', () => {
    const image = emu.seed.job({
      project: 'vision',
      name: 'img',
      sourceType: 'image',
      image: 'acme/t:1',
      partial: true,
    });
    expect(image.jobInfo).toMatchObject({
      source_type: 'image',
      source: { image: 'acme/t:1' },
      _partial: true,
    });
    const art = emu.seed.job({ project: 'vision', name: 'code-job', sourceType: 'artifact' });
    expect((art.jobInfo.source as { artifact: string }).artifact).toMatch(/^wandb-artifact:\/\/_id\/.+/);
    expect(() => emu.seed.job({ project: 'vision', name: 'x', sourceType: 'zip' as never })).toThrow(
      /sourceType/,
    );
    expect(() => emu.seed.runQueue({ name: 'bad', type: 'docker' as never })).toThrow(
      /invalid resource type/,
    );
    expect(() =>
      emu.seed.runQueue({
        name: 'bad',
        templateVariables: { n: { schema: { type: 'integer', minimum: 3, maximum: 1 } } },
      }),
    ).toThrow('seed.runQueue: template variable "n": minimum 3 is greater than maximum 1');
    emu.seed.runQueue({ name: 'twice' });
    expect(() => emu.seed.runQueue({ name: 'twice' })).toThrow(/already exists/);
  });

  it('seed.runQueue: external links, access and the stored config as the official client writes it', async () => {
    const seeded = emu.seed.runQueue({
      entity: 'vision',
      name: 'team-q',
      type: 'sagemaker',
      config: { role: 'arn' },
      externalLinks: { docs: 'https://docs.example.com' },
      access: 'USER',
    });
    expect(seeded).toMatchObject({ name: 'team-q', entity: 'vision', project: 'model-registry' });
    const q = await queue('team-q', 'vision');
    expect(q).toMatchObject({
      id: seeded.id,
      access: 'USER',
      defaultResourceConfigID: seeded.defaultResourceConfigId,
      externalLinks: { links: [{ label: 'docs', url: 'https://docs.example.com' }] },
    });
    const drc = await data<{ entity: { defaultResourceConfig: { config: unknown; resource: string } } }>(
      emu,
      DRC,
      {
        entity: 'vision',
        id: seeded.defaultResourceConfigId,
      },
    );
    expect(drc.entity.defaultResourceConfig).toMatchObject({
      resource: 'sagemaker',
      config: { resource_args: { sagemaker: { role: 'arn' } } },
    });
  });
});

describe('the demo seed', () => {
  it('has the job train-cifar10 and the queue demo-team/gpu-queue', async () => {
    const demo = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
    try {
      const got = await data<{
        project: { artifactCollectionMembership: { artifact: { artifactType: { name: string } } } | null };
        team: { runQueue: { prioritizationMode: string; externalLinks: unknown } | null };
      }>(
        demo,
        `{ project(name: "image-classification", entityName: "alice") {
            artifactCollectionMembership(name: "train-cifar10:latest") { artifact { artifactType { name } } } }
          team: project(name: "model-registry", entityName: "demo-team") { runQueue(name: "gpu-queue") { prioritizationMode externalLinks } } }`,
      );
      expect(got.project.artifactCollectionMembership?.artifact.artifactType.name).toBe('job');
      expect(got.team.runQueue).toEqual({
        prioritizationMode: 'V0',
        externalLinks: { links: [{ label: 'dashboard', url: 'https://grafana.example.com/d/gpus' }] },
      });
    } finally {
      await demo.close();
    }
  });
});
