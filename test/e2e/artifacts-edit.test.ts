// Editing artifacts through `new Api({ baseUrl, apiKey })` against the emulator over HTTP:
// artifact.save() (only the differences), delete(), link(), unlink(), collection.save() and
// delete(), run.useArtifact() and run.logArtifact().
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import {
  Api,
  Artifact,
  GraphQLRequestError,
  NotFoundError,
  PermissionError,
  ValidationError,
} from '../../src/index.js';
import { failure, validationError, validationRejection } from '../support/expect-errors.js';
import { graphqlCalls, setup, useEmulator } from '../support/helpers.js';

let emu: Emulator;
let api: Api;
const ids: Record<string, string> = {};

useEmulator(
  (ctx) => {
    ({ emu, api } = ctx);
    emu.seed.run({ project: 'vision', id: 'trainer' });
    emu.seed.run({ project: 'other', id: 'elsewhere' });
    ids.v0 = emu.seed.artifact({
      project: 'vision',
      type: 'dataset',
      collection: 'mnist',
      files: { 'a.txt': 'a' },
      aliases: ['baseline'],
      tags: ['curated'],
      metadata: { rows: 1 },
      description: 'first',
    }).id;
    ids.v1 = emu.seed.artifact({
      project: 'vision',
      type: 'dataset',
      collection: 'mnist',
      files: { 'a.txt': 'aa' },
      aliases: ['candidate'],
      metadata: { rows: 2 },
    }).id;
    ids.model = emu.seed.artifact({
      project: 'vision',
      type: 'model',
      collection: 'resnet',
      files: { 'm.pt': 'm' },
    }).id;
    emu.seed.link({ artifact: ids.v0, project: 'showcase', collection: 'gold', aliases: ['production'] });
  },
  { freshEach: true },
);

/** The variables of the mutations sent, by operation name. */
function sent(operationName: string): Array<Record<string, unknown>> {
  return emu.requests
    .filter((r) => r.kind === 'graphql' && r.operationName === operationName)
    .map((r) => r.variables ?? {});
}

const fresh = (name: string): Promise<Artifact> => api.artifact(name, { cache: false });

