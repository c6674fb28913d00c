// The official client's artifact documents, in their exact text (./artifact-documents.ts): the
// publish flow of wandb-core's Go saver (CreateArtifact with every input field it sends, the
// placeholder and final CreateArtifactManifest, CreateArtifactFiles, the PUTs with the listed
// uploadHeaders, CompleteMultipartUploadArtifact, CommitArtifact, UseArtifact, ArtifactManifest),
// then the Python public API's reads and writes (ArtifactByID, ArtifactMembershipByName,
// ProjectArtifacts, the file listings, aliases, UpdateArtifact, links, collections, tags, the
// organization lookup). Each answer is checked for what the official client reads from it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { KEY, official } from '../../../support/emulator-http.js';
import * as doc from './artifact-documents.js';

const md5b64 = (content: string | Uint8Array): string => createHash('md5').update(content).digest('base64');
const md5hex = (content: string | Uint8Array): string => createHash('md5').update(content).digest('hex');

function manifestDigest(entries: Record<string, string>): string {
  const paths = Object.keys(entries).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const hash = createHash('md5').update('wandb-artifact-manifest-v1\n');
  for (const path of paths) hash.update(`${path}:${entries[path]}\n`);
  return hash.digest('hex');
}

/** How wandb-core parses `uploadHeaders`: split at the first `:`, the value trimmed. */
function headersOf(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    list.map((h) => [h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1).trim()] as const),
  );
}

interface FileNode {
  storagePath: string;
  uploadUrl: string | null;
  uploadHeaders: string[];
  uploadMultipartUrls: {
    uploadID: string;
    uploadUrlParts: { partNumber: number; uploadUrl: string }[];
  } | null;
  artifact: { id: string };
}
interface ArtifactFragment {
  __typename: 'Artifact';
  id: string;
  artifactSequence: { __typename: string; name: string; project: { name: string; entity: { name: string } } };
  versionIndex: number;
  artifactType: { name: string };
  description: string | null;
  metadata: string | null;
  ttlDurationSeconds: number;
  ttlIsInherited: boolean;
  tags: { __typename: 'Tag'; id: string; name: string }[];
  state: string;
  size: number;
  digest: string;
  commitHash: string;
  fileCount: number;
  aliases?: { artifactCollection: { __typename: string; name: string }; alias: string }[];
}
interface MembershipFragment {
  __typename: 'ArtifactCollectionMembership';
  id: string;
  versionIndex: number;
  aliases: { alias: string }[];
  artifactCollection: {
    __typename: string;
    name: string;
    project: { name: string; entity: { name: string } };
  };
  artifact: ArtifactFragment;
}

