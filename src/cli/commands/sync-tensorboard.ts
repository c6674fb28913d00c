/**
 * `wandb-api sync-tensorboard <dir> --project P`: writes the TensorBoard event files under a
 * folder into a new W&B run (prints the run's path).
 *
 * @example
 * ```sh
 * wandb-api sync-tensorboard logs/fit --project vision
 * ```
 * @module
 */
import type { Command } from 'commander';
import type { CliEnv } from '../env.js';

/**
 * Registers `sync-tensorboard`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('sync-tensorboard')
    .description('write the TensorBoard logs under a folder into a W&B run (prints the run path)')
    .argument('<dir>', 'the folder holding *tfevents* files')
    .requiredOption('--project <project>', 'the project of the new run')
    .option('--entity <entity>', 'the entity (default: WANDB_ENTITY, else your default entity)')
    .option('--run-id <id>', 'resume this run instead of creating one')
    .action(async (dir: string, options: { project: string; entity?: string; runId?: string }) => {
      const result = await env.api().syncTensorboard(dir, {
        project: options.project,
        ...(options.entity !== undefined ? { entity: options.entity } : {}),
        ...(options.runId !== undefined ? { runId: options.runId } : {}),
        signal: env.signal,
      });
      env.info(`${result.rows} rows, ${result.files.length} files uploaded`);
      for (const c of result.corrupt) env.info(`corrupt record in ${c.file} at ${c.offset}: ${c.reason}`);
      const skipped = Object.entries(result.skipped);
      if (skipped.length > 0) env.info(`not converted: ${skipped.map(([k, n]) => `${k} (${n})`).join(', ')}`);
      env.stdout.write(`${result.run.path.join('/')}\n`);
    });
}
