/**
 * Seeding custom charts (`emu.seed.customChart`), and the rules `createCustomChart` shares with it.
 *
 * @example
 * ```ts
 * import { seedCustomChart } from './seed.js';
 * seedCustomChart(store, { entity: 'acme', name: 'bar-chart', spec: { mark: 'bar' } }).id; // 'acme/bar-chart'
 * ```
 * @module
 */
import type { EmulatorStore } from '../../store/store.js';
import { toTimestamp } from '../../store/time.js';
import { ensureEntity, ensureUser } from '../users/seed.js';
import type { CustomChartRecord, SeededCustomChart, SeedCustomChartInput } from './records.js';

/** The access values the server stores. */
export const CHART_ACCESS: readonly string[] = ['PRIVATE', 'PUBLIC'];

/**
 * The id of a chart: `entity/name`.
 *
 * @example
 * ```ts
 * chartId('acme', 'bar-chart'); // 'acme/bar-chart'
 * ```
 */
export function chartId(entityName: string, name: string): string {
  return `${entityName}/${name}`;
}

/**
 * Why a chart's fields are refused, or `undefined` when they are fine: an empty name or display
 * name, a control character in the name, an access other than `PRIVATE` / `PUBLIC`, or a spec that
 * is not a JSON object. (The real server's name rule, `gorilla.ValidateCustomChartName`, is not
 * published; these are the emulator's.)
 *
 * @example
 * ```ts
 * chartProblem({ name: '', displayName: 'x', type: 'vega2', access: 'PRIVATE', spec: '{}' }); // 'name must not be empty'
 * ```
 */
export function chartProblem(fields: {
  name: string;
  displayName: string;
  type: string;
  access: string;
  spec: string;
}): string | undefined {
  if (fields.name.trim() === '') return 'name must not be empty';
  if (/\p{Cc}/u.test(fields.name)) return `invalid name ${JSON.stringify(fields.name)}: control characters`;
  if (fields.displayName.trim() === '') return 'displayName must not be empty';
  if (fields.type.trim() === '') return 'type must not be empty';
  if (!CHART_ACCESS.includes(fields.access)) {
    return `invalid access ${JSON.stringify(fields.access)}: use ${CHART_ACCESS.join(' or ')}`;
  }
  let spec: unknown;
  try {
    spec = JSON.parse(fields.spec);
  } catch {
    return 'spec is not valid JSON';
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return 'spec must be a JSON object';
  return undefined;
}

/**
 * Stores a chart whose fields were checked (the caller checks the name is free).
 *
 * @example
 * ```ts
 * addChart(store, { entityName: 'acme', name: 'bar', displayName: 'Bar', type: 'vega2', access: 'PRIVATE', spec: '{}', username: 'alice', createdAt, updatedAt: createdAt });
 * ```
 */
export function addChart(store: EmulatorStore, fields: Omit<CustomChartRecord, 'id'>): CustomChartRecord {
  const record: CustomChartRecord = { id: store.charts.size + 1, ...fields };
  store.charts.set(chartId(record.entityName, record.name), record);
  return record;
}

/**
 * Adds a custom chart to an entity (created when missing). Throws for fields `createCustomChart`
 * refuses, and for a name the entity already has.
 *
 * @example
 * ```ts
 * seedCustomChart(store, { entity: 'acme', name: 'bar-chart', access: 'PUBLIC', spec: { mark: 'bar' } });
 * ```
 */
export function seedCustomChart(store: EmulatorStore, input: SeedCustomChartInput): SeededCustomChart {
  const m = 'seed.customChart';
  const entityName = input.entity ?? store.viewer.entity;
  ensureEntity(store, entityName);
  const username = input.user ?? store.viewerUsername;
  ensureUser(store, username);
  const fields = {
    name: input.name,
    displayName: input.displayName ?? input.name,
    type: input.type ?? 'vega2',
    access: input.access ?? 'PRIVATE',
    spec: typeof input.spec === 'string' ? input.spec : JSON.stringify(input.spec ?? {}),
  };
  if (typeof fields.name !== 'string') throw new Error(`${m}: name is required`);
  const problem = chartProblem(fields);
  if (problem) throw new Error(`${m}: ${problem}`);
  if (store.charts.has(chartId(entityName, fields.name))) {
    throw new Error(
      `${m}: a custom chart named ${JSON.stringify(fields.name)} already exists in entity ${entityName}`,
    );
  }
  const createdAt = toTimestamp(input.createdAt ?? store.now());
  const record = addChart(store, { entityName, ...fields, username, createdAt, updatedAt: createdAt });
  return { id: chartId(record.entityName, record.name) };
}
