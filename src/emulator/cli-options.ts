/**
 * The options of the standalone emulator (`npm run emulator -- ...`, `cli.ts`), parsed and
 * checked apart from starting anything, so they can be tested.
 *
 * @example
 * ```ts
 * import { parseCliOptions } from './cli-options.js';
 * parseCliOptions(['--port', '8080', '--latency-ms', '50']).latencyMs; // 50
 * ```
 * @module
 */
import { parseArgs } from 'node:util';
import type { ParquetHistoryMode } from './domains/history/parquet-records.js';
import type { FaultInput } from './http/faults.js';

/**
 * How to call the standalone emulator.
 *
 * @example
 * ```ts
 * console.log(CLI_USAGE);
 * ```
 */
export const CLI_USAGE =
  'Usage: wandb-api emulator [--port <n>] [--key <api key>] [--seed demo|empty] [--user <username>] [--latency-ms <ms>]' +
  ' [--fault <json>]... [--fault-seed <seed>] [--parquet-history on|off|unsupported]';

/**
 * The parsed options.
 *
 * @example
 * ```ts
 * const options: CliOptions = { help: false, port: 0, seed: 'demo', latencyMs: 0 };
 * ```
 */
export interface CliOptions {
  /** `--help` / `-h`: print the usage and stop. */
  help: boolean;
  /** `--port`: TCP port on 127.0.0.1, `0` (the default) for a free one. */
  port: number;
  /** `--seed`: `demo` (the default) or `empty`. */
  seed: 'demo' | 'empty';
  /** `--key`: the API key to accept. Default random. */
  apiKey?: string;
  /** `--user`: the viewer's username. */
  user?: string;
  /** `--latency-ms`: how long every request waits before it is handled (`startEmulator({ latencyMs })`). Default `0`. */
  latencyMs: number;
  /**
   * `--fault <json>` (repeatable): faults added at start, in order, each a JSON object of
   * `emu.faults.add` (`"times": "Infinity"` for ever, `retryAfterDate` as a date string), e.g.
   * `--fault '{"status":429,"rate":0.3,"seed":1,"times":"Infinity","retryAfterMs":50}'`.
   */
  faults?: FaultInput[];
  /** `--fault-seed`: `startEmulator({ faultSeed })`. */
  faultSeed?: string;
  /** `--parquet-history on|off|unsupported`: `startEmulator({ parquetHistory: true | false | 'unsupported' })`. */
  parquetHistory?: ParquetHistoryMode;
}

/** Reads one `--fault` value. */
function parseFault(text: string): FaultInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`Invalid --fault ${JSON.stringify(text)} (a JSON object of emu.faults.add)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Invalid --fault ${JSON.stringify(text)} (a JSON object of emu.faults.add)`);
  }
  const fault = { ...(value as Record<string, unknown>) };
  if (fault.times === 'Infinity') fault.times = Number.POSITIVE_INFINITY;
  if (typeof fault.retryAfterDate === 'string') fault.retryAfterDate = new Date(fault.retryAfterDate);
  return fault as FaultInput;
}

const PARQUET_MODES: Record<string, ParquetHistoryMode> = {
  on: true,
  off: false,
  unsupported: 'unsupported',
};

/**
 * Parses the command line (without `node` and the script). Throws with a message naming the bad
 * option.
 *
 * @example
 * ```ts
 * parseCliOptions(['--seed', 'empty', '--latency-ms', '50']); // { seed: 'empty', latencyMs: 50, port: 0, help: false }
 * parseCliOptions(['--latency-ms', '-1']); // throws: Invalid --latency-ms "-1"
 * ```
 */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      key: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      user: { type: 'string' },
      'latency-ms': { type: 'string', default: '0' },
      fault: { type: 'string', multiple: true },
      'fault-seed': { type: 'string' },
      'parquet-history': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`Invalid --port "${values.port}"`);
  const seed = values.seed;
  if (seed !== 'demo' && seed !== 'empty') throw new Error(`Invalid --seed "${seed}" (demo or empty)`);
  const latency = values['latency-ms'];
  const latencyMs = Number(latency);
  if (!/^\d+(\.\d+)?$/.test(latency) || !Number.isFinite(latencyMs)) {
    throw new Error(`Invalid --latency-ms "${latency}" (a number of milliseconds >= 0)`);
  }
  const parquet = values['parquet-history'];
  if (parquet !== undefined && !Object.hasOwn(PARQUET_MODES, parquet)) {
    throw new Error(`Invalid --parquet-history "${parquet}" (on, off or unsupported)`);
  }
  return {
    help: values.help,
    port,
    seed,
    latencyMs,
    ...(values.fault !== undefined ? { faults: values.fault.map(parseFault) } : {}),
    ...(values['fault-seed'] !== undefined ? { faultSeed: values['fault-seed'] } : {}),
    ...(parquet !== undefined ? { parquetHistory: PARQUET_MODES[parquet] as ParquetHistoryMode } : {}),
    ...(values.key !== undefined ? { apiKey: values.key } : {}),
    ...(values.user !== undefined ? { user: values.user } : {}),
  };
}
