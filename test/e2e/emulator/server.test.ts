// The server domain over real HTTP: server info, and every operation the client sends today
// executed against the demo seed.
import { readFile } from 'node:fs/promises';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, gql, KEY, startWithProjects } from '../../support/emulator-http.js';

describe('emulator: server info', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startWithProjects();
  });
  afterAll(() => emu.close());
  it('answers serverInfo features with the overrides applied', async () => {
    const d = await data<{ serverInfo: { features: { name: string; isEnabled: boolean }[] } }>(
      emu,
      '{ serverInfo { features { name isEnabled } } }',
    );
    const features = Object.fromEntries(d.serverInfo.features.map((f) => [f.name, f.isEnabled]));
    expect(features.TOTAL_COUNT_IN_FILE_CONNECTION).toBe(true);
    expect(features.ARTIFACT_TAGS).toBe(false);
    expect(features.MY_FEATURE).toBe(true);
  });
});

describe('emulator: the repository operations', () => {
  // Every operation the client sends today must execute without errors against the demo seed.
  const files = ['viewer', 'projects', 'runs', 'server'];
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
  });
  afterAll(() => emu.close());

  it.each(files)('executes every operation of operations/%s.graphql', async (file) => {
    const source = await readFile(new URL(`../../../operations/${file}.graphql`, import.meta.url), 'utf8');
    const document = parse(source);
    const runName = [...emu.store.runs.values()][0]?.name;
    const lookup = await data<{ project: { run: { id: string } } }>(
      emu,
      'query ($name: String!) { project(name: "image-classification", entityName: "alice") { run(name: $name) { id } } }',
      { name: runName },
    );
    // The writes run last in their file (DeleteRun deletes the run), on the run read above.
    const values: Record<string, unknown> = {
      entity: 'alice',
      project: 'image-classification',
      name: runName,
      id: lookup.project.run.id,
      heavy: true,
      perPage: 3,
    };
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      const variables: Record<string, unknown> = {};
      const own: Record<string, unknown> =
        operation.name?.value === 'ProjectDetail' ? { ...values, name: 'image-classification' } : values;
      for (const definition of operation.variableDefinitions ?? []) {
        const variable = definition.variable.name.value;
        if (variable in own) variables[variable] = own[variable];
        else if (definition.type.kind === Kind.NON_NULL_TYPE)
          throw new Error(`no test value for $${variable}`);
      }
      const res = await gql(emu, source, variables, { operationName: operation.name?.value });
      expect(res.status).toBe(200);
      expect(res.json.errors, `${operation.name?.value}: ${res.text.slice(0, 300)}`).toBeUndefined();
      expect(Object.values(res.json.data ?? {}).every((v) => v !== null)).toBe(true);
    }
  });
});
