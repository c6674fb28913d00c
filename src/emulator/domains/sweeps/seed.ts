/**
 * Seeding sweeps (`emu.seed.sweep`); runs join one with `emu.seed.run({ sweep: id })`.
 *
 * @example
 * ```ts
 * import { seedSweep } from './seed.js';
 * seedSweep(store, { project: 'vision', id: 'swp12345', config: { method: 'grid' } }).storageId;
 * ```
 * @module
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { globalId } from '../../graphql/ids.js';
import { randomRunId } from '../../store/random.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { seedProject } from '../projects/seed.js';
import { RUN_ID_PATTERN } from '../runs/records.js';
import { ensureUser } from '../users/seed.js';
import type { SeededSweep, SeedSweepInput, SweepRecord } from './records.js';

/**
 * Adds a sweep; its project (and entity) are created when missing. The config is stored as YAML,
 * as the server does.
 *
 * @example
 * ```ts
 * seedSweep(store, { project: 'vision', id: 'swp12345', config: { method: 'grid' } });
 * ```
 */
export function seedSweep(
  store: EmulatorStore,
  input: SeedSweepInput,
): SeededSweep & { record: SweepRecord } {
  if (!input.project) throw new Error('seed.sweep: project is required');
  const project = seedProject(store, { entity: input.entity, name: input.project }).record;
  const name = input.id ?? randomRunId(store.random);
  if (!RUN_ID_PATTERN.test(name)) throw new Error(`seed.sweep: invalid sweep id ${JSON.stringify(name)}`);
  if (store.findSweep(project.id, name)) {
    throw new Error(`seed.sweep: sweep ${project.entityName}/${project.name}/${name} already exists`);
  }
  if (typeof input.bestLoss === 'number' && !Number.isFinite(input.bestLoss)) {
    throw new Error(`seed.sweep: bestLoss must be a finite number or null, got ${input.bestLoss}`);
  }
  const config = typeof input.config === 'string' ? input.config : stringifyYaml(input.config);
  const parsed: unknown = parseYaml(config);
  const configMethod =
    parsed && typeof parsed === 'object' && typeof (parsed as { method?: unknown }).method === 'string'
      ? (parsed as { method: string }).method
      : undefined;
  const username = input.user ?? store.viewerUsername;
  ensureUser(store, username);
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  const record: SweepRecord = {
    id: store.nextId('sweep'),
    projectId: project.id,
    name,
    displayName: input.displayName ?? null,
    method: input.method ?? configMethod ?? 'random',
    state: input.state ?? 'FINISHED',
    description: input.description ?? null,
    config,
    bestLoss: input.bestLoss,
    runCountExpected: input.runCountExpected ?? null,
    username,
    createdAt,
    updatedAt: createdAt,
  };
  store.sweeps.set(record.id, record);
  return { id: name, storageId: globalId('Sweep', record.id), record };
}
