/**
 * Arguments, fields and input fields that exist only when a server feature is on. The emulator
 * serves one schema (the newest), but a real server without the feature is older and its schema
 * has no such argument or field, so it refuses any document that names one, whatever its value
 * (`null` and variables included): only `errors`, no `data`, graphql-js's message for what the
 * schema lacks. With the feature off, {@link featureArgumentsRule} and {@link featureFieldsRule}
 * make the emulator's validation do the same, and {@link featureVariableErrors} refuses variable
 * values that give a gated input field, as coercing them against the older schema would.
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
import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';

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

/**
 * One field of the schema that a server has only with `feature` on.
 *
 * @example
 * ```ts
 * const total: FeatureField = { feature: 'TOTAL_COUNT_IN_FILE_CONNECTION', field: 'FileConnection.totalCount' };
 * ```
 */
export interface FeatureField {
  /** The server feature the field comes with. */
  readonly feature: string;
  /** The field, as `Type.field`. */
  readonly field: string;
}

/**
 * One field of an input object type that a server has only with `feature` on.
 *
 * @example
 * ```ts
 * const gated: FeatureInputField = { feature: 'USE_ARTIFACT_WITH_ENTITY_AND_PROJECT_INFORMATION', inputField: 'UseArtifactInput.artifactEntityName' };
 * ```
 */
export interface FeatureInputField {
  /** The server feature the input field comes with. */
  readonly feature: string;
  /** The input field, as `InputType.field`. */
  readonly inputField: string;
}

/**
 * Everything of the schema that exists only with a feature on: arguments, fields and input fields.
 *
 * @example
 * ```ts
 * const gates: FeatureGates = { arguments: [], fields: [{ feature: 'F', field: 'T.f' }], inputFields: [] };
 * ```
 */
export interface FeatureGates {
  readonly arguments: readonly FeatureArgument[];
  readonly fields: readonly FeatureField[];
  readonly inputFields: readonly FeatureInputField[];
  /** Members of unions that a server has only with the feature on. Default none. */
  readonly unionMembers?: readonly FeatureUnionMember[];
}

/**
 * One member of a union that a server has only with `feature` on (an older server's union lacks it).
 *
 * @example
 * ```ts
 * const gated: FeatureUnionMember = { feature: 'AUTOMATION_SCOPE_ENTITY', union: 'TriggerScope', member: 'Entity' };
 * ```
 */
export interface FeatureUnionMember {
  /** The server feature the member comes with. */
  readonly feature: string;
  /** The union's name. */
  readonly union: string;
  /** The member type's name. */
  readonly member: string;
}

/**
 * A validation rule refusing fragments on a union member of `members` whose feature is not on,
 * spread where the union is expected, with graphql-js's message for a fragment whose type can
 * never be a member (`Fragment "EntityScopeFields" cannot be spread here as objects of type
 * "TriggerScope" can never be of type "Entity".`); `undefined` when none is off.
 *
 * @example
 * ```ts
 * const rule = featureUnionMembersRule([{ feature: 'AUTOMATION_SCOPE_ENTITY', union: 'TriggerScope', member: 'Entity' }], store.features);
 * ```
 */
export function featureUnionMembersRule(
  members: readonly FeatureUnionMember[],
  features: ReadonlyMap<string, boolean>,
): ValidationRule | undefined {
  const absent = absentNames(members, (m) => `${m.union}.${m.member}`, features);
  if (absent.size === 0) return undefined;
  return (context) => ({
    InlineFragment(node) {
      const parent = context.getParentType();
      const type = node.typeCondition?.name.value;
      if (!parent || type === undefined || !absent.has(`${parent.name}.${type}`)) return;
      context.reportError(
        new GraphQLError(
          `Fragment cannot be spread here as objects of type "${parent.name}" can never be of type "${type}".`,
          { nodes: node },
        ),
      );
    },
    FragmentSpread(node) {
      const parent = context.getParentType();
      const type = context.getFragment(node.name.value)?.typeCondition.name.value;
      if (!parent || type === undefined || !absent.has(`${parent.name}.${type}`)) return;
      context.reportError(
        new GraphQLError(
          `Fragment "${node.name.value}" cannot be spread here as objects of type "${parent.name}" can never be of type "${type}".`,
          { nodes: node },
        ),
      );
    },
  });
}

