/**
 * The code of {@link Artifact} (`ArtifactImpl`, what every `Artifact` is) and the builders of
 * versions from the server's answers: {@link artifactFromSource} (a version by id, as
 * `ArtifactByID` answers), {@link artifactFromListing}, {@link artifactFromMembership} and
 * {@link fetchArtifactByName}. Loaded with the domain code that gets or lists versions, never with
 * the page: `artifact.ts` is the light class `wandb-api` exports.
 *
 * `Artifact.download()`, `file()`, `verify()`, `get()` and publishing are built on what is here:
 * `manifest()` (the parsed manifest, see `manifest.ts`) and `files()` (entries with signed URLs,
 * read through `core/content.ts`).
 *
 * @example
 * ```ts
 * const artifact = await fetchArtifactByName(ctx, { entity: 'acme', project: 'vision', collection: 'mnist' }, 'latest');
 * const manifest = await artifact.manifest();
 * ```
 * @module
 */
import { documents, lazy } from '../core/lazy.js';
import { PermissionError, ServerError, ValidationError, WandbError } from '../../errors/index.js';
import type {
  ArtifactCollectionMembershipFieldsFragment,
  ArtifactFieldsFragment,
  UpdateArtifactInput,
} from '../../generated/graphql.js';
import { abortable, abortReason } from '../core/concurrency.js';
import { contentStream, readAll, type SignedContent } from '../core/content.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { parseJsonString } from '../core/json.js';
import { artifactNotFound } from '../core/notFound.js';
import type { Paginated } from '../core/pagination.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { parseArtifactCollectionPath, type ArtifactCollectionRef } from '../paths/artifact-paths.js';
import type { Run } from '../runs/run.js';
import {
  Artifact,
  type ArtifactDeleteOptions,
  type ArtifactLinkOptions,
  type ArtifactRequestOptions,
} from './artifact.js';
import type { ArtifactFile, ArtifactFilesOptions, ArtifactVersionRef } from './artifact-file.js';
import { listArtifactFiles } from './artifact-file-impl.js';
import type { ArtifactCollection } from './collection.js';
import { fetchCollection } from './collection-impl.js';
import { parseManifest, type ArtifactManifest } from './manifest.js';
import type { ArtifactDownloadOptions, ArtifactSingleFileOptions, DownloadTarget } from './download.js';
import type { ArtifactGetOptions, ArtifactMedia } from './media.js';
import { getMedia } from './media-get.js';
import type { ArtifactVerifyOptions } from './verify.js';
import { resolveCollectionPlace } from './resolve.js';
import { checkMetadata } from './rules.js';
import { checkAliases, checkTags, comparableJson, isVersionAlias } from './labels.js';

// Downloading and verifying load on first use: an app that reads artifacts does not download them.
const downloads = /* @__PURE__ */ lazy(() => import('./download.js'), 'its artifacts/download module');
const verification = /* @__PURE__ */ lazy(() => import('./verify.js'), 'its artifacts/verify module');

/** The server feature that makes `linkArtifact` answer the new link. */
export const LINK_MEMBERSHIP_FEATURE = 'ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE';

/** The TTL value `updateArtifact` takes for "inherit the team's default". */
const TTL_INHERIT = -1;
/** The TTL value `updateArtifact` takes for "no TTL". */
const TTL_NONE = -2;

/** The aliases the server gives for a version, of one collection only. */
type AliasEntry = NonNullable<ArtifactFieldsFragment['aliases']>[number];

function aliasesIn(entries: readonly AliasEntry[] | undefined, where: ArtifactCollectionRef): string[] {
  return (entries ?? [])
    .filter((a) => {
      const c = a.artifactCollection;
      const project = (c as { project: { name: string; entity: { name: string } } | null } | null)?.project;
      return (
        c?.name === where.collection &&
        project?.name === where.project &&
        project.entity.name === where.entity
      );
    })
    .map((a) => a.alias);
}

/**
 * What every {@link Artifact} is: the class's methods that ask the server (its TSDoc is on
 * `Artifact`).
 * @internal
 */
export class ArtifactImpl extends Artifact {
  // The name users see in `constructor.name` and logs is the public class's.
  static {
    Object.defineProperty(this, 'name', { value: 'Artifact' });
  }

  /**
   * @param place - the collection the version was reached through, and its version there.
   * @param aliases - its aliases in that collection (version aliases are dropped).
   */
  constructor(
    ctx: FacadeContext,
    data: ArtifactFieldsFragment,
    place: ArtifactVersionRef,
    aliases: readonly string[],
  ) {
    super(ctx, data, place);
    this.#load(data, aliases);
  }

