// Argument declaration over real HTTP: an argument a request gives that the field's resolver does
// not declare is a GraphQL error naming it; declared ones, schema defaults and null values are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, gql, KEY, startWithRuns } from '../../support/emulator-http.js';

describe('emulator: refused arguments', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startWithRuns();
  });
  afterAll(() => emu.close());
  it.each([
    ['{ viewer(entityName: "alice") { username } }', 'Query.viewer(entityName:)'],
    ['{ models(entityName: "alice", keysOnly: true) { edges { cursor } } }', 'Query.models(keysOnly:)'],
    [
      '{ project(name: "p", entityName: "alice") { runs(fields: ["name"]) { totalCount } } }',
      'Project.runs(fields:)',
    ],
    [
      '{ project(name: "p", entityName: "alice") { run(name: "r1", desc: "x") { name } } }',
      'Project.run(desc:)',
    ],
  ])('refuses %s', async (query, argument) => {
    const res = await gql(emu, query);
    expect(res.status).toBe(200);
    expect(res.json.errors?.[0]?.message).toBe(`The emulator does not implement argument ${argument}`);
  });
});

describe('emulator: argument declaration over HTTP', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.run({ entity: 'alice', project: 'p', id: 'r1', history: [{ loss: 1 }, { loss: 0.5 }] });
  });
  afterAll(() => emu.close());

  const RUNS = `query R($jobKey: String, $first: Int) {
    project(name: "p", entityName: "alice") { runs(jobKey: $jobKey, first: $first) { totalCount } }
  }`;

  it('refuses an undeclared argument given through a variable, naming it', async () => {
    const res = await gql(emu, RUNS, { jobKey: 'job' });
    expect(res.status).toBe(200);
    expect(res.json.errors?.[0]?.message).toBe(
      'The emulator does not implement argument Project.runs(jobKey:)',
    );
    expect(res.json.data).toEqual({ project: { runs: null } });
  });

  it('accepts the same document when the variable is absent or null', async () => {
    for (const variables of [{}, { jobKey: null }, { jobKey: null, first: 1 }]) {
      expect(await data(emu, RUNS, variables)).toEqual({ project: { runs: { totalCount: 1 } } });
    }
  });

  it('does not count schema defaults (historyKeys(format: PLAINTEXT) is the default)', async () => {
    const keys = '{ project(name: "p", entityName: "alice") { run(name: "r1") { historyKeys } } }';
    const d = await data<{ project: { run: { historyKeys: { lastStep: number } } } }>(emu, keys);
    expect(d.project.run.historyKeys.lastStep).toBe(1);
    const explicit =
      '{ project(name: "p", entityName: "alice") { run(name: "r1") { historyKeys(format: PLAINTEXT) } } }';
    expect((await data<typeof d>(emu, explicit)).project.run.historyKeys.lastStep).toBe(1);
    const bitmap = await gql(
      emu,
      '{ project(name: "p", entityName: "alice") { run(name: "r1") { historyKeys(format: BITMAP) } } }',
    );
    expect(bitmap.json.errors?.[0]?.message).toBe(
      'The emulator does not implement Run.historyKeys(format: BITMAP)',
    );
  });

  it('answers a field without a resolver with an error naming it, the rest of the answer intact', async () => {
    const res = await gql(emu, '{ viewer { username apiKey } serverInfo { pollingOK } }');
    expect(res.status).toBe(200);
    expect(res.json.errors?.map((e) => e.message).sort()).toEqual([
      'The emulator does not implement field ServerInfo.pollingOK',
      'The emulator does not implement field User.apiKey',
    ]);
    expect(res.json.data).toEqual({ viewer: { username: 'alice', apiKey: null }, serverInfo: null });
  });

  it('refuses every argument no resolver declares, such as Project.runs(groupKeys:)', async () => {
    const refused = await gql(
      emu,
      '{ project(name: "p", entityName: "alice") { runs(groupKeys: ["g"]) { totalCount } } }',
    );
    expect(refused.json.errors?.[0]?.message).toBe(
      'The emulator does not implement argument Project.runs(groupKeys:)',
    );
  });
});
