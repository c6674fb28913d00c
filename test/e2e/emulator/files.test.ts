// The emulator's run files over raw HTTP: signed storage URLs (no API key, the signature instead),
// refusals (bad, wrong-method and expired signatures), uploads, and the GraphQL side.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createManualClock,
  startEmulator,
  UPLOAD_CONTENT_TYPE,
  type Emulator,
} from '../../../src/emulator/index.js';
import { data, gql } from '../../support/emulator-http.js';

const BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const md5 = (content: Uint8Array | string): string => createHash('md5').update(content).digest('base64');

const FILES_QUERY = `query Files($entity: String!, $project: String!, $run: String!, $names: [String], $after: String, $first: Int) {
  project(name: $project, entityName: $entity) {
    run(name: $run) {
      projectId
      fileCount
      files(names: $names, after: $after, first: $first) {
        edges { cursor node { id name displayName url directUrl sizeBytes md5 digest mimetype createdAt updatedAt uploadUrl uploadHeaders } }
        pageInfo { endCursor hasNextPage }
      }
    }
  }
}`;

interface FileNode {
  id: string;
  name: string;
  url: string;
  directUrl: string;
  sizeBytes: number;
  md5: string;
  digest: string;
  mimetype: string;
  uploadUrl: string | null;
  uploadHeaders: string[];
}
interface FilesData {
  project: {
    run: {
      projectId: string;
      fileCount: number;
      files: {
        edges: { cursor: string; node: FileNode }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
  };
}

const CREATE = `mutation Create($files: [String!]!, $run: String!) {
  createRunFiles(input: { entityName: "alice", projectName: "store", runName: $run, files: $files }) {
    runID uploadHeaders files { name uploadUrl }
  }
}`;
interface CreateData {
  createRunFiles: { runID: string; uploadHeaders: string[]; files: { name: string; uploadUrl: string }[] };
}

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ viewer: { username: 'alice' } });
  emu.seed.run({
    project: 'store',
    id: 'r1',
    files: {
      'config.yaml': 'lr: 0.1\n',
      'bin/data.bin': BYTES,
      'logs/out.log': 'line\n',
      '../evil.txt': 'x',
    },
  });
  emu.seed.run({ project: 'store', id: 'empty' });
});
afterAll(() => emu.close());

async function files(variables: Record<string, unknown> = {}): Promise<FilesData['project']['run']> {
  const d = await data<FilesData>(emu, FILES_QUERY, {
    entity: 'alice',
    project: 'store',
    run: 'r1',
    ...variables,
  });
  return d.project.run;
}

async function fileNamed(name: string, run = 'r1'): Promise<FileNode> {
  const found = await files({ names: [name], run });
  const node = found.files.edges[0]?.node;
  if (!node) throw new Error(`no ${name}`);
  return node;
}

function tamper(url: string, param: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(param, value);
  return u.href;
}

