#!/usr/bin/env node
/**
 * The `wandb-api` bin: runs the command over the process's streams and exits with its code.
 *
 * @example
 * ```sh
 * wandb-api whoami
 * wandb-api runs acme/vision --format csv > runs.csv
 * ```
 * @module
 */
import { processEnv } from './env.js';
import { run } from './program.js';

const code = await run(process.argv.slice(2), processEnv());
// Wait for stdout to drain (a pipe may still hold output), then exit: an open keep-alive socket
// must not keep a finished command alive.
process.stdout.write('', () => process.exit(code));
