/**
 * The demo's run files: what a W&B run uploads, derived from what it logged.
 *
 * @example
 * ```ts
 * import { runFiles } from './files.js';
 * Object.keys(runFiles(config, summary, history, meta)); // ['config.yaml', 'wandb-summary.json', ...]
 * ```
 * @module
 */
import { stringify as stringifyYaml } from 'yaml';
import type { Row } from './util.js';

/**
 * The files a W&B run uploads (`config.yaml`, `wandb-summary.json`, `wandb-metadata.json`, and
 * `output.log` when it logged history), derived from what it logged, without random draws.
 *
 * @example
 * ```ts
 * runFiles({ lr: 0.1 }, { loss: 0.2 }, [], { host: 'h', commit: 'c', createdMs: 0, program: 'train.py' });
 * ```
 */
export function runFiles(
  config: Row,
  summary: Row,
  history: Row[],
  meta: { host: string; commit: string; createdMs: number; program: string },
): Record<string, string> {
  const wrapped: Row = { wandb_version: 1 };
  for (const [key, value] of Object.entries(config)) {
    wrapped[key] = key === '_wandb' ? value : { desc: null, value };
  }
  const files: Record<string, string> = {
    'config.yaml': stringifyYaml(wrapped),
    'wandb-summary.json': `${JSON.stringify(summary)}\n`,
    'wandb-metadata.json': `${JSON.stringify(
      {
        os: 'Linux-5.15.0-x86_64-with-glibc2.35',
        python: '3.10.12',
        startedAt: new Date(meta.createdMs).toISOString(),
        program: meta.program,
        host: meta.host,
        git: { commit: meta.commit, remote: 'https://github.com/example/experiments.git' },
      },
      null,
      2,
    )}\n`,
  };
  if (history.length > 0) {
    files['output.log'] = history
      .map((row) => {
        const metrics = Object.entries(row)
          .filter(([key]) => !key.startsWith('_') && key !== 'epoch')
          .map(([key, value]) => `${key}=${String(value)}`)
          .join(' ');
        return `epoch ${String(row.epoch)}: ${metrics}\n`;
      })
      .join('');
  }
  return files;
}
