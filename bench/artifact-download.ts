/**
 * Benchmark: `artifact.download()` against the emulator in its own process (`latencyMs: 30`,
 * `bench/artifact-emulator.ts`), cache skipped so the network is measured.
 *
 * 1. 1,000 files of 1–4 KiB: the client vs one file at a time (sequential raw `fetch`es of the
 *    same signed URLs, written to disk; goal ≥ 10×) and vs 16 concurrent raw `fetch`es written to
 *    disk (goal ≤ 1.1×). The client's time includes its manifest and URL requests.
 * 2. One 512 MiB file: peak RSS growth during the download (goal ≤ 64 MiB) and its time vs a raw
 *    streaming `fetch` piped to disk.
 *
 *   node --import tsx bench/artifact-download.ts     (part of npm run bench)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { print } from 'graphql';
import { GetArtifactMembershipFileUrlsDocument } from '../src/generated/graphql-ast.js';
import { Api } from '../src/node.js';

const ROUNDS = 3;

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/artifact-emulator.ts'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const ready = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
  createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
});
const work = await mkdtemp(join(tmpdir(), 'wandb-api-bench-artifacts-'));

try {
  const api = new Api({ baseUrl: ready.url, apiKey: ready.apiKey });
  const auth = `Basic ${btoa(`api:${ready.apiKey}`)}`;

  /** The signed URLs of a version's files, by raw GraphQL. */
  async function signedUrls(collection: string): Promise<{ name: string; directUrl: string }[]> {
    const res = await fetch(`${ready.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({
        query: print(GetArtifactMembershipFileUrlsDocument),
        variables: { entity: 'bench', project: 'p', collection, alias: 'v0', cursor: null, perPage: 5000 },
      }),
    });
    const body = (await res.json()) as {
      data: {
        project: {
          artifactCollection: {
            artifactMembership: { files: { edges: { node: { name: string; directUrl: string } }[] } };
          };
        };
      };
    };
    return body.data.project.artifactCollection.artifactMembership.files.edges.map((e) => e.node);
  }

  async function fetchToDisk(root: string, file: { name: string; directUrl: string }): Promise<void> {
    const res = await fetch(file.directUrl);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const path = join(root, file.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, new Uint8Array(await res.arrayBuffer()));
  }

  async function timed(run: (root: string) => Promise<unknown>): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const root = await mkdtemp(join(work, 'r-'));
      const start = performance.now();
      await run(root);
      times.push(performance.now() - start);
      await rm(root, { recursive: true, force: true });
    }
    return Math.min(...times);
  }

  // 1. Many small files.
  const urls = await signedUrls('small');
  const client = await timed(async (root) =>
    (await api.artifact('bench/p/small:v0')).download({ root, skipCache: true }),
  );
  const sequential = await timed(async (root) => {
    for (const file of urls) await fetchToDisk(root, file);
  });
  const raw16 = await timed(async (root) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < urls.length) await fetchToDisk(root, urls[next++]!);
      }),
    );
  });
  console.log(
    `artifact download, ${urls.length} files of 1-4 KiB, emulator latency 30 ms (best of ${ROUNDS}):`,
  );
  console.log(`  artifact.download()          ${client.toFixed(0).padStart(7)} ms`);
  console.log(
    `  one at a time (raw fetch)    ${sequential.toFixed(0).padStart(7)} ms   speed-up ${(sequential / client).toFixed(1)}x (goal >= 10x)`,
  );
  console.log(
    `  16 concurrent raw fetches    ${raw16.toFixed(0).padStart(7)} ms   ratio ${(client / raw16).toFixed(2)}x (goal <= 1.1x)`,
  );

  // 2. One large file: memory and time.
  const [large] = await signedUrls('large');
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const largeArtifact = await api.artifact('bench/p/large:v0');
  let clientLarge = Infinity;
  for (let round = 0; round < 2; round++) {
    const largeRoot = await mkdtemp(join(work, 'large-'));
    const start = performance.now();
    await largeArtifact.download({ root: largeRoot, skipCache: true });
    clientLarge = Math.min(clientLarge, performance.now() - start);
    await rm(largeRoot, { recursive: true, force: true });
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  /** A bare streaming fetch of the signed URL to disk, optionally hashed (MD5) on the way; best of 2. */
  const raw = async (hashed: boolean): Promise<number> => {
    let best = Infinity;
    for (let round = 0; round < 2; round++) {
      const rawStart = performance.now();
      const res = await fetch(large!.directUrl);
      const hash = createHash('md5');
      await pipeline(
        Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            if (hashed) hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(join(work, 'raw.bin')),
      );
      if (hashed) hash.digest('base64');
      best = Math.min(best, performance.now() - rawStart);
      await rm(join(work, 'raw.bin'), { force: true });
    }
    return best;
  };
  const rawLarge = await raw(false);
  const rawHashed = await raw(true);
  const growth = (peak - before) / 2 ** 20;
  console.log('artifact download, one 512 MiB file (best of 2):');
  console.log(`  peak RSS growth              ${growth.toFixed(1).padStart(7)} MiB (goal <= 64 MiB)`);
  console.log(
    `  artifact.download()          ${clientLarge.toFixed(0).padStart(7)} ms (lookup, manifest and URL queries; MD5 while streaming; rename)`,
  );
  console.log(
    `  raw streaming fetch to disk  ${rawLarge.toFixed(0).padStart(7)} ms   ratio ${(clientLarge / rawLarge).toFixed(2)}x`,
  );
  console.log(
    `  raw fetch + MD5 to disk      ${rawHashed.toFixed(0).padStart(7)} ms   ratio ${(clientLarge / rawHashed).toFixed(2)}x`,
  );
} finally {
  child.stdin?.end();
  child.kill('SIGTERM');
  await rm(work, { recursive: true, force: true });
}
