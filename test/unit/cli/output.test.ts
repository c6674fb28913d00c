/**
 * The CLI's row writers and run columns (src/cli/output/): what each format holds when read
 * back, the stable column order, dotted selection, atomic files and bad input.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRowWriter,
  fileSink,
  flattenRun,
  historyColumns,
  parseKeyList,
  parseRowFormat,
  parseRunColumns,
  runColumns,
  selectColumn,
  writeRows,
  type Row,
} from '../../../src/cli/output/index.js';
import { ValidationError } from '../../../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wandb-cli-output-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const buf = await readFile(path);
  return parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
}

const ROWS: Row[] = [
  { _step: 0, loss: 1.5, name: 'a', ok: true, nested: { lr: NaN }, at: new Date(Date.UTC(2024, 0, 1)) },
  { _step: 1, loss: NaN, name: 'b,"c"\nd', ok: false, nested: [1, 2] },
];

describe('row writers', () => {
  it('writes CSV with a header, quoting, NaN by name, JSON for nested values and ISO dates', async () => {
    const path = join(dir, 'rows.csv');
    expect(await writeRows('csv', fileSink(path), ROWS)).toBe(2);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(
      '_step,loss,name,ok,nested,at\n' +
        '0,1.5,a,true,"{""lr"":""NaN""}",2024-01-01T00:00:00.000Z\n' +
        '1,NaN,"b,""c""\nd",false,"[1,2]",\n',
    );
  });

  it('writes JSON Lines that a strict JSON parser reads (non-finite numbers as their names)', async () => {
    const path = join(dir, 'rows.jsonl');
    await writeRows('jsonl', fileSink(path), ROWS);
    const lines = (await readFile(path, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    expect(lines).toEqual([
      { _step: 0, loss: 1.5, name: 'a', ok: true, nested: { lr: 'NaN' }, at: '2024-01-01T00:00:00.000Z' },
      { _step: 1, loss: 'NaN', name: 'b,"c"\nd', ok: false, nested: [1, 2] },
    ]);
  });

  it('writes Parquet with typed columns that hyparquet reads back, the same bytes every time', async () => {
    const a = join(dir, 'a.parquet');
    const b = join(dir, 'b.parquet');
    await writeRows('parquet', fileSink(a), ROWS, { rowGroupSize: 1 });
    await writeRows('parquet', fileSink(b), ROWS, { rowGroupSize: 1 });
    expect(await readParquet(a)).toEqual([
      { _step: 0, loss: 1.5, name: 'a', ok: true, nested: { lr: 'NaN' }, at: new Date(Date.UTC(2024, 0, 1)) },
      { _step: 1, loss: NaN, name: 'b,"c"\nd', ok: false, nested: [1, 2], at: null },
    ]);
    const bytes = await readFile(a);
    expect(bytes.equals(await readFile(b))).toBe(true);
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(meta.row_groups).toHaveLength(2);
    expect(meta.created_by).toBe('wandb-api');
    const stats = meta.row_groups[0]!.columns.map((c) => [
      c.meta_data?.path_in_schema[0],
      c.meta_data?.statistics?.min_value !== undefined,
    ]);
    expect(stats).toContainEqual(['loss', true]);

    const only = join(dir, 'only.parquet');
    await writeRows('parquet', fileSink(only), ROWS, { statistics: ['_step'] });
    const onlyBytes = await readFile(only);
    const onlyMeta = parquetMetadata(
      onlyBytes.buffer.slice(onlyBytes.byteOffset, onlyBytes.byteOffset + onlyBytes.byteLength),
    );
    expect(
      onlyMeta.row_groups[0]!.columns.filter((c) => c.meta_data?.statistics?.min_value !== undefined).map(
        (c) => c.meta_data?.path_in_schema[0],
      ),
    ).toEqual(['_step']);
  });

  it('writes only the given columns, in their order, and an empty file with its header or schema', async () => {
    const csv = join(dir, 'cols.csv');
    await writeRows('csv', fileSink(csv), ROWS, { columns: ['name', 'missing', '_step'] });
    expect(await readFile(csv, 'utf8')).toBe('name,missing,_step\na,,0\n"b,""c""\nd",,1\n');
    const jsonl = join(dir, 'cols.jsonl');
    await writeRows('jsonl', fileSink(jsonl), ROWS, { columns: ['_step'] });
    expect(await readFile(jsonl, 'utf8')).toBe('{"_step":0}\n{"_step":1}\n');
    const empty = join(dir, 'empty.parquet');
    await writeRows('parquet', fileSink(empty), [], { columns: ['id'] });
    expect(await readParquet(empty)).toEqual([]);
    const emptyCsv = join(dir, 'empty.csv');
    await writeRows('csv', fileSink(emptyCsv), [], { columns: ['id', 'name'] });
    expect(await readFile(emptyCsv, 'utf8')).toBe('id,name\n');
  });

  it('fails on a column first seen after the inferred ones, and leaves no file behind', async () => {
    const path = join(dir, 'late.csv');
    const rows: Row[] = [{ a: 1 }, { a: 2 }, { a: 3, late: 1 }];
    await expect(writeRows('csv', fileSink(path), rows, { inferRows: 2 })).rejects.toThrow(
      /column "late" first appears in row 3, after the first 2 rows/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails on a Parquet value of another type than its column, naming the column', async () => {
    const path = join(dir, 'mixed.parquet');
    const rows: Row[] = [{ a: 1 }, { a: 'x' }];
    await expect(
      writeRows('parquet', fileSink(path), rows, { rowGroupSize: 1, inferRows: 1 }),
    ).rejects.toThrow(/column "a" holds numbers .* "x"/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('shows no file until closed, and none after abort', async () => {
    const path = join(dir, 'sub', 'rows.jsonl');
    const writer = createRowWriter('jsonl', fileSink(path));
    for (let i = 0; i < 2_500; i++) await writer.write({ i });
    expect((await readdir(join(dir, 'sub'))).filter((n) => n === 'rows.jsonl')).toEqual([]);
    await writer.abort();
    expect(await readdir(join(dir, 'sub'))).toEqual([]);
  });
});

describe('run columns', () => {
  const run = (id: string, config: object, summary: object) => ({
    id,
    name: `run-${id}`,
    state: 'finished' as const,
    createdAt: new Date(Date.UTC(2024, 0, 1)),
    config,
    summary,
  });

  it('flattens a run to id, name, state, created, config.* and summary.*', () => {
    expect(flattenRun(run('a1', { lr: 0.1, opt: { name: 'adam' } }, { loss: 0.2 }))).toEqual({
      id: 'a1',
      name: 'run-a1',
      state: 'finished',
      created: new Date(Date.UTC(2024, 0, 1)),
      'config.lr': 0.1,
      'config.opt': { name: 'adam' },
      'summary.loss': 0.2,
    });
  });

  it('orders columns the same whatever the order of runs and keys', () => {
    const a = flattenRun(run('a', { z: 1, b: 2 }, { loss: 1 }));
    const b = flattenRun(run('b', { a: 1 }, { acc: 1, _step: 3 }));
    const expected = [
      'id',
      'name',
      'state',
      'created',
      'config.a',
      'config.b',
      'config.z',
      'summary._step',
      'summary.acc',
      'summary.loss',
    ];
    expect(runColumns([a, b])).toEqual(expected);
    expect(runColumns([b, a])).toEqual(expected);
    expect(
      historyColumns([
        { loss: 1, _step: 0 },
        { acc: 1, _step: 1 },
      ]),
    ).toEqual(['_step', 'acc', 'loss']);
  });

  it('selects dotted columns, walking into nested values', () => {
    const row = flattenRun(run('a', { opt: { name: 'adam', betas: [0.9] }, 'with.dot': 1 }, {}));
    expect(selectColumn(row, 'config.opt.name')).toBe('adam');
    expect(selectColumn(row, 'config.with.dot')).toBe(1);
    expect(selectColumn(row, 'config.opt.missing')).toBeUndefined();
    expect(selectColumn(row, 'summary.loss')).toBeUndefined();
  });
});

describe('bad input', () => {
  it('rejects an unknown format with the allowed values', () => {
    expect(() => parseRowFormat('xlsx')).toThrow(ValidationError);
    expect(() => parseRowFormat('xlsx')).toThrow(
      'Invalid --format: "xlsx" is not one of parquet, csv, jsonl',
    );
    expect(parseRowFormat('csv', ['csv', 'jsonl'])).toBe('csv');
    expect(() => parseRowFormat('parquet', ['csv', 'jsonl'])).toThrow('is not one of csv, jsonl');
  });

  it('rejects unknown, empty and repeated columns and empty keys', () => {
    expect(parseRunColumns('name, config.lr,summary.loss')).toEqual(['name', 'config.lr', 'summary.loss']);
    expect(() => parseRunColumns('name,colour')).toThrow(/unknown column "colour": use id, name/);
    expect(() => parseRunColumns('config.')).toThrow(/unknown column "config."/);
    expect(() => parseRunColumns('name,,id')).toThrow(/an empty column name/);
    expect(() => parseRunColumns('name,name')).toThrow(/names "name" twice/);
    expect(parseKeyList('loss, acc,loss')).toEqual(['loss', 'acc']);
    expect(() => parseKeyList('loss,')).toThrow(ValidationError);
  });
});
