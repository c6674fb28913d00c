/**
 * `wandb-api files <run path>`: a run's files (name, size, updated), optionally only those whose
 * name matches `--pattern` (SQL LIKE), and with `--download DIR` written under DIR.
 *
 * @example
 * ```sh
 * wandb-api files acme/vision/a1b2c3d4 --pattern %.json
 * wandb-api files acme/vision/a1b2c3d4 --download out/
 * ```
 * @module
 */
import { Option, type Command } from 'commander';
import type { CliEnv } from '../env.js';
import { transferBar } from '../progress.js';
import { showBytes, writeListing, type ListingFormat } from '../table.js';

interface FilesOptions {
  pattern?: string;
  download?: string;
  replace?: boolean;
  format: ListingFormat;
}

/**
 * Registers `files`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('files')
    .description("list a run's files, or download them")
    .argument('<path>', 'the run: entity/project/id')
    .option('--pattern <like>', 'only names matching this SQL LIKE pattern (% any run, _ one character)')
    .option('--download <dir>', 'download the files under this folder (prints each path written)')
    .option('--replace', 'with --download: overwrite files that exist')
    .addOption(
      new Option('--format <format>', 'listing format').choices(['table', 'json', 'jsonl']).default('table'),
    )
    .action(async (path: string, options: FilesOptions) => {
      const run = await env.api().run(path, { signal: env.signal });
      const listing = run.files({
        ...(options.pattern !== undefined ? { pattern: options.pattern } : {}),
        signal: env.signal,
      });
      const files = await listing.toArray();
      if (options.download !== undefined) {
        const root = options.download;
        const bytes = files.reduce((sum, f) => sum + f.size, 0);
        const bar = transferBar(env, 'files');
        const progress = { files: files.length, filesDone: 0, bytes, bytesDone: 0 };
        bar.update(progress);
        try {
          for (const file of files) {
            const written = await file.download({
              root,
              ...(options.replace === true ? { replace: true } : {}),
              signal: env.signal,
            });
            progress.filesDone += 1;
            progress.bytesDone += file.size;
            bar.update(progress);
            env.stdout.write(`${written}\n`);
          }
        } finally {
          bar.stop();
        }
        env.info(`${files.length} files (${showBytes(bytes)}) written under ${root}`);
        return;
      }
      const rows = files.map((f) => ({ name: f.name, size: f.size, md5: f.md5, updatedAt: f.updatedAt }));
      writeListing(env, options.format, rows, ['name', 'size', 'updated'], (r) => [
        r.name,
        showBytes(r.size),
        r.updatedAt,
      ]);
    });
}
