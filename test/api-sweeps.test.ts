import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/emulator/index.js';
import { Api, Sweep, ValidationError, type RunsOptions } from '../src/index.js';
import { graphqlCalls, useEmulator } from './helpers.js';

let emu: Emulator;
let api: Api;

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  emu.seed.sweep({
    entity: 'alice',
    project: 'tuning',
    id: 'swp00001',
    state: 'RUNNING',
    runCountExpected: 2,
    config: {
      name: 'lr-search',
      method: 'grid',
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { lr: { values: [0.1, 0.01] } },
    },
  });
  const runs = [
    { id: 'tune0001', sweep: 'swp00001', summary: { loss: 0.4 } },
    { id: 'tune0002', sweep: null, summary: { loss: 0.9 } },
    { id: 'tune0003', sweep: 'swp00001', summary: { loss: 0.2 } },
    { id: 'tune0004', sweep: 'ghost123', summary: {} },
  ];
  runs.forEach((r, i) =>
    emu.seed.run({ entity: 'alice', project: 'tuning', ...r, createdAt: new Date(Date.UTC(2024, 1, 1 + i)) }),
  );
});

describe('api.runs({ includeSweeps })', () => {
  it('attaches each run its sweep, fetching every sweep once per listing', async () => {
    emu.clearRequests();
    const runs = await api.runs('alice/tuning', { includeSweeps: true, perPage: 1 }).toArray();
    expect(runs.map((r) => r.id)).toEqual(['tune0001', 'tune0002', 'tune0003', 'tune0004']);
    const [first, plain, third, orphan] = runs;
    expect(first!.sweep).toBeInstanceOf(Sweep);
    expect(third!.sweep).toBe(first!.sweep);
    expect(plain!.sweep).toBeUndefined();
    expect(orphan!.sweepName).toBe('ghost123');
    expect(orphan!.sweep).toBeUndefined();
    const sweepCalls = emu.requests.filter((r) => r.operationName === 'SweepDetail');
    expect(sweepCalls.map((r) => r.variables?.name)).toEqual(['swp00001', 'ghost123']);
  });

  it('exposes the sweep attributes, config parsed from YAML', async () => {
    const [run] = await api
      .runs('alice/tuning', { includeSweeps: true, filters: { sweep: 'swp00001' } })
      .toArray();
    const sweep = run!.sweep!;
    expect(sweep.id).toBe('swp00001');
    expect(sweep.storageId).not.toBe('swp00001');
    expect(sweep.name).toBe('lr-search');
    expect(sweep.state).toBe('RUNNING');
    expect(sweep.method).toBe('grid');
    expect(sweep.config).toEqual({
      name: 'lr-search',
      method: 'grid',
      metric: { name: 'loss', goal: 'minimize' },
      parameters: { lr: { values: [0.1, 0.01] } },
    });
    expect(sweep.bestLoss).toBe(0.2);
    expect(sweep.runCount).toBe(2);
    expect(sweep.expectedRunCount).toBe(2);
    expect(sweep.createdAt).toBeInstanceOf(Date);
    expect(sweep.path).toEqual(['alice', 'tuning', 'swp00001']);
    expect(sweep.url).toBe(`${api.appUrl}/alice/tuning/sweeps/swp00001`);
  });

  it('without includeSweeps sends no sweep requests', async () => {
    emu.clearRequests();
    const runs = await api.runs('alice/tuning').toArray();
    expect(runs[0]!.sweepName).toBe('swp00001');
    expect(runs[0]!.sweep).toBeUndefined();
    expect(graphqlCalls(emu, 'SweepDetail')).toBe(0);
  });

  it('filters runs by sweep id', async () => {
    const runs = await api.runs('alice/tuning', { filters: { sweep: 'swp00001' } }).toArray();
    expect(runs.map((r) => r.id)).toEqual(['tune0001', 'tune0003']);
  });

  it('rejects a non-boolean includeSweeps before any request', () => {
    emu.clearRequests();
    expect(() => api.runs('alice/tuning', { includeSweeps: 'yes' } as unknown as RunsOptions)).toThrow(
      ValidationError,
    );
    expect(graphqlCalls(emu)).toBe(0);
  });
});
