// The standalone emulator's command line.
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../../src/emulator/cli-options.js';

describe('emulator: parseCliOptions', () => {
  it('has defaults', () => {
    expect(parseCliOptions([])).toEqual({ help: false, port: 0, seed: 'demo', latencyMs: 0 });
  });

  it('reads every option, --latency-ms included', () => {
    expect(
      parseCliOptions([
        '--port',
        '8080',
        '--key',
        'k',
        '--seed',
        'empty',
        '--user',
        'bob',
        '--latency-ms',
        '50',
      ]),
    ).toEqual({ help: false, port: 8080, apiKey: 'k', seed: 'empty', user: 'bob', latencyMs: 50 });
    expect(parseCliOptions(['--latency-ms=12.5']).latencyMs).toBe(12.5);
    expect(parseCliOptions(['-h']).help).toBe(true);
  });

  it('refuses bad values and unknown options', () => {
    expect(() => parseCliOptions(['--latency-ms=-1'])).toThrow(/Invalid --latency-ms "-1"/);
    expect(() => parseCliOptions(['--latency-ms', 'soon'])).toThrow(/Invalid --latency-ms/);
    expect(() => parseCliOptions(['--port', '70000'])).toThrow(/Invalid --port/);
    expect(() => parseCliOptions(['--port=-3'])).toThrow(/Invalid --port/);
    expect(() => parseCliOptions(['--seed', 'big'])).toThrow(/Invalid --seed/);
    expect(() => parseCliOptions(['--latency', '5'])).toThrow();
  });

  it('reads faults (a 429 storm), the fault seed and the Parquet history mode', () => {
    const options = parseCliOptions([
      '--fault',
      '{"status":429,"rate":0.3,"seed":1,"times":"Infinity","retryAfterMs":50}',
      '--fault={"target":"storage","status":503,"retryAfterDate":"2024-06-01T00:00:00Z"}',
      '--fault-seed',
      'bench',
      '--parquet-history',
      'unsupported',
    ]);
    expect(options.faults).toEqual([
      { status: 429, rate: 0.3, seed: 1, times: Number.POSITIVE_INFINITY, retryAfterMs: 50 },
      { target: 'storage', status: 503, retryAfterDate: new Date('2024-06-01T00:00:00Z') },
    ]);
    expect(options).toMatchObject({ faultSeed: 'bench', parquetHistory: 'unsupported' });
    expect(parseCliOptions(['--parquet-history', 'off']).parquetHistory).toBe(false);
    expect(() => parseCliOptions(['--fault', '429'])).toThrow(/Invalid --fault "429"/);
    expect(() => parseCliOptions(['--fault', '{'])).toThrow(/Invalid --fault/);
    expect(() => parseCliOptions(['--parquet-history', 'maybe'])).toThrow(/Invalid --parquet-history/);
  });
});
