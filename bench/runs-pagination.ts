/**
 * Benchmark: listing 2 000 runs through `api.runs()` against the emulator, as a ratio to the
 * baseline of sending the same GraphQL document with bare `fetch` and `JSON.parse`. The ratio is
 * the client's overhead (urql exchanges, typed errors, Run objects); both sides pay the same server.
 *
 *   npm run bench
 */
import { print } from 'graphql';
import { startEmulator } from '../src/emulator/index.js';
import { RunsPageDocument } from '../src/generated/graphql-ast.js';
import { Api } from '../src/index.js';

const RUNS = 2_000;
const PER_PAGE = 100;
const ROUNDS = 5;

const emu = await startEmulator({ seed: 'empty', viewer: { username: 'bench' } });
for (let i = 0; i < RUNS; i++) {
  emu.seed.run({
    entity: 'bench',
    project: 'p',
    config: { lr: 0.001 * (i % 10), batch_size: 32 * (1 + (i % 4)), optimizer: i % 2 ? 'adam' : 'sgd' },
    summary: { loss: 1 / (i + 1), accuracy: (i % 100) / 100 },
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
  });
}

const query = print(RunsPageDocument);
const auth = `Basic ${btoa(`api:${emu.apiKey}`)}`;

async function baseline(heavy: boolean): Promise<number> {
  let cursor: string | null = null;
  let count = 0;
  for (;;) {
    const res = await fetch(`${emu.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({
        query,
        variables: {
          entity: 'bench',
          project: 'p',
          cursor,
          perPage: PER_PAGE,
          filters: '{}',
          order: '+created_at',
          heavy,
        },
      }),
    });
    const body = (await res.json()) as {
      data: { project: { runs: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean } } } };
    };
    const { edges, pageInfo } = body.data.project.runs;
    count += edges.length;
    if (!pageInfo.hasNextPage) return count;
    cursor = edges[edges.length - 1]!.cursor;
  }
}

async function client(lazy: boolean): Promise<number> {
  const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, cache: false });
  let count = 0;
  for await (const run of api.runs('bench/p', { perPage: PER_PAGE, lazy })) if (run.id) count++;
  return count;
}

async function time(fn: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const n = await fn();
    samples.push(performance.now() - t0);
    if (n !== RUNS) throw new Error(`expected ${RUNS} runs, got ${n}`);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

try {
  await time(() => client(false)); // warm-up
  for (const heavy of [false, true]) {
    const base = await time(() => baseline(heavy));
    const ours = await time(() => client(!heavy));
    const label = heavy ? 'full runs ' : 'lazy runs ';
    console.log(
      `${label} ${RUNS} runs / ${PER_PAGE} per page: baseline ${base.toFixed(1)} ms, wandb-api ${ours.toFixed(1)} ms, ratio ${(ours / base).toFixed(2)}`,
    );
  }
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey, cache: false });
  for await (const run of api.runs('bench/p', { perPage: PER_PAGE })) {
    if (run.id.endsWith('0')) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  console.log(
    `heap growth while iterating ${RUNS} full runs: ${((peak - before) / 1024 / 1024).toFixed(1)} MiB`,
  );
} finally {
  await emu.close();
}
