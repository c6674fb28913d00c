// api.createCustomChart over HTTP against the emulator (wandb-ops.md §6.9): what is sent and
// stored, the id returned, the server's refusals as typed errors, and bad input refused before
// any request.
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { Api, ConflictError, GraphQLRequestError } from '../../src/index.js';
import { validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;

const SPEC = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  mark: 'bar',
  data: { name: 'wandb' },
  encoding: {
    x: { field: '${field:x}', type: 'ordinal' },
    y: { field: '${field:y}', type: 'quantitative' },
  },
};

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    emu.seed.customChart({ entity: 'vision-team', name: 'taken', spec: { mark: 'line' } });
    emu.seed.customChart({ entity: 'strangers', name: 'theirs', user: 'mallory' });
  },
  { resetEach: true },
);

function sent(): Record<string, unknown> | undefined {
  return emu.requests.filter((r) => r.operationName === 'CreateCustomChart').at(-1)?.variables;
}

describe('api.createCustomChart', () => {
  it('creates the chart and returns its id, entity/name', async () => {
    const id = await api.createCustomChart({
      entity: 'vision-team',
      name: 'bar-chart',
      displayName: 'Bar chart',
      access: 'public',
      spec: SPEC,
    });
    expect(id).toBe('vision-team/bar-chart');
    expect(sent()).toEqual({
      entity: 'vision-team',
      name: 'bar-chart',
      displayName: 'Bar chart',
      type: 'vega2',
      access: 'PUBLIC',
      spec: JSON.stringify(SPEC),
    });
    const stored = emu.store.charts.get(id);
    expect(stored).toMatchObject({
      displayName: 'Bar chart',
      type: 'vega2',
      access: 'PUBLIC',
      username: 'alice',
    });
    expect(JSON.parse(stored?.spec ?? '')).toEqual(SPEC);
  });

  it("sends a JSON string spec as given, private access upper-cased, in the viewer's entity by default", async () => {
    const spec = '{ "mark": "point" }';
    const id = await api.createCustomChart({
      name: 'points/v1',
      displayName: 'Points',
      access: 'private',
      spec,
    });
    expect(id).toBe('alice/points/v1');
    expect(sent()).toMatchObject({ entity: 'alice', access: 'PRIVATE', spec });
    expect(emu.store.charts.get(id)?.spec).toBe(spec);
  });

  it('takes access in any case, as the official client upper-cases it', async () => {
    for (const [name, access] of [
      ['upper', 'PUBLIC'],
      ['mixed', 'Private'],
    ] as const) {
      const id = await api.createCustomChart({
        entity: 'vision-team',
        name,
        displayName: name,
        access: access as 'PUBLIC',
        spec: SPEC,
      });
      expect(sent()).toMatchObject({ access: access.toUpperCase() });
      expect(emu.store.charts.get(id)?.access).toBe(access.toUpperCase());
    }
  });

  it('a name the entity already has is a ConflictError, and the stored chart is unchanged', async () => {
    const error = await api
      .createCustomChart({
        entity: 'vision-team',
        name: 'taken',
        displayName: 'Again',
        access: 'public',
        spec: SPEC,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain('taken');
    expect(emu.store.charts.get('vision-team/taken')).toMatchObject({
      displayName: 'taken',
      access: 'PRIVATE',
    });
    // The same name in another entity is another chart.
    await expect(
      api.createCustomChart({ name: 'taken', displayName: 'Mine', access: 'private', spec: SPEC }),
    ).resolves.toBe('alice/taken');
  });

  it('an entity the viewer cannot write to is refused by the server, and nothing is stored', async () => {
    const error = await api
      .createCustomChart({
        entity: 'strangers',
        name: 'mine',
        displayName: 'Mine',
        access: 'public',
        spec: SPEC,
      })
      .catch((e: unknown) => e);
    // As every write to another entity (upsertBucket, ...): a GraphQL error saying so.
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as Error).message).toMatch(/permission denied/);
    expect(emu.store.charts.has('strangers/mine')).toBe(false);
  });

  it('bad input is refused before any request, naming the option', async () => {
    const base = {
      entity: 'vision-team',
      name: 'ok',
      displayName: 'OK',
      access: 'private',
      spec: SPEC,
    } as const;
    const bad: [string, unknown][] = [
      ['name', { ...base, name: '' }],
      ['name', { ...base, name: 'tab\there' }],
      ['name', { ...base, name: 42 }],
      ['displayName', { ...base, displayName: '  ' }],
      ['access', { ...base, access: 'team' }],
      ['access', { ...base, access: 42 }],
      ['access', { ...base, access: undefined }],
      ['specType', { ...base, specType: 'vega3' }],
      ['spec', { ...base, spec: 'mark: bar' }],
      ['spec', { ...base, spec: '[1, 2]' }],
      ['spec', { ...base, spec: undefined }],
      ['spec', { ...base, spec: [SPEC] }],
      ['spec', { ...base, spec: { mark: 'bar', width: Number.NaN } }],
      ['spec', { ...base, spec: { mark: 'bar', at: () => 1 } }],
      ['entity', { ...base, entity: 'a/b' }],
    ];
    for (const [parameter, options] of bad) {
      const error = await validationRejection(
        api.createCustomChart(options as Parameters<Api['createCustomChart']>[0]),
        JSON.stringify(options),
      );
      expect(error.parameter?.split('.')[0], JSON.stringify(options)).toBe(parameter);
    }
    const notJson = await validationRejection(api.createCustomChart({ ...base, spec: '{"mark": bar}' }));
    expect(notJson.message).toMatch(/not valid JSON/);
    await validationRejection(
      api.createCustomChart(undefined as unknown as Parameters<Api['createCustomChart']>[0]),
      'options',
    );
    expect(graphqlCalls(emu)).toBe(0);
  });
});
