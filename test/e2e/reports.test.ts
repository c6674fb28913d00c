import { beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api, BetaReport, NotFoundError, UnsupportedError, type ReportsOptions } from '../../src/index.js';
import { gql } from '../support/emulator-http.js';
import { validationError } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
const ids: Record<string, string> = {};

const WEEKLY_SPEC = {
  version: 5,
  panelGroups: [{ name: 'Loss curves', panels: [] }, { name: 'Samples' }],
  blocks: [{ type: 'paragraph', children: [{ text: 'Hello' }] }],
};

useEmulator((ctx) => {
  ({ emu, api } = ctx);
  emu.seed.user({ username: 'bob', email: 'bob@example.com', photoUrl: 'https://example.com/bob.png' });
  const at = (day: number) => new Date(Date.UTC(2024, 4, day));
  ids.weekly = emu.seed.report({
    entity: 'alice',
    project: 'vision',
    name: 'weekly-sync',
    displayName: 'Weekly sync',
    description: 'What changed this week',
    spec: WEEKLY_SPEC,
    user: 'bob',
    createdAt: at(1),
    updatedAt: at(3),
  }).id;
  ids.q3 = emu.seed.report({
    entity: 'alice',
    project: 'vision',
    name: 'q3 results',
    displayName: 'Q3 results: ResNet vs. ViT!',
    spec: JSON.stringify({ panelGroups: [] }),
    createdAt: at(2),
  }).id;
  ids.nullSpec = emu.seed.report({
    entity: 'alice',
    project: 'vision',
    displayName: 'No spec',
    createdAt: at(3),
  }).id;
  ids.blankSpec = emu.seed.report({
    entity: 'alice',
    project: 'vision',
    displayName: 'Blank spec',
    spec: '',
    createdAt: at(4),
  }).id;
  emu.seed.report({
    entity: 'alice',
    project: 'vision',
    displayName: 'A saved workspace, not a report',
    type: 'project-view',
    createdAt: at(5),
  });
  ids.last = emu.seed.report({
    entity: 'alice',
    project: 'vision',
    displayName: 'Über Ergebnisse',
    createdAt: at(6),
  }).id;
  emu.seed.project({ entity: 'alice', name: 'quiet' });
});

