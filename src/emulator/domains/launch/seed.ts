/**
 * Seeding Launch: jobs (`emu.seed.job`, an artifact of type `job` with its `wandb-job.json` and
 * `requirements.frozen.txt`, downloadable as every artifact file is) and run queues
 * (`emu.seed.runQueue`, with their default resource config).
 *
 * @example
 * ```ts
 * import { seedJob, seedRunQueue } from './seed.js';
 * seedJob(store, { project: 'vision', name: 'train', sourceType: 'image', image: 'acme/train:1' });
 * seedRunQueue(store, { name: 'gpus', type: 'kubernetes', config: { gpus: '{{gpus}}' }, templateVariables: { gpus: { schema: { type: 'integer' } } } });
 * ```
 * @module
 */
import { globalId } from '../../graphql/ids.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { seedArtifact } from '../artifacts/seed.js';
import { seedProject } from '../projects/seed.js';
import { ensureUser } from '../users/seed.js';
import {
  addQueue,
  addResourceConfig,
  checkResource,
  LAUNCH_DEFAULT_PROJECT,
  templateSchemaProblem,
  templateVariablesOf,
} from './model.js';
import type { SeededJob, SeededRunQueue, SeedJobInput, SeedRunQueueInput } from './records.js';

/** The `input_types` / `output_types` of a run without config keys or summary. */
const EMPTY_TYPED_DICT = { wb_type: 'typedDict', params: { type_map: {} } };

/**
 * Adds a run queue and its default resource config (see {@link SeedRunQueueInput}). Throws on an
 * invalid name or type, a name taken in the project, or a template variable whose schema the
 * emulator cannot check values against.
 *
 * @example
 * ```ts
 * seedRunQueue(store, { entity: 'alice', name: 'cpu', type: 'local-process' }).project; // 'model-registry'
 * ```
 */
export function seedRunQueue(store: EmulatorStore, input: SeedRunQueueInput): SeededRunQueue {
  const m = 'seed.runQueue';
  const type = input.type ?? 'local-container';
  checkResource(type, m);
  const access = input.access ?? 'PROJECT';
  if (access !== 'PROJECT' && access !== 'USER') throw new Error(`${m}: access must be PROJECT or USER`);
  const prioritizationMode = input.prioritizationMode ?? 'DISABLED';
  if (prioritizationMode !== 'DISABLED' && prioritizationMode !== 'V0') {
    throw new Error(`${m}: prioritizationMode must be DISABLED or V0`);
  }
  const templateVariables = templateVariablesOf(
    (input.templateVariables ?? {}) as Record<string, unknown>,
    m,
  );
  for (const variable of templateVariables) {
    const problem = templateSchemaProblem(variable.schema);
    if (problem) throw new Error(`${m}: template variable "${variable.name}": ${problem}`);
  }
  const entity = input.entity ?? store.viewer.entity;
  const project = seedProject(store, { entity, name: input.project ?? LAUNCH_DEFAULT_PROJECT }).record;
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  const creator = input.createdBy === undefined ? store.viewer : ensureUser(store, input.createdBy);
  const externalLinks =
    input.externalLinks === undefined
      ? null
      : { links: Object.entries(input.externalLinks).map(([label, url]) => ({ label, url })) };
  const drc = addResourceConfig(store, {
    entityName: project.entityName,
    projectId: null,
    resource: type,
    config: { resource_args: { [type]: input.config ?? {} } },
    templateVariables,
    createdAt,
  });
  const queue = addQueue(
    store,
    project,
    {
      name: input.name,
      access,
      prioritizationMode,
      defaultResourceConfigId: drc.id,
      externalLinks,
      createdBy: creator.id,
      createdAt,
    },
    m,
  );
  return {
    id: globalId('RunQueue', queue.id),
    name: queue.name,
    entity: project.entityName,
    project: project.name,
    defaultResourceConfigId: globalId('DefaultResourceConfig', drc.id),
  };
}

/**
 * Adds a job (see {@link SeedJobInput}): the next version of the `job` collection `name`. An
 * `artifact` job without `codeArtifact` gets a code artifact seeded beside it (type `code`,
 * collection `source-<name>`, holding the entrypoint's script).
 *
 * @example
 * ```ts
 * seedJob(store, { project: 'vision', name: 'train', sourceType: 'repo' }).jobInfo.source_type; // 'repo'
 * ```
 */
export function seedJob(store: EmulatorStore, input: SeedJobInput): SeededJob {
  const m = 'seed.job';
  const sourceType = input.sourceType;
  if (sourceType !== 'artifact' && sourceType !== 'repo' && sourceType !== 'image') {
    throw new Error(`${m}: sourceType must be 'artifact', 'repo' or 'image'`);
  }
  if (!input.project) throw new Error(`${m}: project is required`);
  const entity = input.entity ?? store.viewer.entity;
  const entrypoint = input.entrypoint ?? (sourceType === 'image' ? undefined : ['python', 'train.py']);
  let source: Record<string, unknown>;
  if (sourceType === 'image') {
    source = {
      image: input.image ?? `${input.name}:latest`,
      ...(input.args ? { args: input.args } : {}),
      ...(entrypoint ? { entrypoint } : {}),
    };
  } else {
    let origin: Record<string, unknown>;
    if (sourceType === 'repo') {
      origin = {
        git: input.git ?? {
          remote: `https://github.com/example/${input.name}.git`,
          commit: '0123456789abcdef0123456789abcdef01234567',
        },
      };
    } else {
      let artifact = input.codeArtifact;
      if (artifact === undefined) {
        const script = entrypoint?.at(-1) ?? 'train.py';
        const code = seedArtifact(store, {
          entity,
          project: input.project,
          type: 'code',
          collection: `source-${input.name}`,
          files: { [script]: 'print("hello from the emulator")\n' },
          createdAt: input.createdAt,
        });
        artifact = `wandb-artifact://_id/${code.id}`;
      }
      origin = { artifact };
    }
    source = { ...origin, entrypoint, notebook: input.notebook ?? false };
  }
  const jobInfo: Record<string, unknown> = {
    _version: 'v0',
    source_type: sourceType,
    source,
    input_types: input.inputTypes ?? EMPTY_TYPED_DICT,
    output_types: input.outputTypes ?? EMPTY_TYPED_DICT,
    runtime: input.runtime ?? '3.10',
    ...(input.partial ? { _partial: true } : {}),
    ...input.extra,
  };
  const seeded = seedArtifact(store, {
    entity,
    project: input.project,
    type: 'job',
    collection: input.name,
    aliases: input.aliases,
    metadata: input.partial ? { _partial: true } : null,
    files: {
      'wandb-job.json': JSON.stringify(jobInfo),
      'requirements.frozen.txt': (input.requirements ?? ['wandb']).join('\n'),
    },
    createdAt: input.createdAt,
  });
  return { id: seeded.id, name: seeded.name, path: `${entity}/${input.project}/${seeded.name}`, jobInfo };
}
