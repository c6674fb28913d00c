// The demo seed's artifacts over HTTP: the dataset and model collections with their versions and
// aliases, the link, and the W&B Table file that `Artifact.get()` reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { data, KEY } from '../../support/emulator-http.js';

const VERSIONS = `query V($type: String!, $collection: String!) {
  project(name: "image-classification", entityName: "alice") { artifactType(name: $type) { artifactCollection(name: $collection) {
    artifacts { edges { version node { aliases(artifactCollectionName: $collection) { alias } } } }
  } } }
}`;
const FILES = `query F($alias: String!) {
  project(name: "image-classification", entityName: "alice") { artifactCollection(name: "cifar10-mini") {
    artifactMembership(aliasName: $alias) { files(names: ["samples.table.json"]) { edges { node { name directUrl } } } }
  } }
}`;

interface Versions {
  project: {
    artifactType: {
      artifactCollection: {
        artifacts: { edges: { version: string; node: { aliases: { alias: string }[] } }[] };
      };
    };
  };
}

describe('emulator: the demo seed artifacts', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, seed: 'demo' });
  });
  afterAll(() => emu.close());

  const aliases = async (type: string, collection: string) =>
    Object.fromEntries(
      (
        await data<Versions>(emu, VERSIONS, { type, collection })
      ).project.artifactType.artifactCollection.artifacts.edges.map((e) => [
        e.version,
        e.node.aliases
          .map((a) => a.alias)
          .filter((a) => !/^v\d+$/.test(a))
          .sort(),
      ]),
    );

  it('has a dataset and a model collection with several versions and aliases', async () => {
    expect(await aliases('dataset', 'cifar10-mini')).toEqual({
      v2: ['latest', 'production'],
      v1: ['baseline'],
      v0: [],
    });
    expect(await aliases('model', 'resnet18-cifar10')).toEqual({
      v3: ['latest', 'staging'],
      v2: ['best'],
      v1: ['production'],
      v0: [],
    });
  });

  it('serves a W&B Table file in the dataset', async () => {
    const res = await data<{
      project: {
        artifactCollection: {
          artifactMembership: { files: { edges: { node: { name: string; directUrl: string } }[] } };
        };
      };
    }>(emu, FILES, { alias: 'production' });
    const node = res.project.artifactCollection.artifactMembership.files.edges[0]?.node;
    expect(node?.name).toBe('samples.table.json');
    const table = (await (await fetch(node?.directUrl ?? '')).json()) as {
      _type: string;
      columns: string[];
      data: unknown[][];
      nrows: number;
    };
    expect(table._type).toBe('table');
    expect(table.columns).toEqual(['id', 'label', 'path']);
    expect(table.data).toHaveLength(table.nrows);
  });
});
