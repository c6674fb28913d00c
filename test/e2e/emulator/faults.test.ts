// Fault targeting over real HTTP: skip, match on variables (subset or predicate), the storage
// method, a seeded rate, and truncated bodies (a client sees a network error, never a hang).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { Api, NetworkError } from '../../../src/index.js';
import { basic, gql, KEY } from '../../support/emulator-http.js';

// Faults are decided before a document is validated or executed; this one also executes (a 200
// that is not a fault may still carry a GraphQL error, e.g. for the made-up cursors used here).
const PAGE = `query Page($cursor: String, $perPage: Int, $filters: JSONString) {
  project(name: "p", entityName: "alice") { runCount(filters: $filters) runs(after: $cursor, first: $perPage) { totalCount } }
}`;

describe('emulator faults: targeting', () => {
  let emu: Emulator;
  let fileUrl: string;
  let uploadUrl: string;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.run({ project: 'p', id: 'r1', files: { 'a.txt': 'alpha' } });
    const d = await gql(
      emu,
      `mutation { createRunFiles(input: {entityName: "alice", projectName: "p", runName: "r1", files: ["up.txt"]}) { files { uploadUrl } } }`,
    );
    uploadUrl = (d.json.data as { createRunFiles: { files: { uploadUrl: string }[] } }).createRunFiles
      .files[0]!.uploadUrl;
    const files = await gql(
      emu,
      '{ project(name: "p", entityName: "alice") { run(name: "r1") { files { edges { node { directUrl } } } } } }',
    );
    fileUrl = (
      files.json.data as { project: { run: { files: { edges: { node: { directUrl: string } }[] } } } }
    ).project.run.files.edges[0]!.node.directUrl;
  });
  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });
  afterAll(() => emu.close());

  const page = (variables: Record<string, unknown>) => gql(emu, PAGE, variables, { operationName: '' });
  const statuses = async (requests: (() => Promise<{ status: number }>)[]): Promise<number[]> => {
    const out: number[] = [];
    for (const request of requests) out.push((await request()).status);
    return out;
  };

  it('skip lets the first N matching requests through, then applies `times` times', async () => {
    const fault = emu.faults.add({ operationName: 'Page', status: 503, skip: 2, times: 2 });
    const other = () => gql(emu, 'query Other { viewer { id } }');
    expect(
      await statuses([() => page({}), other, () => page({}), () => page({}), () => page({}), () => page({})]),
    ).toEqual([200, 200, 200, 503, 503, 200]);
    expect(fault.matched).toBe(4); // the Other request never matched
    expect(emu.faults.list()).toEqual([]);
  });

  it('matches variables as a subset: extra variables are fine, a different value is not', async () => {
    emu.faults.add({
      operationName: 'Page',
      match: { variables: { cursor: 'abc', perPage: 50 } },
      status: 500,
    });
    expect((await page({ cursor: 'xyz', perPage: 50 })).status).toBe(200);
    expect((await page({ cursor: 'abc', perPage: 10 })).status).toBe(200);
    expect((await page({ cursor: 'abc', perPage: 50, filters: '{}' })).status).toBe(500);
    expect((await page({ cursor: 'abc', perPage: 50 })).status).toBe(200); // used up
  });

  it('matches null to a null or an absent variable, and objects and arrays recursively', async () => {
    emu.faults.add({ match: { variables: { cursor: null } }, status: 500, times: 2 });
    expect((await page({ cursor: 'abc' })).status).toBe(200);
    expect((await page({ cursor: null })).status).toBe(500);
    expect((await gql(emu, PAGE)).status).toBe(500); // no variables at all
    emu.faults.add({
      match: { variables: { input: { modelName: 'p', tags: ['a'] } } },
      status: 409,
      times: Infinity,
    });
    const upsert = (input: Record<string, unknown>) =>
      gql(
        emu,
        'mutation Upsert($input: UpsertBucketInput!) { upsertBucket(input: $input) { inserted } }',
        { input },
        {
          operationName: '',
        },
      );
    expect((await upsert({ modelName: 'p', name: 'run1', tags: ['a'], entityName: 'alice' })).status).toBe(
      409,
    );
    const longer = await upsert({ modelName: 'p', name: 'run2', tags: ['a', 'b'] });
    expect(longer.status).toBe(200);
    expect(longer.json.data).toEqual({ upsertBucket: { inserted: true } });
    expect((await upsert({ modelName: 'q', name: 'run3', tags: ['a'] })).status).toBe(200);
  });

  it('matches variables with a predicate, and JSON-in-JSON variables as the text sent', async () => {
    emu.faults.add({
      match: { variables: (v) => typeof v.cursor === 'string' && v.cursor.startsWith('Y') },
      status: 502,
    });
    expect((await page({ cursor: 'abc' })).status).toBe(200);
    expect((await page({ cursor: 'Y3Vy' })).status).toBe(502);
    emu.faults.add({ match: { variables: { filters: '{"state": "finished"}' } }, status: 400 });
    expect((await page({ filters: '{"state":"finished"}' })).status).toBe(200);
    expect((await page({ filters: '{"state": "finished"}' })).status).toBe(400);
  });

  it('matches the operation name of the document when the body sends operationName ""', async () => {
    emu.faults.add({ operationName: 'Page', status: 503 });
    expect((await page({})).status).toBe(503);
    expect(emu.requests.at(-1)?.operationName).toBe('Page');
  });

  it("matches storage requests by method: 'PUT' faults uploads, downloads go through", async () => {
    emu.faults.add({ target: 'storage', method: 'PUT', status: 503 });
    expect((await fetch(fileUrl)).status).toBe(200);
    const put = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: 'x',
    });
    expect(put.status).toBe(503);
    emu.faults.add({ target: 'storage', method: 'GET', status: 500, skip: 1 });
    expect((await fetch(fileUrl)).status).toBe(200);
    expect((await fetch(fileUrl)).status).toBe(500);
  });

  it('afterApply plays the fault once the request was handled: the write happened, the answer is lost', async () => {
    const upsert = (name: string) =>
      gql(emu, `mutation { upsertBucket(input: {modelName: "p", name: "${name}"}) { inserted } }`);
    const runExists = (name: string) =>
      [...emu.store.runs.values()].some(
        (r) => r.name === name && emu.store.projects.get(r.projectId)?.name === 'p',
      );
    emu.faults.add({ status: 503 }); // before: nothing written
    expect((await upsert('before1')).status).toBe(503);
    expect(runExists('before1')).toBe(false);
    emu.faults.add({ status: 503, afterApply: true }); // after: written, then 503
    expect((await upsert('after1')).status).toBe(503);
    expect(runExists('after1')).toBe(true);
    emu.faults.add({ dropConnection: true, afterApply: true });
    await expect(upsert('after2')).rejects.toThrow();
    expect(runExists('after2')).toBe(true);
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 0]);
    // An upload applied, then its answer dropped: the file is stored all the same.
    emu.faults.add({ target: 'storage', method: 'PUT', dropConnection: true, afterApply: true });
    await expect(
      fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: 'late',
      }),
    ).rejects.toThrow();
    const run = [...emu.store.runs.values()].find((r) => r.name === 'r1');
    expect(new TextDecoder().decode(run?.files.get('up.txt')?.content)).toBe('late');
  });

  it('refuses faults that cannot match or contradict themselves', () => {
    expect(() => emu.faults.add({ status: 500, skip: -1 })).toThrow(/skip/);
    expect(() => emu.faults.add({ status: 500, skip: 1.5 })).toThrow(/skip/);
    expect(() => emu.faults.add({ status: 500, rate: 0 })).toThrow(/rate/);
    expect(() => emu.faults.add({ status: 500, rate: 1.5 })).toThrow(/rate/);
    expect(() => emu.faults.add({ status: 500, method: 'GET' })).toThrow(/target: 'storage'/);
    expect(() => emu.faults.add({ target: 'storage', status: 500, match: { variables: {} } })).toThrow(
      /omit/,
    );
    expect(() => emu.faults.add({ target: 'storage', status: 500, operationName: 'X' })).toThrow(/omit/);
    expect(() => emu.faults.add({ dropConnection: true, truncateBody: 3 })).toThrow(/truncate/);
    expect(() => emu.faults.add({ truncateBody: -1 })).toThrow(/truncateBody/);
    expect(() => emu.faults.add({ operationName: 'X' })).toThrow(/at least one/);
    expect(emu.faults.list()).toEqual([]);
  });
});

