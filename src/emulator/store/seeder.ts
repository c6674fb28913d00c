/**
 * The typed seed API (`emu.seed`): adds users, projects, runs, sweeps, reports, artifacts and links to a running
 * emulator through the seed functions of their domains.
 *
 * @example
 * ```ts
 * import { createSeeder } from './seeder.js';
 * const seed = createSeeder(store);
 * seed.run({ project: 'vision', summary: { loss: 0.2 } });
 * ```
 * @module
 */
import { globalId } from '../graphql/ids.js';
import type {
  SeedArtifactInput,
  SeededArtifact,
  SeededLink,
  SeedLinkInput,
} from '../domains/artifacts/records.js';
import { seedArtifact, seedLink } from '../domains/artifacts/seed.js';
import type { SeededProject, SeedProjectInput } from '../domains/projects/records.js';
import type { SeedOrganizationInput, SeededOrganization } from '../domains/organizations/records.js';
import { seedOrganization } from '../domains/organizations/seed.js';
import type { SeededAutomation, SeedAutomationInput } from '../domains/automations/records.js';
import { seedAutomation } from '../domains/automations/seed.js';
import type { SeededIntegration, SeedIntegrationInput } from '../domains/integrations/records.js';
import { seedIntegration } from '../domains/integrations/seed.js';
import type {
  SeededJob,
  SeededRunQueue,
  SeedJobInput,
  SeedRunQueueInput,
} from '../domains/launch/records.js';
import { seedJob, seedRunQueue } from '../domains/launch/seed.js';
import type { SeededRegistry, SeedRegistryInput } from '../domains/registries/records.js';
import { seedRegistry } from '../domains/registries/seed.js';
import { seedProject } from '../domains/projects/seed.js';
import type { SeededReport, SeedReportInput } from '../domains/reports/records.js';
import { seedReport } from '../domains/reports/seed.js';
import type { SeededRun, SeedRunInput } from '../domains/runs/records.js';
import { seedRun } from '../domains/runs/seed.js';
import type { SeededSweep, SeedSweepInput } from '../domains/sweeps/records.js';
import { seedSweep } from '../domains/sweeps/seed.js';
import type { SeedUserInput } from '../domains/users/records.js';
import { seedUser } from '../domains/users/seed.js';
import type { EmulatorStore } from './store.js';

/**
 * The result of `emu.seed.user`.
 *
 * @example
 * ```ts
 * const { id } = emu.seed.user({ username: 'bob' }); // id: base64 'User:<n>'
 * ```
 */
export interface SeededUser {
  /** Global id (`User.id`). */
  id: string;
  /** Username. */
  username: string;
}

/**
 * Adds data to a running emulator (`emu.seed`).
 *
 * @example
 * ```ts
 * emu.seed.user({ username: 'bob', teams: ['vision-team'] });
 * emu.seed.project({ entity: 'vision-team', name: 'detector' });
 * emu.seed.run({ entity: 'vision-team', project: 'detector', user: 'bob', summary: { mAP: 0.41 } });
 * ```
 */
