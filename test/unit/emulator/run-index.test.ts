// The store's run index (store.runs by project and short id) and what listings keep between
// pages: a sorted listing by creation, dropped when the project's runs change; history statistics
// extended as rows are appended.
import { describe, expect, it } from 'vitest';
import { pageOfSorted } from '../../../src/emulator/graphql/connections.js';
import { historyKeys } from '../../../src/emulator/domains/history/sampling.js';
import { parseRunOrder } from '../../../src/emulator/domains/runs/order.js';
import { unfilteredRuns } from '../../../src/emulator/domains/runs/resolvers.js';
import { EmulatorStore } from '../../../src/emulator/store/store.js';

describe('emulator: run index', () => {
  it('finds runs by project and id, in insertion order, and forgets deleted ones', () => {
    const store = new EmulatorStore({ username: 'alice' });
    const a = store.seedRun({ project: 'p', id: 'a' }).record;
    const b = store.seedRun({ project: 'p', id: 'b' }).record;
    const other = store.seedRun({ project: 'q', id: 'a' }).record;
    expect(store.findRun(a.projectId, 'a')).toBe(a);
    expect(store.findRun(other.projectId, 'a')).toBe(other);
    expect(store.runsOfProject(a.projectId).map((r) => r.name)).toEqual(['a', 'b']);
    expect(() => store.seedRun({ project: 'p', id: 'b' })).toThrow(/already exists/);
    const version = store.runs.versionOf(a.projectId);
    store.runs.delete(b.id);
    expect(store.runs.versionOf(a.projectId)).not.toBe(version);
    expect(store.findRun(a.projectId, 'b')).toBeUndefined();
    expect(store.runsOfProject(a.projectId)).toEqual([a]);
    store.runs.set(b.id, b);
    expect(store.runsOfProject(a.projectId)).toEqual([a, b]);
    store.runs.clear();
    expect(store.runsOfProject(a.projectId)).toEqual([]);
  });

  it('keeps a listing by creation between pages until a run is added or removed', () => {
    const store = new EmulatorStore({ username: 'alice' });
    for (let i = 0; i < 5; i++)
      store.seedRun({ project: 'p', id: `r${i}`, createdAt: new Date(Date.UTC(2024, 0, 5 - i)) });
    const project = store.findProject('alice', 'p')!;
    const order = parseRunOrder('+created_at');
    const first = unfilteredRuns(store, project, order);
    expect(first.map((k) => k.item.name)).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    expect(unfilteredRuns(store, project, order)).toBe(first); // not sorted again
    const page = pageOfSorted(first, order.tag, order.direction, { first: 2 });
    expect(page.edges.map((e) => e.node.name)).toEqual(['r4', 'r3']);
    const next = pageOfSorted(first, order.tag, order.direction, {
      first: 2,
      after: page.pageInfo.endCursor,
    });
    expect(next.edges.map((e) => e.node.name)).toEqual(['r2', 'r1']);
    store.seedRun({ project: 'p', id: 'new', createdAt: new Date(Date.UTC(2023, 0, 1)) });
    expect(unfilteredRuns(store, project, order).map((k) => k.item.name)[0]).toBe('new');
    const desc = parseRunOrder('-created_at');
    expect(unfilteredRuns(store, project, desc).map((k) => k.item.name)[0]).toBe('r0');
  });

  it('counts history keys once and extends them with appended rows', () => {
    const rows: Record<string, unknown>[] = [{ _step: 0, loss: 1 }];
    const before = historyKeys(rows);
    rows.push({ _step: 1, loss: null, acc: 'x' });
    const after = historyKeys(rows);
    expect(before).toEqual({
      keys: {
        _step: { typeCounts: [{ type: 'number', count: 1 }] },
        loss: { typeCounts: [{ type: 'number', count: 1 }] },
      },
      lastStep: 0,
    });
    expect(after.lastStep).toBe(1);
    expect(after.keys.loss?.typeCounts).toEqual([
      { type: 'number', count: 1 },
      { type: 'nil', count: 1 },
    ]);
    expect(after.keys.acc?.typeCounts).toEqual([{ type: 'string', count: 1 }]);
  });
});
