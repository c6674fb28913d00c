/**
 * Seeding reports (`emu.seed.report`): saved views of type `runs`.
 *
 * @example
 * ```ts
 * import { seedReport } from './seed.js';
 * seedReport(store, { project: 'vision', displayName: 'Weekly sync' }).id; // base64 'View:<n>'
 * ```
 * @module
 */
import { globalId } from '../../graphql/ids.js';
import { randomRunId } from '../../store/random.js';
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { seedProject } from '../projects/seed.js';
import { ensureUser } from '../users/seed.js';
import type { ReportRecord, SeededReport, SeedReportInput } from './records.js';

/**
 * Adds a report (a view of type `runs` unless `type` says otherwise); its project (and entity)
 * are created when missing.
 *
 * @example
 * ```ts
 * seedReport(store, { project: 'vision', displayName: 'Weekly sync', spec: { panelGroups: [] } });
 * ```
 */
export function seedReport(
  store: EmulatorStore,
  input: SeedReportInput,
): SeededReport & { record: ReportRecord } {
  if (!input.project) throw new Error('seed.report: project is required');
  if (typeof input.displayName !== 'string') throw new Error('seed.report: displayName is required');
  const project = seedProject(store, { entity: input.entity, name: input.project }).record;
  const username = input.user ?? store.viewerUsername;
  ensureUser(store, username);
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  const record: ReportRecord = {
    id: store.nextId('report'),
    projectId: project.id,
    name: input.name ?? randomRunId(store.random),
    displayName: input.displayName,
    type: input.type ?? 'runs',
    description: input.description ?? null,
    spec:
      input.spec == null ? null : typeof input.spec === 'string' ? input.spec : JSON.stringify(input.spec),
    username,
    createdAt,
    updatedAt: input.updatedAt === undefined ? createdAt : toTimestamp(input.updatedAt),
  };
  store.reports.set(record.id, record);
  return { id: globalId('View', record.id), name: record.name, record };
}
