// Writes end to end against the emulator over HTTP: createProject, createRun, Run setters,
// run.update() and run.delete().
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api, NotFoundError, RunNotLoadedError, ServerError, Run, ValidationError } from '../../src/index.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

useEmulator((ctx) => {
  ({ emu, api } = ctx);
});

/** Variables of the last recorded request of an operation. */
function lastVariables(operationName: string): Record<string, unknown> | undefined {
  return emu.requests.filter((r) => r.operationName === operationName).at(-1)?.variables;
}

/** The stored record of a run, as the emulator keeps it. */
function storedRun(entity: string, project: string, id: string) {
  const p = emu.store.findProject(entity, project);
  return p ? emu.store.findRun(p.id, id) : undefined;
}

/** A fresh read of a run from the server (cache emptied first). */
async function reread(run: Run): Promise<Run> {
  api.flush();
  return api.run(run.path.join('/'));
}

describe('api.createProject', () => {
  it('creates a project in the default entity that api.project() then finds', async () => {
    const project = await api.createProject('made-here');
    expect(project.path).toEqual(['alice', 'made-here']);
    expect(project.createdAt).toBeInstanceOf(Date);
    const found = await api.project('made-here');
    expect(found.id).toBe(project.id);
    expect(lastVariables('CreateProject')).toEqual({ name: 'made-here', entity: 'alice' });
  });

  it('creates in an explicit entity, and returns an existing project instead of failing', async () => {
    const first = await api.createProject('shared', 'vision-team');
    const again = await api.createProject('shared', 'vision-team');
    expect(again.id).toBe(first.id);
    expect(again.entity).toBe('vision-team');
    expect(emu.store.projectsOfEntity('vision-team').filter((p) => p.name === 'shared')).toHaveLength(1);
  });

  it('is a typed error when the server refuses the entity', async () => {
    emu.seed.user({ username: 'mallory' });
    await expect(api.createProject('intrusion', 'mallory')).rejects.toThrow(/permission denied/);
  });

  it('rejects bad names before any request', async () => {
    emu.clearRequests();
    for (const [name, entity] of [
      ['', undefined],
      ['a/b', undefined],
      ['ok', 'bad\tentity'],
      [42, undefined],
    ] as const) {
      await expect(api.createProject(name as string, entity)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(
      api.createProject('ok', undefined, { signal: 'no' as unknown as AbortSignal }),
    ).rejects.toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('api.createRun', () => {
  it('creates a running run with a random 8-character id, listed by runs()', async () => {
    const run = await api.createRun({ project: 'created' });
    expect(run.id).toMatch(/^[a-z0-9]{8}$/);
    expect(run.path).toEqual(['alice', 'created', run.id]);
    expect(run.state).toBe('running');
    expect(run.loaded).toBe(true);
    expect(run.config).toEqual({});
    expect(run.summary).toEqual({});
    expect(run.user?.username).toBe('alice');
    expect(lastVariables('CreateRun')).toEqual({
      entity: 'alice',
      project: 'created',
      name: run.id,
      state: 'running',
    });
    const other = await api.createRun({ project: 'created' });
    expect(other.id).not.toBe(run.id);
    const listed = await api.runs('alice/created').toArray();
    expect(listed.map((r) => r.id).sort()).toEqual([run.id, other.id].sort());
  });

  it('uses a given id and entity', async () => {
    const run = await api.createRun({ runId: 'my-run.1', project: 'created', entity: 'vision-team' });
    expect(run.path).toEqual(['vision-team', 'created', 'my-run.1']);
    expect(storedRun('vision-team', 'created', 'my-run.1')?.state).toBe('running');
  });

  it("defaults the project to the Api's project option", async () => {
    const withDefault = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, project: 'default-proj' });
    const run = await withDefault.createRun();
    expect(run.project).toBe('default-proj');
    expect(storedRun('alice', 'default-proj', run.id)).toBeDefined();
  });

  it('with the id of an existing run, returns that run (set to running) instead of a duplicate', async () => {
    emu.seed.run({ project: 'existing', id: 'old00001', state: 'finished', config: { lr: 0.3 } });
    const run = await api.createRun({ project: 'existing', runId: 'old00001' });
    expect(run.state).toBe('running');
    expect(run.config).toEqual({ lr: 0.3 });
    expect(await api.runs('alice/existing').totalCount()).toBe(1);
  });

  it('rejects a missing project and bad options before any request', async () => {
    emu.clearRequests();
    await expect(api.createRun()).rejects.toThrow(/project/);
    await expect(api.createRun({})).rejects.toBeInstanceOf(ValidationError);
    for (const options of [
      { project: 'p', runId: '' },
      { project: 'p', runId: 'a/b' },
      { project: 'p', runId: 7 },
      { project: 'p\tq' },
      { project: 'p', entity: 'a:b' },
      { project: 'p', signal: {} },
    ]) {
      await expect(api.createRun(options as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('Run.create', () => {
  it('creates a running run through the Api, as api.createRun does', async () => {
    const run = await Run.create(api, { project: 'class-level', runId: 'made-by-class' });
    expect(run).toBeInstanceOf(Run);
    expect(run.path).toEqual(['alice', 'class-level', 'made-by-class']);
    expect(run.state).toBe('running');
    expect(lastVariables('CreateRun')).toEqual({
      entity: 'alice',
      project: 'class-level',
      name: 'made-by-class',
      state: 'running',
    });
    expect((await reread(run)).state).toBe('running');
  });

  it('creates a pending run, in the given entity, with a random id by default', async () => {
    const run = await Run.create(api, { project: 'class-level', entity: 'vision-team', state: 'pending' });
    expect(run.id).toMatch(/^[a-z0-9]{8}$/);
    expect(run.state).toBe('pending');
    expect(lastVariables('CreateRun')).toMatchObject({ entity: 'vision-team', state: 'pending' });
    expect(storedRun('vision-team', 'class-level', run.id)?.state).toBe('pending');
    // Created again as running (an upsert by id): the same run, now running.
    const again = await Run.create(api, { project: 'class-level', entity: 'vision-team', runId: run.id });
    expect(again.state).toBe('running');
    expect(await api.runs('vision-team/class-level').totalCount()).toBe(1);
  });

  it('refuses a missing Api, a bad state and bad options before any request', async () => {
    emu.clearRequests();
    for (const notAnApi of [undefined, null, {}, 'api']) {
      const e = await Run.create(notAnApi as unknown as Api, { project: 'p' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).parameter).toBe('api');
    }
    const bad: [unknown, string][] = [
      [{ project: 'p', state: 'finished' }, 'state'],
      [{ project: 'p', state: 'RUNNING' }, 'state'],
      [{ project: 'p', runId: 'a/b' }, 'runId'],
      [{}, 'project'],
      ['p', 'options'],
    ];
    for (const [options, parameter] of bad) {
      const e = await Run.create(api, options as never).catch((x: unknown) => x);
      expect(e, JSON.stringify(options)).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).parameter).toBe(parameter);
    }
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('run.update', () => {
  it('persists every editable field in one UpdateRun, keeping _wandb in the stored config', async () => {
    emu.seed.run({
      project: 'upd',
      id: 'every001',
      config: { lr: 0.1, epochs: 3, _wandb: { value: { cli_version: '0.17.0' }, desc: null } },
      summary: { acc: 0.5 },
    });
    const run = await api.run('alice/upd/every001');
    run.name = 'renamed';
    run.tags = ['a', 'b'];
    run.notes = 'some notes';
    run.group = 'grp';
    run.jobType = 'eval';
    run.config = { lr: 0.2, optimizer: 'adam' };
    run.summary = { acc: 0.9, loss: 0.1 };
    emu.clearRequests();
    expect(await run.update()).toBe(run);
    expect(graphqlCalls(emu)).toBe(1);
    expect(graphqlCalls(emu, 'UpdateRun')).toBe(1);
    expect(lastVariables('UpdateRun')?.id).toBe(run.storageId);

    const fresh = await reread(run);
    expect(fresh.toJSON()).toMatchObject({
      name: 'renamed',
      tags: ['a', 'b'],
      notes: 'some notes',
      group: 'grp',
      jobType: 'eval',
      config: { lr: 0.2, optimizer: 'adam' },
      summary: { acc: 0.9, loss: 0.1 },
    });
    expect(storedRun('alice', 'upd', 'every001')?.config).toEqual({
      _wandb: { value: { cli_version: '0.17.0' }, desc: null },
      lr: { value: 0.2, desc: null },
      optimizer: { value: 'adam', desc: null },
    });
  });

  it('persists in-place edits of config and summary, keeping config descriptions', async () => {
    emu.seed.run({
      project: 'upd',
      id: 'inplace1',
      config: { lr: { value: 0.1, desc: 'learning rate' }, bs: 32 },
      summary: { acc: 0.5 },
    });
    const run = await api.run('alice/upd/inplace1');
    run.config.lr = 0.2;
    delete run.config.bs;
    run.summary.acc = 0.75;
    await run.update();
    expect(run.config).toEqual({ lr: 0.2 });
    const fresh = await reread(run);
    expect(fresh.config).toEqual({ lr: 0.2 });
    expect(fresh.summary).toEqual({ acc: 0.75 });
    expect(storedRun('alice', 'upd', 'inplace1')?.config).toEqual({
      lr: { value: 0.2, desc: 'learning rate' },
    });
  });

  it('keeps NaN and ±Infinity in the summary, sent as bare JSON tokens', async () => {
    emu.seed.run({ project: 'upd', id: 'nonfin01' });
    const run = await api.run('alice/upd/nonfin01');
    Object.assign(run.summary, { loss: NaN, best: Infinity, worst: -Infinity, label: 'NaN' });
    await run.update();
    expect(lastVariables('UpdateRun')?.summaryMetrics).toBe(
      '{"loss":NaN,"best":Infinity,"worst":-Infinity,"label":"NaN"}',
    );
    const fresh = await reread(run);
    expect(fresh.summary.loss).toBeNaN();
    expect(fresh.summary.best).toBe(Infinity);
    expect(fresh.summary.worst).toBe(-Infinity);
    expect(fresh.summary.label).toBe('NaN');
  });

  it('saves a run whose summary or config holds backslashes or quotes next to NaN', async () => {
    emu.seed.run({
      project: 'upd',
      id: 'escapes1',
      config: { data_dir: 'C:\\runs\\vision', eps: NaN },
      summary: { path: 'C:\\out', quote: 'say "hi"', loss: NaN },
    });
    const run = await api.run('alice/upd/escapes1');
    run.tags = ['windows'];
    await run.update(); // config and summary unchanged: only compared, not sent
    expect(lastVariables('UpdateRun')).not.toHaveProperty('summaryMetrics');
    run.summary.best = -Infinity;
    run.config.eps = Infinity;
    await run.update();
    const fresh = await reread(run);
    expect(fresh.tags).toEqual(['windows']);
    expect(fresh.summary).toEqual({ path: 'C:\\out', quote: 'say "hi"', loss: NaN, best: -Infinity });
    expect(fresh.config).toEqual({ data_dir: 'C:\\runs\\vision', eps: Infinity });
  });

  it('sends config and summary only when they changed, and clears text fields set to undefined', async () => {
    emu.seed.run({
      project: 'upd',
      id: 'partial1',
      notes: 'old',
      group: 'g',
      config: { lr: 0.1 },
      summary: { a: 1 },
    });
    const run = await api.run('alice/upd/partial1');
    run.tags = ['only-tags'];
    run.notes = undefined;
    run.group = undefined;
    await run.update();
    const vars = lastVariables('UpdateRun');
    expect(vars).not.toHaveProperty('config');
    expect(vars).not.toHaveProperty('summaryMetrics');
    expect(vars).toMatchObject({ tags: ['only-tags'], notes: null, groupName: null });
    const fresh = await reread(run);
    expect(fresh.notes).toBeUndefined();
    expect(fresh.group).toBeUndefined();
    expect(fresh.tags).toEqual(['only-tags']);
    expect(fresh.config).toEqual({ lr: 0.1 });
    expect(fresh.summary).toEqual({ a: 1 });
  });

  it('never wipes the config or summary of a lazily listed run', async () => {
    emu.seed.run({ project: 'lazy', id: 'lazyrun1', config: { lr: 0.1 }, summary: { acc: 0.8 } });
    const [run] = await api.runs('alice/lazy', { lazy: true }).toArray();
    if (!run) throw new Error('no run listed');
    expect(run.loaded).toBe(false);
    expect(() => {
      run.config = { lr: 1 };
    }).toThrow(RunNotLoadedError);
    run.notes = 'edited while lazy';
    await run.update();
    const vars = lastVariables('UpdateRun');
    expect(vars).not.toHaveProperty('config');
    expect(vars).not.toHaveProperty('summaryMetrics');
    // The answer carries every field: the run is now loaded, with the server's view.
    expect(run.loaded).toBe(true);
    expect(run.config).toEqual({ lr: 0.1 });
    expect(run.summary).toEqual({ acc: 0.8 });
    const stored = storedRun('alice', 'lazy', 'lazyrun1');
    expect(stored?.config).toEqual({ lr: { value: 0.1, desc: null } });
    expect(stored?.summary).toEqual({ acc: 0.8 });
    expect(stored?.notes).toBe('edited while lazy');
  });

  it('keeps local edits when the request fails, and a retry sends them', async () => {
    emu.seed.run({ project: 'upd', id: 'failing1', notes: 'server notes', config: { lr: 0.1 } });
    const run = await api.run('alice/upd/failing1');
    run.notes = 'local notes';
    run.config.lr = 0.5;
    emu.faults.add({ operationName: 'UpdateRun', status: 500, times: Infinity });
    await expect(run.update()).rejects.toBeInstanceOf(ServerError);
    emu.faults.clear();
    expect(run.notes).toBe('local notes');
    expect(run.config.lr).toBe(0.5);
    expect(storedRun('alice', 'upd', 'failing1')?.notes).toBe('server notes');
    await run.update();
    const fresh = await reread(run);
    expect(fresh.notes).toBe('local notes');
    expect(fresh.config.lr).toBe(0.5);
  });

  it('is retried after a transient failure (it is safe to repeat)', async () => {
    emu.seed.run({ project: 'upd', id: 'retry001' });
    const run = await api.run('alice/upd/retry001');
    run.notes = 'after a 503';
    emu.clearRequests();
    emu.faults.add({ operationName: 'UpdateRun', status: 503, times: 1 });
    await run.update();
    expect(graphqlCalls(emu, 'UpdateRun')).toBe(2);
    expect(storedRun('alice', 'upd', 'retry001')?.notes).toBe('after a 503');
  });

  it('rejects bad values in setters, and unsendable values before any request', async () => {
    emu.seed.run({ project: 'upd', id: 'invalid1', summary: { a: 1 } });
    const run = await api.run('alice/upd/invalid1');
    const set = (field: string, value: unknown) => () => {
      (run as unknown as Record<string, unknown>)[field] = value;
    };
    expect(set('tags', 'one-tag')).toThrow(ValidationError);
    expect(set('tags', ['ok', 3])).toThrow(/item 1/);
    expect(set('notes', 5)).toThrow(ValidationError);
    expect(set('name', {})).toThrow(ValidationError);
    expect(set('group', true)).toThrow(ValidationError);
    expect(set('jobType', 1)).toThrow(ValidationError);
    expect(set('config', [])).toThrow(ValidationError);
    expect(set('summary', null)).toThrow(ValidationError);
    expect(set('config', new Map())).toThrow(ValidationError);
    expect(run.tags).toEqual([]);
    expect(run.summary).toEqual({ a: 1 });

    emu.clearRequests();
    run.summary.big = 10n;
    await expect(run.update()).rejects.toThrow(ValidationError);
    delete run.summary.big;
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    run.config.loop = circular;
    await expect(run.update()).rejects.toThrow(ValidationError);
    await expect(run.update({ signal: 'x' as unknown as AbortSignal })).rejects.toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('refuses config and summary values JSON would drop or change, naming the key path, before any request', async () => {
    emu.seed.run({
      project: 'upd',
      id: 'unsend01',
      config: { optimizer: { name: 'adam' } },
      summary: { a: 1 },
    });
    const run = await api.run('alice/upd/unsend01');
    emu.clearRequests();
    const cases: Array<[string, () => void, () => void]> = [
      [
        'config.optimizer.schedule',
        () => ((run.config.optimizer as Record<string, unknown>).schedule = () => 0.1),
        () => delete (run.config.optimizer as Record<string, unknown>).schedule,
      ],
      ['config.ids', () => (run.config.ids = new Set([1, 2])), () => delete run.config.ids],
      ['config.lookup', () => (run.config.lookup = new Map([['a', 1]])), () => delete run.config.lookup],
      ['summary.marker', () => (run.summary.marker = Symbol('m')), () => delete run.summary.marker],
      ['summary.layers[1]', () => (run.summary.layers = [1, undefined]), () => delete run.summary.layers],
      ['summary.when', () => (run.summary.when = new URL('https://x.test')), () => delete run.summary.when],
    ];
    for (const [path, edit, undo] of cases) {
      edit();
      const error = await run.update().catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).parameter).toBe(path);
      undo();
    }
    expect(graphqlCalls(emu)).toBe(0);

    // NaN and ±Infinity keep working, and a Date goes as its ISO string
    run.summary.best = Infinity;
    run.summary.missing = NaN;
    run.config.started = new Date('2024-01-01T00:00:00Z');
    await run.update();
    const fresh = await reread(run);
    expect(fresh.summary).toEqual({ a: 1, best: Infinity, missing: NaN });
    expect(fresh.config).toEqual({ optimizer: { name: 'adam' }, started: '2024-01-01T00:00:00.000Z' });
  });
});

describe('run.delete', () => {
  it('deletes the run; api.run() is then NotFoundError, even though it was cached', async () => {
    emu.seed.run({ project: 'del', id: 'delete01' });
    const run = await api.run('alice/del/delete01');
    await api.run('alice/del/delete01'); // cached
    await run.delete();
    expect(lastVariables('DeleteRun')).toEqual({ id: run.storageId });
    expect(storedRun('alice', 'del', 'delete01')).toBeUndefined();
    await expect(api.run('alice/del/delete01')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sends deleteArtifacts only when true', async () => {
    emu.seed.run({ project: 'del', id: 'delete02' });
    emu.seed.run({ project: 'del', id: 'delete03' });
    const withArtifacts = await api.run('alice/del/delete02');
    await withArtifacts.delete({ deleteArtifacts: true });
    expect(lastVariables('DeleteRun')).toEqual({ id: withArtifacts.storageId, deleteArtifacts: true });
    const without = await api.run('alice/del/delete03');
    await without.delete({ deleteArtifacts: false });
    expect(lastVariables('DeleteRun')).toEqual({ id: without.storageId });
    expect(await api.runs('alice/del').totalCount()).toBe(0);
  });

  it('rejects bad options before any request; deleting twice is a server error', async () => {
    emu.seed.run({ project: 'del', id: 'delete04' });
    const run = await api.run('alice/del/delete04');
    emu.clearRequests();
    await expect(run.delete({ deleteArtifacts: 'yes' as unknown as boolean })).rejects.toThrow(
      ValidationError,
    );
    await expect(run.delete([] as never)).rejects.toThrow(ValidationError);
    expect(graphqlCalls(emu)).toBe(0);
    await run.delete();
    await expect(run.delete()).rejects.toThrow(/not found/);
  });
});