function absentNames<T extends { feature: string }>(
  items: readonly T[],
  name: (item: T) => string,
  features: ReadonlyMap<string, boolean>,
): Set<string> {
  return new Set(items.filter((i) => features.get(i.feature) !== true).map(name));
}

/**
 * A validation rule refusing the fields and input-object fields of `gates` whose feature is not on,
 * with graphql-js's own messages for what a schema lacks (`Cannot query field "totalCount" on type
 * "FileConnection".`, `Field "artifactEntityName" is not defined by type "UseArtifactInput".`);
 * `undefined` when none is off. (Arguments: {@link featureArgumentsRule}; variable values:
 * {@link featureVariableErrors}.)
 *
 * @example
 * ```ts
 * const rule = featureFieldsRule(gates, store.features);
 * validate(schema, document, rule ? [...specifiedRules, rule] : specifiedRules);
 * ```
 */
export function featureFieldsRule(
  gates: Pick<FeatureGates, 'fields' | 'inputFields'>,
  features: ReadonlyMap<string, boolean>,
): ValidationRule | undefined {
  const fields = absentNames(gates.fields, (f) => f.field, features);
  const inputFields = absentNames(gates.inputFields, (f) => f.inputField, features);
  if (fields.size === 0 && inputFields.size === 0) return undefined;
  return (context) => ({
    Field(node) {
      const parent = context.getParentType();
      if (!parent || !fields.has(`${parent.name}.${node.name.value}`)) return;
      context.reportError(
        new GraphQLError(`Cannot query field "${node.name.value}" on type "${parent.name}".`, {
          nodes: node,
        }),
      );
    },
    ObjectField(node) {
      const type = getNamedType(context.getParentInputType());
      if (!type || !inputFields.has(`${type.name}.${node.name.value}`)) return;
      context.reportError(
        new GraphQLError(`Field "${node.name.value}" is not defined by type "${type.name}".`, {
          nodes: node,
        }),
      );
    },
  });
}

/** A value printed the way graphql-js prints invalid variable values (`{ a: "x", b: [1, 2] }`). */
function show(value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (depth >= 2) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (Array.isArray(value)) return `[${value.map((v) => show(v, depth + 1)).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${k}: ${show(v, depth + 1)}`).join(', ')} }`;
}

/**
 * The errors for variable values that give an input field of `gates` whose feature is not on, in
 * graphql-js's words for a field the input type lacks (`Variable "$input" got invalid value
 * { ... }; Field "artifactEntityName" is not defined by type "UseArtifactInput".`): what coercing
 * the variables would answer on a server without the feature. Empty when there is none.
 *
 * @example
 * ```ts
 * const errors = featureVariableErrors(schema, operation, variables, gates, store.features);
 * if (errors.length > 0) return { errors };
 * ```
 */
export function featureVariableErrors(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
  gates: Pick<FeatureGates, 'inputFields'>,
  features: ReadonlyMap<string, boolean>,
): GraphQLError[] {
  const absent = absentNames(gates.inputFields, (f) => f.inputField, features);
  if (absent.size === 0 || !operation || !variables) return [];
  const errors: GraphQLError[] = [];
  const walk = (name: string, type: GraphQLInputType, value: unknown, path: string): void => {
    if (value === null || value === undefined) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (Array.isArray(value)) value.forEach((item, i) => walk(name, inner.ofType, item, `${path}[${i}]`));
      else walk(name, inner.ofType, value, path);
      return;
    }
    if (!isInputObjectType(inner) || typeof value !== 'object' || Array.isArray(value)) return;
    const fields = inner.getFields();
    for (const [key, fieldValue] of Object.entries(value)) {
      if (absent.has(`${inner.name}.${key}`)) {
        const at = path === '' ? '' : ` at "${name}${path}"`;
        errors.push(
          new GraphQLError(
            `Variable "$${name}" got invalid value ${show(value)}${at}; Field "${key}" is not defined by type "${inner.name}".`,
          ),
        );
        continue;
      }
      const field = fields[key];
      if (field) walk(name, field.type, fieldValue, `${path}.${key}`);
    }
  };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type)) walk(name, type, variables[name], '');
  }
  return errors;
}
