// Artifact writes besides publishing, over HTTP with raw documents: aliases moving between
// versions, what deleteArtifact refuses, links (and what an older server without the link
// membership lacks), useArtifact, and the collection writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, errorMessages, KEY } from '../../support/emulator-http.js';

const ALIASES = `query A($name: String!) {
  project(name: "w", entityName: "alice") { artifactCollectionMembership(name: $name) { versionIndex aliases { alias } } }
}`;
const ADD = `mutation Add($input: AddAliasesInput!) { addAliases(input: $input) { success aliases { alias entityName projectName artifactCollectionName } } }`;
const DELETE_ALIASES = `mutation Del($input: DeleteAliasesInput!) { deleteAliases(input: $input) { success } }`;
const DELETE = `mutation D($id: ID!, $deleteAliases: Boolean) { deleteArtifact(input: { artifactID: $id, deleteAliases: $deleteAliases }) { artifact { id state } } }`;
const LINK = `mutation L($input: LinkArtifactInput!) { linkArtifact(input: $input) { versionIndex artifactCollectionID aliases { alias artifactCollectionName } artifactMembership { versionIndex } } }`;

describe('emulator: artifact writes', () => {
  let emu: Emulator;
  const ids: string[] = [];
  const alias = (a: string, collection = 'ds') => ({
    entityName: 'alice',
    projectName: 'w',
    artifactCollectionName: collection,
    alias: a,
  });

  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.run({ project: 'w', id: 'r1' });
    for (let i = 0; i < 3; i++) {
      ids.push(
        emu.seed.artifact({ project: 'w', type: 'dataset', collection: 'ds', files: { 'a.txt': `v${i}` } })
          .id,
      );
    }
  });
  afterAll(() => emu.close());

  const aliasesOf = async (name: string) =>
    (
      await data<{ project: { artifactCollectionMembership: { aliases: { alias: string }[] } | null } }>(
        emu,
        ALIASES,
        {
          name,
        },
      )
    ).project.artifactCollectionMembership?.aliases.map((a) => a.alias) ?? null;

  it('moves an alias to the version it is added to, and removes it', async () => {
    const first = await data<{ addAliases: { success: boolean; aliases: unknown[] } }>(emu, ADD, {
      input: { artifactID: ids[0], aliases: [alias('prod')] },
    });
    expect(first.addAliases).toEqual({
      success: true,
      aliases: [{ alias: 'prod', entityName: 'alice', projectName: 'w', artifactCollectionName: 'ds' }],
    });
    expect(await aliasesOf('ds:prod')).toEqual(['prod', 'v0']);
    await data(emu, ADD, { input: { artifactID: ids[1], aliases: [alias('prod')] } });
    expect(await aliasesOf('ds:v0')).toEqual(['v0']);
    expect(await aliasesOf('ds:prod')).toEqual(['prod', 'v1']);
    await data(emu, DELETE_ALIASES, { input: { artifactID: ids[1], aliases: [alias('prod')] } });
    expect(await aliasesOf('ds:prod')).toBeNull();
  });

  it('refuses version aliases and collections the version is not in', async () => {
    expect(
      await errorMessages(emu, ADD, { input: { artifactID: ids[0], aliases: [alias('v7')] } }),
    ).toContain('version alias');
    expect(
      await errorMessages(emu, ADD, { input: { artifactID: ids[0], aliases: [alias('x', 'other')] } }),
    ).toContain('not in collection');
  });

  it('deletes a version only with deleteAliases while it has aliases; latest moves back', async () => {
    expect(await errorMessages(emu, DELETE, { id: ids[2] })).toContain('has aliases (latest)');
    const deleted = await data<{ deleteArtifact: { artifact: { id: string; state: string } } }>(emu, DELETE, {
      id: ids[2],
      deleteAliases: true,
    });
    expect(deleted.deleteArtifact.artifact).toEqual({ id: ids[2], state: 'DELETED' });
    expect(await aliasesOf('ds:latest')).toEqual(['latest', 'v1']);
    expect(await aliasesOf('ds:v2')).toBeNull();
    // A version without aliases needs no flag.
    expect(
      (await data<{ deleteArtifact: { artifact: { state: string } } }>(emu, DELETE, { id: ids[0] }))
        .deleteArtifact.artifact.state,
    ).toBe('DELETED');
  });

  it('links with the next index of the portfolio; linking again answers the same link', async () => {
    const input = {
      artifactID: ids[1],
      artifactPortfolioName: 'reg',
      entityName: 'alice',
      projectName: 'registry',
      aliases: [{ artifactCollectionName: 'reg', alias: 'champion' }],
    };
    const linked = await data<{
      linkArtifact: {
        versionIndex: number;
        aliases: { alias: string }[];
        artifactMembership: { versionIndex: number };
      };
    }>(emu, LINK, { input });
    expect(linked.linkArtifact.versionIndex).toBe(0);
    expect(linked.linkArtifact.aliases.map((a) => a.alias).sort()).toEqual(['champion', 'latest']);
    expect(
      (await data<{ linkArtifact: { versionIndex: number } }>(emu, LINK, { input })).linkArtifact
        .versionIndex,
    ).toBe(0);
    expect(
      await errorMessages(emu, LINK, {
        input: { ...input, artifactPortfolioName: 'ds', projectName: 'w', aliases: [] },
      }),
    ).toContain('is an artifact sequence');
  });

  it('records uses of a version once per run', async () => {
    const USE = `mutation U($input: UseArtifactInput!) { useArtifact(input: $input) { run { name } artifact { id usedCount } } }`;
    const input = { entityName: 'alice', projectName: 'w', runName: 'r1', artifactID: ids[1] };
    await data(emu, USE, { input });
    const again = await data<{ useArtifact: { run: { name: string }; artifact: { usedCount: number } } }>(
      emu,
      USE,
      { input },
    );
    expect(again.useArtifact).toMatchObject({ run: { name: 'r1' }, artifact: { usedCount: 1 } });
    expect(await errorMessages(emu, USE, { input: { ...input, runName: 'nope' } })).toContain('not found');
  });

  it('renames collections (names stay unique in a project) and refuses more than 20 tags per call', async () => {
    emu.seed.artifact({ project: 'w', type: 'dataset', collection: 'ds2' });
    const found = await data<{ project: { artifactCollection: { id: string } } }>(
      emu,
      `{ project(name: "w", entityName: "alice") { artifactCollection(name: "ds2") { id } } }`,
    );
    const RENAME = `mutation R($id: ID!, $name: String) { updateArtifactSequence(input: { artifactSequenceID: $id, name: $name }) { artifactCollection { name } } }`;
    expect(
      await errorMessages(emu, RENAME, { id: found.project.artifactCollection.id, name: 'ds' }),
    ).toContain('already exists');
    const TAGS = `mutation T($input: CreateArtifactCollectionTagAssignmentsInput!) { createArtifactCollectionTagAssignments(input: $input) { tags { name } } }`;
    const tags = Array.from({ length: 21 }, (_, i) => ({ tagName: `t${i}` }));
    expect(
      await errorMessages(emu, TAGS, {
        input: { entityName: 'alice', projectName: 'w', artifactCollectionName: 'ds2', tags },
      }),
    ).toContain('at most 20 tags');
  });
});