describe('GraphQL: Run.files and File', () => {
  it('lists files by name with fileCount, sizes, base64 md5 and MIME types', async () => {
    const run = await files();
    expect(run.fileCount).toBe(4);
    expect(run.files.edges.map((e) => e.node.name)).toEqual([
      '../evil.txt',
      'bin/data.bin',
      'config.yaml',
      'logs/out.log',
    ]);
    const config = run.files.edges[2]!.node;
    expect(config).toMatchObject({
      name: 'config.yaml',
      sizeBytes: 8,
      md5: md5('lr: 0.1\n'),
      digest: md5('lr: 0.1\n'),
      mimetype: 'application/x-yaml',
      uploadUrl: null,
      uploadHeaders: [],
    });
    expect(Buffer.from(config.id, 'base64').toString()).toMatch(/^File:\d+$/);
    expect(config.directUrl.startsWith(`${emu.url}/storage/`)).toBe(true);
    expect(new URL(config.directUrl).searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters by names (an empty list means all) and pages with cursors', async () => {
    expect((await files({ names: ['logs/out.log', 'nope'] })).files.edges.map((e) => e.node.name)).toEqual([
      'logs/out.log',
    ]);
    expect((await files({ names: [] })).files.edges).toHaveLength(4);
    const first = await files({ first: 3 });
    expect(first.files.pageInfo.hasNextPage).toBe(true);
    const rest = await files({ first: 3, after: first.files.edges[2]!.cursor });
    expect(rest.files.edges.map((e) => e.node.name)).toEqual(['logs/out.log']);
    expect(rest.files.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses the arguments it does not implement', async () => {
    for (const arg of ['contentType: ["text/plain"]', 'last: 1', 'before: "x"']) {
      const res = await gql(
        emu,
        `{ project(name: "store", entityName: "alice") { run(name: "r1") { files(${arg}) { edges { cursor } } } } }`,
      );
      expect(res.json.errors?.[0]?.message).toMatch(
        /does not implement argument Run\.files\((contentType|last|before):\)/,
      );
    }
  });

  it('filters by an SQL LIKE pattern, pages over the matches, and applies names too when both are given', async () => {
    const query = `query ($pattern: String, $names: [String], $after: String, $first: Int) {
      project(name: "store", entityName: "alice") { run(name: "r1") {
        fileCount
        files(pattern: $pattern, names: $names, after: $after, first: $first) {
          edges { cursor node { name } } pageInfo { endCursor hasNextPage }
        }
      } }
    }`;
    type Run = FilesData['project']['run'];
    const ask = async (variables: Record<string, unknown>): Promise<Run> =>
      (await data<FilesData>(emu, query, variables)).project.run;
    const names = (run: Run): string[] => run.files.edges.map((e) => e.node.name);

    const first = await ask({ pattern: '%/%', first: 1 });
    expect(names(first)).toEqual(['../evil.txt']);
    expect(first.files.pageInfo.hasNextPage).toBe(true);
    expect(first.fileCount).toBe(4);
    const rest = await ask({ pattern: '%/%', after: first.files.pageInfo.endCursor });
    expect(names(rest)).toEqual(['bin/data.bin', 'logs/out.log']);
    expect(rest.files.pageInfo.hasNextPage).toBe(false);
    expect(names(await ask({ pattern: '%/%', names: ['config.yaml', 'logs/out.log'] }))).toEqual([
      'logs/out.log',
    ]);
    expect(names(await ask({ pattern: '%.LOG' }))).toEqual([]);
    expect(names(await ask({ pattern: '' }))).toEqual([]);
  });
});

describe('storage: signed GET', () => {
  it('serves the content to a plain request without any credentials, with Content-Length and the MIME type', async () => {
    const node = await fileNamed('bin/data.bin');
    const res = await fetch(node.directUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('256');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(BYTES);
    const text = await fetch((await fileNamed('config.yaml')).url);
    expect(await text.text()).toBe('lr: 0.1\n');
  });

  it('serves names with path segments and hostile names as stored', async () => {
    expect(await (await fetch((await fileNamed('../evil.txt')).directUrl)).text()).toBe('x');
    expect(await (await fetch((await fileNamed('logs/out.log')).directUrl)).text()).toBe('line\n');
  });

  it('records storage requests with kind "storage"', async () => {
    emu.clearRequests();
    const node = await fileNamed('config.yaml');
    await fetch(node.directUrl);
    const storage = emu.requests.filter((r) => r.kind === 'storage');
    expect(storage).toHaveLength(1);
    expect(storage[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(storage[0]!.headers.authorization).toBeUndefined();
  });

  it('refuses a missing, tampered or other-file signature with 403, and a wrong path with 404', async () => {
    const url = (await fileNamed('config.yaml')).directUrl;
    const other = (await fileNamed('logs/out.log')).directUrl;
    const unsigned = new URL(url);
    unsigned.search = '';
    const swapped = new URL(url);
    swapped.searchParams.set('signature', new URL(other).searchParams.get('signature')!);
    const later = tamper(url, 'expires', String(Date.now() + 10 * 3_600_000));
    for (const bad of [unsigned.href, tamper(url, 'signature', '0'.repeat(64)), swapped.href, later]) {
      const res = await fetch(bad);
      expect(res.status, bad).toBe(403);
      expect(await res.text()).toMatch(/signature/);
    }
    expect((await fetch(`${emu.url}/storage/elsewhere`)).status).toBe(404);
  });

  it('does not accept a GET signature for a PUT', async () => {
    const url = (await fileNamed('config.yaml')).directUrl;
    const res = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': UPLOAD_CONTENT_TYPE },
      body: 'overwrite',
    });
    expect(res.status).toBe(403);
    expect(await (await fetch(url)).text()).toBe('lr: 0.1\n');
  });

  it('GraphQL still needs the API key (storage does not, GraphQL does)', async () => {
    expect((await gql(emu, '{ viewer { username } }', undefined, { auth: null })).status).toBe(401);
  });
});

describe('storage: expiry', () => {
  it('refuses an expired URL with 403 "Request has expired"', async () => {
    const clock = createManualClock('2024-06-01T00:00:00Z');
    const short = await startEmulator({ viewer: { username: 'alice' }, signedUrlLifetimeMs: 50, clock });
    try {
      short.seed.run({ project: 'store', id: 'r1', files: { 'a.txt': 'a' } });
      const d = await data<FilesData>(short, FILES_QUERY, { entity: 'alice', project: 'store', run: 'r1' });
      const url = d.project.run.files.edges[0]!.node.directUrl;
      clock.advance(50);
      expect((await fetch(url)).status).toBe(200); // valid up to and including its expiry instant
      clock.advance(1);
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Request has expired');
    } finally {
      await short.close();
    }
  });

  it('rejects a lifetime that is not a positive number', async () => {
    await expect(startEmulator({ signedUrlLifetimeMs: 0 })).rejects.toThrow(/signedUrlLifetimeMs/);
  });
});

describe('uploads: createRunFiles and PUT', () => {
  it('hands out signed PUT URLs and the headers to send; the file exists once uploaded', async () => {
    const created = (await data<CreateData>(emu, CREATE, { files: ['up/new.bin'], run: 'empty' }))
      .createRunFiles;
    expect(Buffer.from(created.runID, 'base64').toString()).toMatch(/^Run:\d+$/);
    expect(created.uploadHeaders).toEqual([`Content-Type:${UPLOAD_CONTENT_TYPE}`]);
    expect(created.files.map((f) => f.name)).toEqual(['up/new.bin']);
    const before = await data<FilesData>(emu, FILES_QUERY, {
      entity: 'alice',
      project: 'store',
      run: 'empty',
    });
    expect(before.project.run.fileCount).toBe(0);

    const put = await fetch(created.files[0]!.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': UPLOAD_CONTENT_TYPE },
      body: BYTES,
    });
    expect(put.status).toBe(200);
    const after = await data<FilesData>(emu, FILES_QUERY, {
      entity: 'alice',
      project: 'store',
      run: 'empty',
    });
    expect(after.project.run.fileCount).toBe(1);
    const node = after.project.run.files.edges[0]!.node;
    expect(node).toMatchObject({ name: 'up/new.bin', sizeBytes: 256, md5: md5(BYTES) });
    expect(new Uint8Array(await (await fetch(node.directUrl)).arrayBuffer())).toEqual(BYTES);
  });

  it('refuses an upload without the Content-Type of uploadHeaders, and keeps nothing', async () => {
    const created = (await data<CreateData>(emu, CREATE, { files: ['strict.txt'], run: 'r1' }))
      .createRunFiles;
    const res = await fetch(created.files[0]!.uploadUrl, { method: 'PUT', body: 'text' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('uploadHeaders');
    expect((await files()).fileCount).toBe(4);
  });

  it('answers an empty runID for a run that does not exist', async () => {
    const created = (await data<CreateData>(emu, CREATE, { files: ['a.txt'], run: 'missing' }))
      .createRunFiles;
    expect(created).toEqual({ runID: '', uploadHeaders: [], files: [] });
  });

  it('refuses names that cannot be stored', async () => {
    const res = await gql(emu, CREATE, { files: ['..'], run: 'r1' });
    expect(res.json.errors?.[0]?.message).toMatch(/createRunFiles: files must be/);
  });

  it('File.url(upload: true) is a signed upload URL', async () => {
    // A run of its own: the upload overwrites the file, which r1's readers expect as seeded.
    emu.seed.run({ project: 'store', id: 'rewrite', files: { 'logs/out.log': 'line\n' } });
    const d = await data<{ project: { run: { files: { edges: { node: { url: string } }[] } } } }>(
      emu,
      '{ project(name: "store", entityName: "alice") { run(name: "rewrite") { files(names: ["logs/out.log"]) { edges { node { url(upload: true) } } } } } }',
    );
    const url = d.project.run.files.edges[0]!.node.url;
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': UPLOAD_CONTENT_TYPE },
      body: 'new line\n',
    });
    expect(put.status).toBe(200);
    expect(await (await fetch((await fileNamed('logs/out.log', 'rewrite')).directUrl)).text()).toBe(
      'new line\n',
    );
  });
});

describe('deleteFiles', () => {
  const DELETE = `mutation Delete($files: [ID!]!, $projectId: Int) { deleteFiles(input: { files: $files, projectId: $projectId }) { success } }`;

  it('deletes by id (within the project when given); an unknown id deletes nothing', async () => {
    emu.seed.run({ project: 'store', id: 'del', files: { 'a.txt': 'a', 'b.txt': 'b' } });
    const d = await data<FilesData>(emu, FILES_QUERY, { entity: 'alice', project: 'store', run: 'del' });
    const [a, b] = d.project.run.files.edges.map((e) => e.node);
    const projectId = Number(d.project.run.projectId);

    const unknown = await gql(emu, DELETE, { files: [a!.id, Buffer.from('File:99999').toString('base64')] });
    expect(unknown.json.errors?.[0]?.message).toMatch(/deleteFiles: file .* not found/);
    const wrongProject = await gql(emu, DELETE, { files: [a!.id], projectId: projectId + 1000 });
    expect(wrongProject.json.errors?.[0]?.message).toMatch(/not found in project/);

    expect(await data(emu, DELETE, { files: [a!.id], projectId })).toEqual({
      deleteFiles: { success: true },
    });
    const after = await data<FilesData>(emu, FILES_QUERY, { entity: 'alice', project: 'store', run: 'del' });
    expect(after.project.run.files.edges.map((e) => e.node.name)).toEqual(['b.txt']);
    expect((await fetch(a!.directUrl)).status).toBe(404);
    expect((await fetch(b!.directUrl)).status).toBe(200);
  });
});

describe('storage faults', () => {
  it('a storage fault applies to storage requests only', async () => {
    emu.faults.add({ target: 'storage', status: 503, retryAfterSeconds: 2 });
    const node = await fileNamed('config.yaml'); // GraphQL: not affected
    const first = await fetch(node.directUrl);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await fetch(node.directUrl)).status).toBe(200);
    expect(() => emu.faults.add({ target: 'storage', operationName: 'RunFiles', status: 500 })).toThrow(
      /omit operationName/,
    );
  });
});