describe('artifact.save()', () => {
  it('sends nothing when nothing changed', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    a.metadata = { rows: 1 };
    a.aliases = ['baseline'];
    a.tags = ['curated'];
    a.description = 'first';
    emu.clearRequests();
    await a.save();
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('sends only the aliases added and removed, then the fields that changed', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    a.aliases = ['best'];
    a.tags = ['curated', 'reviewed'];
    a.metadata.rows = 10;
    emu.clearRequests();
    await a.save();
    const where = { entityName: 'alice', projectName: 'vision', artifactCollectionName: 'mnist' };
    expect(sent('AddAliases')).toEqual([
      { input: { artifactID: ids.v0, aliases: [{ ...where, alias: 'best' }] } },
    ]);
    expect(sent('DeleteAliases')).toEqual([
      { input: { artifactID: ids.v0, aliases: [{ ...where, alias: 'baseline' }] } },
    ]);
    const [update] = sent('UpdateArtifact');
    expect(update?.input).toEqual({
      artifactID: ids.v0,
      metadata: JSON.stringify({ rows: 10 }),
      tagsToAdd: [{ tagName: 'reviewed' }],
      tagsToDelete: [],
    });
    expect([...a.aliases].sort()).toEqual(['best']);
    expect(a.tags).toEqual(['curated', 'reviewed']);
    const again = await fresh('alice/vision/mnist:v0');
    expect(again.aliases).toEqual(['best']);
    expect(again.tags).toEqual(['curated', 'reviewed']);
    expect(again.metadata).toEqual({ rows: 10 });
    expect(await api.artifactExists('alice/vision/mnist:baseline', { cache: false })).toBe(false);
  });

  it('moves an alias from another version, and edits description and TTL', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    a.aliases = [...a.aliases, 'candidate'];
    a.description = 'the first cut';
    a.ttl = 86_400;
    await a.save();
    expect((await fresh('alice/vision/mnist:candidate')).id).toBe(ids.v0);
    const again = await fresh('alice/vision/mnist:v0');
    expect(again.description).toBe('the first cut');
    expect(again.ttl).toBe(86_400);
    again.ttl = undefined;
    emu.clearRequests();
    await again.save();
    expect(sent('UpdateArtifact')[0]?.input).toEqual({ artifactID: ids.v0, ttlDurationSeconds: -2 });
    expect((await fresh('alice/vision/mnist:v0')).ttl).toBeUndefined();
    again.inheritTtl();
    expect(again.ttlIsInherited).toBe(true);
    emu.clearRequests();
    await again.save();
    expect(sent('UpdateArtifact')[0]?.input).toEqual({ artifactID: ids.v0, ttlDurationSeconds: -1 });
  });

  it('checks the alias, tag, metadata and TTL rules before any request', async () => {
    const a = await api.artifact('alice/vision/mnist:v0');
    emu.clearRequests();
    expect(validationError(() => (a.aliases = ['a/b'])).parameter).toBe('aliases[0]');
    expect(validationError(() => (a.aliases = ['v7'])).parameter).toBe('aliases[0]');
    expect(validationError(() => (a.tags = ['no,commas'])).parameter).toBe('tags[0]');
    expect(validationError(() => (a.metadata = { x: Infinity })).parameter).toBe('metadata.x');
    expect(validationError(() => (a.ttl = -5)).parameter).toBe('ttl');
    a.metadata.bad = -Infinity; // edited in place: caught by save()
    await validationRejection(a.save());
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('on a link: aliases in the portfolio; a TTL is refused, before any request', async () => {
    const link = await api.artifact('alice/showcase/gold:production');
    link.aliases = ['production', 'staging'];
    emu.clearRequests();
    await link.save();
    expect(sent('AddAliases')[0]?.input).toMatchObject({
      aliases: [
        { entityName: 'alice', projectName: 'showcase', artifactCollectionName: 'gold', alias: 'staging' },
      ],
    });
    expect((await fresh('alice/showcase/gold:staging')).isLink).toBe(true);
    expect(await api.artifactExists('alice/vision/mnist:staging')).toBe(false);
    link.ttl = 60;
    emu.clearRequests();
    expect((await validationRejection(link.save())).parameter).toBe('ttl');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('on a link: the source’s fields are saved once its project is known to be writable', async () => {
    const link = await api.artifact('alice/showcase/gold:v0');
    link.description = 'gold standard';
    emu.clearRequests();
    await link.save();
    expect(sent('IsProjectReadOnly')).toEqual([{ entity: 'alice', project: 'vision' }]);
    expect((await fresh('alice/vision/mnist:v0')).description).toBe('gold standard');
  });
});

describe('artifact.delete()', () => {
  it('needs deleteAliases for a version with aliases, then deletes it', async () => {
    const a = await api.artifact('alice/vision/mnist:v1');
    expect(await failure(a.delete())).toBeInstanceOf(GraphQLRequestError);
    await a.delete({ deleteAliases: true });
    expect(await api.artifactExists('alice/vision/mnist:v1', { cache: false })).toBe(false);
    await validationRejection(a.delete({ deleteAliases: 'yes' as never }));
  });

  it('on a link removes the link only', async () => {
    const link = await api.artifact('alice/showcase/gold:v0');
    await link.delete();
    expect(sent('UnlinkArtifact')).toHaveLength(1);
    expect(sent('DeleteArtifact')).toHaveLength(0);
    expect(await api.artifactExists('alice/showcase/gold:v0', { cache: false })).toBe(false);
    expect(await api.artifactExists('alice/vision/mnist:v0', { cache: false })).toBe(true);
  });
});

describe('artifact.link() and unlink()', () => {
  it('links into a new portfolio with aliases, and answers the link', async () => {
    const a = await api.artifact('alice/vision/mnist:v1');
    const link = await a.link('alice/showcase/best-data', { aliases: ['production'] });
    expect(link).toBeInstanceOf(Artifact);
    expect([link.isLink, link.name, link.project, link.id]).toEqual([
      true,
      'best-data:v0',
      'showcase',
      ids.v1,
    ]);
    expect(link.aliases).toEqual(expect.arrayContaining(['production']));
    expect(link.source.name).toBe('mnist:v1');
    expect(sent('LinkArtifact')[0]?.input).toEqual({
      artifactID: ids.v1,
      artifactPortfolioName: 'best-data',
      entityName: 'alice',
      projectName: 'showcase',
      aliases: [{ artifactCollectionName: 'best-data', alias: 'production' }],
    });
    const collection = await link.collection();
    expect(collection.isSequence).toBe(false);
    // the entity defaults to the source's, the project to the setting
    const scoped = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, project: 'showcase' });
    const again = await (await scoped.artifact('alice/vision/mnist:v0')).link('best-data');
    expect(again.name).toBe('best-data:v1');
  });

  it('reads the link back by name on servers without the link membership feature', async () => {
    const off = await setup({ features: { ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE: false } });
    try {
      off.emu.seed.artifact({
        project: 'vision',
        type: 'model',
        collection: 'resnet',
        files: { 'm.pt': 'm' },
      });
      const a = await off.api.artifact('alice/vision/resnet:v0');
      const link = await a.link('alice/registry/classifier');
      expect([link.name, link.isLink]).toEqual(['classifier:v0', true]);
      const names = off.emu.requests.filter((r) => r.kind === 'graphql').map((r) => r.operationName);
      expect(names).toContain('LinkArtifactWithoutMembership');
      expect(names.filter((n) => n === 'ArtifactMembershipByName')).toHaveLength(2);
    } finally {
      await off.close();
    }
  });

  it('links into a registry: the organization (named or the only one) resolved to its org entity', async () => {
    emu.seed.organization({ name: 'acme', orgEntity: 'acme-org', members: ['alice'] });
    const a = await api.artifact('alice/vision/resnet:v0');
    const link = await a.link('acme/wandb-registry-model/classifier', { aliases: ['production'] });
    expect(sent('LinkArtifact')[0]?.input).toMatchObject({
      entityName: 'acme-org',
      projectName: 'wandb-registry-model',
      artifactPortfolioName: 'classifier',
    });
    expect([link.isLink, link.entity, link.project, link.name]).toEqual([
      true,
      'acme-org',
      'wandb-registry-model',
      'classifier:v0',
    ]);
    expect(link.url).toContain('/orgs/acme/registry/model?selectionPath=');
    // read back through the organization's name, or with no organization when alice has just one
    const byOrg = await api.artifact('acme/wandb-registry-model/classifier:production');
    expect(byOrg.id).toBe(ids.model);
    const implicit = await api.artifact('wandb-registry-model/classifier:v0');
    expect(implicit.entity).toBe('acme-org');
    // an organization alice is not in is refused, naming the ones she is in
    const e = await failure(api.artifact('globex/wandb-registry-model/classifier:v0'));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toMatch(/no organization "globex" \(its organizations: "acme"\)/);
  });

  it('refuses bad targets and aliases before any request; no project at all is refused', async () => {
    const a = await api.artifact('alice/vision/mnist:v1');
    emu.clearRequests();
    await validationRejection(a.link('alice/showcase/gold:v0'));
    await validationRejection(a.link('a/b/c/d'));
    await validationRejection(a.link('alice/showcase/gold', { aliases: ['x:y'] }));
    expect((await validationRejection(a.link('gold'))).parameter).toBe('target');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('unlink() removes a link; on a version in its own collection it is refused before any request', async () => {
    const link = await api.artifact('alice/showcase/gold:production');
    await link.unlink();
    expect(await api.artifactExists('alice/showcase/gold:production', { cache: false })).toBe(false);
    const a = await api.artifact('alice/vision/mnist:v0');
    emu.clearRequests();
    const e = await failure(a.unlink());
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toMatch(/not a link/);
    expect(graphqlCalls(emu)).toBe(0);
  });
});

describe('collection.save() and delete()', () => {
  it('renames, describes, retags and moves a sequence, sending only what changed', async () => {
    const c = await api.artifactCollection('dataset', 'alice/vision/mnist');
    emu.clearRequests();
    await c.save();
    expect(graphqlCalls(emu)).toBe(0);
    c.name = 'digits';
    c.description = 'handwritten digits';
    c.tags = ['images', 'small'];
    c.type = 'training-data';
    await c.save();
    expect(sent('UpdateArtifactSequence')).toHaveLength(1);
    expect(sent('UpdateArtifactSequenceType')).toHaveLength(1);
    expect(sent('AddArtifactCollectionTags')[0]?.input).toMatchObject({
      artifactCollectionName: 'digits',
      tags: [{ tagName: 'images' }, { tagName: 'small' }],
    });
    expect(sent('DeleteArtifactCollectionTags')).toHaveLength(0);
    const again = await api.artifactCollection('training-data', 'alice/vision/digits', { cache: false });
    expect([again.name, again.description, again.type]).toEqual([
      'digits',
      'handwritten digits',
      'training-data',
    ]);
    expect([...again.tags].sort()).toEqual(['images', 'small']);
    again.tags = ['small'];
    emu.clearRequests();
    await again.save();
    expect(sent('DeleteArtifactCollectionTags')[0]?.input).toMatchObject({ tags: [{ tagName: 'images' }] });
    expect(sent('UpdateArtifactSequence')).toHaveLength(0);
    expect((await api.artifact('alice/vision/digits:v1', { cache: false })).type).toBe('training-data');
  });

  it('refuses to change a portfolio’s type or move to a reserved type, before any request', async () => {
    const gold = await api.artifactCollection('dataset', 'alice/showcase/gold');
    const mnist = await api.artifactCollection('dataset', 'alice/vision/mnist');
    gold.type = 'model';
    emu.clearRequests();
    expect((await validationRejection(gold.save())).message).toMatch(/portfolio/);
    mnist.type = 'wandb-history';
    expect((await validationRejection(mnist.save())).message).toMatch(/reserved/);
    expect(validationError(() => (mnist.name = 'a/b')).parameter).toBe('name');
    expect(graphqlCalls(emu)).toBe(0);
  });

  it('deletes a portfolio (its links, not the versions) and a sequence', async () => {
    await (await api.artifactCollection('dataset', 'alice/showcase/gold')).delete();
    expect(await api.artifactCollectionExists('alice/showcase/gold', 'dataset', { cache: false })).toBe(
      false,
    );
    expect(await api.artifactExists('alice/vision/mnist:v0', { cache: false })).toBe(true);
    await (await api.artifactCollection('model', 'alice/vision/resnet')).delete();
    expect(await api.artifactExists('alice/vision/resnet:v0', { cache: false })).toBe(false);
  });
});

describe('run.useArtifact() and run.logArtifact()', () => {
  it('declares a version an input of a run, once', async () => {
    const run = await api.run('alice/vision/trainer');
    const dataset = await api.artifact('alice/vision/mnist:v1');
    expect(await run.useArtifact(dataset, { usedAs: 'training-data' })).toBe(dataset);
    await run.useArtifact(dataset);
    expect(sent('UseArtifact')[0]?.input).toEqual({
      entityName: 'alice',
      projectName: 'vision',
      runName: 'trainer',
      artifactID: ids.v1,
      usedAs: 'training-data',
      artifactEntityName: 'alice',
      artifactProjectName: 'vision',
    });
    expect((await run.usedArtifacts().toArray()).map((a) => a.name)).toEqual(['mnist:v1']);
    expect((await dataset.usedBy()).map((r) => r.id)).toEqual(['trainer']);
    await validationRejection(run.useArtifact('mnist:v1' as never));
    await validationRejection(run.useArtifact(dataset, { usedAs: '' }));
  });

  it('declares the latest version an output of a run, with more aliases and tags', async () => {
    const run = await api.run('alice/vision/trainer');
    const latest = await api.artifact('alice/vision/mnist:latest');
    const logged = await run.logArtifact(latest, { aliases: ['chosen'], tags: ['final'] });
    expect(logged.id).toBe(ids.v1);
    expect(logged.aliases).toEqual(expect.arrayContaining(['chosen', 'candidate', 'latest']));
    expect(logged.tags).toContain('final');
    expect((await run.loggedArtifacts().toArray()).map((a) => a.name)).toEqual(['mnist:v1']);
    const [create] = sent('CreateArtifact');
    expect(create?.input).toMatchObject({ digest: latest.digest, enableDigestDeduplication: true });
  });

  it('refuses an older version before writing anything (the server would start a new version, or name the latest)', async () => {
    const run = await api.run('alice/vision/trainer');
    const older = await api.artifact('alice/vision/mnist:v0');
    emu.clearRequests();
    const e = await validationRejection(run.logArtifact(older));
    expect(e.parameter).toBe('artifact');
    expect(e.message).toMatch(/not the latest of mnist \(v1 is\)/);
    expect(sent('CreateArtifact')).toEqual([]);
    expect(await api.artifacts('dataset', 'alice/vision/mnist', { filters: {} }).toArray()).toHaveLength(2);
  });

  it('refuses an artifact of another project before any request', async () => {
    const elsewhere = await api.run('alice/other/elsewhere');
    const dataset = await api.artifact('alice/vision/mnist:v1');
    emu.clearRequests();
    expect((await validationRejection(elsewhere.logArtifact(dataset))).parameter).toBe('artifact');
    await validationRejection(
      (await api.run('alice/vision/trainer')).logArtifact(dataset, { tags: ['a,b'] }),
    );
    expect(sent('CreateArtifact')).toHaveLength(0);
  });

  it('a missing run is a NotFoundError', async () => {
    const run = await api.run('alice/vision/trainer');
    await (await api.run('alice/vision/trainer')).delete();
    expect(await failure(run.loggedArtifacts({ perPage: 5 }).toArray())).toBeInstanceOf(NotFoundError);
  });
});

describe('permissions', () => {
  it('a link whose source project is read-only (or invisible) saves nothing of the source’s fields', async () => {
    const link = await api.artifact('alice/showcase/gold:v0');
    link.tags = ['shown'];
    link.aliases = [...link.aliases, 'staging'];
    for (const project of [{ readOnly: true }, null]) {
      emu.faults.add({
        operationName: 'IsProjectReadOnly',
        status: 200,
        body: JSON.stringify({ data: { project } }),
        times: 1,
      });
      emu.clearRequests();
      const e = await failure(link.save());
      expect(e).toBeInstanceOf(PermissionError);
      expect(e.message).toMatch(/alice\/vision\/mnist:v0/);
      expect(sent('AddAliases')).toHaveLength(0);
      expect(sent('UpdateArtifact')).toHaveLength(0);
    }
    expect((await fresh('alice/vision/mnist:v0')).tags).toEqual(['curated']);
  });
});