describe('api.reports', () => {
  it('lists the reports of a project in one request, oldest first, without other views', async () => {
    api.flush(); // what other tests cached must not hide the request
    emu.clearRequests();
    const reports = await api.reports('alice/vision').toArray();
    expect(reports.every((r) => r instanceof BetaReport)).toBe(true);
    expect(reports.map((r) => r.displayName)).toEqual([
      'Weekly sync',
      'Q3 results: ResNet vs. ViT!',
      'No spec',
      'Blank spec',
      'Über Ergebnisse',
    ]);
    expect(graphqlCalls(emu, 'ProjectViews')).toBe(1);
    expect(emu.requests[0]?.variables).toMatchObject({ perPage: 50, entity: 'alice', project: 'vision' });
  });

  it('exposes the report fields, spec parsed from JSON', async () => {
    const [weekly] = await api.reports('alice/vision').toArray({ limit: 1 });
    expect(weekly).toBeInstanceOf(BetaReport);
    expect(weekly?.constructor.name).toBe('BetaReport');
    expect(weekly?.id).toBe(ids.weekly);
    expect(weekly?.name).toBe('weekly-sync');
    expect(weekly?.displayName).toBe('Weekly sync');
    expect(weekly?.description).toBe('What changed this week');
    expect(weekly?.user).toEqual({
      username: 'bob',
      photoUrl: 'https://example.com/bob.png',
      email: 'bob@example.com',
    });
    expect(weekly?.spec).toEqual(WEEKLY_SPEC);
    expect(weekly?.sections).toEqual(WEEKLY_SPEC.panelGroups);
    expect(weekly?.createdAt).toEqual(new Date(Date.UTC(2024, 4, 1)));
    expect(weekly?.updatedAt).toEqual(new Date(Date.UTC(2024, 4, 3)));
    expect([weekly?.entity, weekly?.project]).toEqual(['alice', 'vision']);
    expect(JSON.parse(JSON.stringify(weekly))).toMatchObject({ id: ids.weekly, displayName: 'Weekly sync' });
  });

  it('gives an empty spec and no sections when the server has none', async () => {
    const reports = await api.reports('alice/vision').toArray();
    const byTitle = new Map(reports.map((r) => [r.displayName, r]));
    expect(byTitle.get('No spec')?.spec).toEqual({});
    expect(byTitle.get('Blank spec')?.spec).toEqual({});
    expect(byTitle.get('No spec')?.sections).toEqual([]);
    expect(byTitle.get('No spec')?.description).toBeUndefined();
    expect(byTitle.get('No spec')?.user?.username).toBe('alice');
  });

  it('builds the app URL from a slug of the title and the id without padding', async () => {
    const reports = await api.reports('alice/vision').toArray();
    const byTitle = new Map(reports.map((r) => [r.displayName, r]));
    const strip = (id: string | undefined) => id?.replace(/=/g, '');
    expect(byTitle.get('Q3 results: ResNet vs. ViT!')?.url).toBe(
      `${api.appUrl}/alice/vision/reports/Q3-results-ResNet-vs-ViT--${strip(ids.q3)}`,
    );
    expect(byTitle.get('Über Ergebnisse')?.url).toBe(
      `${api.appUrl}/alice/vision/reports/%C3%9Cber-Ergebnisse--${strip(ids.last)}`,
    );
    expect(byTitle.get('Weekly sync')?.url).not.toContain('=');
  });

  it('filters by view name, decoding a URL-encoded name', async () => {
    const weekly = await api.reports('alice/vision', { name: 'weekly-sync' }).toArray();
    expect(weekly.map((r) => r.id)).toEqual([ids.weekly]);
    emu.clearRequests();
    const q3 = await api.reports('alice/vision', { name: 'q3%20results' }).toArray();
    expect(q3.map((r) => r.id)).toEqual([ids.q3]);
    expect(emu.requests[0]?.variables?.viewName).toBe('q3 results');
    expect(await api.reports('alice/vision', { name: 'nothing-like-it' }).toArray()).toEqual([]);
  });

  it('pages with cursor / perPage, each next cursor the last edge of the page', async () => {
    api.flush(); // pages other tests cached must not hide a request
    emu.clearRequests();
    const listing = api.reports('alice/vision', { perPage: 2 });
    const pages: string[][] = [];
    for await (const page of listing.pages()) pages.push(page.map((r) => r.displayName ?? ''));
    expect(pages).toEqual([
      ['Weekly sync', 'Q3 results: ResNet vs. ViT!'],
      ['No spec', 'Blank spec'],
      ['Über Ergebnisse'],
    ]);
    const calls = emu.requests.filter((r) => r.operationName === 'ProjectViews');
    expect(calls.map((r) => r.variables?.perPage)).toEqual([2, 2, 2]);
    expect(calls[0]?.variables?.cursor ?? null).toBeNull();
    expect(calls[1]?.variables?.cursor).toEqual(expect.any(String));
    expect(calls[2]?.variables?.cursor).not.toBe(calls[1]?.variables?.cursor);
  });

  it('resumes from a cursor', async () => {
    const first = api.reports('alice/vision', { perPage: 2 });
    await first.toArray({ limit: 2 });
    const rest = await api.reports('alice/vision', { start: first.cursor }).toArray();
    expect(rest.map((r) => r.displayName)).toEqual(['No spec', 'Blank spec', 'Über Ergebnisse']);
  });

  it('has no total count: totalCount() throws UnsupportedError without a request', async () => {
    emu.clearRequests();
    await expect(api.reports('alice/vision').totalCount()).rejects.toBeInstanceOf(UnsupportedError);
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('uses the default entity for a bare project name', async () => {
    const reports = await api.reports('vision').toArray();
    expect(reports).toHaveLength(5);
  });

  it('is empty for a project without reports', async () => {
    expect(await api.reports('alice/quiet').toArray()).toEqual([]);
  });

  it('rejects with NotFoundError for a project that does not exist', async () => {
    await expect(api.reports('alice/nothere').toArray()).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects bad input before any request, naming the parameter', () => {
    emu.clearRequests();
    const bad: [string, ReportsOptions, string][] = [
      ['alice/vision', { perPage: 0 }, 'perPage'],
      ['alice/vision', { name: 5 as unknown as string }, 'name'],
      ['alice/vision', { start: 7 as unknown as string }, 'start'],
      ['a/b/c', {}, 'path'],
    ];
    for (const [path, options, parameter] of bad) {
      expect(validationError(() => api.reports(path, options)).parameter).toBe(parameter);
    }
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('emulator: Project.allViews', () => {
  it('answers View fields and filters by view type', async () => {
    const res = await gql(
      emu,
      `{ project(name: "vision", entityName: "alice") {
          all: allViews(first: 100) { totalCount edges { node { type } } }
          reports: allViews(viewType: "runs", first: 1) {
            totalCount
            edges { node { id name type entityName projectName spec user { username } } }
          }
      } }`,
    );
    expect(res.json.errors).toBeUndefined();
    const project = res.json.data?.project as {
      all: { totalCount: number; edges: { node: { type: string } }[] };
      reports: { totalCount: number; edges: { node: Record<string, unknown> }[] };
    };
    expect(project.all.totalCount).toBe(6);
    expect(project.all.edges.map((e) => e.node.type)).toContain('project-view');
    expect(project.reports.totalCount).toBe(5);
    expect(project.reports.edges[0]?.node).toEqual({
      id: ids.weekly,
      name: 'weekly-sync',
      type: 'runs',
      entityName: 'alice',
      projectName: 'vision',
      spec: JSON.stringify(WEEKLY_SPEC),
      user: { username: 'bob' },
    });
  });

  it.each(['userName: "bob"', 'userId: 1', 'offset: 2', 'last: 1', 'before: "x"'])(
    'refuses the unimplemented argument %s',
    async (arg) => {
      const res = await gql(
        emu,
        `{ project(name: "vision", entityName: "alice") { allViews(${arg}) { totalCount } } }`,
      );
      expect(res.json.errors?.[0]?.message).toMatch(/does not implement argument Project\.allViews/);
    },
  );
});

// report.runs(section): the runs a section's run set shows (wandb-ops.md §7.10), listed through
// api.runs' own listing from the run set's filter tree, sort key and selections.
describe('report.runs(section)', () => {
  const cond = (section: string, name: string, op: string, value?: unknown) => ({
    key: { section, name },
    op,
    value,
  });
  const tree = (...filters: unknown[]) => ({ op: 'OR', filters: [{ op: 'AND', filters }] });
  let report: BetaReport;

  function sentRunsPage(): Record<string, unknown> | undefined {
    return emu.requests.filter((r) => r.operationName === 'RunsPage').at(-1)?.variables;
  }

  beforeAll(async () => {
    const runs: [string, Record<string, unknown>][] = [
      ['rs-a', { state: 'finished', tags: ['best'], config: { lr: 0.1 }, summary: { acc: 0.7 } }],
      ['rs-b', { state: 'finished', tags: [], config: { lr: 0.01 }, summary: { acc: 0.9 } }],
      ['rs-c', { state: 'crashed', tags: ['best'], config: { lr: 0.001 }, summary: { acc: 0.95 } }],
      ['rs-d', { state: 'finished', tags: ['debug'], config: { lr: 0.05 }, summary: { acc: 0.8 } }],
      ['rs-e', { state: 'finished', tags: ['best'], config: { lr: 0.2 }, summary: { acc: 0.6 } }],
    ];
    runs.forEach(([id, fields], i) =>
      emu.seed.run({
        entity: 'alice',
        project: 'runsets',
        id,
        createdAt: new Date(Date.UTC(2024, 0, i + 1)),
        ...fields,
      }),
    );
    emu.seed.run({ entity: 'alice', project: 'elsewhere', id: 'rs-x', state: 'finished' });
    emu.seed.report({
      entity: 'alice',
      project: 'runsets',
      name: 'run-sets',
      displayName: 'Run sets',
      spec: {
        panelGroups: [
          {
            name: 'Finished, best acc first, two hidden',
            runSets: [
              {
                filters: tree(cond('run', 'state', '=', 'finished'), cond('summary', 'acc', '>', null)),
                sort: { keys: [{ key: { section: 'summary', name: 'acc' }, ascending: false }] },
                selections: { root: 1, bounds: [], tree: ['rs-d', 'rs-nope'] },
              },
            ],
          },
          {
            name: 'Second run set open: tagged best, picked, by lr',
            openRunSet: 1,
            runSets: [
              { filters: tree(), selections: { root: 1, tree: [] } },
              {
                filters: tree(cond('tags', 'best', '=', true), {
                  ...cond('run', 'state', '=', 'x'),
                  disabled: true,
                }),
                sort: { key: { section: 'config', name: 'lr.value' }, ascending: true },
                selections: { root: 0, bounds: [], tree: ['rs-e', 'rs-c', 'rs-b'] },
              },
            ],
          },
          {
            name: 'Not debug, or lr above 0.1, oldest first; in another project',
            runSets: [
              {
                project: { entityName: 'alice', name: 'elsewhere' },
                filters: { op: 'OR', filters: [cond('tags', 'debug', '=', false)] },
                sort: { keys: [{ key: { section: 'run', name: 'createdAt' }, ascending: true }] },
              },
            ],
          },
          { name: 'No run set', panels: [] },
          {
            name: 'Broken filter',
            runSets: [{ filters: tree(cond('run', 'state', 'LIKE', 'fin%')) }],
          },
        ],
      },
    });
    [report] = (await api.reports('alice/runsets').toArray()) as [BetaReport];
  });

  it('lists the selected, filtered runs in the run set order, sending one Mongo filter and the order', async () => {
    emu.clearRequests();
    const runs = await report.runs(report.sections[0]).toArray();
    expect(runs.map((r) => r.id)).toEqual(['rs-b', 'rs-a', 'rs-e']);
    expect(sentRunsPage()).toMatchObject({
      entity: 'alice',
      project: 'runsets',
      order: '-summary_metrics.acc',
      filters: JSON.stringify({
        $or: [{ $and: [{ state: 'finished' }, { name: { $nin: ['rs-d', 'rs-nope'] } }] }],
      }),
    });
    // Without onlySelected the hidden run is back.
    const all = await report.runs(0, { onlySelected: false }).toArray();
    expect(all.map((r) => r.id)).toEqual(['rs-b', 'rs-d', 'rs-a', 'rs-e']);
  });

  it('uses the open run set, root 0 selections (the shown runs) and the older sort form', async () => {
    const runs = await report.runs(report.sections[1], { perPage: 1 }).toArray();
    expect(runs.map((r) => r.id)).toEqual(['rs-c', 'rs-e']);
    expect(graphqlCalls(emu, 'RunsPage')).toBeGreaterThanOrEqual(2);
    expect(sentRunsPage()).toMatchObject({
      order: '+config.lr.value',
      filters: JSON.stringify({
        $or: [{ $and: [{ tags: 'best' }, { name: { $in: ['rs-e', 'rs-c', 'rs-b'] } }] }],
      }),
    });
    expect(
      (await report.runs(report.sections[1], { onlySelected: false }).toArray()).map((r) => r.id),
    ).toEqual(['rs-c', 'rs-a', 'rs-e']);
  });

  it("lists the run set's own project when it names one; a tag negation matches runs without tags", async () => {
    const runs = await report.runs(report.sections[2]).toArray();
    expect(runs.map((r) => `${r.project}/${r.id}`)).toEqual(['elsewhere/rs-x']);
    expect(sentRunsPage()).toMatchObject({
      project: 'elsewhere',
      order: '+createdAt',
      filters: JSON.stringify({ $or: [{ $or: [{ tags: null }, { tags: { $ne: 'debug' } }] }] }),
    });
  });

  it('takes any section object with runSets: a copy, one from another fetch, one built by hand', async () => {
    const first = (await report.runs(report.sections[0]).toArray()).map((r) => r.id);
    const copy = JSON.parse(JSON.stringify(report.sections[0])) as unknown;
    expect((await report.runs(copy).toArray()).map((r) => r.id)).toEqual(first);
    const [again] = (await api.reports('alice/runsets', { name: 'run-sets' }).toArray()) as [BetaReport];
    expect((await report.runs(again.sections[0]).toArray()).map((r) => r.id)).toEqual(first);
    const built = { runSets: [{ filters: tree(cond('run', 'state', '=', 'crashed')) }] };
    expect((await report.runs(built).toArray()).map((r) => r.id)).toEqual(['rs-c']);
  });

  it('lists every run for an OR holding a group that matches every run, as the official client does', async () => {
    // Python sends { $or: [{ $and: [] }, { state: 'crashed' }] }: every run, not only the crashed one.
    const section = {
      runSets: [
        {
          filters: { op: 'OR', filters: [{ op: 'AND', filters: [] }, cond('run', 'state', '=', 'crashed')] },
        },
      ],
    };
    const runs = await report.runs(section).toArray();
    expect(runs.map((r) => r.id)).toEqual(['rs-e', 'rs-d', 'rs-c', 'rs-b', 'rs-a']);
    expect(sentRunsPage()?.filters).toBe('{}');
  });

  it('refuses what is not a section object or an index of report.sections, or whose run set is missing or broken, before any request', () => {
    emu.clearRequests();
    const bad: [unknown, string][] = [
      [7, 'section'],
      [0.5, 'section'],
      [null, 'section'],
      [[report.sections[0]], 'section'],
      ['Accuracy', 'section'],
      [{ name: 'no run sets' }, 'section.runSets'],
      [report.sections[3], 'section.runSets'],
      [report.sections[4], 'section.runSets[0].filters.filters[0].filters[0].op'],
    ];
    for (const [section, parameter] of bad) {
      expect(validationError(() => report.runs(section)).parameter).toBe(parameter);
    }
    expect(
      validationError(() => report.runs(0, { onlySelected: 'yes' as unknown as boolean })).parameter,
    ).toBe('onlySelected');
    expect(validationError(() => report.runs(0, { perPage: 0 })).parameter).toBe('perPage');
    expect(graphqlCalls(emu)).toBe(0);
  });
});

// The demo's report: its sections' run sets are built from the demo's runs, and report.runs lists
// exactly the runs each shows, worked out here from the store.
describe('report.runs on the demo report', () => {
  let demo: { emu: Emulator; api: Api };
  useEmulator((ctx) => (demo = ctx), { seed: 'demo' });

  it("lists each section's selected, filtered runs in the section's order", async () => {
    const [report] = await demo.api
      .reports('alice/image-classification', { name: 'cifar-baselines' })
      .toArray();
    if (!report) throw new Error('no demo report');
    const project = demo.emu.store.findProject('alice', 'image-classification');
    const all = demo.emu.store.runsOfProject(project?.id ?? -1);
    const [accuracy, sweep] = report.sections as [Record<string, unknown>, Record<string, unknown>];

    const baselines = all.filter(
      (r) => ['resnet-baselines', 'vit-baselines'].includes(r.group ?? '') && r.state === 'finished',
    );
    const hidden = baselines.slice(0, 2).map((r) => r.name);
    expect(hidden).toHaveLength(2);
    const shown = baselines
      .filter((r) => !hidden.includes(r.name))
      .sort((a, b) => Number(b.summary.val_accuracy) - Number(a.summary.val_accuracy));
    expect(shown.length).toBeGreaterThan(3);
    const listed = await report.runs(accuracy).toArray();
    // Exactly those runs, best validation accuracy first (ties in any order).
    expect(listed.map((r) => r.id).sort()).toEqual(shown.map((r) => r.name).sort());
    expect(listed.map((r) => r.summary.val_accuracy)).toEqual(shown.map((r) => r.summary.val_accuracy));

    const picked = all.filter((r) => r.sweep !== null).slice(0, 6);
    const expected = picked.filter((r) => Number((r.config.lr as { value: number }).value) <= 0.01);
    expect(expected.length).toBeGreaterThan(0);
    const sweepRuns = await report.runs(sweep).toArray();
    expect(new Set(sweepRuns.map((r) => r.id))).toEqual(new Set(expected.map((r) => r.name)));
    const lrs = sweepRuns.map((r) => r.config.lr as number);
    expect(lrs).toEqual([...lrs].sort((a, b) => a - b));
    expect(sweepRuns).toHaveLength(expected.length);
  });
});
