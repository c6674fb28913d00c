/**
 * GraphQL over HTTP the way the W&B server takes it: parse, validate and execute one request.
 *
 * `operationName` may be absent, `null` or `""` (the official client always sends `""`): with a
 * document of one operation, all three execute it; with several, graphql-js answers its error
 * (`Must provide operation name if query contains multiple operations.`).
 *
 * @example
 * ```ts
 * import { executeRequest } from './execute.js';
 * const result = await executeRequest(schema, { query: '{ viewer { username } }', operationName: '' }, context);
 * ```
 * @module
 */
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { EmulatorContext } from './context.js';
import { HttpStatusError } from './errors.js';
import {
  featureArgumentsRule,
  featureFieldsRule,
  featureUnionMembersRule,
  featureVariableErrors,
} from './feature-arguments.js';
import { emulatorFeatureGates } from './resolvers.js';

/**
 * A GraphQL request as it arrives in a POST body.
 *
 * @example
 * ```ts
 * const request: GraphQLRequest = { query: 'query Viewer { viewer { id } }', operationName: 'Viewer' };
 * ```
 */
export interface GraphQLRequest {
  /** The document. */
  query: string;
  /** Variable values. */
  variables?: Record<string, unknown> | undefined;
  /** The operation to run: absent, `null` and `""` all mean "the only one". */
  operationName?: string | null | undefined;
}

/**
 * The operation a request names: its `operationName`, or `undefined` when it is absent, `null`
 * or empty.
 *
 * @example
 * ```ts
 * requestedOperation({ query: '{ viewer { id } }', operationName: '' }); // undefined
 * ```
 */
export function requestedOperation(request: GraphQLRequest): string | undefined {
  const name = request.operationName;
  return name === null || name === undefined || name === '' ? undefined : name;
}

/**
 * The name of the operation a request will run, for the request log and for matching faults:
 * the requested one, else the document's first operation's name.
 *
 * @example
 * ```ts
 * operationNameOf({ query: 'query Viewer { viewer { id } }', operationName: '' }, document); // 'Viewer'
 * ```
 */
export function operationNameOf(
  request: GraphQLRequest,
  document: DocumentNode | undefined,
): string | undefined {
  const requested = requestedOperation(request);
  if (requested !== undefined || !document) return requested;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value;
  }
  return undefined;
}

/**
 * Documents already parsed, by their text: a client sends the same few documents again and again
 * (every page of a listing), and parsing and validating them cost more than answering a page of
 * 50 runs. Kept: the last {@link PARSED_DOCUMENTS_KEPT} distinct texts (parsing is pure, and
 * neither validation nor execution changes a document).
 */
const parsedDocuments = new Map<string, DocumentNode>();
const PARSED_DOCUMENTS_KEPT = 500;

/**
 * Validation errors of a document against a schema, by the server features in force (which
 * change what validates): a document is validated once per schema and set of features.
 */
const validations = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, readonly GraphQLError[]>>>();

/** The features in force as a key: each set feature with its value, sorted. */
function featuresKey(features: ReadonlyMap<string, boolean>): string {
  return [...features]
    .map(([name, enabled]) => `${name}=${enabled ? 1 : 0}`)
    .sort()
    .join(',');
}

/**
 * Parses a request's document (or finds it parsed already); a syntax error is returned, not thrown.
 *
 * @example
 * ```ts
 * parseRequest({ query: '{ viewer { ' }); // { error: GraphQLError('Syntax Error: ...') }
 * ```
 */
export function parseRequest(request: GraphQLRequest): { document: DocumentNode } | { error: GraphQLError } {
  try {
    const known = parsedDocuments.get(request.query);
    if (known !== undefined) return { document: known };
    const document = parse(request.query);
    if (parsedDocuments.size >= PARSED_DOCUMENTS_KEPT) {
      const oldest = parsedDocuments.keys().next();
      if (oldest.done !== true) parsedDocuments.delete(oldest.value);
    }
    parsedDocuments.set(request.query, document);
    return { document };
  } catch (error) {
    if (error instanceof GraphQLError) return { error };
    throw error;
  }
}

/**
 * Validates and executes a parsed request against the emulator's schema. Validation and
 * execution errors come back in the result's `errors`, as the server answers them (HTTP 200); a
 * document that fails validation gets no `data`. Validation also refuses the arguments that exist
 * only with a server feature that is off in the store ({@link emulatorFeatureGates}): arguments,
 * fields and input fields named in the document, and input fields given in variable values, as
 * the older schema of a server without the feature would.
 *
 * @example
 * ```ts
 * const result = await executeRequest(schema, request, document, context);
 * result.errors?.[0]?.message;
 * ```
 */
export async function executeRequest(
  schema: GraphQLSchema,
  request: GraphQLRequest,
  document: DocumentNode,
  context: EmulatorContext,
): Promise<ExecutionResult> {
  const { features } = context.store;
  const bySchema =
    validations.get(schema) ?? new WeakMap<DocumentNode, Map<string, readonly GraphQLError[]>>();
  validations.set(schema, bySchema);
  const byFeatures = bySchema.get(document) ?? new Map<string, readonly GraphQLError[]>();
  bySchema.set(document, byFeatures);
  const key = featuresKey(features);
  let errors = byFeatures.get(key);
  if (errors === undefined) {
    const featureRules = [
      featureArgumentsRule(emulatorFeatureGates.arguments, features),
      featureFieldsRule(emulatorFeatureGates, features),
      featureUnionMembersRule(emulatorFeatureGates.unionMembers ?? [], features),
    ].filter((rule) => rule !== undefined);
    errors = validate(schema, document, [...specifiedRules, ...featureRules]);
    byFeatures.set(key, errors);
  }
  if (errors.length > 0) return { errors: [...errors] };
  const operationName = requestedOperation(request);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation =
    operationName === undefined
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((o) => o.name?.value === operationName);
  const variableErrors = featureVariableErrors(
    schema,
    operation,
    request.variables,
    emulatorFeatureGates,
    features,
  );
  if (variableErrors.length > 0) return { errors: variableErrors };
  return execute({
    schema,
    document,
    contextValue: context,
    variableValues: request.variables,
    operationName,
  });
}

/**
 * The HTTP status a GraphQL result is answered with: that of the first error raised as an
 * {@link HttpStatusError} (409 for a duplicate automation, 404 for a missing one), else 200.
 *
 * @example
 * ```ts
 * responseStatus({ data: null, errors: [new GraphQLError('x', { originalError: new HttpStatusError(409, 'ALREADY_EXISTS', 'x') })] }); // 409
 * responseStatus({ data: {} }); // 200
 * ```
 */
export function responseStatus(result: ExecutionResult): number {
  for (const error of result.errors ?? []) {
    if (error.originalError instanceof HttpStatusError) return error.originalError.status;
  }
  return 200;
}