export interface EmulatorSeeder {
  /**
   * Adds a project (its entity is created when missing); an existing one is returned as is.
   *
   * @example
   * ```ts
   * const { internalId } = emu.seed.project({ entity: 'alice', name: 'vision' });
   * ```
   */
  project(input: SeedProjectInput): SeededProject;
  /**
   * Adds a run (its project is created when missing). Throws when the run id is taken in that project.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.run({ project: 'vision', summary: { loss: 0.2 } });
   * ```
   */
  run(input: SeedRunInput): SeededRun;
  /**
   * Adds a user with its personal entity and teams (or updates the given fields of an existing one).
   *
   * @example
   * ```ts
   * emu.seed.user({ username: 'bob', photoUrl: 'https://example.com/bob.png', teams: ['vision-team'] });
   * ```
   */
  user(input: SeedUserInput): SeededUser;
  /**
   * Adds a sweep (its project is created when missing); runs join it with `run({ sweep: id })`.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.sweep({ project: 'vision', config: { method: 'grid' } });
   * ```
   */
  sweep(input: SeedSweepInput): SeededSweep;
  /**
   * Adds a report: a saved view of type `runs` (unless `type` says otherwise), listed by
   * `Project.allViews`; its project is created when missing.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.report({ project: 'vision', displayName: 'Weekly sync', spec: { panelGroups: [] } });
   * ```
   */
  report(input: SeedReportInput): SeededReport;
  /**
   * Adds an artifact version: the next version of its collection (`v0`, `v1`, ...), with its files
   * stored (base64 MD5 digests) and its manifest served by a signed URL; the collection, its type
   * and the project are created when missing. `latest` moves to each committed version.
   *
   * @example
   * ```ts
   * const { id, name, version, digest } = emu.seed.artifact({
   *   project: 'vision',
   *   type: 'dataset',
   *   collection: 'mnist',
   *   aliases: ['production'],
   *   files: { 'train.csv': 'a,b\n1,2\n' },
   *   references: { 'big.bin': 'https://example.com/big.bin' },
   * }); // name 'mnist:v0', version 'v0'
   * ```
   */
  artifact(input: SeedArtifactInput): SeededArtifact;
  /**
   * Links a committed version into a portfolio (a link collection, created when missing): the
   * next index there, `latest` moved to it, and the given aliases.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.artifact({ project: 'vision', type: 'model', collection: 'resnet' });
   * emu.seed.link({ artifact: id, project: 'model-registry', collection: 'classifier', aliases: ['production'] });
   * ```
   */
  link(input: SeedLinkInput): SeededLink;
  /**
   * Adds an organization: its org entity (a team, created when missing, where registries live),
   * its members (who join the org entity) and the other teams that belong to it.
   *
   * @example
   * ```ts
   * emu.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'], teams: ['vision-team'] });
   * ```
   */
  organization(input: SeedOrganizationInput): SeededOrganization;
  /**
   * Adds a registry: the project `wandb-registry-<name>` of the organization's org entity, with
   * its visibility (`organization` = access `PRIVATE`, `restricted` = `RESTRICTED`), description
   * and allowed artifact types (none: every type). Collections get into it with `link` into that
   * project (or `linkArtifact`).
   *
   * @example
   * ```ts
   * emu.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'] });
   * const { id, name, fullName } = emu.seed.registry({ organization: 'acme', name: 'models', artifactTypes: ['model'] });
   * emu.seed.link({ artifact: model.id, entity: 'acme-org', project: fullName, collection: 'detector' });
   * ```
   */
  registry(input: SeedRegistryInput): SeededRegistry;
  /**
   * Adds an integration of an entity: a Slack channel (`teamName`, `channelName`) or a generic
   * webhook (`name`, `urlEndpoint`, `secretRef`, `accessTokenRef`).
   *
   * @example
   * ```ts
   * const slack = emu.seed.integration({ entity: 'acme-org', kind: 'slack', teamName: 'acme', channelName: '#alerts' });
   * const hook = emu.seed.integration({ entity: 'acme-org', kind: 'webhook', name: 'ci', urlEndpoint: 'https://ci.example.com/hook' });
   * ```
   */
  integration(input: SeedIntegrationInput): SeededIntegration;
  /**
   * Adds an automation: a name, a scope (a project or registry, a collection, or a team or org
   * entity, by path), an event type with its filter (stored as sent), and an action (a
   * notification or webhook call through a seeded integration of the scope's entity, or
   * nothing). The checks of `createFilterTrigger` apply, except the server-feature gates.
   *
   * @example
   * ```ts
   * const slack = emu.seed.integration({ entity: 'acme-org', kind: 'slack', channelName: '#models' });
   * const { id } = emu.seed.automation({
   *   name: 'new production model',
   *   scope: { entity: 'acme-org', project: 'wandb-registry-models', collection: 'detector' },
   *   event: 'ADD_ARTIFACT_ALIAS',
   *   filter: { $or: [{ $and: [{ alias: { $eq: 'production' } }] }] },
   *   action: { type: 'NOTIFICATION', integration: slack.id, title: 'New production model', severity: 'INFO' },
   * });
   * ```
   */
  automation(input: SeedAutomationInput): SeededAutomation;
  /**
   * Adds a Launch job: an artifact of type `job` (the next version of collection `name`) with
   * its `wandb-job.json` (`_version`, `source_type`, `source` with the entrypoint, image, git
   * or code artifact, `input_types`, `output_types`, `runtime`, `_partial` when partial) and
   * `requirements.frozen.txt`, downloadable as artifact files are. An `artifact` job gets a
   * code artifact beside it unless `codeArtifact` is given.
   *
   * @example
   * ```ts
   * const { path } = emu.seed.job({
   *   entity: 'alice',
   *   project: 'vision',
   *   name: 'train',
   *   sourceType: 'repo',
   *   entrypoint: ['python', 'train.py'],
   *   inputTypes: { wb_type: 'typedDict', params: { type_map: { lr: { wb_type: 'number' } } } },
   * }); // 'alice/vision/train:v0'
   * ```
   */
  job(input: SeedJobInput): SeededJob;
  /**
   * Adds a Launch run queue (in project `model-registry` unless `project` says otherwise) with
   * its default resource config: `resource` = `type`, config `{"resource_args": {<type>:
   * config}}`, the template variables with their schemas.
   *
   * @example
   * ```ts
   * const { id } = emu.seed.runQueue({
   *   entity: 'alice',
   *   name: 'gpus',
   *   type: 'kubernetes',
   *   config: { gpus: '{{gpus}}' },
   *   templateVariables: { gpus: { schema: { type: 'integer', minimum: 1, maximum: 8, default: 1 } } },
   *   prioritizationMode: 'V0',
   *   externalLinks: { dashboard: 'https://grafana.example.com' },
   * });
   * ```
   */
  runQueue(input: SeedRunQueueInput): SeededRunQueue;
}

/**
 * The seed API over a store: each method adds through its domain's seed function and answers the
 * public part of the result (never the stored record itself).
 *
 * @example
 * ```ts
 * const seed = createSeeder(store);
 * seed.user({ username: 'bob' }).id; // base64 'User:<n>'
 * ```
 */
export function createSeeder(store: EmulatorStore): EmulatorSeeder {
  return {
    project: (input) => {
      const { id, internalId } = seedProject(store, input);
      return { id, internalId };
    },
    run: (input) => {
      const { id, storageId } = seedRun(store, input);
      return { id, storageId };
    },
    user: (input) => {
      const user = seedUser(store, input);
      return { id: globalId('User', user.id), username: user.username };
    },
    sweep: (input) => {
      const { id, storageId } = seedSweep(store, input);
      return { id, storageId };
    },
    report: (input) => {
      const { id, name } = seedReport(store, input);
      return { id, name };
    },
    artifact: (input) => {
      const { id, name, version, digest } = seedArtifact(store, input);
      return { id, name, version, digest };
    },
    link: (input) => seedLink(store, input),
    organization: (input) => seedOrganization(store, input),
    registry: (input) => seedRegistry(store, input),
    integration: (input) => seedIntegration(store, input),
    automation: (input) => seedAutomation(store, input),
    job: (input) => {
      const { id, name, path, jobInfo } = seedJob(store, input);
      return { id, name, path, jobInfo };
    },
    runQueue: (input) => seedRunQueue(store, input),
  };
}
