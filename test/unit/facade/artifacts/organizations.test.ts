// Registry paths: which org entity an organization name resolves to (FetchOrgInfoFromEntity), as
// the official client's resolve_org_entity_name decides. The emulator has no organizations, so the
// answers here are the server's, written out.
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../src/errors/index.js';
import { resolveCollectionPlace } from '../../../../src/facade/artifacts/resolve.js';
import type { FacadeContext } from '../../../../src/facade/core/context.js';
import { resolveOrganization } from '../../../../src/facade/core/organizations.js';
import { parseArtifactPath } from '../../../../src/facade/paths/artifact-paths.js';

type Org = { name: string; orgEntity: { name: string } | null };
const acme: Org = { name: 'Acme Inc', orgEntity: { name: 'acme-org' } };
const beta: Org = { name: 'Beta', orgEntity: { name: 'beta-org' } };

/** A context whose FetchOrgInfoFromEntity answers `entity` as a team (`organization`) or a user (`organizations`). */
function ctx(answer: { organization?: Org | null; organizations?: Org[] } | null): {
  ctx: Pick<FacadeContext, 'request' | 'resolveEntity'>;
  asked: unknown[];
} {
  const asked: unknown[] = [];
  const request = ((_doc: unknown, variables: unknown) => {
    asked.push(variables);
    return Promise.resolve({
      entity:
        answer === null
          ? null
          : {
              organization: answer.organization ?? null,
              user: answer.organizations ? { organizations: answer.organizations } : null,
            },
    });
  }) as FacadeContext['request'];
  return { ctx: { request, resolveEntity: (e?: string) => Promise.resolve(e ?? 'alice') }, asked };
}

describe('resolveOrganization', () => {
  it("takes a team entity's organization, by name, org-entity name or none given", async () => {
    const { ctx: c } = ctx({ organization: acme });
    for (const given of [undefined, 'Acme Inc', 'acme-org']) {
      expect(await resolveOrganization(c, 'vision-team', given)).toEqual({
        name: 'Acme Inc',
        entity: 'acme-org',
      });
    }
  });

  it("picks the named one of a user's organizations, or the only one", async () => {
    const two = ctx({ organizations: [acme, beta] }).ctx;
    expect((await resolveOrganization(two, 'alice', 'beta-org')).entity).toBe('beta-org');
    expect((await resolveOrganization(two, 'alice', 'Acme Inc')).entity).toBe('acme-org');
    const one = ctx({ organizations: [beta] }).ctx;
    expect((await resolveOrganization(one, 'alice', undefined)).entity).toBe('beta-org');
  });

  it('refuses an organization the entity is not in, or several to choose from, naming the parameter', async () => {
    const two = ctx({ organizations: [acme, beta] }).ctx;
    const unknown = await resolveOrganization(two, 'alice', 'gamma', {}, 'target').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).parameter).toBe('target');
    expect((unknown as Error).message).toMatch(/"Acme Inc", "Beta"/);
    const several = await resolveOrganization(two, 'alice', undefined).catch((e: unknown) => e);
    expect(several).toBeInstanceOf(ValidationError);
    expect((several as Error).message).toMatch(/several organizations/);
  });

  it('is a NotFoundError when the entity belongs to none (or does not exist)', async () => {
    await expect(
      resolveOrganization(ctx({ organizations: [] }).ctx, 'alice', undefined),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveOrganization(ctx(null).ctx, 'ghost', 'acme')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('resolveCollectionPlace', () => {
  it('asks for a registry path in the org entity, looked up with the default entity', async () => {
    const { ctx: c, asked } = ctx({ organization: acme });
    const parsed = parseArtifactPath('Acme Inc/wandb-registry-model/resnet:prod', { entity: 'alice' });
    expect(await resolveCollectionPlace(c, parsed, {})).toEqual({
      entity: 'acme-org',
      project: 'wandb-registry-model',
      collection: 'resnet',
      organizationName: 'Acme Inc',
    });
    expect(asked).toEqual([{ entity: 'alice' }]);
  });

  it('leaves an ordinary path alone, without a request', async () => {
    const { ctx: c, asked } = ctx(null);
    const parsed = parseArtifactPath('vision/mnist:v1', {});
    expect(await resolveCollectionPlace(c, parsed, {})).toEqual({
      entity: 'alice',
      project: 'vision',
      collection: 'mnist',
    });
    expect(asked).toEqual([]);
  });
});