describe('emulator faults: rate', () => {
  async function outcomes(options: { faultSeed?: string | number; seed?: string }): Promise<number[]> {
    const emu = await startEmulator({
      apiKey: KEY,
      ...(options.faultSeed !== undefined ? { faultSeed: options.faultSeed } : {}),
    });
    try {
      emu.faults.add({
        status: 503,
        rate: 0.5,
        times: Infinity,
        ...(options.seed ? { seed: options.seed } : {}),
      });
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await gql(emu, '{ viewer { id } }')).status);
      return out;
    } finally {
      await emu.close();
    }
  }

  it('faults a seeded fraction of matching requests: the same ones on every run', async () => {
    const first = await outcomes({ faultSeed: 'run-a' });
    expect(await outcomes({ faultSeed: 'run-a' })).toEqual(first);
    const faulted = first.filter((s) => s === 503).length;
    expect(faulted).toBeGreaterThan(0);
    expect(faulted).toBeLessThan(24);
    expect(new Set(first)).toEqual(new Set([200, 503]));
    expect(await outcomes({})).toEqual(await outcomes({})); // the default seed is fixed too
  });

  it("a fault's own seed wins over the emulator's faultSeed", async () => {
    expect(await outcomes({ faultSeed: 1, seed: 'mine' })).toEqual(
      await outcomes({ faultSeed: 2, seed: 'mine' }),
    );
  });

  it('counts only faulted requests against times, after skip', async () => {
    const emu = await startEmulator({ apiKey: KEY, faultSeed: 'count' });
    try {
      const fault = emu.faults.add({ status: 503, rate: 0.25, times: 3, skip: 2 });
      const seen: number[] = [];
      while (emu.faults.list().length > 0 && seen.length < 500) {
        seen.push((await gql(emu, '{ viewer { id } }')).status);
      }
      expect(seen.slice(0, 2)).toEqual([200, 200]);
      expect(seen.filter((s) => s === 503)).toHaveLength(3);
      expect(seen.at(-1)).toBe(503);
      expect(fault.matched).toBe(seen.length);
      expect(fault.remaining).toBe(0);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator faults: truncateBody', () => {
  let emu: Emulator;
  let fileUrl: string;
  beforeAll(async () => {
    emu = await startEmulator({ apiKey: KEY, viewer: { username: 'alice' } });
    emu.seed.run({ project: 'p', id: 'r1', files: { 'big.txt': 'x'.repeat(10_000) } });
    const files = await gql(
      emu,
      '{ project(name: "p", entityName: "alice") { run(name: "r1") { files { edges { node { directUrl } } } } } }',
    );
    fileUrl = (
      files.json.data as { project: { run: { files: { edges: { node: { directUrl: string } }[] } } } }
    ).project.run.files.edges[0]!.node.directUrl;
  });
  beforeEach(() => emu.faults.clear());
  afterAll(() => emu.close());

  const post = (query: string) =>
    fetch(`${emu.url}/graphql`, {
      method: 'POST',
      headers: { authorization: basic(KEY), 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  it('sends the real status and headers, the first N bytes, then closes: reading the body fails', async () => {
    emu.faults.add({ truncateBody: 5 });
    const res = await post('{ viewer { username email } }');
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(5);
    await expect(res.text()).rejects.toThrow();
    expect(emu.requests.at(-1)?.status).toBe(200);
    expect((await post('{ viewer { username } }')).status).toBe(200); // used up
  });

  it('cuts a storage download short', async () => {
    emu.faults.add({ target: 'storage', method: 'GET', truncateBody: 1_000 });
    const res = await fetch(fileUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('10000');
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect((await (await fetch(fileUrl)).text()).length).toBe(10_000);
  });

  it("cuts a status fault's own body short, and truncateBody: 0 sends headers only", async () => {
    emu.faults.add({
      status: 503,
      body: '{"errors":[{"message":"down for maintenance"}]}',
      truncateBody: 10,
    });
    const res = await post('{ viewer { id } }');
    expect(res.status).toBe(503);
    await expect(res.text()).rejects.toThrow();
    emu.faults.add({ truncateBody: 0 });
    await expect((await post('{ viewer { id } }')).text()).rejects.toThrow();
  });

  it('is a NetworkError to the client, not a hang', async () => {
    emu.faults.add({ truncateBody: 8 });
    const api = new Api({ baseUrl: emu.url, apiKey: KEY, retry: false, cache: false });
    await expect(api.viewer()).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('emulator faults: a 429 storm', () => {
  /** Sends `n` GraphQL requests one after the other; answers their statuses and the emulator's log. */
  async function storm(n: number, seed: number) {
    const emu = await startEmulator({ apiKey: KEY });
    try {
      emu.faults.add({ target: 'graphql', status: 429, rate: 0.3, seed, times: Infinity, retryAfterMs: 250 });
      const statuses: number[] = [];
      const retryAfter = new Set<string | null>();
      for (let i = 0; i < n; i++) {
        const res = await gql(emu, '{ viewer { id } }');
        statuses.push(res.status);
        if (res.status === 429) retryAfter.add(res.headers.get('retry-after'));
      }
      return { statuses, retryAfter, logged: emu.requests.map((r) => r.status) };
    } finally {
      await emu.close();
    }
  }

  it('answers a seeded ~30% of requests 429 with Retry-After in fractions of a second, each in the request log', async () => {
    const first = await storm(200, 1);
    const again = await storm(200, 1);
    expect(again.statuses).toEqual(first.statuses); // the same requests, seed 1, on every run
    const throttled = first.statuses.filter((s) => s === 429).length;
    expect(throttled).toBeGreaterThan(40); // 30% of 200 is 60
    expect(throttled).toBeLessThan(80);
    expect(new Set(first.statuses)).toEqual(new Set([200, 429]));
    expect(first.retryAfter).toEqual(new Set(['0.25']));
    expect(first.logged).toEqual(first.statuses); // a benchmark counts requests and 429s from emu.requests
    expect((await storm(200, 2)).statuses).not.toEqual(first.statuses);
  });

  it('refuses two Retry-After forms and a negative retryAfterMs', async () => {
    const emu = await startEmulator({ apiKey: KEY });
    try {
      expect(() => emu.faults.add({ status: 429, retryAfterMs: -1 })).toThrow(/retryAfterMs/);
      expect(() => emu.faults.add({ status: 429, retryAfterMs: 5, retryAfterSeconds: 1 })).toThrow(
        /at most one/,
      );
      expect(emu.faults.list()).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
