import { WandbError } from '../../errors/index.js';

/**
 * Parses a YAML document from the server (sweep configurations are stored as YAML) into an object.
 * The YAML parser is loaded on first use, so bundles that never read a sweep do not pay for it.
 * An empty document is `{}`.
 *
 * @example
 * ```ts
 * await parseYamlObject('method: grid\nmetric:\n  name: loss\n', 'sweep config');
 * // { method: 'grid', metric: { name: 'loss' } }
 * ```
 */
export async function parseYamlObject(text: string, what: string): Promise<Record<string, unknown>> {
  const { parse } = await import('yaml');
  let value: unknown;
  try {
    value = parse(text);
  } catch (cause) {
    throw new WandbError(`The server sent a ${what} that is not valid YAML`, 'UNKNOWN', { cause });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new WandbError(`The server sent a ${what} that is not a YAML mapping`, 'UNKNOWN');
  }
  return value as Record<string, unknown>;
}
