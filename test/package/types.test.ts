/**
 * Types a user does not have to cast: `api.run<Config, Summary>()` and `api.runs<...>()` type
 * `config` and `summary`; `run.history({ keys })` and `run.scanHistory({ keys })` type their rows
 * from the keys written out (a `const` type parameter: no `as const` needed). The `expectTypeOf`
 * and `@ts-expect-error` lines are checked by `npm run typecheck`; the runtime asserts show the
 * types describe what the emulator actually answers.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Run,
  type Api,
  type HistoryColumns,
  type HistoryColumnsOf,
  type HistoryRow,
  type HistoryRowOf,
  type PathObject,
  type RunConfig,
  type Runs,
  type RunSummary,
} from '../../src/index.js';
import { useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  emu.seed.run({
    project: 'typed',
    id: 'r1',
    config: { lr: 0.1, optimizer: 'adam' },
    summary: { loss: 0.25 },
    history: [
      { _step: 0, loss: 1, acc: 0.5, epoch: 0 },
      { _step: 1, loss: 0.5, acc: 0.75, epoch: 1 },
    ],
  });
});

interface Config {
  lr: number;
  optimizer: 'adam' | 'sgd';
}
type Summary = { loss: number };

describe('typed config and summary', () => {
  it('api.run<Config, Summary>() types run.config and run.summary', async () => {
    const run = await api.run<Config, Summary>('alice/typed/r1');
    expectTypeOf(run).toEqualTypeOf<Run<Config, Summary>>();
    expectTypeOf(run.config.lr).toEqualTypeOf<number>();
    expectTypeOf(run.config.optimizer).toEqualTypeOf<'adam' | 'sgd'>();
    expectTypeOf(run.summary.loss).toEqualTypeOf<number>();
    // @ts-expect-error -- not a key of Config
    void run.config.momentum;
    const _wrongAssignment = (): void => {
      // @ts-expect-error -- not one of the optimizers Config allows
      run.config = { lr: 0.2, optimizer: 'rmsprop' };
    };
    expect(run.config).toEqual({ lr: 0.1, optimizer: 'adam' });
    expect(run.summary.loss).toBe(0.25);
  });

  it('api.runs<Config, Summary>() types every listed run', async () => {
    const runs = api.runs<Config, Summary>('alice/typed');
    expectTypeOf(runs).toEqualTypeOf<Runs<Config, Summary>>();
    const [run] = await runs.toArray();
    expectTypeOf(run).toEqualTypeOf<Run<Config, Summary> | undefined>();
    for await (const r of runs) expectTypeOf(r.config.lr).toEqualTypeOf<number>();
    expect(run?.config.optimizer).toBe('adam');
  });

  it('defaults to any keys with unknown values, as before', async () => {
    const run = await api.run('alice/typed/r1');
    expectTypeOf(run).toEqualTypeOf<Run>();
    expectTypeOf(run.config).toEqualTypeOf<RunConfig>();
    expectTypeOf(run.summary).toEqualTypeOf<RunSummary>();
    expectTypeOf(run.config.lr).toEqualTypeOf<unknown>();
    expectTypeOf(api.runs('alice/typed')).toEqualTypeOf<Runs>();
    // A typed run is still a Run: instanceof, PathObject and functions taking a Run accept it.
    const typed = await api.run<{ lr: number }>('alice/typed/r1');
    expectTypeOf(typed).toMatchTypeOf<PathObject>();
    expect(typed).toBeInstanceOf(Run);
    expect(typeof run.config.lr).toBe('number');
  });
});

describe('typed history rows', () => {
  it('history({ keys }) answers rows with the x axis and those keys, without `as const`', async () => {
    const run = await api.run('alice/typed/r1');
    const rows = await run.history({ keys: ['loss', 'acc'] });
    expectTypeOf(rows).toEqualTypeOf<HistoryRowOf<'loss' | 'acc'>[]>();
    expectTypeOf(rows[0]!).toEqualTypeOf<{ _step: number; loss: number | null; acc: number | null }>();
    // @ts-expect-error -- a key that was not asked for
    void rows[0]?.val_loss;
    // @ts-expect-error -- a value may be null (sampledHistory sends NaN as null)
    const loss: number = rows[0]!.loss;
    void loss;
    expect(rows).toEqual([
      { _step: 0, loss: 1, acc: 0.5 },
      { _step: 1, loss: 0.5, acc: 0.75 },
    ]);
  });

  it('as const and a custom xAxis type the same way', async () => {
    const run = await api.run('alice/typed/r1');
    const keys = ['loss'] as const;
    expectTypeOf(await run.history({ keys })).toEqualTypeOf<HistoryRowOf<'loss'>[]>();
    const byEpoch = await run.history({ keys: ['loss'], xAxis: 'epoch' });
    expectTypeOf(byEpoch[0]!).toEqualTypeOf<{ epoch: number; loss: number | null }>();
    // @ts-expect-error -- with xAxis 'epoch' the rows hold epoch, not _step
    void byEpoch[0]?._step;
    expect(byEpoch).toEqual([
      { epoch: 0, loss: 1 },
      { epoch: 1, loss: 0.5 },
    ]);
  });

  it("format: 'columns' answers one typed array per key", async () => {
    const run = await api.run('alice/typed/r1');
    const columns = await run.history({ keys: ['loss', 'acc'], format: 'columns' });
    expectTypeOf(columns).toEqualTypeOf<HistoryColumnsOf<'loss' | 'acc'>>();
    expectTypeOf(columns._step).toEqualTypeOf<number[]>();
    expectTypeOf(columns.loss).toEqualTypeOf<(number | null)[]>();
    // @ts-expect-error -- no such column
    void columns.val_loss;
    expect(columns).toEqual({ _step: [0, 1], loss: [1, 0.5], acc: [0.5, 0.75] });
  });

  it('scanHistory({ keys }) yields typed rows', async () => {
    const run = await api.run('alice/typed/r1');
    const seen: number[] = [];
    for await (const row of run.scanHistory({ keys: ['acc'] })) {
      expectTypeOf(row).toEqualTypeOf<{ _step: number; acc: number | null }>();
      if (row.acc !== null) seen.push(row.acc);
    }
    expect(seen).toEqual([0.5, 0.75]);
  });

  it('without keys, or with keys only known as string[], rows stay untyped records', async () => {
    const run = await api.run('alice/typed/r1');
    expectTypeOf(await run.history()).toEqualTypeOf<HistoryRow[]>();
    expectTypeOf(await run.history({ format: 'columns' })).toEqualTypeOf<HistoryColumns>();
    const keys: string[] = ['loss'];
    expectTypeOf(await run.history({ keys })).toEqualTypeOf<HistoryRow[]>();
    expectTypeOf(await run.history({ keys, format: 'columns' })).toEqualTypeOf<HistoryColumns>();
    for await (const row of run.scanHistory({ keys })) expectTypeOf(row).toEqualTypeOf<HistoryRow>();
    // @ts-expect-error -- format is 'rows' or 'columns'
    await expect(run.history({ keys: ['loss'], format: 'table' })).rejects.toThrow(/format/);
  });
});
