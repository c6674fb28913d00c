/**
 * Seeding runs: `emu.seed.run`, with their history, system metrics stream and files. Runs created
 * by `upsertBucket` go through here too.
 *
 * @example
 * ```ts
 * import { seedRun } from './seed.js';
 * seedRun(store, { project: 'vision', id: 'abc12345', config: { lr: 0.1 } }).storageId; // base64 'Run:<n>'
 * ```
 * @module
 */
import { globalId } from '../../graphql/ids.js';
import { randomRunId, runDisplayName } from '../../store/random.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { putRunFile } from '../files/seed.js';
import {
  checkExportedThrough,
  copyRows,
  latestSystemMetrics,
  normalizeHistoryRows,
} from '../history/seed.js';
import { seedProject } from '../projects/seed.js';
import { ensureUser } from '../users/seed.js';
import { RUN_ID_PATTERN, wrapConfig, type RunRecord, type SeededRun, type SeedRunInput } from './records.js';

/**
 * Adds a run; its project (and entity) are created when missing. Throws when the run id is taken
 * in that project.
 *
 * @example
 * ```ts
 * seedRun(store, { project: 'vision', id: 'abc12345', config: { lr: 0.1 } });
 * ```
 */
export function seedRun(store: EmulatorStore, input: SeedRunInput): SeededRun & { record: RunRecord } {
  if (!input.project) throw new Error('seed.run: project is required');
  const project = seedProject(store, { entity: input.entity, name: input.project }).record;
  const name = input.id ?? randomRunId(store.random);
  if (!RUN_ID_PATTERN.test(name)) throw new Error(`seed.run: invalid run id ${JSON.stringify(name)}`);
  if (store.findRun(project.id, name)) {
    throw new Error(`seed.run: run ${project.entityName}/${project.name}/${name} already exists`);
  }
  const username = input.user ?? store.viewerUsername;
  ensureUser(store, username);
  const summary = { ...(input.summary ?? {}) };
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  let heartbeatAt: string | null;
  if (input.heartbeatAt === null) heartbeatAt = null;
  else if (input.heartbeatAt !== undefined) heartbeatAt = toTimestamp(input.heartbeatAt);
  else {
    const runtime = typeof summary._runtime === 'number' ? summary._runtime : 0;
    heartbeatAt = toTimestamp(new Date(Date.parse(createdAt) + runtime * 1000));
  }
  const events = Array.isArray(input.systemMetrics)
    ? copyRows(input.systemMetrics, 'seed.run: systemMetrics')
    : undefined;
  const number = store.runs.ofProject(project.id).length + 1;
  const record: RunRecord = {
    id: store.nextId('run'),
    projectId: project.id,
    name,
    displayName: input.displayName === undefined ? runDisplayName(store.random, number) : input.displayName,
    state: input.state ?? 'finished',
    config: wrapConfig(input.config ?? {}),
    summary,
    systemMetrics: events ? latestSystemMetrics(events) : { ...(input.systemMetrics ?? {}) },
    events: events ?? [],
    tags: [...(input.tags ?? [])],
    notes: input.notes ?? null,
    description: input.description ?? null,
    group: input.group ?? null,
    jobType: input.jobType ?? null,
    sweep: input.sweep ?? null,
    commit: input.commit ?? null,
    host: input.host ?? null,
    username,
    createdAt,
    updatedAt: heartbeatAt ?? createdAt,
    heartbeatAt,
    history: normalizeHistoryRows(input.history ?? []),
    ...(input.historyExportedThrough === undefined
      ? {}
      : {
          historyExportedThrough: checkExportedThrough(
            input.historyExportedThrough,
            'seed.run: historyExportedThrough',
          ),
        }),
    files: new Map(),
    pendingFiles: new Map(),
  };
  store.runs.set(record.id, record);
  for (const [fileName, content] of Object.entries(input.files ?? {})) {
    putRunFile(store, record, fileName, content);
  }
  return { id: record.name, storageId: globalId('Run', record.id), record };
}