  /** Takes the server's view of the version (and its aliases, when given); drops the edits. */
  #load(data: ArtifactFieldsFragment, aliases?: readonly string[]): void {
    const f = this.fields;
    f.data = data;
    if (aliases !== undefined) {
      f.savedAliases = Object.freeze([...new Set(aliases.filter((a) => !isVersionAlias(a)))]);
      f.aliases = f.savedAliases;
    }
    f.tags = Object.freeze(data.tags.map((t) => t.name));
    f.description = data.description || undefined;
    f.metadata = parseJsonString(data.metadata, `metadata of artifact ${this.qualifiedName}`);
    f.savedMetadata = comparableJson(f.metadata);
    f.ttl = undefined;
  }

  override manifest(options: ArtifactRequestOptions = {}): Promise<ArtifactManifest> {
    const signal = optionalSignal(optionsObject(options).signal);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!this.fields.manifest) {
      // Shared by every caller, so fetched without any one caller's signal: aborting one
      // download must not fail another caller's manifest(). Each caller races its own signal.
      const pending = this.#fetchManifest(undefined);
      this.fields.manifest = pending;
      pending.catch(() => {
        if (this.fields.manifest === pending) this.fields.manifest = undefined;
      });
    }
    return abortable(this.fields.manifest, signal);
  }

  override files(options: ArtifactFilesOptions = {}): Paginated<ArtifactFile> {
    return listArtifactFiles(this.fields.ctx, this.fields.place, options);
  }

  override download(options: ArtifactDownloadOptions = {}): Promise<string> {
    const target = this.#downloadTarget(this.name);
    return downloads().then((m) => m.downloadArtifact(this.fields.ctx, target, options));
  }

  override file(options: ArtifactSingleFileOptions = {}): Promise<string> {
    const target = this.#downloadTarget(this.name);
    return downloads().then((m) => m.downloadSingleFile(this.fields.ctx, target, options));
  }

  override verify(options: ArtifactVerifyOptions = {}): Promise<void> {
    const target = this.#downloadTarget(this.name);
    return verification().then((m) => m.verifyArtifact(this.fields.ctx, target, options));
  }

  override get(name: string, options: ArtifactGetOptions = {}): Promise<ArtifactMedia> {
    return getMedia(this.fields.ctx, this.#downloadTarget(this.name), name, options);
  }

  override async save(options: ArtifactRequestOptions = {}): Promise<this> {
    const signal = optionalSignal(optionsObject(options).signal);
    const aliases = checkAliases(this.fields.aliases, 'aliases');
    const tags = checkTags(this.fields.tags, 'tags');
    const savedTags = this.fields.data.tags.map((t) => t.name);
    const aliasesToAdd = aliases.filter((a) => !this.fields.savedAliases.includes(a));
    const aliasesToDelete = this.fields.savedAliases.filter((a) => !aliases.includes(a));
    const tagsToAdd = tags.filter((t) => !savedTags.includes(t));
    const tagsToDelete = savedTags.filter((t) => !tags.includes(t));
    const input: UpdateArtifactInput = { artifactID: this.id };
    if ((this.fields.description ?? '') !== (this.fields.data.description ?? ''))
      input.description = this.fields.description ?? '';
    if (comparableJson(this.fields.metadata) !== this.fields.savedMetadata) {
      input.metadata = JSON.stringify(checkMetadata(this.fields.metadata, 'metadata'));
    }
    if (this.fields.ttl !== undefined) {
      if (this.isLink) {
        throw new ValidationError(
          'ttl',
          `${this.qualifiedName} is a link: its TTL is that of its source version ${this.source.entity}/${this.source.project}/${this.source.name}; set it there`,
        );
      }
      if (this.type === 'wandb-history') {
        throw new ValidationError(
          'ttl',
          'the TTL of a run history artifact (type wandb-history) cannot be set',
        );
      }
      input.ttlDurationSeconds =
        this.fields.ttl.kind === 'inherit' ? TTL_INHERIT : (this.fields.ttl.seconds ?? TTL_NONE);
    }
    if (tagsToAdd.length > 0 || tagsToDelete.length > 0) {
      input.tagsToAdd = tagsToAdd.map((tagName) => ({ tagName }));
      input.tagsToDelete = tagsToDelete.map((tagName) => ({ tagName }));
    }
    const update = Object.keys(input).length > 1;
    if (update && this.isLink) await this.#requireWritableSource(signal);

    const where = {
      entityName: this.fields.place.entity,
      projectName: this.fields.place.project,
      artifactCollectionName: this.fields.place.collection,
    };
    if (aliasesToAdd.length > 0) {
      const data = await this.fields.ctx.request(
        (await documents()).AddAliasesDocument,
        { input: { artifactID: this.id, aliases: aliasesToAdd.map((alias) => ({ ...where, alias })) } },
        { signal, idempotent: true },
      );
      if (!data.result?.success)
        throw new ServerError(`AddAliases did not add ${aliasesToAdd.join(', ')} to ${this.qualifiedName}`);
      this.fields.savedAliases = Object.freeze([...this.fields.savedAliases, ...aliasesToAdd]);
    }
    if (aliasesToDelete.length > 0) {
      const data = await this.fields.ctx.request(
        (await documents()).DeleteAliasesDocument,
        { input: { artifactID: this.id, aliases: aliasesToDelete.map((alias) => ({ ...where, alias })) } },
        { signal, idempotent: true },
      );
      if (!data.result?.success) {
        throw new ServerError(
          `DeleteAliases did not remove ${aliasesToDelete.join(', ')} from ${this.qualifiedName}`,
        );
      }
      this.fields.savedAliases = Object.freeze(
        this.fields.savedAliases.filter((a) => !aliasesToDelete.includes(a)),
      );
    }
    if (update) {
      const data = await this.fields.ctx.request(
        (await documents()).UpdateArtifactDocument,
        { input },
        { signal, idempotent: true },
      );
      const artifact = data.result?.artifact;
      if (!artifact) throw new ServerError(`UpdateArtifact returned no artifact for ${this.qualifiedName}`);
      const serverAliases =
        artifact.aliases === undefined ? undefined : aliasesIn(artifact.aliases, this.fields.place);
      this.#load(artifact, serverAliases ?? this.fields.savedAliases);
    }
    return this;
  }

  override async delete(options: ArtifactDeleteOptions = {}): Promise<void> {
    const o = optionsObject(options);
    const deleteAliases = optionalBoolean(o.deleteAliases, 'deleteAliases') ?? false;
    const signal = optionalSignal(o.signal);
    if (this.isLink) return this.unlink({ signal });
    const data = await this.fields.ctx.request(
      (await documents()).DeleteArtifactDocument,
      { input: { artifactID: this.id, deleteAliases } },
      { signal },
    );
    if (!data.result) throw new ServerError(`DeleteArtifact returned nothing for ${this.qualifiedName}`);
  }

  override async link(target: string, options: ArtifactLinkOptions = {}): Promise<Artifact> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const aliases = o.aliases === undefined ? [] : checkAliases(o.aliases, 'aliases');
    const settings = this.fields.ctx.settings;
    const parsed = parseArtifactCollectionPath(
      target,
      { project: settings.project, organization: settings.organization },
      'target',
    );
    const sourceEntity = (): Promise<string> => Promise.resolve(this.source.entity);
    const where = await resolveCollectionPlace(
      this.fields.ctx,
      parsed,
      { signal },
      { lookupEntity: sourceEntity, defaultEntity: sourceEntity, parameter: 'target' },
    );
    const input = {
      artifactID: this.id,
      artifactPortfolioName: where.collection,
      entityName: where.entity,
      projectName: where.project,
      aliases: aliases.map((alias) => ({ artifactCollectionName: where.collection, alias })),
    };
    const withMembership = (await this.fields.ctx.serverFeatures()).get(LINK_MEMBERSHIP_FEATURE) === true;
    let versionIndex: number | null | undefined;
    if (withMembership) {
      const data = await this.fields.ctx.request(
        (await documents()).LinkArtifactDocument,
        { input },
        { signal, idempotent: true },
      );
      const membership = data.result?.artifactMembership;
      if (membership) return artifactFromMembership(this.fields.ctx, membership, where);
      versionIndex = data.result?.versionIndex;
    } else {
      const data = await this.fields.ctx.request(
        (await documents()).LinkArtifactWithoutMembershipDocument,
        { input },
        { signal, idempotent: true },
      );
      versionIndex = data.result?.versionIndex;
    }
    if (versionIndex === null || versionIndex === undefined) {
      throw new ServerError(
        `linkArtifact gave no version for the link of ${this.qualifiedName} in ${where.entity}/${where.project}/${where.collection}`,
      );
    }
    return fetchArtifactByName(this.fields.ctx, where, `v${versionIndex}`, { signal, cache: false });
  }

  override async unlink(options: ArtifactRequestOptions = {}): Promise<void> {
    const signal = optionalSignal(optionsObject(options).signal);
    if (!this.isLink) {
      throw new ValidationError(
        'artifact',
        `${this.qualifiedName} is not a link (it is in the collection it was born in): only links can be unlinked; use delete() to delete the version`,
      );
    }
    const collection = await fetchCollection(
      this.fields.ctx,
      { ...this.fields.place, type: this.type },
      { signal, cache: false },
    );
    const data = await this.fields.ctx.request(
      (await documents()).UnlinkArtifactDocument,
      { input: { artifactID: this.id, artifactPortfolioID: collection.id } },
      { signal },
    );
    if (!data.result?.success) throw new ServerError(`unlinkArtifact did not remove ${this.qualifiedName}`);
  }

  override async usedBy(options: ArtifactRequestOptions = {}): Promise<Run[]> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.fields.ctx.request(
      (await documents()).ArtifactUsedByDocument,
      { id: this.id },
      { signal, cacheIf: (d) => d.artifact != null },
    );
    return Promise.all(
      (data.artifact?.usedBy.edges ?? []).flatMap((e) => {
        const project = (e.node as { project: (typeof e.node)['project'] | null }).project;
        return project ? [this.fields.ctx.runFromData(project.entity.name, project.name, e.node)] : [];
      }),
    );
  }

  override async loggedBy(options: ArtifactRequestOptions = {}): Promise<Run | null> {
    const signal = optionalSignal(optionsObject(options).signal);
    const data = await this.fields.ctx.request(
      (await documents()).ArtifactCreatedByDocument,
      { id: this.id },
      { signal, cacheIf: (d) => d.artifact != null },
    );
    const creator = data.artifact?.createdBy;
    if (!creator || creator.__typename !== 'Run') return null;
    const project = (creator as { project: (typeof creator)['project'] | null }).project;
    return project ? this.fields.ctx.runFromData(project.entity.name, project.name, creator) : null;
  }

  override collection(options: RequestOptions = {}): Promise<ArtifactCollection> {
    const o = optionsObject(options);
    const signal = optionalSignal(o.signal);
    const cache = optionalBoolean(o.cache, 'cache');
    return fetchCollection(this.fields.ctx, { ...this.fields.place, type: this.type }, { signal, cache });
  }

  async #manifestUrl(signal: AbortSignal | undefined, cache: boolean): Promise<string> {
    const data = await this.fields.ctx.request(
      (await documents()).FetchArtifactManifestDocument,
      { id: this.id },
      { signal, cache, cacheIf: (d) => d.artifact?.currentManifest != null },
    );
    const url = data.artifact?.currentManifest?.file.directUrl;
    if (!url)
      throw new WandbError(
        `Artifact ${this.qualifiedName} has no manifest (is it committed? its state is ${this.state})`,
      );
    return url;
  }

  async #fetchManifest(signal: AbortSignal | undefined): Promise<ArtifactManifest> {
    let url = await this.#manifestUrl(signal, true);
    const what = `the manifest of artifact ${this.qualifiedName}`;
    const source: SignedContent = {
      name: what,
      size: undefined,
      get directUrl() {
        return url;
      },
      renew: async (s) => {
        url = await this.#manifestUrl(s, false);
      },
    };
    const bytes = await readAll(contentStream(this.fields.ctx, source, { signal }));
    return parseManifest(new TextDecoder('utf-8').decode(bytes), what);
  }

  #downloadTarget(rootName: string): DownloadTarget {
    return {
      qualifiedName: this.qualifiedName,
      id: this.id,
      rootName,
      where: this.fields.place,
      manifest: (o) => this.manifest(o),
    };
  }

  /** Rejects unless the caller may write the source project of this link (`IsProjectReadOnly`). */
  async #requireWritableSource(signal: AbortSignal | undefined): Promise<void> {
    const { entity, project } = this.source;
    const data = await this.fields.ctx.request(
      (await documents()).IsProjectReadOnlyDocument,
      { entity, project },
      { signal, cache: false },
    );
    if (data.project && data.project.readOnly !== true) return;
    throw new PermissionError(
      `${this.qualifiedName} is a link: its tags, description, metadata and TTL are those of its source version ` +
        `${entity}/${project}/${this.source.name}, whose project ${data.project ? 'is read-only for you' : 'you cannot see'}; nothing was saved`,
    );
  }
}

