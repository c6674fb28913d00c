/**
 * Custom charts (wandb-ops.md §6.9): {@link createCustomChart} behind {@link Api.createCustomChart},
 * which saves a Vega chart preset in an entity so runs can log tables drawn with it.
 *
 * @example
 * ```ts
 * const id = await api.createCustomChart({
 *   entity: 'acme', name: 'bar-chart', displayName: 'Bar chart', access: 'private',
 *   spec: { mark: 'bar', data: { name: 'wandb' } },
 * });
 * console.log(id); // 'acme/bar-chart'
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { ValidationError, WandbError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { checkSendableJson } from '../core/json.js';
import {
  describeValue,
  isPlainObject,
  optionalName,
  optionalSignal,
  optionsObject,
} from '../core/validate.js';

/**
 * Who may use a custom chart: `private` (the entity that owns it) or `public` (everyone). Sent
 * upper-cased (`PRIVATE`, `PUBLIC`), as the server expects; {@link CreateCustomChartOptions.access}
 * takes either case, as the official client does.
 *
 * @example
 * ```ts
 * const access: CustomChartAccess = 'public';
 * ```
 */
export type CustomChartAccess = 'private' | 'public';

/**
 * The kinds of chart specification the server takes: `vega2` (a Vega or Vega-Lite spec), the only
 * one the official client documents.
 *
 * @example
 * ```ts
 * const specType: CustomChartSpecType = 'vega2';
 * ```
 */
export type CustomChartSpecType = 'vega2';

/**
 * Options of {@link Api.createCustomChart}.
 *
 * @example
 * ```ts
 * const options: CreateCustomChartOptions = {
 *   entity: 'acme',
 *   name: 'bar-chart',
 *   displayName: 'Bar chart',
 *   access: 'private',
 *   spec: { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', mark: 'bar', data: { name: 'wandb' } },
 * };
 * ```
 */
export interface CreateCustomChartOptions extends Pick<RequestOptions, 'signal'> {
  /** The entity (user or team) that owns the chart. Default: the `entity` option (`WANDB_ENTITY`), else the viewer's. */
  entity?: string;
  /** The chart's name, unique in the entity (the id is `entity/name`). A non-empty string without control characters. */
  name: string;
  /** The title shown in the app. A non-empty string. */
  displayName: string;
  /** The kind of spec. Default `'vega2'`, the only one there is. */
  specType?: CustomChartSpecType;
  /** `private` or `public`, in any case (`'PUBLIC'` too; sent upper-cased). Required, as in the official client. */
  access: CustomChartAccess | Uppercase<CustomChartAccess>;
  /**
   * The Vega / Vega-Lite specification: an object (sent as JSON; only JSON values, finite
   * numbers) or a string holding a JSON object (sent as given).
   */
  spec: Readonly<Record<string, unknown>> | string;
}

const ACCESS: readonly CustomChartAccess[] = ['private', 'public'];
const SPEC_TYPES: readonly CustomChartSpecType[] = ['vega2'];
const CONTROL = /\p{Cc}/u;

function requiredText(value: unknown, parameter: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(
      parameter,
      `expected ${what} (a non-empty string), got ${describeValue(value)}`,
    );
  }
  if (CONTROL.test(value)) {
    throw new ValidationError(
      parameter,
      `${JSON.stringify(value)} contains a control character; ${what} may not`,
    );
  }
  return value;
}

/** The spec as the JSON string sent: a string is checked to hold a JSON object, an object is encoded. */
function specJson(spec: unknown): string {
  if (typeof spec === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(spec);
    } catch (e) {
      throw new ValidationError(
        'spec',
        `the string is not valid JSON (${(e as Error).message}); pass the spec as an object or as a JSON string`,
      );
    }
    if (!isPlainObject(parsed)) {
      throw new ValidationError('spec', `the JSON string must hold an object, got ${describeValue(parsed)}`);
    }
    return spec;
  }
  if (!isPlainObject(spec)) {
    throw new ValidationError(
      'spec',
      `expected a Vega spec as an object or a JSON string, got ${describeValue(spec)}`,
    );
  }
  checkSendableJson(spec, 'spec');
  return JSON.stringify(spec, (key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ValidationError(
        'spec',
        `${key || 'a value'} is ${value}; a Vega spec holds finite numbers only`,
      );
    }
    return value;
  });
}

/**
 * Creates a custom chart preset. Every option is checked before the request; an existing name in
 * the entity, or an entity you cannot write to, is the server's refusal as a typed error (see
 * {@link Api.createCustomChart}).
 * @internal Users call {@link Api.createCustomChart}.
 * @example
 * ```ts
 * const id = await createCustomChart(ctx, { name: 'bar', displayName: 'Bar', access: 'public', spec: '{"mark":"bar"}' });
 * ```
 */
export async function createCustomChart(
  ctx: FacadeContext,
  options: CreateCustomChartOptions,
): Promise<string> {
  if (options === undefined || options === null) {
    throw new ValidationError('options', 'expected { name, displayName, access, spec, ... }');
  }
  const o = optionsObject(options);
  const signal = optionalSignal(o.signal);
  const explicitEntity = optionalName(o.entity, 'entity');
  const name = requiredText(o.name, 'name', 'a chart name');
  const displayName = requiredText(o.displayName, 'displayName', 'a display name');
  const specType: unknown = o.specType ?? 'vega2';
  if (!SPEC_TYPES.includes(specType as CustomChartSpecType)) {
    throw new ValidationError(
      'specType',
      `expected ${SPEC_TYPES.map((t) => `'${t}'`).join(' or ')}, got ${describeValue(specType)}`,
    );
  }
  const access: unknown = o.access;
  if (typeof access !== 'string' || !ACCESS.includes(access.toLowerCase() as CustomChartAccess)) {
    throw new ValidationError(
      'access',
      `expected ${ACCESS.map((a) => `'${a}'`).join(' or ')} (in any case), got ${describeValue(access)}`,
    );
  }
  const spec = specJson(o.spec);
  const entity = await ctx.resolveEntity(explicitEntity);
  const data = await ctx.request(
    (await documents()).CreateCustomChartDocument,
    {
      entity,
      name,
      displayName,
      type: specType as string,
      access: access.toUpperCase(),
      spec,
    },
    { signal },
  );
  const id = data.createCustomChart?.chart.id;
  if (!id)
    throw new WandbError(`Creating custom chart ${entity}/${name}: the server answered without a chart`);
  return id;
}
