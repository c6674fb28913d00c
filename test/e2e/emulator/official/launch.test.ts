// The official client's Launch documents, in their exact text (./launch-documents.ts), sent as
// the official client sends them (raw documents with `operationName: ""`, the Go-generated ones
// with their names) in the order of its flows (`create_run_queue`, `upsert_run_queue`,
// `RunQueue`, `Job.call` → `launch_add`, `QueuedRun`, the launch agent), and answered as the
// official client reads them (wandb-ops.md §6.8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { gql, KEY, official } from '../../../support/emulator-http.js';
import { ARTIFACT_MEMBERSHIP_BY_NAME } from './artifact-documents.js';
import * as doc from './launch-documents.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
});
afterAll(() => emu.close());

const go = (name: string) => ({ operationName: name });

interface Metadata {
  project: {
    runQueue: {
      id: string;
      access: string;
      defaultResourceConfigID: string | null;
      prioritizationMode: string;
      externalLinks: unknown;
    } | null;
  };
}

const metadata = (runQueue: string) =>
  official<Metadata>(emu, doc.GET_RUN_QUEUE_METADATA, {
    projectName: 'model-registry',
    entityName: 'alice',
    runQueue,
  });

describe('official documents: Launch', () => {
  it('create_run_queue: UpsertModel, CreateDefaultResourceConfig, CreateRunQueue, then RunQueue reads it', async () => {
    await official(emu, doc.UPSERT_MODEL, { name: 'model-registry', entity: 'alice' });
    const drc = await official<{
      createDefaultResourceConfig: { defaultResourceConfigID: string; success: boolean };
    }>(
      emu,
      doc.GO_CREATE_DEFAULT_RESOURCE_CONFIG,
      {
        entityName: 'alice',
        resource: 'local-container',
        config: JSON.stringify({ resource_args: { 'local-container': { env: ['A={{a}}'] } } }),
        templateVariables: JSON.stringify({
          a: { schema: { type: 'string', enum: ['x', 'y'], default: 'x' } },
        }),
      },
      go('CreateDefaultResourceConfig'),
    );
    expect(drc.createDefaultResourceConfig.success).toBe(true);
    const queue = await official<{ createRunQueue: { success: boolean; queueID: string } }>(
      emu,
      doc.GO_CREATE_RUN_QUEUE,
      {
        entity: 'alice',
        project: 'model-registry',
        queueName: 'cpu',
        access: 'PROJECT',
        prioritizationMode: 'V0',
        defaultResourceConfigID: drc.createDefaultResourceConfig.defaultResourceConfigID,
      },
      go('CreateRunQueue'),
    );
    expect(queue.createRunQueue.success).toBe(true);
    expect((await metadata('cpu')).project.runQueue).toEqual({
      id: queue.createRunQueue.queueID,
      access: 'PROJECT',
      defaultResourceConfigID: drc.createDefaultResourceConfig.defaultResourceConfigID,
      prioritizationMode: 'V0',
      externalLinks: null,
    });
    const config = await official<{ entity: { defaultResourceConfig: unknown } }>(
      emu,
      doc.GET_DEFAULT_RESOURCE_CONFIG,
      {
        entityName: 'alice',
        id: drc.createDefaultResourceConfig.defaultResourceConfigID,
      },
    );
    expect(config.entity.defaultResourceConfig).toEqual({
      config: { resource_args: { 'local-container': { env: ['A={{a}}'] } } },
      resource: 'local-container',
      templateVariables: [{ name: 'a', schema: '{"type":"string","enum":["x","y"],"default":"x"}' }],
    });
    const queues = await official<{ project: { runQueues: unknown[] } }>(emu, doc.PROJECT_RUN_QUEUES, {
      entity: 'alice',
      projectName: 'model-registry',
    });
    expect(queues.project.runQueues).toEqual([
      { id: queue.createRunQueue.queueID, name: 'cpu', createdBy: emu.store.viewer.id, access: 'PROJECT' },
    ]);
  });

  it('upsert_run_queue: the Go and Python UpsertRunQueue documents, warnings as configSchemaValidationErrors', async () => {
    const variables = {
      entityName: 'alice',
      projectName: 'model-registry',
      queueName: 'upserted',
      resourceType: 'local-container',
      resourceConfig: JSON.stringify({ resource_args: { 'local-container': { cpu: '{{cpu}}' } } }),
      templateVariables: null,
      prioritizationMode: 'DISABLED',
      externalLinks: JSON.stringify({ links: [{ label: 'google', url: 'https://google.com' }] }),
    };
    const viaGo = await official<{
      upsertRunQueue: { success: boolean; configSchemaValidationErrors: string[] };
    }>(emu, doc.GO_UPSERT_RUN_QUEUE, variables, go('UpsertRunQueue'));
    expect(viaGo.upsertRunQueue).toEqual({
      success: true,
      configSchemaValidationErrors: [
        'template variable "cpu" is used in the resource config but not defined',
      ],
    });
    const viaPython = await official<{
      upsertRunQueue: { success: boolean; configSchemaValidationErrors: string[] };
    }>(emu, doc.UPSERT_RUN_QUEUE_PY, {
      ...variables,
      templateVariables: JSON.stringify({ cpu: { schema: { type: 'integer', minimum: 1 } } }),
    });
    expect(viaPython.upsertRunQueue).toEqual({ success: true, configSchemaValidationErrors: [] });
    expect((await metadata('upserted')).project.runQueue).toMatchObject({
      access: 'PROJECT',
      prioritizationMode: 'DISABLED',
      externalLinks: { links: [{ label: 'google', url: 'https://google.com' }] },
    });
  });

  it('launch_add: pushToRunQueueByName answers the updated run spec; QueuedRun reads, lists, deletes the item', async () => {
    const push = await official<{ pushToRunQueueByName: { runQueueItemId: string; runSpec: string } }>(
      emu,
      doc.PUSH_TO_RUN_QUEUE_BY_NAME,
      {
        entityName: 'alice',
        projectName: 'model-registry',
        queueName: 'cpu',
        runSpec: JSON.stringify({ job: 'alice/vision/train:v0', entity: 'alice', project: 'vision' }),
        priority: 1,
        templateVariableValues: JSON.stringify({ a: 'y' }),
      },
    );
    const id = push.pushToRunQueueByName.runQueueItemId;
    expect(JSON.parse(push.pushToRunQueueByName.runSpec)).toMatchObject({
      resource: 'local-container',
      resource_args: { 'local-container': { env: ['A=y'] } },
    });
    const vars = { projectName: 'model-registry', entityName: 'alice', runQueue: 'cpu' };
    const got = await official<{ project: { runQueue: { runQueueItem: unknown } } }>(
      emu,
      doc.GET_RUN_QUEUE_ITEM,
      {
        ...vars,
        itemId: id,
      },
    );
    expect(got.project.runQueue.runQueueItem).toEqual({ id, state: 'PENDING', associatedRunId: null });
    const items = await official<{
      project: { runQueue: { runQueueItems: { edges: { node: { id: string } }[] } } };
    }>(emu, doc.GET_RUN_QUEUE_ITEMS, vars);
    expect(items.project.runQueue.runQueueItems.edges.map((e) => e.node.id)).toEqual([id]);

    emu.launch.advance(id, 'RUNNING', { runId: 'queued01' });
    const running = await official<{ project: { runQueue: { runQueueItem: unknown } } }>(
      emu,
      doc.GET_RUN_QUEUE_ITEM,
      {
        ...vars,
        itemId: id,
      },
    );
    expect(running.project.runQueue.runQueueItem).toEqual({
      id,
      state: 'CLAIMED',
      associatedRunId: 'queued01',
    });

    const queue = await official<{ project: { runQueue: { id: string } } }>(
      emu,
      doc.FETCH_RUN_QUEUES_FROM_PROJECT,
      {
        entityName: 'alice',
        projectName: 'model-registry',
        runQueueName: 'cpu',
      },
    );
    const deleted = await official<{ deleteFromRunQueue: { success: boolean } }>(
      emu,
      doc.DELETE_FROM_RUN_QUEUE,
      {
        queueID: queue.project.runQueue.id,
        runQueueItemId: id,
      },
    );
    expect(deleted.deleteFromRunQueue.success).toBe(true);
  });

  it('push_to_run_queue legacy: pushToRunQueue by queue id', async () => {
    const queue = await metadata('upserted');
    const res = await official<{ pushToRunQueue: { runQueueItemId: string } }>(emu, doc.PUSH_TO_RUN_QUEUE, {
      queueID: queue.project.runQueue?.id,
      runSpec: '{}',
      templateVariableValues: JSON.stringify({ cpu: 2 }),
    });
    expect(emu.launch.item(res.pushToRunQueue.runQueueItemId).runSpec).toEqual({
      resource: 'local-container',
      resource_args: { 'local-container': { cpu: 2 } },
    });
  });

  it('the launch agent: createLaunchAgent, LaunchAgent, popFromRunQueue, ackRunQueueItem, warnings, failures', async () => {
    const queue = await metadata('cpu');
    const agent = await official<{ createLaunchAgent: { launchAgentId: string } }>(
      emu,
      doc.CREATE_LAUNCH_AGENT,
      {
        entity: 'alice',
        project: 'model-registry',
        queues: [queue.project.runQueue?.id],
        hostname: 'worker-1',
        agentConfig: '{}',
        version: '0.19.0',
      },
    );
    const agentId = agent.createLaunchAgent.launchAgentId;
    await official(emu, doc.UPDATE_LAUNCH_AGENT, { agentId, agentStatus: 'RUNNING' });
    const read = await official<{ launchAgent: Record<string, unknown> }>(emu, doc.LAUNCH_AGENT, { agentId });
    expect(read.launchAgent).toMatchObject({
      id: agentId,
      runQueues: [queue.project.runQueue?.id],
      hostname: 'worker-1',
      agentStatus: 'RUNNING',
      stopPolling: false,
    });
    const pushed = await official<{ pushToRunQueueByName: { runQueueItemId: string } }>(
      emu,
      doc.PUSH_TO_RUN_QUEUE_BY_NAME,
      {
        entityName: 'alice',
        projectName: 'model-registry',
        queueName: 'cpu',
        runSpec: '{}',
        priority: null,
        templateVariableValues: null,
      },
    );
    const popVars = { entity: 'alice', project: 'model-registry', queueName: 'cpu', launchAgentId: agentId };
    const pop = await official<{ popFromRunQueue: { runQueueItemId: string; runSpec: unknown } }>(
      emu,
      doc.POP_FROM_RUN_QUEUE,
      popVars,
    );
    expect(pop.popFromRunQueue).toEqual({
      runQueueItemId: pushed.pushToRunQueueByName.runQueueItemId,
      runSpec: { resource: 'local-container', resource_args: { 'local-container': { env: ['A=x'] } } },
    });
    const itemId = pop.popFromRunQueue.runQueueItemId;
    expect(await official(emu, doc.ACK_RUN_QUEUE_ITEM, { itemId, runId: 'agentrun' })).toEqual({
      ackRunQueueItem: { success: true },
    });
    expect(
      await official(emu, doc.UPDATE_RUN_QUEUE_ITEM_WARNING, {
        runQueueItemId: itemId,
        message: 'slow pull',
        stage: 'run',
        filePaths: null,
      }),
    ).toEqual({ updateRunQueueItemWarning: { success: true } });
    expect(
      await official(emu, doc.FAIL_RUN_QUEUE_ITEM, {
        runQueueItemId: itemId,
        message: 'exit 1',
        stage: 'run',
      }),
    ).toEqual({ failRunQueueItem: { success: true } });
    expect(emu.launch.item(itemId)).toMatchObject({ state: 'FAILED', associatedRunId: 'agentrun' });
  });

  it('RunQueue.delete: DeleteRunQueue', async () => {
    const queue = await metadata('upserted');
    expect(await official(emu, doc.DELETE_RUN_QUEUE, { id: queue.project.runQueue?.id })).toEqual({
      deleteRunQueues: { success: true, clientMutationId: null },
    });
    expect((await metadata('upserted')).project.runQueue).toBeNull();
  });

  it('list_jobs (ArtifactOfType) and job (the job artifact by name, type job)', async () => {
    const job = emu.seed.job({
      project: 'vision',
      name: 'job-train',
      sourceType: 'image',
      image: 'acme/train:1',
    });
    emu.seed.job({ project: 'vision', name: 'job-train', sourceType: 'image', image: 'acme/train:2' });
    const listed = await official<{
      project: {
        artifactType: {
          artifactCollections: {
            edges: {
              node: { artifacts: { edges: { node: { state: string; aliases: { alias: string }[] } }[] } };
            }[];
          };
        };
      };
    }>(emu, doc.ARTIFACT_OF_TYPE, { entityName: 'alice', projectName: 'vision', artifactTypeName: 'job' });
    const versions = listed.project.artifactType.artifactCollections.edges.flatMap((e) =>
      e.node.artifacts.edges.map((a) => a.node),
    );
    expect(versions).toHaveLength(2);
    expect(versions.every((v) => v.state === 'COMMITTED')).toBe(true);
    const fetched = await official<{
      project: { artifactCollectionMembership: { artifact: { id: string; artifactType: { name: string } } } };
    }>(emu, ARTIFACT_MEMBERSHIP_BY_NAME, { entity: 'alice', project: 'vision', name: 'job-train:v0' });
    expect(fetched.project.artifactCollectionMembership.artifact).toMatchObject({
      id: job.id,
      artifactType: { name: 'job' },
    });
  });

  describe('fallbacks against an older server', () => {
    let old: Emulator;
    beforeAll(async () => {
      old = await startEmulator({
        apiKey: KEY,
        viewer: { username: 'alice' },
        features: { RUN_QUEUE_ITEM_BY_ID: false, PUSH_TO_RUN_QUEUE_BY_NAME_RUN_SPEC: false },
      });
      old.seed.runQueue({ name: 'q' });
    });
    afterAll(() => old.close());

    it('pushToRunQueueByName: the error the official client retries on, then its push without runSpec', async () => {
      const variables = { entityName: 'alice', projectName: 'model-registry', queueName: 'q', runSpec: '{}' };
      const refused = await gql(old, doc.PUSH_TO_RUN_QUEUE_BY_NAME, variables, { operationName: '' });
      expect(refused.json.errors?.map((e) => e.message)).toContain(
        'Cannot query field "runSpec" on type "PushToRunQueueByNamePayload".',
      );
      const res = await official<{ pushToRunQueueByName: { runQueueItemId: string } }>(
        old,
        doc.PUSH_TO_RUN_QUEUE_BY_NAME_NO_RUN_SPEC,
        variables,
      );
      expect(old.launch.item(res.pushToRunQueueByName.runQueueItemId).state).toBe('PENDING');
    });

    it('GetRunQueueItem: "Cannot query field", then the legacy listing finds the item', async () => {
      const item = (
        await official<{ pushToRunQueueByName: { runQueueItemId: string } }>(
          old,
          doc.PUSH_TO_RUN_QUEUE_BY_NAME_NO_RUN_SPEC,
          {
            entityName: 'alice',
            projectName: 'model-registry',
            queueName: 'q',
            runSpec: '{}',
          },
        )
      ).pushToRunQueueByName.runQueueItemId;
      const vars = { projectName: 'model-registry', entityName: 'alice', runQueue: 'q' };
      const refused = await gql(
        old,
        doc.GET_RUN_QUEUE_ITEM,
        { ...vars, itemId: item },
        { operationName: '' },
      );
      expect(refused.json.errors?.[0]?.message).toContain('Cannot query field');
      const legacy = await official<{
        project: { runQueue: { runQueueItems: { edges: { node: { id: string; state: string } }[] } } };
      }>(old, doc.GET_RUN_QUEUE_ITEM_LEGACY, vars);
      expect(legacy.project.runQueue.runQueueItems.edges.map((e) => e.node)).toContainEqual({
        id: item,
        state: 'PENDING',
        associatedRunId: null,
      });
    });
  });
});