/**
 * The version a membership (`ArtifactMembershipByName`, `linkArtifact`) describes, in the
 * collection it names: the membership's entity and project (the server's spelling) replace the
 * asked ones, its single version alias (else its index, else the artifact's) is the version, its
 * other aliases are the aliases.
 * @internal
 * @example
 * ```ts
 * const artifact = artifactFromMembership(ctx, data.project.artifactCollectionMembership, where);
 * ```
 */
export function artifactFromMembership(
  ctx: FacadeContext,
  membership: ArtifactCollectionMembershipFieldsFragment,
  asked: ArtifactCollectionRef,
): Artifact {
  const artifact = membership.artifact;
  if (!artifact)
    throw new WandbError(`The server gave a membership of ${asked.collection} without its artifact`);
  const collection = membership.artifactCollection;
  const project = (collection as { project: { name: string; entity: { name: string } } | null } | null)
    ?.project;
  const aliases = membership.aliases.map((a) => a.alias);
  const versions = [...new Set(aliases.filter(isVersionAlias))];
  if (versions.length > 1) {
    throw new WandbError(
      `Artifact ${asked.collection} has several version aliases in one collection: ${versions.join(', ')}`,
    );
  }
  const index = membership.versionIndex ?? artifact.versionIndex;
  const version = versions[0] ?? (index === null || index === undefined ? undefined : `v${index}`);
  if (version === undefined) {
    throw new WandbError(`Artifact ${asked.collection}:? has no version yet (state ${artifact.state})`);
  }
  const place: ArtifactVersionRef = {
    entity: project?.entity.name ?? asked.entity,
    project: project?.name ?? asked.project,
    collection: collection?.name ?? asked.collection,
    version,
    ...(asked.organizationName === undefined ? {} : { organizationName: asked.organizationName }),
  };
  return new ArtifactImpl(ctx, artifact, place, aliases);
}

