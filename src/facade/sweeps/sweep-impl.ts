/**
 * {@link SweepImpl}: a {@link Sweep} with the code of `sweep.bestRun()`, and
 * {@link sweepFromData}, which builds one from a `SweepFields` selection (its YAML config
 * parsed), loaded with the sweeps domain.
 *
 * @example
 * ```ts
 * const sweep = await sweepFromData(ctx, 'acme', 'vision', data.project.sweep);
 * const best = await sweep.bestRun();
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import type { SweepFieldsFragment, SweepLegacyFieldsFragment } from '../../generated/graphql.js';
import type { FacadeContext } from '../core/context.js';
import { optionalSignal, optionsObject } from '../core/validate.js';
import { parseYamlObject } from '../core/yaml.js';
import type { Run } from '../runs/run.js';
import { Sweep, sweepMetricOrder, type BestRunOptions } from './sweep.js';

/**
 * A {@link Sweep} with the code of its methods.
 * @internal Made by {@link sweepFromData}.
 * @example
 * ```ts
 * const best = await new SweepImpl(ctx, 'acme', 'vision', data, config).bestRun();
 * ```
 */
export class SweepImpl extends Sweep {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'Sweep' });
  }

  override async bestRun(options: BestRunOptions = {}): Promise<Run | undefined> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const filters = this.runFilter();
    // The runs listing checks the order (parameter `order`) before any request.
    if (o.order !== undefined)
      return this.ctx.projectRuns(this.where, { filters, order: o.order, perPage: 1, signal }).first();
    const derived = sweepMetricOrder(this.config);
    if (derived === undefined) {
      throw new ValidationError(
        'order',
        `sweep ${this.path.join('/')} names no metric in its config; pass an order such as ` +
          '{ order: "-summary_metrics.accuracy" }',
      );
    }
    try {
      // The order is checked when the listing is made, or (before the runs code has loaded) by its
      // first call: either way before any request, and only the order check names `order`.
      return await this.ctx.projectRuns(this.where, { filters, order: derived, perPage: 1, signal }).first();
    } catch (error) {
      if (!(error instanceof ValidationError && error.parameter === 'order')) throw error;
      throw new ValidationError(
        'order',
        `the metric of sweep ${this.path.join('/')} gives the order ${JSON.stringify(derived)}, which is not a ` +
          'valid run order; pass an order such as { order: "-summary_metrics.accuracy" }',
      );
    }
  }
}

/**
 * Builds a sweep from a `SweepFields` selection (or the legacy one), parsing its YAML config.
 * @internal
 * @example
 * ```ts
 * const sweep = await sweepFromData(ctx, 'acme', 'vision', data.project.sweep);
 * ```
 */
export async function sweepFromData(
  ctx: FacadeContext,
  entity: string,
  project: string,
  data: SweepFieldsFragment | SweepLegacyFieldsFragment,
): Promise<Sweep> {
  const config = await parseYamlObject(data.config, `config of sweep ${entity}/${project}/${data.name}`);
  return new SweepImpl(ctx, entity, project, data, config);
}
