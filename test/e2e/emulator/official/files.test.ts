// The official client's file documents, in their shape (notes §1.6, M8-M10): RunFiles (with the
// project's internalId), the upload flow of Run.upload_file (CreateRunFiles, the PUT with the
// uploadHeaders, wandb-core's MarkRunFilesUploaded when the feature is on, then RunFiles by name)
// and File.delete's lower-case deleteFiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { KEY, official } from '../../../support/emulator-http.js';

const RUN_FILES = `#graphql
query RunFiles($project: String!, $entity: String!, $name: String!, $fileCursor: String,
    $fileLimit: Int = 50, $fileNames: [String] = [], $upload: Boolean = false, $pattern: String) {
  project(name: $project, entityName: $entity) {
    internalId
    run(name: $name) {
      fileCount
      ...RunFilesFields
    }
  }
}
fragment RunFilesFields on Run {
  files(names: $fileNames, after: $fileCursor, first: $fileLimit, pattern: $pattern) {
    edges {
      node { id name url(upload: $upload) directUrl sizeBytes mimetype updatedAt md5 }
      cursor
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

const CREATE_RUN_FILES = `mutation CreateRunFiles($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
  createRunFiles(input: {entityName: $entity, projectName: $project, runName: $run, files: $files}) {
    runID
    uploadHeaders
    files { name uploadUrl }
  }
}`;

const MARK_UPLOADED = `mutation MarkRunFilesUploaded($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
  markRunFilesUploaded(input: {entityName: $entity, projectName: $project, runName: $run, files: $files}) {
    success
  }
}`;

const DELETE_FILES = `mutation deleteFiles($files: [ID!]!, $projectId: Int) {
  deleteFiles(input: {files: $files, projectId: $projectId}) { success }
}`;

interface FileNode {
  id: string;
  name: string;
  url: string;
  directUrl: string;
  sizeBytes: number;
  mimetype: string;
  updatedAt: string;
  md5: string;
}
interface RunFilesData {
  project: {
    internalId: string;
    run: {
      fileCount: number;
      files: {
        edges: { node: FileNode; cursor: string }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
  };
}

const SEEDED_FILES = { 'a.txt': 'alpha', 'b.json': '{"b": 1}', 'c.txt': 'gamma!' };

const listing = (extra: Record<string, unknown> = {}) => ({
  project: 'p',
  entity: 'alice',
  name: 'files001',
  fileNames: [],
  upload: false,
  pattern: null,
  fileLimit: 2,
  fileCursor: null,
  ...extra,
});

describe('official documents: files', () => {
  let emu: Emulator;
  let internalId: number;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    internalId = emu.seed.project({ name: 'p' }).internalId;
    emu.seed.run({ project: 'p', id: 'files001', files: SEEDED_FILES });
  });
  afterAll(() => emu.close());

  it('answers RunFiles by name order, paged on the last edge cursor; fileCount is the whole run', async () => {
    const first = await official<RunFilesData>(emu, RUN_FILES, listing());
    expect(Buffer.from(first.project.internalId, 'base64').toString()).toBe(
      `ProjectInternalId:${internalId}`,
    );
    expect(first.project.run.fileCount).toBe(3);
    const nodes = first.project.run.files.edges.map((e) => e.node);
    expect(nodes.map((n) => [n.name, n.sizeBytes, n.mimetype])).toEqual([
      ['a.txt', 5, 'text/plain'],
      ['b.json', 8, 'application/json'],
    ]);
    expect(await (await fetch(nodes[0]?.url ?? '')).text()).toBe('alpha');
    expect(await (await fetch(nodes[1]?.directUrl ?? '')).text()).toBe('{"b": 1}');
    const rest = await official<RunFilesData>(
      emu,
      RUN_FILES,
      listing({ fileCursor: first.project.run.files.edges.at(-1)?.cursor }),
    );
    expect(rest.project.run.files.edges.map((e) => e.node.name)).toEqual(['c.txt']);
    expect(rest.project.run.files.pageInfo.hasNextPage).toBe(false);
  });

  it('answers RunFiles with fileNames or a pattern', async () => {
    const named = await official<RunFilesData>(emu, RUN_FILES, listing({ fileNames: ['c.txt'] }));
    expect(named.project.run.files.edges.map((e) => e.node.name)).toEqual(['c.txt']);
    expect(named.project.run.fileCount).toBe(3);
    const pattern = await official<RunFilesData>(
      emu,
      RUN_FILES,
      listing({ pattern: '%.json', fileLimit: 50 }),
    );
    expect(pattern.project.run.files.edges.map((e) => e.node.name)).toEqual(['b.json']);
  });

  it('answers the upload flow: CreateRunFiles, PUT with its headers, MarkRunFilesUploaded, RunFiles', async () => {
    const marking = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice' },
      features: { MARK_RUN_FILES_UPLOADED: true },
    });
    try {
      marking.seed.run({ project: 'p', id: 'up000001' });
      const target = { entity: 'alice', project: 'p', run: 'up000001' };
      const created = await official<{
        createRunFiles: {
          runID: string;
          uploadHeaders: string[];
          files: { name: string; uploadUrl: string }[];
        };
      }>(marking, CREATE_RUN_FILES, { ...target, files: ['out/model.txt'] });
      expect(created.createRunFiles.runID).not.toBe('');
      const [file] = created.createRunFiles.files;
      expect(file?.name).toBe('out/model.txt');
      const headers = Object.fromEntries(
        created.createRunFiles.uploadHeaders.map((h) => [
          h.slice(0, h.indexOf(':')),
          h.slice(h.indexOf(':') + 1),
        ]),
      );
      const put = await fetch(file?.uploadUrl ?? '', { method: 'PUT', headers, body: 'weights' });
      expect(put.status).toBe(200);
      const listed = { project: 'p', entity: 'alice', name: 'up000001', fileNames: ['out/model.txt'] };
      const before = await official<RunFilesData>(marking, RUN_FILES, listed);
      expect(before.project.run.files.edges).toEqual([]); // held back until marked
      const marked = await official<{ markRunFilesUploaded: { success: boolean } }>(
        marking,
        MARK_UPLOADED,
        { ...target, files: ['out/model.txt'] },
        { operationName: 'MarkRunFilesUploaded' },
      );
      expect(marked.markRunFilesUploaded.success).toBe(true);
      const after = await official<RunFilesData>(marking, RUN_FILES, listed);
      const node = after.project.run.files.edges[0]?.node;
      expect(node?.sizeBytes).toBe(7);
      expect(await (await fetch(node?.directUrl ?? '')).text()).toBe('weights');
    } finally {
      await marking.close();
    }
  });

  it('answers deleteFiles with the file id and the run projectId as an Int', async () => {
    // A run of its own: files001 keeps its three files for the RunFiles tests.
    emu.seed.run({ project: 'p', id: 'files002', files: SEEDED_FILES });
    const run = await official<{ project: { run: { projectId: string } } }>(
      emu,
      'query ($n: String!) { project(name: "p", entityName: "alice") { run(name: $n) { projectId } } }',
      { n: 'files002' },
    );
    const projectId = Number.parseInt(run.project.run.projectId, 10);
    const named = await official<RunFilesData>(
      emu,
      RUN_FILES,
      listing({ name: 'files002', fileNames: ['a.txt'] }),
    );
    const id = named.project.run.files.edges[0]?.node.id;
    const d = await official<{ deleteFiles: { success: boolean } }>(emu, DELETE_FILES, {
      files: [id],
      projectId,
    });
    expect(d.deleteFiles.success).toBe(true);
    const left = await official<RunFilesData>(emu, RUN_FILES, listing({ name: 'files002', fileLimit: 50 }));
    expect(left.project.run.files.edges.map((e) => e.node.name)).toEqual(['b.json', 'c.txt']);
  });
});
