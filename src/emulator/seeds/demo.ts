/**
 * The `demo` seed: a deterministic, realistic data set (no `Math.random`; same data on every start).
 *
 * - `<viewer entity>/image-classification`: 80 runs (CNN/ViT on CIFAR-10)
 * - `<viewer entity>/language-model`: 45 runs (GPT-style language models)
 * - `demo-team/shared-benchmarks`: 12 evaluation runs by the viewer and `bob`
 *
 * Runs are created over the 14 days before 2024-06-01T00:00:00Z; most are finished, some running,
 * crashed or failed; a few have no `dropout` config or an empty summary (to exercise missing keys).
 * Training runs have a history row per epoch, a system metrics stream and the files a W&B run
 * uploads (`config.yaml`, `wandb-summary.json`, `wandb-metadata.json`, `output.log`); the image
 * project also has one sweep and two reports, a dataset (`cifar10-mini`, 3 versions) and a model
 * (`resnet18-cifar10`, 4 versions, logged by its runs) with aliases, and the model's `best` version
 * is linked into the team's `shared-benchmarks/cifar10-classifier` (alias `production`).
 * - organization `demo` (org entity `demo-org`, members the viewer and `bob`, team `demo-team`)
 *   with the registry `models` (type `model` only): its collection `cifar10-classifier` links the
 *   model's v1 and v2 (`production`); a Slack integration (`#model-alerts`), a generic webhook
 *   (`deploy-hook`) and the automation `notify on production model` (alias `production` added
 *   there → Slack).
 * - Launch: the image job `train-cifar10` in `image-classification`, and the run queue
 *   `gpu-queue` of `demo-team` (project `model-registry`, kubernetes, priorities, template
 *   variable `gpus`).
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ seed: 'demo' });
 * ```
 * @module
 */
import { createPrng } from '../store/random.js';
import { seedDemoArtifacts } from './artifacts.js';
import type { EmulatorStore } from '../store/store.js';
import { seedDemoLaunch } from './launch.js';
import { seedDemoProjects } from './projects.js';
import { seedDemoRegistries } from './registries.js';
import { seedDemoReports } from './reports.js';
import { seedImageRuns, seedLanguageModelRuns, seedTeamRuns } from './runs.js';
import { seedDemoSweep } from './sweeps.js';
import { seedDemoUsers } from './users.js';

export { DEMO_NOW, DEMO_TEAM } from './constants.js';

/**
 * Fills a store with the demo data set. Deterministic: the same store contents on every call
 * (given the same viewer).
 *
 * @example
 * ```ts
 * const store = new EmulatorStore({ username: 'alice' });
 * seedDemo(store);
 * store.runs.size; // 137
 * ```
 */
export function seedDemo(store: EmulatorStore): void {
  // One PRNG for the whole seed: the order of the steps below is the order of its draws.
  const random = createPrng('wandb-api-emulator-demo');
  seedDemoUsers(store);
  seedDemoProjects(store);
  const sweepId = seedDemoSweep(store, random);
  seedImageRuns(store, random, sweepId);
  seedDemoReports(store);
  seedLanguageModelRuns(store, random);
  seedTeamRuns(store, random);
  seedDemoArtifacts(store); // its own PRNG: the data above stay as they were
  seedDemoRegistries(store); // no randomness
  seedDemoLaunch(store); // no randomness
}
