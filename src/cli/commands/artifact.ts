/**
 * `wandb-api artifact get|put|ls`: download a version, publish a folder as a new version, list a
 * project's artifact collections. Transfers show a files-and-bytes progress bar on a terminal.
 *
 * @example
 * ```sh
 * wandb-api artifact get acme/vision/mnist:latest --root data/mnist
 * wandb-api artifact put data/mnist --name mnist --type dataset --project acme/vision --alias staging
 * wandb-api artifact ls acme/vision --type dataset
 * ```
 * @module
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliEnv } from '../env.js';
import { UsageError } from '../errors.js';
import { collect } from '../parse.js';
import { transferBar } from '../progress.js';
import { showBytes, writeListing, type ListingFormat } from '../table.js';

interface PutOptions {
  name: string;
  type: string;
  project: string;
  alias: string[];
  description?: string;
}

/**
 * Registers `artifact` and its subcommands `get`, `put` and `ls`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  const artifact = program.command('artifact').description('download, publish and list artifacts');

  artifact
    .command('get')
    .description('download an artifact version (prints the folder it was written to)')
    .argument('<name>', 'the version: entity/project/name:alias (no alias means latest)')
    .option('--root <dir>', 'folder to download into (default: ./artifacts/<name:vN>)')
    .action(async (name: string, options: { root?: string }) => {
      const version = await env.api().artifact(name, { signal: env.signal });
      const bar = transferBar(env, 'download');
      try {
        const root = await version.download({
          ...(options.root !== undefined ? { root: options.root } : {}),
          onProgress: (p) => bar.update(p),
          signal: env.signal,
        });
        bar.stop();
        env.info(`${version.qualifiedName} (${showBytes(version.size)}) downloaded`);
        env.stdout.write(`${root}\n`);
      } finally {
        bar.stop();
      }
    });

  artifact
    .command('put')
    .description('publish every file under a folder as a new artifact version (prints its name)')
    .argument('<dir>', 'the folder; entries are named by their path relative to it')
    .requiredOption('--name <name>', 'the collection (artifact name)')
    .requiredOption('--type <type>', 'the artifact type (dataset, model, ...)')
    .requiredOption('--project <project>', 'the project: project or entity/project')
    .option(
      '--alias <alias>',
      'an alias of the new version (repeatable; latest is always added)',
      collect,
      [],
    )
    .option('--description <text>', "the version's description")
    .action(async (dir: string, options: PutOptions) => {
      const files = await filesUnder(dir);
      if (files.length === 0) throw new UsageError(`${dir} holds no files to publish`);
      const api = env.api();
      const draft = api.newArtifact({
        name: options.name,
        type: options.type,
        ...(options.description !== undefined ? { description: options.description } : {}),
      });
      for (const file of files)
        draft.addFile(file, { root: dir, name: relative(dir, file).split(sep).join('/') });
      const where = projectOption(options.project);
      const bar = transferBar(env, 'upload');
      try {
        const published = await draft.publish({
          ...where,
          aliases: options.alias,
          onProgress: (p) => bar.update(p),
          signal: env.signal,
        });
        bar.stop();
        env.info(`${files.length} files published as ${published.qualifiedName}`);
        env.stdout.write(`${published.qualifiedName}\n`);
      } finally {
        bar.stop();
      }
    });

  artifact
    .command('ls')
    .description("list a project's artifact collections")
    .argument('<project>', 'the project: entity/project')
    .option('--type <type>', 'only collections of this artifact type')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json', 'jsonl']).default('table'),
    )
    .action(async (project: string, options: { type?: string; format: ListingFormat }) => {
      const api = env.api();
      const types =
        options.type !== undefined
          ? [options.type]
          : (await api.artifactTypes(project, { signal: env.signal }).toArray()).map((t) => t.name);
      const rows: { type: string; name: string; createdAt: Date | undefined; tags: readonly string[] }[] = [];
      for (const type of types) {
        for await (const c of api.artifactCollections(project, type, { signal: env.signal }))
          rows.push({ type, name: c.name, createdAt: c.createdAt, tags: c.tags });
      }
      writeListing(env, options.format, rows, ['type', 'name', 'created', 'tags'], (r) => [
        r.type,
        r.name,
        r.createdAt,
        r.tags.join(', '),
      ]);
    });
}

/** `--project`: `project` or `entity/project`. */
function projectOption(value: string): { project: string; entity?: string } {
  const parts = value.split('/');
  if (parts.length === 1 && parts[0] !== '') return { project: value };
  const [entity, project] = parts;
  if (parts.length === 2 && entity && project) return { entity, project };
  throw new UsageError(`--project must be project or entity/project, got ${JSON.stringify(value)}`);
}

/** Every regular file under `dir`, sorted, as paths starting with `dir`. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