describe('emulator: artifact writes on a server without the newer link and use fields', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      features: {
        ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE: false,
        USE_ARTIFACT_WITH_ENTITY_AND_PROJECT_INFORMATION: false,
      },
    });
  });
  afterAll(() => emu.close());

  it('refuses LinkArtifactPayload.artifactMembership and the artifact entity/project of useArtifact', async () => {
    const { id } = emu.seed.artifact({ project: 'w', type: 'model', collection: 'm' });
    const input = { artifactID: id, artifactPortfolioName: 'reg', entityName: 'alice', projectName: 'w' };
    expect(await errorMessages(emu, LINK, { input })).toContain('artifactMembership');
    const linked = await data<{ linkArtifact: { versionIndex: number } }>(
      emu,
      `mutation L($input: LinkArtifactInput!) { linkArtifact(input: $input) { versionIndex } }`,
      { input },
    );
    expect(linked.linkArtifact.versionIndex).toBe(0);
    emu.seed.run({ project: 'w', id: 'r1' });
    const USE = `mutation U($input: UseArtifactInput!) { useArtifact(input: $input) { artifact { id } } }`;
    expect(
      await errorMessages(emu, USE, {
        input: {
          entityName: 'alice',
          projectName: 'w',
          runName: 'r1',
          artifactID: id,
          artifactEntityName: 'alice',
        },
      }),
    ).toContain('artifactEntityName');
    const used = await data<{ useArtifact: { artifact: { id: string } } }>(emu, USE, {
      input: { entityName: 'alice', projectName: 'w', runName: 'r1', artifactID: id },
    });
    expect(used.useArtifact.artifact.id).toBe(id);
  });
});
