/**
 * Arguments that exist only when a server feature is on. The emulator serves one schema (the
 * newest), but a real server without the feature is older and its schema has no such argument, so
 * it refuses, at validation, any document that names it, whatever its value (`null` and variables
 * included): only `errors`, no `data`, graphql-js's message for an unknown argument. With the
 * feature off, {@link featureArgumentsRule} makes the emulator's validation do the same.
 *
 * @example
 * ```ts
 * import { featureArgumentsRule, type FeatureArgument } from './feature-arguments.js';
 * const gated: FeatureArgument[] = [{ feature: 'SWEEPS_QUERY_FILTERING', field: 'Project.sweeps', argument: 'filters' }];
 * const rule = featureArgumentsRule(gated, store.features); // undefined when every feature is on
 * validate(schema, document, rule ? [...specifiedRules, rule] : specifiedRules);
 * ```
 * @module
 */
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * One argument of the schema that a server has only with `feature` on.
 *
 * @example
 * ```ts
 * const filters: FeatureArgument = { feature: 'SWEEPS_QUERY_FILTERING', field: 'Project.sweeps', argument: 'filters' };
 * ```
 */
export interface FeatureArgument {
  /** The server feature (`serverInfo { features }`) the argument comes with. */
  readonly feature: string;
  /** The field, as `Type.field`. */
  readonly field: string;
  /** The argument's name. */
  readonly argument: string;
}

/**
 * A validation rule refusing the arguments of `featureArguments` whose feature is not on in
 * `features`, with the error graphql-js gives for an argument the schema lacks:
 * `Unknown argument "filters" on field "Project.sweeps".`. `undefined` when every one is on.
 *
 * @example
 * ```ts
 * featureArgumentsRule(gated, new Map([['SWEEPS_QUERY_FILTERING', true]])); // undefined
 * ```
 */
export function featureArgumentsRule(
  featureArguments: readonly FeatureArgument[],
  features: ReadonlyMap<string, boolean>,
): ValidationRule | undefined {
  const absent = new Set(
    featureArguments.filter((a) => features.get(a.feature) !== true).map((a) => `${a.field}(${a.argument}:)`),
  );
  if (absent.size === 0) return undefined;
  return (context) => ({
    Argument(node) {
      const field = context.getFieldDef();
      const parent = context.getParentType();
      if (context.getDirective() || !field || !parent) return; // a directive's argument, or unknown
      const name = `${parent.name}.${field.name}`;
      if (!absent.has(`${name}(${node.name.value}:)`)) return;
      context.reportError(
        new GraphQLError(`Unknown argument "${node.name.value}" on field "${name}".`, { nodes: node }),
      );
    },
  });
}
