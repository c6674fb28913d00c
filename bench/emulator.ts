/**
 * The parent's side of `bench/emulator-process.ts`: forks the emulator into its own process and
 * talks to it only over IPC (seeding, faults, request counters) and HTTP (everything measured).
 *
 * @example
 * ```ts
 * const emu = await startEmulatorProcess();
 * const info = await emu.seed('history-200k');
 * await emu.close();
 * ```
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultInput } from '../src/emulator/index.js';
import type { Ready, Reply, Request, RequestCounts } from './emulator-process.js';
import type { ScenarioInfo, ScenarioName } from './scenarios.js';

export type { RequestCounts } from './emulator-process.js';

/** A running emulator process, as the benchmark sees it. */
export interface EmulatorProcess {
  readonly url: string;
  readonly apiKey: string;
  readonly latencyMs: number;
  /** The child's pid. */
  readonly pid: number;
  /** `Basic` authorization header value for raw `fetch` baselines. */
  readonly authorization: string;
  seed(scenario: ScenarioName): Promise<ScenarioInfo>;
  addFault(fault: FaultInput): Promise<unknown>;
  clearFaults(): Promise<void>;
  /** Counts of the requests received since the last {@link clearRequests}. */
  requestCounts(): Promise<RequestCounts>;
  clearRequests(): Promise<void>;
  /** CPU time (user + system) the emulator's process has used so far, ms. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Forks `bench/emulator-process.ts` (`node --import tsx`, IPC with the `advanced` serialization so
 * `Infinity` survives) and waits until it listens. The child is killed when this process exits.
 */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./emulator-process.ts', import.meta.url)), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_EMULATOR_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_EMULATOR_PROF}`]
        : []),
    ],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const killChild = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killChild);

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited: Error | undefined;
  const ready = new Promise<Ready>((resolve, reject) => {
    child.on('message', (msg: Ready | Reply) => {
      if ('type' in msg && msg.type === 'ready') return resolve(msg);
      const reply = msg as Reply;
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`emulator process: ${reply.error}`));
    });
    child.once('exit', (code, signal) => {
      exited = new Error(`the emulator process exited (${signal ?? code})`);
      reject(exited);
      for (const waiter of pending.values()) waiter.reject(exited);
      pending.clear();
    });
  });
  const info = await ready;

  function call<T>(msg: DistributiveOmit<Request, 'id'>): Promise<T> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...msg, id } as Request);
    });
  }

  return {
    url: info.url,
    apiKey: info.apiKey,
    latencyMs: info.latencyMs,
    pid: child.pid!,
    authorization: `Basic ${btoa(`api:${info.apiKey}`)}`,
    seed: (scenario) => call<ScenarioInfo>({ type: 'seed', scenario }),
    addFault: (fault) => call({ type: 'fault.add', fault }),
    clearFaults: () => call({ type: 'faults.clear' }),
    requestCounts: () => call<RequestCounts>({ type: 'requests.count' }),
    clearRequests: () => call({ type: 'requests.clear' }),
    cpuMs: () => call<number>({ type: 'cpu' }),
    close: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call({ type: 'close' }).catch(() => undefined);
      child.disconnect();
      const timer = setTimeout(killChild, 5_000);
      await gone;
      clearTimeout(timer);
      process.removeListener('exit', killChild);
    },
  };
}
