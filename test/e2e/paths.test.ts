import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api, BetaReport, NotFoundError, Project, Run, Sweep, type PathObject } from '../../src/index.js';
import { validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
let reportId: string;

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  emu.seed.project({ entity: 'alice', name: 'vision', description: 'images' });
  emu.seed.project({ entity: 'vision-team', name: 'detector' });
  emu.seed.sweep({
    entity: 'alice',
    project: 'vision',
    id: 'swp00001',
    config: { method: 'grid', name: 'grid-lr' },
  });
  emu.seed.run({
    entity: 'alice',
    project: 'vision',
    id: 'run00001',
    sweep: 'swp00001',
    config: { lr: 0.1 },
  });
  emu.seed.run({ entity: 'alice', project: 'vision', id: 'run00002', summary: { loss: 0.2 } });
  emu.seed.run({ entity: 'vision-team', project: 'detector', id: 'det00001' });
  emu.seed.run({ entity: 'alice', project: 'münchen', id: 'mun00001', summary: { loss: 0.3 } });
  reportId = emu.seed.report({ entity: 'alice', project: 'vision', displayName: 'Weekly sync' }).id;
});

describe('api.fromPath', () => {
  it('resolves "project" and "entity/project" to a Project', async () => {
    const own = await api.fromPath('vision');
    expect(own).toBeInstanceOf(Project);
    expect((own as Project).path).toEqual(['alice', 'vision']);
    expect((own as Project).description).toBe('images');
    const team = await api.fromPath('vision-team/detector');
    expect(team).toBeInstanceOf(Project);
    expect((team as Project).path).toEqual(['vision-team', 'detector']);
  });

  it('resolves "entity/project/runId" and "entity/project/runs/runId" to a loaded Run', async () => {
    const short = await api.fromPath('alice/vision/run00001');
    expect(short).toBeInstanceOf(Run);
    expect((short as Run).config).toEqual({ lr: 0.1 });
    const long = await api.fromPath('vision-team/detector/runs/det00001');
    expectTypeOf(long).toEqualTypeOf<Run>();
    expect(long).toBeInstanceOf(Run);
    expect(long.path).toEqual(['vision-team', 'detector', 'det00001']);
  });

  it('resolves "entity/project/sweeps/sweepId" to a Sweep', async () => {
    const sweep = await api.fromPath('alice/vision/sweeps/swp00001');
    expectTypeOf(sweep).toEqualTypeOf<Sweep>();
    expect(sweep).toBeInstanceOf(Sweep);
    expect(sweep.name).toBe('grid-lr');
    expect((await sweep.runs.toArray()).map((r) => r.id)).toEqual(['run00001']);
  });

  it('builds a report from "entity/project/reports/Title--ID" without a request', async () => {
    const listed = (await api.reports('alice/vision').toArray())[0]!;
    const path = new URL(listed.url).pathname; // '/alice/vision/reports/Weekly-sync--<id>'
    emu.clearRequests();
    const report = await api.fromPath(path as `${string}/${string}/reports/${string}`);
    expectTypeOf(report).toEqualTypeOf<BetaReport>();
    expect(graphqlCalls(emu)).toBe(0);
    expect(report).toBeInstanceOf(BetaReport);
    expect(report.constructor.name).toBe('BetaReport');
    expect(report.id).toBe(reportId);
    expect(report.displayName).toBe('Weekly sync');
    expect(report.spec).toEqual({});
    expect(report.url).toBe(listed.url);
    expect([report.entity, report.project]).toEqual(['alice', 'vision']);
  });

  it('types a path only known at run time as the union', async () => {
    const somePath: string = 'alice/vision/run00002';
    const target = await api.fromPath(somePath);
    expectTypeOf(target).toEqualTypeOf<PathObject>();
    expect(target instanceof Run && target.summary.loss).toBe(0.2);
  });

  it.each([
    ['', 'empty'],
    ['a/b/c/d/e', 'too many segments'],
    ['alice/vision/artifacts/x', 'expected "runs", "sweeps" or "reports"'],
    ['alice/vision/reports/Weekly-sync', 'Title--ID'],
    ['alice/vision:run00001', 'may not contain'],
    ['alice//vision', 'empty segment'],
  ])('rejects %j before any request, naming path (%s)', async (path, why) => {
    emu.clearRequests();
    const error = await validationRejection(api.fromPath(path));
    expect(error.parameter).toBe('path');
    expect(error.message).toContain(why);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('resolves the path of a url this client built, percent-escapes and trailing slash included', async () => {
    const run = await api.run('alice/münchen/mun00001');
    const path = `${new URL(run.url).pathname}/`; // '/alice/m%C3%BCnchen/runs/mun00001/'
    expect(path).toContain('%C3%BC');
    const again = await api.fromPath(path as `${string}/${string}/runs/${string}`);
    expect(again.path).toEqual(['alice', 'münchen', 'mun00001']);
    expect(again.summary).toEqual({ loss: 0.3 });
    const project = await api.fromPath('/alice/m%C3%BCnchen/');
    expect((project as Project).name).toBe('münchen');
  });

  it.each([
    ['alice/vision/runs', 'alice/vision/runs/<runId>'],
    ['https://wandb.ai/alice/vision/runs/run00001', '"alice/vision/runs/run00001"'],
    ['alice/vision/runs/run00001?workspace=user-alice', 'query'],
  ])('rejects %j before any request with a message that says what to pass', async (path, hint) => {
    emu.clearRequests();
    const error = await validationRejection(api.fromPath(path));
    expect(error.parameter).toBe('path');
    expect(error.message).toContain(hint);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('rejects with NotFoundError for a missing run, sweep or project', async () => {
    await expect(api.fromPath('alice/vision/nosuch01')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.fromPath('alice/vision/sweeps/nosuch01')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.fromPath('alice/nothere')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sends one request when the same run path is resolved twice', async () => {
    const fresh = new Api({ baseUrl: emu.url, apiKey: emu.apiKey }); // nothing cached yet
    emu.clearRequests();
    const first = await fresh.fromPath('alice/vision/runs/run00002');
    const second = await fresh.fromPath('alice/vision/runs/run00002');
    expect(graphqlCalls(emu)).toBe(1);
    expect(second.id).toBe(first.id);
    expect(second.summary).toEqual({ loss: 0.2 });
  });
});

describe('names with spaces', () => {
  it('creates and reads project "My Project" and a run in it', async () => {
    const created = await api.createProject('My Project');
    expect(created.name).toBe('My Project');
    expect(created.url).toBe(`${api.appUrl}/alice/My%20Project/workspace`);
    const project = await api.project('alice/My Project');
    expect(project.name).toBe('My Project');

    const run = await api.createRun({ project: 'My Project', runId: 'sp1' });
    expect(run.url).toBe(`${api.appUrl}/alice/My%20Project/runs/sp1`);
    run.config = { lr: 0.1 };
    await run.update();

    const read = await api.run('alice/My Project/sp1');
    expect(read.path).toEqual(['alice', 'My Project', 'sp1']);
    expect(read.config).toEqual({ lr: 0.1 });
    expect((await api.runs('alice/My Project').toArray()).map((r) => r.id)).toEqual(['sp1']);
    const viaUrl = await api.fromPath(new URL(run.url).pathname as `${string}/${string}/runs/${string}`);
    expect(viaUrl.path).toEqual(['alice', 'My Project', 'sp1']);
  });
});

describe('a path with a ?query or #fragment', () => {
  it.each<[string, () => Promise<unknown>, string]>([
    ['api.run', () => api.run('alice/vision/run00001?workspace=user-alice'), '"alice/vision/run00001"'],
    ['api.run', () => api.run('alice/vision/run00001#overview'), '"alice/vision/run00001"'],
    ['api.project', () => api.project('alice/vision?nw=1'), '"alice/vision"'],
    ['api.runs', () => api.runs('alice/vision#runs').toArray(), '"alice/vision"'],
    [
      'api.sweep',
      () => api.sweep('alice/vision/sweeps/swp00001?view=table'),
      '"alice/vision/sweeps/swp00001"',
    ],
    ['api.reports', () => api.reports('alice/vision?x').toArray(), '"alice/vision"'],
    ['api.fromPath', () => api.fromPath('alice/vision/runs/run00001#logs'), '"alice/vision/runs/run00001"'],
  ])('%s is a ValidationError that says what to pass, before any request', async (_call, call, instead) => {
    emu.clearRequests();
    const error = await validationRejection((async () => call())());
    expect(error.parameter).toBe('path');
    expect(error.message).toContain(`pass the path without it: ${instead}`);
    expect(graphqlCalls(emu)).toBe(0);
  });
});
