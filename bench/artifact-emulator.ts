/**
 * The emulator of `bench/artifact-download.ts`, in a process of its own (so its CPU and memory are
 * not the client's): `latencyMs: 30`, an artifact `bench/p/small:v0` of 1,000 files of 1–4 KiB and
 * an artifact `bench/p/large:v0` of one 512 MiB file. Prints one JSON line `{ url, apiKey }` once
 * ready, and stops when its stdin closes (its parent ended) or on SIGTERM / SIGINT.
 *
 *   node --import tsx bench/artifact-emulator.ts
 */
import { startEmulator } from '../src/emulator/index.js';

const SMALL_FILES = 1_000;
const LARGE_BYTES = 512 * 1024 * 1024;

const emu = await startEmulator({ seed: 'empty', viewer: { username: 'bench' }, latencyMs: 30 });

// Deterministic content: a small xorshift PRNG.
let state = 0x2545f491;
function bytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

const small: Record<string, Uint8Array> = {};
for (let i = 0; i < SMALL_FILES; i++)
  small[`shard-${i % 10}/file-${i}.bin`] = bytes(1024 + ((i * 997) % 3073));
emu.seed.artifact({ project: 'p', type: 'dataset', collection: 'small', files: small });

const large = new Uint8Array(LARGE_BYTES);
const block = bytes(1024 * 1024);
for (let offset = 0; offset < LARGE_BYTES; offset += block.length) {
  block[0] = offset / block.length; // every MiB differs
  large.set(block, offset);
}
emu.seed.artifact({ project: 'p', type: 'model', collection: 'large', files: { 'model.bin': large } });

console.log(JSON.stringify({ url: emu.url, apiKey: emu.apiKey }));

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void emu.close().finally(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
