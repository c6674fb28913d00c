/**
 * The option checks of run histories ({@link parseHistoryOptions}, {@link parseScanOptions}): a
 * module of its own, light, so that `runs.histories()` checks its options at once while the
 * history code itself (`history.ts`) loads with the first run.
 *
 * @example
 * ```ts
 * const { samples, keys } = parseHistoryOptions({ keys: ['loss'], samples: 100 });
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { describeValue, optionalGraphQLInt, optionalSignal, optionsObject } from '../core/validate.js';
import type {
  HistoryFormat,
  HistoryOptions,
  HistorySource,
  HistoryStream,
  ScanHistoryOptions,
} from './history.js';

/** Default of {@link HistoryOptions.samples}. */
const DEFAULT_SAMPLES = 500;

/** Default of {@link ScanHistoryOptions.pageSize}. */
const DEFAULT_PAGE_SIZE = 1000;

/** A `samples` or `pageSize` option: a positive GraphQL `Int`, `fallback` when absent. */
function positiveInt(value: unknown, parameter: string, fallback: number): number {
  return optionalGraphQLInt(value, parameter) ?? fallback;
}

function stepOption(value: unknown, parameter: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(parameter, `expected a non-negative integer step, got ${describeValue(value)}`);
  }
  return value;
}

/** A `keys` option: undefined, or a non-empty array of non-empty strings (duplicates dropped). */
function keysOption(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new ValidationError('keys', `expected an array of key names, got ${describeValue(value)}`);
  }
  if (value.length === 0) {
    throw new ValidationError('keys', 'expected at least one key name; leave `keys` out to get every key');
  }
  for (const key of value) {
    if (typeof key !== 'string' || key === '') {
      throw new ValidationError('keys', `expected non-empty strings, got ${describeValue(key)}`);
    }
  }
  return [...new Set(value as string[])];
}

function oneOf<T extends string>(value: unknown, parameter: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(
      parameter,
      `expected ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}

/**
 * The options of {@link Run.history}, checked (a {@link ValidationError} naming the bad one) and
 * with their defaults.
 * @internal For `run.history()` and `runs.histories()`, which checks them before any request.
 * @example
 * ```ts
 * const { samples, keys } = parseHistoryOptions({ keys: ['loss'] }); // 500, ['loss']
 * ```
 */
export function parseHistoryOptions(options: HistoryOptions | undefined) {
  const o = optionsObject(options);
  const samples = positiveInt(o.samples, 'samples', DEFAULT_SAMPLES);
  const keys = keysOption(o.keys);
  const xAxis = o.xAxis === undefined ? '_step' : o.xAxis;
  if (typeof xAxis !== 'string' || xAxis === '') {
    throw new ValidationError('xAxis', `expected a non-empty key name, got ${describeValue(xAxis)}`);
  }
  const stream = oneOf<HistoryStream>(o.stream, 'stream', ['default', 'system'], 'default');
  const format = oneOf<HistoryFormat>(o.format, 'format', ['rows', 'columns'], 'rows');
  const signal = optionalSignal(o.signal);
  if (keys && stream === 'system') {
    throw new ValidationError(
      'keys',
      "cannot be combined with stream: 'system' (system metrics are read whole)",
    );
  }
  return { samples, keys, xAxis, stream, format, signal };
}

/**
 * Checks the options of {@link scanHistory} (before any request) and fills in their defaults.
 * @internal
 * @example
 * ```ts
 * const { pageSize, minStep } = parseScanOptions({ keys: ['loss'], pageSize: 500 });
 * ```
 */
export function parseScanOptions(options: ScanHistoryOptions | undefined) {
  const o = optionsObject(options);
  const keys = keysOption(o.keys);
  const source = oneOf<HistorySource>(o.source, 'source', ['auto', 'parquet', 'windows'], 'auto');
  const pageSize = positiveInt(o.pageSize, 'pageSize', DEFAULT_PAGE_SIZE);
  const minStep = stepOption(o.minStep, 'minStep') ?? 0;
  const maxStep = stepOption(o.maxStep, 'maxStep');
  if (maxStep !== undefined && maxStep < minStep) {
    throw new ValidationError(
      'maxStep',
      `${maxStep} is below minStep ${minStep}; maxStep is the exclusive end of the steps to scan (minStep <= step < maxStep), so it may not be smaller than minStep`,
    );
  }
  const signal = optionalSignal(o.signal);
  return { keys, source, pageSize, minStep, maxStep, signal };
}
