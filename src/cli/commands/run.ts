/**
 * `wandb-api run <path>`: one run's details, config, summary and files.
 *
 * @example
 * ```sh
 * wandb-api run acme/vision/a1b2c3d4
 * wandb-api run acme/vision/a1b2c3d4 --format json | jq .config.lr
 * ```
 * @module
 */
import { Option, type Command } from 'commander';
import type { CliEnv } from '../env.js';
import { jsonText } from '../output/index.js';
import { keyValueRows, renderTable, showBytes } from '../table.js';

/**
 * Registers `run`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('run')
    .description('show a run: its details, config, summary and files')
    .argument('<path>', 'the run: entity/project/id (also entity/project/runs/id)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (path: string, options: { format: 'table' | 'json' }) => {
      const api = env.api();
      const run = await api.run(path, { signal: env.signal });
      const files = await run.files({ signal: env.signal }).toArray();
      const details = {
        path: run.path.join('/'),
        id: run.id,
        name: run.name,
        state: run.state,
        createdAt: run.createdAt,
        url: run.url,
      };
      if (options.format === 'json') {
        const json = {
          ...details,
          config: run.config,
          summary: run.summary,
          files: files.map((f) => ({ name: f.name, size: f.size, md5: f.md5, updatedAt: f.updatedAt })),
        };
        env.stdout.write(`${jsonText(json)}\n`);
        return;
      }
      env.stdout.write(renderTable(env, ['run', 'value'], keyValueRows(details)));
      env.stdout.write(renderTable(env, ['config', 'value'], keyValueRows(run.config)));
      env.stdout.write(renderTable(env, ['summary', 'value'], keyValueRows(run.summary)));
      env.stdout.write(
        renderTable(
          env,
          ['file', 'size', 'updated'],
          files.map((f) => [f.name, showBytes(f.size), f.updatedAt]),
        ),
      );
    });
}
