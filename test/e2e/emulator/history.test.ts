// Run history over real HTTP: seeded rows and system metrics, and the history fields of Run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, gql, KEY } from '../../support/emulator-http.js';

const steps = (rows: Record<string, unknown>[]) => rows.map((r) => r._step);

describe('seeded history', () => {
  it('seeds both forms of systemMetrics and keeps historyLineCount and historyKeys consistent', async () => {
    const emu = await startEmulator({ seed: 'empty', viewer: { username: 'alice' } });
    try {
      const a = emu.seed.run({
        project: 'p',
        history: [{ loss: 1 }, { _step: 4, loss: 0.5 }],
        systemMetrics: [
          { 'system.cpu': 1, _runtime: 1 },
          { 'system.cpu': 2, _runtime: 2 },
        ],
      });
      const b = emu.seed.run({ project: 'p', systemMetrics: { 'system.gpu.0.gpu': 50 } });
      const recordA = [...emu.store.runs.values()].find((r) => r.name === a.id);
      const recordB = [...emu.store.runs.values()].find((r) => r.name === b.id);
      expect(recordA?.systemMetrics).toEqual({ 'system.cpu': 2 });
      expect(recordA?.events).toHaveLength(2);
      expect(steps(recordA?.history ?? [])).toEqual([0, 4]);
      expect(recordB?.systemMetrics).toEqual({ 'system.gpu.0.gpu': 50 });
      expect(recordB?.events).toEqual([]);
      expect(() => emu.seed.run({ project: 'p', history: [{ _step: 3 }, { _step: 1 }] })).toThrow(/_step/);
    } finally {
      await emu.close();
    }
  });
});

describe('Run.history, Run.sampledHistory and Run.events over GraphQL', () => {
  let emu: Emulator;
  const field = (selection: string) =>
    `{ project(name: "p", entityName: "alice") { run(name: "r1") { ${selection} } } }`;

  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, seed: 'empty', viewer: { username: 'alice' } });
    emu.seed.run({
      project: 'p',
      id: 'r1',
      history: [{ loss: NaN }, { loss: 0.5, acc: 0.1 }, { loss: 0.25 }, { loss: 0.125, acc: 0.3 }],
      systemMetrics: [
        { 'system.cpu': Infinity, _runtime: 1 },
        { 'system.cpu': 5, _runtime: 2 },
      ],
    });
  });
  afterAll(() => emu.close());

  it('answers history rows as JSON strings with bare NaN tokens, windowed with an exclusive maxStep', async () => {
    const d = await data<{ project: { run: { history: string[]; all: string[] } } }>(
      emu,
      field('history(minStep: 0, maxStep: 2, samples: 10) all: history'),
    );
    expect(d.project.run.history).toEqual(['{"loss":NaN,"_step":0}', '{"loss":0.5,"acc":0.1,"_step":1}']);
    expect(d.project.run.all).toHaveLength(4);
  });

  it('answers one row list per sampledHistory spec', async () => {
    const d = await data<{ project: { run: { sampledHistory: unknown[] } } }>(
      emu,
      field('sampledHistory(specs: $specs)').replace('{', 'query Q($specs: [JSONString!]!) {'),
      { specs: ['{"keys": ["_step", "acc"]}', '{"keys": ["loss"], "minStep": 2, "maxStep": 3}'] },
    );
    expect(d.project.run.sampledHistory).toEqual([
      [
        { _step: 1, acc: 0.1 },
        { _step: 3, acc: 0.3 },
      ],
      [{ loss: 0.25 }, { loss: 0.125 }],
    ]);
  });

  it('answers the system metrics stream from events', async () => {
    const d = await data<{ project: { run: { events: string[]; systemMetrics: string } } }>(
      emu,
      field('events(samples: 5) systemMetrics'),
    );
    expect(d.project.run.events).toEqual([
      '{"system.cpu":Infinity,"_runtime":1}',
      '{"system.cpu":5,"_runtime":2}',
    ]);
    expect(d.project.run.systemMetrics).toBe('{"system.cpu":5}');
  });

  it('answers a GraphQL error for a bad spec and for arguments it does not implement', async () => {
    const bad = await gql(emu, field('sampledHistory(specs: ["{not json"])'));
    expect(bad.json.errors?.[0]?.message).toMatch(/Invalid sampledHistory spec/);
    const maxKeyLimit = await gql(emu, field('history(maxKeyLimit: 5)'));
    expect(maxKeyLimit.json.errors?.[0]?.message).toBe(
      'The emulator does not implement argument Run.history(maxKeyLimit:)',
    );
    const packVersion = await gql(
      emu,
      field('sampledHistory(specs: ["{\\"keys\\": [\\"a\\"]}"], packVersion: 1)'),
    );
    expect(packVersion.json.errors?.[0]?.message).toBe(
      'The emulator does not implement argument Run.sampledHistory(packVersion:)',
    );
  });
});
