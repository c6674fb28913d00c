/**
 * The emulator of a benchmark, in a process of its own so that the client measured and the server
 * never share an event loop (nor a heap): started by `startEmulatorProcess()` (bench/emulator.ts)
 * with `child_process.fork`, it listens on 127.0.0.1 with `latencyMs: 30` (or `BENCH_LATENCY_MS`)
 * and answers the parent's IPC messages (see {@link Request}): seed a scenario, add / clear faults,
 * count and forget the requests received, tell its CPU time, close. It exits when the parent disconnects (the parent
 * ended, normally or not), so no emulator outlives its benchmark.
 *
 * @module
 */
import { startEmulator, type FaultInput } from '../src/emulator/index.js';
import { seedScenario, type ScenarioName } from './scenarios.js';

/** A message from the parent; answered by a {@link Reply} of the same `id`. */
export type Request =
  | { id: number; type: 'seed'; scenario: ScenarioName }
  | { id: number; type: 'fault.add'; fault: FaultInput }
  | { id: number; type: 'faults.clear' }
  | { id: number; type: 'requests.count' }
  | { id: number; type: 'requests.clear' }
  | { id: number; type: 'cpu' }
  | { id: number; type: 'close' };

/** Counts of the requests received since the last `requests.clear`. */
export interface RequestCounts {
  total: number;
  graphql: number;
  storage: number;
  /** GraphQL requests by operation name. */
  byOperation: Record<string, number>;
  /** Requests by HTTP status answered (`0`: connection dropped). */
  byStatus: Record<string, number>;
  /** GraphQL requests answered 429 by a fault. */
  graphql429: number;
}

/** The answer to a {@link Request}. */
export type Reply = { id: number; ok: true; result?: unknown } | { id: number; ok: false; error: string };

/** The first message: where the emulator listens. */
export interface Ready {
  type: 'ready';
  url: string;
  apiKey: string;
  latencyMs: number;
}

if (!process.send)
  throw new Error('bench/emulator-process.ts is started by bench/emulator.ts (fork, with IPC)');
const send = process.send.bind(process);

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 30);
const emu = await startEmulator({ seed: 'empty', viewer: { username: 'bench' }, latencyMs });

let closing = false;
async function shutdown(code: number): Promise<never> {
  if (!closing) {
    closing = true;
    await emu.close().catch(() => undefined);
  }
  process.exit(code);
}
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));

function counts(): RequestCounts {
  const c: RequestCounts = { total: 0, graphql: 0, storage: 0, byOperation: {}, byStatus: {}, graphql429: 0 };
  for (const r of emu.requests) {
    c.total++;
    c.byStatus[r.status] = (c.byStatus[r.status] ?? 0) + 1;
    if (r.kind === 'storage') c.storage++;
    if (r.kind !== 'graphql') continue;
    c.graphql++;
    if (r.status === 429) c.graphql429++;
    const op = r.operationName ?? '(anonymous)';
    c.byOperation[op] = (c.byOperation[op] ?? 0) + 1;
  }
  return c;
}

function handle(msg: Request): unknown {
  switch (msg.type) {
    case 'seed':
      return seedScenario(emu, msg.scenario);
    case 'fault.add': {
      const { matched, remaining } = emu.faults.add(msg.fault);
      return { matched, remaining };
    }
    case 'faults.clear':
      return emu.faults.clear();
    case 'requests.count':
      return counts();
    case 'requests.clear':
      return emu.clearRequests();
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
    case 'close':
      setImmediate(() => void shutdown(0));
      return undefined;
  }
}

process.on('message', (msg: Request) => {
  let reply: Reply;
  try {
    reply = { id: msg.id, ok: true, result: handle(msg) };
  } catch (err) {
    reply = { id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  try {
    send(reply);
  } catch (err) {
    send({
      id: msg.id,
      ok: false,
      error: `unsendable answer: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
});

send({ type: 'ready', url: emu.url, apiKey: emu.apiKey, latencyMs } satisfies Ready);
