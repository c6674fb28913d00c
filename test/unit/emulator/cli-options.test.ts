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
});
