/**
 * From a parsed artifact path to where to ask: the entity of an ordinary project (the path's,
 * else the `entity` setting, else the viewer's), or for a registry project the org entity of the
 * organization the path (or the `organization` setting, or the entity's only organization) names
 * (`FetchOrgInfoFromEntity`, looked up with the `entity` setting or the viewer's entity; protocol
 * notes §1.1, §5.6).
 *
 * @example
 * ```ts
 * const where = await resolveCollectionPlace(ctx, parseArtifactPath('acme/vision/mnist:v1', ctx.settings), {});
 * // { entity: 'acme', project: 'vision', collection: 'mnist' }
 * ```
 * @module
 */
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { resolveOrganization } from '../core/organizations.js';
import type { ArtifactCollectionPath, ArtifactCollectionRef } from '../paths/artifact-paths.js';

/**
 * The full address of a parsed path. `lookupEntity` is the entity whose organizations a registry
 * path is resolved with (default: the `entity` setting, else the viewer's); an ordinary path
 * without an entity gets `defaultEntity` (default: the same).
 * @internal
 * @example
 * ```ts
 * await resolveCollectionPlace(ctx, parsed, { signal }, { lookupEntity: () => Promise.resolve(source.entity) });
 * ```
 */
export async function resolveCollectionPlace(
  ctx: Pick<FacadeContext, 'request' | 'resolveEntity'>,
  parsed: ArtifactCollectionPath,
  options: RequestOptions,
  how: {
    lookupEntity?: () => Promise<string>;
    defaultEntity?: () => Promise<string>;
    parameter?: string;
  } = {},
): Promise<ArtifactCollectionRef> {
  const viewerEntity = (): Promise<string> => ctx.resolveEntity();
  if (parsed.registry) {
    const entity = await (how.lookupEntity ?? viewerEntity)();
    const org = await resolveOrganization(ctx, entity, parsed.organization, options, how.parameter ?? 'name');
    return {
      entity: org.entity,
      project: parsed.project,
      collection: parsed.collection,
      organizationName: org.name,
    };
  }
  const entity = parsed.entity ?? (await (how.defaultEntity ?? viewerEntity)());
  return { entity, project: parsed.project, collection: parsed.collection };
}
