// Connections, pure logic: opaque cursors tied to their ordering, sort keys, keyset pages.
import { describe, expect, it } from 'vitest';
import {
  byCreation,
  compareSortKeys,
  connectionOf,
  decodeCursor,
  encodeCursor,
  paginate,
  type SortKey,
} from '../../../src/emulator/graphql/connections.js';
import { QueryInputError } from '../../../src/emulator/graphql/errors.js';

const key = (value: unknown, id: number, missing = false): SortKey => ({
  missing,
  value,
  createdAt: '2024-01-01T00:00:00Z',
  id,
});

describe('cursors', () => {
  it('round-trip, non-finite sort values included', () => {
    for (const value of [0.5, 'abc', true, null, NaN, Infinity, -Infinity, { a: 1 }]) {
      const k = key(value, 7, value === null);
      expect(decodeCursor(encodeCursor('+x', k), '+x')).toEqual(k);
    }
  });

  it('refuses garbage and a cursor of another ordering', () => {
    expect(() => decodeCursor('bogus', '+x')).toThrow(QueryInputError);
    expect(() => decodeCursor(Buffer.from('cursor:{"o":1}').toString('base64'), '+x')).toThrow(
      /Invalid cursor/,
    );
    expect(() => decodeCursor(encodeCursor('+x', key(1, 1)), '-x')).toThrow(/another ordering/);
  });
});

describe('compareSortKeys', () => {
  it('puts items without a value last in both directions, NaN below every number', () => {
    const keys = [key(2, 1), key(null, 2, true), key(NaN, 3), key(-Infinity, 4)];
    const asc = [...keys].sort((a, b) => compareSortKeys(a, b, 1)).map((k) => k.id);
    const desc = [...keys].sort((a, b) => compareSortKeys(a, b, -1)).map((k) => k.id);
    expect(asc).toEqual([3, 4, 1, 2]);
    expect(desc).toEqual([1, 4, 3, 2]);
  });
});

describe('paginate', () => {
  const items = [{ id: 3 }, { id: 1 }, { id: 2 }];

  it('pages in key order with after/first; the last edge cursor is endCursor', () => {
    const first = paginate(items, byCreation, 'ids', 1, { first: 2 });
    expect(first.edges.map((e) => e.node.id)).toEqual([1, 2]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.pageInfo.endCursor).toBe(first.edges[1]?.cursor);
    const second = paginate(items, byCreation, 'ids', 1, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.id)).toEqual([3]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(second.totalCount).toBe(3);
  });

  it('keeps a cursor valid when its item is gone (keyset paging)', () => {
    const first = paginate(items, byCreation, 'ids', 1, { first: 1 });
    const rest = paginate([{ id: 3 }, { id: 2 }], byCreation, 'ids', 1, { after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.id)).toEqual([2, 3]);
  });

  it('defaults first, answers first: 0 with no edges, refuses a negative first', () => {
    expect(paginate(items, byCreation, 'ids', 1, {}, 2).edges).toHaveLength(2);
    const none = paginate(items, byCreation, 'ids', 1, { first: 0 });
    expect(none.edges).toEqual([]);
    expect(none.pageInfo).toMatchObject({ hasNextPage: true, endCursor: null, startCursor: null });
    expect(() => paginate(items, byCreation, 'ids', 1, { first: -1 })).toThrow(/first/);
  });

  it('turns nodes into their views with connectionOf', () => {
    const page = paginate(items, byCreation, 'ids', -1, { first: 1 });
    expect(connectionOf(page, (item) => `#${item.id}`).edges.map((e) => e.node)).toEqual(['#3']);
  });
});