/**
 * A version as a collection listing (`ProjectArtifacts`) gives it: named with the edge's version
 * in that collection, in the collection asked for, with that collection's aliases.
 * @internal
 * @example
 * ```ts
 * const artifact = artifactFromListing(ctx, edge.node, where, edge.version);
 * ```
 */
export function artifactFromListing(
  ctx: FacadeContext,
  node: ArtifactFieldsFragment,
  where: ArtifactCollectionRef,
  version: string,
): Artifact {
  return new ArtifactImpl(ctx, node, { ...where, version }, aliasesIn(node.aliases, where));
}

/**
 * A version by itself (`ArtifactByID`, a run's inputs and outputs), named in the sequence it was
 * born in (`sequence:vN` in the sequence's project), with that sequence's aliases; `undefined`
 * when the sequence's project is not visible (the official client skips those).
 * @internal
 * @example
 * ```ts
 * const artifact = artifactFromSource(ctx, data.artifact);
 * ```
 */
export function artifactFromSource(ctx: FacadeContext, node: ArtifactFieldsFragment): Artifact | undefined {
  const seq = node.artifactSequence;
  const project = (seq as { project: (typeof seq)['project'] | null }).project;
  if (!project || node.versionIndex === null) return undefined;
  const where = { entity: project.entity.name, project: project.name, collection: seq.name };
  return new ArtifactImpl(
    ctx,
    node,
    { ...where, version: `v${node.versionIndex}` },
    aliasesIn(node.aliases, where),
  );
}

/**
 * One version by `collection:alias` in a collection's project (`ArtifactMembershipByName`), or
 * {@link NotFoundError} saying whether the project or the version is missing (not cached).
 * @internal Users call `api.artifact()`.
 * @example
 * ```ts
 * const artifact = await fetchArtifactByName(ctx, { entity: 'acme', project: 'vision', collection: 'mnist' }, 'latest');
 * ```
 */
export async function fetchArtifactByName(
  ctx: FacadeContext,
  where: ArtifactCollectionRef,
  alias: string,
  options: RequestOptions = {},
): Promise<Artifact> {
  const name = `${where.collection}:${alias}`;
  const data = await ctx.request(
    (await documents()).ArtifactMembershipByNameDocument,
    { entity: where.entity, project: where.project, name },
    {
      signal: options.signal,
      cache: options.cache,
      cacheIf: (d) => d.project?.artifactCollectionMembership != null,
    },
  );
  const membership = data.project?.artifactCollectionMembership;
  if (!membership?.artifact) throw artifactNotFound(name, where.entity, where.project, data.project != null);
  return artifactFromMembership(ctx, membership, where);
}