describe('official client: artifact documents', () => {
  let emu: Emulator;
  const clock = createManualClock('2024-06-01T00:00:00Z');
  const files: Record<string, string> = { 'data/train.csv': 'x,y\n1,2\n', 'README.md': '# mnist\n' };
  const digest = manifestDigest(Object.fromEntries(Object.entries(files).map(([p, c]) => [p, md5b64(c)])));
  let artifactId = '';

  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' }, clock });
    emu.seed.run({ project: 'mnist', id: 'train1' });
    emu.seed.run({ project: 'mnist', id: 'eval1' });
  });
  afterAll(() => emu.close());

  describe('publishing with wandb-core (Go saver)', () => {
    it('CreateArtifact with the input the saver sends answers a PENDING version', async () => {
      const res = await official<{
        createArtifact: {
          artifact: { id: string; state: string; artifactSequence: { latestArtifact: null } };
        };
      }>(emu, doc.GO_CREATE_ARTIFACT, {
        input: {
          entityName: 'alice',
          projectName: 'mnist',
          artifactTypeName: 'dataset',
          artifactCollectionName: 'mnist-ds',
          artifactCollectionNames: null,
          runName: 'train1',
          digest,
          digestAlgorithm: 'MANIFEST_MD5',
          description: 'digits',
          labels: null,
          aliases: [
            { artifactCollectionName: 'mnist-ds', alias: 'latest' },
            { artifactCollectionName: 'mnist-ds', alias: 'best' },
          ],
          tags: [{ tagName: 'curated' }],
          metadata: '{"rows": 1}',
          ttlDurationSeconds: null,
          historyStep: null,
          enableDigestDeduplication: true,
          distributedID: null,
          clientID: 'a'.repeat(128),
          sequenceClientID: 'b'.repeat(128),
          storageRegion: null,
          clientMutationId: null,
        },
      });
      expect(res.createArtifact.artifact).toEqual({
        id: expect.any(String),
        state: 'PENDING',
        artifactSequence: { latestArtifact: null },
      });
      artifactId = res.createArtifact.artifact.id;
    });

    it('uploads the files and the manifest to the signed URLs and commits', async () => {
      const manifestVars = {
        artifactID: artifactId,
        baseArtifactID: null,
        name: 'wandb_manifest.json',
        entityName: 'alice',
        projectName: 'mnist',
        runName: 'train1',
        manifestType: 'FULL',
      };
      const placeholder = await official<{
        createArtifactManifest: { artifactManifest: { id: string; file: { id: string } } };
      }>(emu, doc.GO_CREATE_ARTIFACT_MANIFEST, { ...manifestVars, digest: '', includeUpload: false });
      const manifestId = placeholder.createArtifactManifest.artifactManifest.id;
      const paths = Object.keys(files);
      const created = await official<{ createArtifactFiles: { files: { edges: { node: FileNode }[] } } }>(
        emu,
        doc.GO_CREATE_ARTIFACT_FILES,
        {
          storageLayout: 'V2',
          artifactFiles: paths.map((name) => ({
            artifactID: artifactId,
            name,
            md5: md5b64(files[name] ?? ''),
            mimetype: null,
            artifactManifestID: manifestId,
            uploadPartsInput: null,
          })),
        },
      );
      const nodes = created.createArtifactFiles.files.edges.map((e) => e.node);
      expect(nodes).toHaveLength(2); // one per spec, in request order
      const contents: Record<string, unknown> = {};
      for (const [i, name] of paths.entries()) {
        const node = nodes[i];
        expect(node?.artifact.id).toBe(artifactId);
        expect(node?.uploadMultipartUrls).toBeNull();
        const res = await fetch(node?.uploadUrl ?? '', {
          method: 'PUT',
          headers: headersOf(node?.uploadHeaders ?? []),
          body: files[name],
        });
        expect(res.status).toBe(200);
        contents[name] = {
          digest: md5b64(files[name] ?? ''),
          size: Buffer.byteLength(files[name] ?? ''),
          local_path: `/home/alice/.cache/${name}`,
          birthArtifactID: node?.artifact.id,
          skip_cache: false,
        };
      }
      const manifest = JSON.stringify({
        version: 1,
        storagePolicy: 'wandb-storage-policy-v1',
        storagePolicyConfig: { storageLayout: 'V2' },
        contents,
      });
      const final = await official<{
        createArtifactManifest: {
          artifactManifest: { file: { uploadUrl: string; uploadHeaders: string[] } };
        };
      }>(emu, doc.GO_CREATE_ARTIFACT_MANIFEST, {
        ...manifestVars,
        digest: md5b64(manifest),
        includeUpload: true,
      });
      const { file } = final.createArtifactManifest.artifactManifest;
      expect(
        (
          await fetch(file.uploadUrl, {
            method: 'PUT',
            headers: headersOf(file.uploadHeaders),
            body: manifest,
          })
        ).status,
      ).toBe(200);
      const committed = await official<{ commitArtifact: { artifact: { id: string; digest: string } } }>(
        emu,
        doc.GO_COMMIT_ARTIFACT,
        { artifactID: artifactId },
      );
      expect(committed.commitArtifact.artifact).toEqual({ id: artifactId, digest });

      // The SDK then populates the artifact with ArtifactByID.
      const byId = await official<{ artifact: ArtifactFragment }>(emu, doc.ARTIFACT_BY_ID, {
        id: artifactId,
      });
      expect(byId.artifact).toMatchObject({
        __typename: 'Artifact',
        id: artifactId,
        artifactSequence: {
          __typename: 'ArtifactSequence',
          name: 'mnist-ds',
          project: { name: 'mnist', entity: { name: 'alice' } },
        },
        versionIndex: 0,
        artifactType: { name: 'dataset' },
        description: 'digits',
        ttlDurationSeconds: -2,
        ttlIsInherited: true,
        tags: [{ __typename: 'Tag', name: 'curated' }],
        state: 'COMMITTED',
        size: 16,
        digest,
        fileCount: 2,
      });
      expect(JSON.parse(byId.artifact.metadata ?? 'null')).toEqual({ rows: 1 });
      expect(byId.artifact.aliases?.map((a) => a.alias).sort()).toEqual(['best', 'latest', 'v0']);

      // And the manifest as wandb-core fetches it: the exact bytes uploaded.
      const fetched = await official<{ artifact: { currentManifest: { file: { directUrl: string } } } }>(
        emu,
        doc.GO_ARTIFACT_MANIFEST,
        { artifact_id: artifactId },
      );
      expect(await (await fetch(fetched.artifact.currentManifest.file.directUrl)).text()).toBe(manifest);
    });

    it('answers the same content again with the committed version (the saver then stops)', async () => {
      const res = await official<{
        createArtifact: {
          artifact: { id: string; state: string; artifactSequence: { latestArtifact: { id: string } } };
        };
      }>(emu, doc.GO_CREATE_ARTIFACT, {
        input: {
          entityName: 'alice',
          projectName: 'mnist',
          artifactTypeName: 'dataset',
          artifactCollectionName: 'mnist-ds',
          runName: 'train1',
          digest,
          digestAlgorithm: 'MANIFEST_MD5',
          aliases: [{ artifactCollectionName: 'mnist-ds', alias: 'latest' }],
          enableDigestDeduplication: true,
          clientID: 'c'.repeat(128),
          sequenceClientID: 'd'.repeat(128),
        },
      });
      expect(res.createArtifact.artifact).toEqual({
        id: artifactId,
        state: 'COMMITTED',
        artifactSequence: { latestArtifact: { id: artifactId } },
      });
    });

    it('uploads a file in parts and completes the multipart upload', async () => {
      const part1 = 'a'.repeat(700);
      const part2 = 'b'.repeat(300);
      const whole = part1 + part2;
      const d = manifestDigest({ 'big.bin': md5b64(whole) });
      const created = await official<{ createArtifact: { artifact: { id: string } } }>(
        emu,
        doc.GO_CREATE_ARTIFACT,
        {
          input: {
            entityName: 'alice',
            projectName: 'mnist',
            artifactTypeName: 'model',
            artifactCollectionName: 'big-model',
            runName: 'train1',
            digest: d,
            digestAlgorithm: 'MANIFEST_MD5',
            enableDigestDeduplication: true,
            clientID: 'e'.repeat(128),
            sequenceClientID: 'f'.repeat(128),
          },
        },
      );
      const id = created.createArtifact.artifact.id;
      const manifestVars = {
        artifactID: id,
        baseArtifactID: null,
        name: 'wandb_manifest.json',
        entityName: 'alice',
        projectName: 'mnist',
        runName: 'train1',
        manifestType: 'FULL',
      };
      const placeholder = await official<{ createArtifactManifest: { artifactManifest: { id: string } } }>(
        emu,
        doc.GO_CREATE_ARTIFACT_MANIFEST,
        { ...manifestVars, digest: '', includeUpload: false },
      );
      const res = await official<{ createArtifactFiles: { files: { edges: { node: FileNode }[] } } }>(
        emu,
        doc.GO_CREATE_ARTIFACT_FILES,
        {
          storageLayout: 'V2',
          artifactFiles: [
            {
              artifactID: id,
              name: 'big.bin',
              md5: md5b64(whole),
              mimetype: null,
              artifactManifestID: placeholder.createArtifactManifest.artifactManifest.id,
              uploadPartsInput: [
                { partNumber: 1, hexMD5: md5hex(part1) },
                { partNumber: 2, hexMD5: md5hex(part2) },
              ],
            },
          ],
        },
      );
      const node = res.createArtifactFiles.files.edges[0]?.node;
      const contentType = headersOf(node?.uploadHeaders ?? [])['Content-Type'] ?? '';
      const etags: string[] = [];
      for (const [i, part] of [part1, part2].entries()) {
        const url = node?.uploadMultipartUrls?.uploadUrlParts[i]?.uploadUrl ?? '';
        const put = await fetch(url, {
          method: 'PUT',
          headers: {
            'Content-MD5': md5b64(part),
            'Content-Length': String(part.length),
            'Content-Type': contentType,
          },
          body: part,
        });
        expect(put.status).toBe(200);
        etags.push(put.headers.get('etag') ?? '');
      }
      const done = await official<{ completeMultipartUploadArtifact: { digest: string } }>(
        emu,
        doc.GO_COMPLETE_MULTIPART_UPLOAD_ARTIFACT,
        {
          completeMultipartAction: 'Complete',
          completedParts: etags.map((hexMD5, i) => ({ partNumber: i + 1, hexMD5 })),
          artifactID: node?.artifact.id,
          storagePath: node?.storagePath,
          uploadID: node?.uploadMultipartUrls?.uploadID,
        },
      );
      expect(done.completeMultipartUploadArtifact.digest).toBe(md5b64(whole));
      const manifest = JSON.stringify({
        version: 1,
        storagePolicy: 'wandb-storage-policy-v1',
        storagePolicyConfig: { storageLayout: 'V2' },
        contents: { 'big.bin': { digest: md5b64(whole), size: whole.length, birthArtifactID: id } },
      });
      const final = await official<{
        updateArtifactManifest: {
          artifactManifest: { file: { uploadUrl: string; uploadHeaders: string[] } };
        };
      }>(emu, doc.GO_UPDATE_ARTIFACT_MANIFEST, {
        artifactManifestID: placeholder.createArtifactManifest.artifactManifest.id,
        digest: md5b64(manifest),
        baseArtifactID: null,
        includeUpload: true,
      });
      const { file } = final.updateArtifactManifest.artifactManifest;
      expect(
        (
          await fetch(file.uploadUrl, {
            method: 'PUT',
            headers: headersOf(file.uploadHeaders),
            body: manifest,
          })
        ).status,
      ).toBe(200);
      await official(emu, doc.GO_COMMIT_ARTIFACT, { artifactID: id });
      const urls = await official<{
        project: {
          artifactCollection: {
            artifactMembership: { files: { edges: { node: { name: string; directUrl: string } }[] } };
          };
        };
      }>(emu, doc.GET_ARTIFACT_MEMBERSHIP_FILE_URLS, {
        entity: 'alice',
        project: 'mnist',
        collection: 'big-model',
        alias: 'v0',
        perPage: 5000,
      });
      const big = urls.project.artifactCollection.artifactMembership.files.edges[0]?.node;
      expect(big?.name).toBe('big.bin');
      expect(await (await fetch(big?.directUrl ?? '')).text()).toBe(whole);
    });

    it('UseArtifact records the run as a user of the version', async () => {
      const res = await official<{ useArtifact: { artifact: { id: string } } }>(emu, doc.GO_USE_ARTIFACT, {
        input: {
          entityName: 'alice',
          projectName: 'mnist',
          runName: 'eval1',
          artifactID: artifactId,
          usedAs: 'mnist-ds:v0',
          artifactEntityName: 'alice',
          artifactProjectName: 'mnist',
        },
      });
      expect(res.useArtifact.artifact.id).toBe(artifactId);
      const usedBy = await official<{ artifact: { usedBy: { edges: { node: { name: string } }[] } } }>(
        emu,
        doc.ARTIFACT_USED_BY,
        { id: artifactId },
      );
      expect(usedBy.artifact.usedBy.edges.map((e) => e.node.name)).toEqual(['eval1']);
      const createdBy = await official<{ artifact: { createdBy: { __typename: string; name: string } } }>(
        emu,
        doc.ARTIFACT_CREATED_BY,
        { id: artifactId },
      );
      expect(createdBy.artifact.createdBy).toMatchObject({ __typename: 'Run', name: 'train1' });
      const inputs = await official<{
        project: { run: { artifacts: { totalCount: number; edges: { node: { id: string } }[] } } };
      }>(emu, doc.RUN_INPUT_ARTIFACTS, { entity: 'alice', project: 'mnist', run: 'eval1' });
      expect(inputs.project.run.artifacts.edges.map((e) => e.node.id)).toEqual([artifactId]);
      const outputs = await official<{
        project: { run: { artifacts: { edges: { node: { id: string } }[] } } };
      }>(emu, doc.RUN_OUTPUT_ARTIFACTS, { entity: 'alice', project: 'mnist', run: 'train1' });
      expect(outputs.project.run.artifacts.edges.map((e) => e.node.id)).toContain(artifactId);
    });
  });

  describe('the Python public API', () => {
    it('fetches by name (a bare name is latest), lists versions and files, and fetches the manifest', async () => {
      const byName = await official<{ project: { artifactCollectionMembership: MembershipFragment } }>(
        emu,
        doc.ARTIFACT_MEMBERSHIP_BY_NAME,
        { entity: 'alice', project: 'mnist', name: 'mnist-ds' },
      );
      const m = byName.project.artifactCollectionMembership;
      expect(m).toMatchObject({
        __typename: 'ArtifactCollectionMembership',
        versionIndex: 0,
        artifactCollection: {
          __typename: 'ArtifactSequence',
          name: 'mnist-ds',
          project: { name: 'mnist', entity: { name: 'alice' } },
        },
        artifact: { id: artifactId, versionIndex: 0 },
      });
      expect(m.artifact.aliases).toBeUndefined(); // $includeAliases defaults to false here
      expect(m.aliases.map((a) => a.alias).sort()).toEqual(['best', 'latest', 'v0']);

      const versions = await official<{
        project: {
          artifactType: {
            artifactCollection: {
              __typename: string;
              artifacts: { totalCount: number; edges: { version: string; node: ArtifactFragment }[] };
            };
          };
        };
      }>(emu, doc.PROJECT_ARTIFACTS, {
        entity: 'alice',
        project: 'mnist',
        type: 'dataset',
        collection: 'mnist-ds',
        filters: '{"state": "COMMITTED"}',
      });
      const listing = versions.project.artifactType.artifactCollection.artifacts;
      expect(listing.totalCount).toBe(1);
      expect(listing.edges.map((e) => [e.version, e.node.id])).toEqual([['v0', artifactId]]);

      const listed = await official<{
        project: {
          artifactCollection: {
            artifactMembership: {
              files: {
                totalCount: number;
                edges: {
                  node: { name: string; md5: string; digest: string; sizeBytes: number; directUrl: string };
                }[];
              };
            };
          };
        };
      }>(emu, doc.ARTIFACT_MEMBERSHIP_FILES, {
        entity: 'alice',
        project: 'mnist',
        collection: 'mnist-ds',
        alias: 'v0',
        fileNames: ['data/train.csv'],
        perPage: 1,
      });
      const { files: page } = listed.project.artifactCollection.artifactMembership;
      expect(page.totalCount).toBe(1);
      expect(page.edges[0]?.node).toMatchObject({
        name: 'data/train.csv', // FileFragment's `name` is aliased from displayName: the manifest path
        md5: md5b64(files['data/train.csv'] ?? ''),
        sizeBytes: 8,
      });

      const manifest = await official<{ artifact: { currentManifest: { file: { directUrl: string } } } }>(
        emu,
        doc.FETCH_ARTIFACT_MANIFEST,
        { id: artifactId },
      );
      const parsed = (await (await fetch(manifest.artifact.currentManifest.file.directUrl)).json()) as {
        contents: Record<string, { digest: string }>;
      };
      expect(Object.keys(parsed.contents).sort()).toEqual(['README.md', 'data/train.csv']);
    });

    it("saves an artifact: the aliases' diff, then UpdateArtifact with metadata, TTL and tags", async () => {
      const alias = (a: string) => ({
        entityName: 'alice',
        projectName: 'mnist',
        artifactCollectionName: 'mnist-ds',
        alias: a,
      });
      const added = await official<{ result: { success: boolean } }>(emu, doc.ADD_ALIASES, {
        input: { artifactID: artifactId, aliases: [alias('production')] },
      });
      expect(added.result.success).toBe(true);
      const deleted = await official<{ result: { success: boolean } }>(emu, doc.DELETE_ALIASES, {
        input: { artifactID: artifactId, aliases: [alias('best')] },
      });
      expect(deleted.result.success).toBe(true);
      const updated = await official<{ result: { artifact: ArtifactFragment } }>(emu, doc.UPDATE_ARTIFACT, {
        input: {
          artifactID: artifactId,
          description: 'handwritten digits',
          metadata: '{"rows": 2, "source": "yann"}',
          ttlDurationSeconds: 86400,
          tagsToAdd: [{ tagName: 'v2 data' }],
          tagsToDelete: [{ tagName: 'curated' }],
        },
      });
      expect(updated.result.artifact).toMatchObject({
        description: 'handwritten digits',
        ttlDurationSeconds: 86400,
        ttlIsInherited: false,
        tags: [{ name: 'v2 data' }],
      });
      expect(JSON.parse(updated.result.artifact.metadata ?? 'null')).toEqual({ rows: 2, source: 'yann' });
      expect(updated.result.artifact.aliases?.map((a) => a.alias).sort()).toEqual([
        'latest',
        'production',
        'v0',
      ]);
      // −1 goes back to the inherited default (none here); tag lists may be empty.
      const inherited = await official<{ result: { artifact: ArtifactFragment } }>(emu, doc.UPDATE_ARTIFACT, {
        input: {
          artifactID: artifactId,
          metadata: '{"rows": 2, "source": "yann"}',
          ttlDurationSeconds: -1,
          tagsToAdd: [],
          tagsToDelete: [],
        },
      });
      expect(inherited.result.artifact).toMatchObject({ ttlDurationSeconds: -2, ttlIsInherited: true });
    });

    it('links into a portfolio (membership in the answer), lists the links, and unlinks', async () => {
      const linked = await official<{
        result: { versionIndex: number; artifactMembership: MembershipFragment };
      }>(emu, doc.LINK_ARTIFACT, {
        input: {
          artifactID: artifactId,
          artifactPortfolioName: 'digits',
          entityName: 'alice',
          projectName: 'registry',
          aliases: [{ artifactCollectionName: 'digits', alias: 'staging' }],
        },
      });
      expect(linked.result.versionIndex).toBe(0);
      expect(linked.result.artifactMembership).toMatchObject({
        versionIndex: 0,
        artifactCollection: {
          __typename: 'ArtifactPortfolio',
          name: 'digits',
          project: { name: 'registry' },
        },
        artifact: { id: artifactId },
      });
      expect(linked.result.artifactMembership.aliases.map((a) => a.alias).sort()).toEqual([
        'latest',
        'staging',
        'v0',
      ]);
      // wandb-core's own LinkArtifact: linking the same version again returns its link.
      const again = await official<{ linkArtifact: { versionIndex: number } }>(emu, doc.GO_LINK_ARTIFACT, {
        artifactPortfolioName: 'digits',
        entityName: 'alice',
        projectName: 'registry',
        aliases: [],
        clientId: null,
        artifactId,
      });
      expect(again.linkArtifact.versionIndex).toBe(0);

      const links = await official<{
        artifact: {
          artifactMemberships: {
            edges: {
              node: { versionIndex: number; artifactCollection: { __typename: string; name: string } };
            }[];
          };
        };
      }>(emu, doc.FETCH_LINKED_ARTIFACTS, { artifactID: artifactId });
      expect(
        links.artifact.artifactMemberships.edges.map((e) => [
          e.node.artifactCollection.__typename,
          e.node.artifactCollection.name,
          e.node.versionIndex,
        ]),
      ).toEqual([
        ['ArtifactSequence', 'mnist-ds', 0],
        ['ArtifactPortfolio', 'digits', 0],
      ]);

      const portfolio = await official<{
        project: { artifactType: { artifactCollection: { id: string; __typename: string } } };
      }>(emu, doc.PROJECT_ARTIFACT_COLLECTION, {
        entity: 'alice',
        project: 'registry',
        type: 'dataset',
        name: 'digits',
      });
      const unlinked = await official<{ result: { success: boolean } }>(emu, doc.UNLINK_ARTIFACT, {
        input: {
          artifactID: artifactId,
          artifactPortfolioID: portfolio.project.artifactType.artifactCollection.id,
        },
      });
      expect(unlinked.result.success).toBe(true);
      const after = await official<{ project: { artifactCollectionMembership: MembershipFragment | null } }>(
        emu,
        doc.ARTIFACT_MEMBERSHIP_BY_NAME,
        { entity: 'alice', project: 'registry', name: 'digits:v0' },
      );
      expect(after.project.artifactCollectionMembership).toBeNull();
    });

    it('saves a collection (rename, type move, tags), lists its aliases, and deletes it', async () => {
      const found = await official<{ project: { artifactType: { artifactCollection: { id: string } } } }>(
        emu,
        doc.PROJECT_ARTIFACT_COLLECTION,
        { entity: 'alice', project: 'mnist', type: 'dataset', name: 'mnist-ds' },
      );
      const id = found.project.artifactType.artifactCollection.id;
      const aliases = await official<{
        artifactCollection: { aliases: { edges: { node: { alias: string } }[] } };
      }>(emu, doc.ARTIFACT_COLLECTION_ALIASES, { id });
      expect(aliases.artifactCollection.aliases.edges.map((e) => e.node.alias).sort()).toEqual([
        'latest',
        'production',
      ]);
      const renamed = await official<{
        result: { artifactCollection: { __typename: string; name: string; description: string } };
      }>(emu, doc.UPDATE_ARTIFACT_SEQUENCE, {
        input: { artifactSequenceID: id, name: 'mnist-digits', description: 'all digits' },
      });
      expect(renamed.result.artifactCollection).toMatchObject({
        __typename: 'ArtifactSequence',
        name: 'mnist-digits',
        description: 'all digits',
      });
      const moved = await official<{ result: { artifactCollection: { type: { name: string } } } }>(
        emu,
        doc.UPDATE_ARTIFACT_SEQUENCE_TYPE,
        { input: { artifactSequenceID: id, destinationArtifactTypeName: 'images' } },
      );
      expect(moved.result.artifactCollection.type.name).toBe('images');
      const tagInput = { entityName: 'alice', projectName: 'mnist', artifactCollectionName: 'mnist-digits' };
      const tagged = await official<{ result: { tags: { name: string }[] } }>(
        emu,
        doc.ADD_ARTIFACT_COLLECTION_TAGS,
        {
          input: { ...tagInput, tags: [{ tagName: 'vision' }, { tagName: 'small' }] },
        },
      );
      expect(tagged.result.tags.map((t) => t.name)).toEqual(['vision', 'small']);
      const untagged = await official<{ result: { success: boolean } }>(
        emu,
        doc.DELETE_ARTIFACT_COLLECTION_TAGS,
        {
          input: { ...tagInput, tags: [{ tagName: 'small' }] },
        },
      );
      expect(untagged.result.success).toBe(true);
      const types = await official<{ project: { artifactTypes: { edges: { node: { name: string } }[] } } }>(
        emu,
        doc.PROJECT_ARTIFACT_TYPES,
        { entity: 'alice', project: 'mnist' },
      );
      expect(types.project.artifactTypes.edges.map((e) => e.node.name)).toContain('images');

      const removed = await official<{ result: { artifact: { id: string } } }>(emu, doc.DELETE_ARTIFACT, {
        input: { artifactID: artifactId, deleteAliases: true },
      });
      expect(removed.result.artifact.id).toBe(artifactId);
      const gone = await official<{ artifact: ArtifactFragment | null }>(emu, doc.ARTIFACT_BY_ID, {
        id: artifactId,
      });
      expect(gone.artifact?.state).toBe('DELETED');
      const deleted = await official<{
        result: { artifactCollection: { __typename: string; state: string } };
      }>(emu, doc.DELETE_ARTIFACT_SEQUENCE, { id });
      expect(deleted.result.artifactCollection).toEqual({ __typename: 'ArtifactSequence', state: 'DELETED' });
    });

    it('looks up the organization of an entity: a personal entity through its user, a team through its org', async () => {
      const none = await official<{ entity: { organization: null; user: { organizations: unknown[] } } }>(
        emu,
        doc.FETCH_ORG_INFO_FROM_ENTITY,
        { entity: 'alice' },
      );
      expect(none.entity).toEqual({ organization: null, user: { organizations: [] } });

      emu.seed.organization({
        name: 'acme',
        orgEntity: 'acme-org',
        members: ['alice'],
        teams: ['acme-vision'],
      });
      type OrgInfo = { name: string; orgEntity: { name: string } | null };
      const personal = await official<{
        entity: { organization: OrgInfo | null; user: { organizations: OrgInfo[] } | null };
      }>(emu, doc.FETCH_ORG_INFO_FROM_ENTITY, { entity: 'alice' });
      expect(personal.entity).toEqual({
        organization: null,
        user: { organizations: [{ name: 'acme', orgEntity: { name: 'acme-org' } }] },
      });
      const team = await official<{ entity: { organization: OrgInfo | null; user: unknown } }>(
        emu,
        doc.FETCH_ORG_INFO_FROM_ENTITY,
        { entity: 'acme-vision' },
      );
      expect(team.entity).toEqual({
        organization: { name: 'acme', orgEntity: { name: 'acme-org' } },
        user: null,
      });
      expect(() => emu.seed.organization({ name: 'other', teams: ['acme-vision'] })).toThrow(
        /already belongs to organization acme/,
      );
    });
  });
});
