/**
 * The package as users get it. `npm pack` (whose `prepack` builds) makes the tarball; attw and
 * publint check it; it is installed into temporary projects outside the repo, where the repo's
 * TypeScript compiles a user's program (`test/package/consumer/`) with `skipLibCheck: false`
 * under `moduleResolution` node16 and bundler, as ESM and as CJS, and Node runs it against the
 * emulator over HTTP. A browser bundle of the installed core is checked for what must stay out.
 *
 * Installing needs no registry: `npm install --offline` of the tarball beside local copies
 * (`file:` with `--install-links`) of what npm would download for it, taken from the repo's
 * node_modules. Only the packages that the packed package.json names (and theirs) are copied, so
 * a dependency the package uses but does not declare fails here.
 */
import { execFile as execFileCallback, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import ts from 'typescript';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execFile = promisify(execFileCallback);
const root = fileURLToPath(new URL('../..', import.meta.url));
const consumer = fileURLToPath(new URL('./consumer/', import.meta.url));
const requireHere = createRequire(import.meta.url);
const tsc = requireHere.resolve('typescript/bin/tsc');
const attwDir = join(root, 'node_modules/@arethetypeswrong/cli');
const attw = join(
  attwDir,
  (JSON.parse(readFileSync(join(attwDir, 'package.json'), 'utf8')) as { bin: { attw: string } }).bin.attw,
);

interface PackageJson {
  name: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

/** The environment for child npm processes: without the `npm_*` variables of the `npm test` that runs us. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

let dir: string;
let tarball: string;
let packedFiles: string[];

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  });
}

function readPackageJson(path: string): PackageJson {
  return JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as PackageJson;
}

/** The repo's installed copy of `name`, as seen from the package at `from` (nested first). */
function installedDir(name: string, from: string): string {
  for (const candidate of [join(from, 'node_modules', name), join(root, 'node_modules', name)]) {
    try {
      readPackageJson(candidate);
      return candidate;
    } catch {
      // not there: try the next one
    }
  }
  throw new Error(`${name} is not installed in ${root}/node_modules (run npm ci)`);
}

/**
 * `names` and what they depend on (dependencies, and required peers unless `legacyPeers`), as
 * `file:` specs of the repo's installed copies.
 */
function localDependencies(names: string[], legacyPeers: boolean): Record<string, string> {
  const specs: Record<string, string> = {};
  const visit = (name: string, from: string): void => {
    if (specs[name]) return;
    const at = installedDir(name, from);
    specs[name] = `file:${at}`;
    const manifest = readPackageJson(at);
    const peers = legacyPeers
      ? []
      : Object.keys(manifest.peerDependencies ?? {}).filter(
          (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional,
        );
    for (const dep of [...Object.keys(manifest.dependencies ?? {}), ...peers]) visit(dep, at);
  };
  for (const name of names) visit(name, root);
  return specs;
}

/** A project in `dir/name` with the tarball and `extra` installed, offline. */
async function installProject(name: string, extra: string[], legacyPeers: boolean): Promise<void> {
  const at = join(dir, name);
  mkdirSync(at);
  const dependencies = {
    ...localDependencies([...Object.keys(pkg.dependencies ?? {}), ...extra], legacyPeers),
    [pkg.name]: `file:${tarball}`,
  };
  writeFileSync(
    join(at, 'package.json'),
    JSON.stringify({ name: `${name}-app`, private: true, dependencies }),
  );
  const flags = ['--offline', '--install-links', '--ignore-scripts', '--no-audit', '--no-fund'];
  const args = ['install', ...flags, '--no-package-lock', ...(legacyPeers ? ['--legacy-peer-deps'] : [])];
  await execFile('npm', args, { cwd: at, env, timeout: 180_000 });
}

/** A TypeScript project inside the `app` install: its package.json, tsconfig and sources. */
function tsProject(
  name: string,
  compilerOptions: Record<string, unknown>,
  files: Record<string, string>,
): string {
  const at = join(dir, 'app', name);
  mkdirSync(at);
  writeFileSync(join(at, 'package.json'), JSON.stringify({ type: 'module' }));
  const options = {
    target: 'es2022',
    strict: true,
    skipLibCheck: false,
    rootDir: '.',
    outDir: 'out',
    ...compilerOptions,
  };
  writeFileSync(
    join(at, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: options, files: Object.keys(files) }),
  );
  for (const [file, source] of Object.entries(files)) writeFileSync(join(at, file), source);
  return at;
}

async function compile(project: string): Promise<void> {
  try {
    await execFile(process.execPath, [tsc, '-p', project], { timeout: 120_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${project} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

async function run(script: string): Promise<unknown> {
  const { stdout } = await execFile(process.execPath, [script], { timeout: 60_000 });
  return JSON.parse(stdout) as unknown;
}

const main = readFileSync(join(consumer, 'main.ts'), 'utf8');

/**
 * Compiling a consumer program with tsc, running attw or bundling takes seconds of CPU each; on a
 * loaded two-core machine (the whole suite runs in parallel) well past the default 20 s.
 */
const PACKAGE_TEST_TIMEOUT_MS = 180_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wandb-api-package-'));
  // `--foreground-scripts=false` keeps the prepack build's output off stdout, which holds the JSON.
  const [packed] = JSON.parse(
    npm(['pack', '--pack-destination', dir, '--json', '--foreground-scripts=false'], root),
  ) as [{ filename: string; files: { path: string }[] }];
  tarball = join(dir, packed.filename);
  packedFiles = packed.files.map((f) => f.path);
  await Promise.all([
    installProject(
      'app',
      ['graphql', 'mingo', '@types/node', 'react', 'react-dom', 'urql', '@types/react', '@types/react-dom'],
      false,
    ),
    installProject('bare', [], true),
    // What `npx wandb-api` installs: the package and its required peers, nothing else.
    installProject('npx', requiredPeers(), false),
  ]);
}, 300_000);

/** The peers of wandb-api that npm (7+) and pnpm install with it: those not marked optional. */
function requiredPeers(): string[] {
  return Object.keys(pkg.peerDependencies ?? {}).filter(
    (peer) => !pkg.peerDependenciesMeta?.[peer]?.optional,
  );
}

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every file path the `exports` map points at. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(/^\.\//, '')];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

describe('the packed tarball', { timeout: PACKAGE_TEST_TIMEOUT_MS }, () => {
  it('holds the built entries with their types, LICENSE, README, CHANGELOG and schema.graphql, and no sources', () => {
    for (const target of exportTargets(pkg.exports)) expect(packedFiles, target).toContain(target);
    expect(packedFiles).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md', 'schema.graphql', 'package.json']),
    );
    expect(
      packedFiles.filter(
        (f) => !/^(dist\/|LICENSE$|README\.md$|CHANGELOG\.md$|schema\.graphql$|package\.json$)/.test(f),
      ),
    ).toEqual([]);
    // One types file per condition: ESM declarations for `import`, CommonJS ones for `require`.
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'dist/index.d.cts',
        'dist/node.d.cts',
        'dist/graphql.d.cts',
        'dist/emulator/emulator.d.cts',
      ]),
    );
  });

  // What `npm pack` lists (the same list as `npm pack --dry-run --json`), read from the one pack
  // above; the files themselves from the installed copy in the `app` project.
  it('ships no tests, no sources and no sourcemap of anything but the package sources', () => {
    const installed = join(dir, 'app/node_modules', pkg.name);
    expect(
      packedFiles.filter((f) => /(^|\/)(test|tests|__tests__|bench|examples|scripts)\//.test(f)),
    ).toEqual([]);
    expect(packedFiles.filter((f) => /\.(test|spec)\.[cm]?[jt]s(\.map)?$/.test(f))).toEqual([]);
    // dist/ holds the build only: JavaScript, declarations and sourcemaps (no .ts sources,
    // operations, protos, configs).
    expect(
      packedFiles.filter((f) => f.startsWith('dist/') && !/\.(c?js|d\.c?ts|c?js\.map)$/.test(f)),
    ).toEqual([]);
    const maps = packedFiles.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const mapped = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(installed, map), 'utf8')) as { sources: string[] };
      return sources.map((source) => join(dirname(map), source));
    });
    // Each maps back to the package's own src/ (or to a dependency bundled into the CJS build).
    expect(mapped.filter((source) => !/^(src\/|node_modules\/)/.test(source))).toEqual([]);
  });

  it('holds every bin that package.json declares, each a Node script with its shebang', () => {
    const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
    const installed = join(dir, 'app/node_modules', pkg.name);
    for (const [name, target] of Object.entries(bins)) {
      const file = target.replace(/^\.\//, '');
      expect(packedFiles, `bin ${name}`).toContain(file);
      expect(readFileSync(join(installed, file), 'utf8').split('\n')[0], `bin ${name}`).toBe(
        '#!/usr/bin/env node',
      );
    }
  });

  it('has no problem that attw (Are the Types Wrong) finds, for every entry and resolution mode', async () => {
    const { stdout } = await execFile(process.execPath, [attw, tarball, '--format', 'json'], {
      timeout: 120_000,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const { analysis } = JSON.parse(stdout) as {
      analysis: { problems: unknown[]; entrypoints: Record<string, unknown> };
    };
    expect(analysis.problems).toEqual([]);
    expect(Object.keys(analysis.entrypoints).sort()).toEqual([
      '.',
      './emulator',
      './graphql',
      './package.json',
      './react',
    ]);
  });

  it('has nothing that publint --strict reports, suggestions included', async () => {
    const data = readFileSync(tarball);
    const tar = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const result = await publint({ pack: { tarball: tar }, level: 'suggestion', strict: true });
    expect(result.messages.map((m) => formatMessage(m, result.pkg))).toEqual([]);
  });
});

/** Names a bundled declaration file declares at top level but does not export. */
function unexportedDeclarations(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const declared: string[] = [];
  const exported = new Set<string>();
  for (const statement of source.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const e of statement.exportClause.elements) exported.add((e.propertyName ?? e.name).text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) declared.push(d.name.getText(source));
    } else if (
      (ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      declared.push(statement.name.text);
    }
  }
  return declared.filter((name) => !exported.has(name));
}

describe('npx wandb-api', { timeout: PACKAGE_TEST_TIMEOUT_MS }, () => {
  it('installs graphql and mingo with the package, so the emulator command works from the tarball', async () => {
    expect(requiredPeers().sort()).toEqual(['graphql', 'mingo']);
    const bin = join(dir, 'npx', 'node_modules', '.bin', 'wandb-api');
    const child = spawn(bin, ['emulator', '--seed', 'demo'], { cwd: join(dir, 'npx'), env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      while (!/WANDB_API_KEY=\S+\n/.test(out) && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const baseUrl = /WANDB_BASE_URL=(\S+)/.exec(out)?.[1];
      const key = /WANDB_API_KEY=(\S+)/.exec(out)?.[1];
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const { stdout } = await execFile(bin, ['whoami', '--base-url', baseUrl!, '--api-key', key!], {
        cwd: join(dir, 'npx'),
        env,
      });
      expect(stdout).toMatch(/\S/);
      expect(stdout).not.toContain(key!);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});

describe('installed in a project', { timeout: PACKAGE_TEST_TIMEOUT_MS }, () => {
  it('exports by name every type its declarations mention, so users can write them down', () => {
    const dist = join(dir, 'app/node_modules/wandb-api/dist');
    for (const file of ['index.d.ts', 'index.d.cts', 'node.d.ts', 'node.d.cts']) {
      expect(unexportedDeclarations(join(dist, file)), file).toEqual([]);
    }
    // graphql.d.ts re-exports every type of the facade's generated module (`export type *`),
    // codegen's `Exact` helper of variables types included.
    expect(unexportedDeclarations(join(dist, 'graphql.d.ts'))).toEqual([]);
  });

  const expected = {
    viewer: 'pkg-user',
    viaClient: 'pkg-user',
    runCount: 1,
    listed: 'adam',
    lr: 0.1,
    optimizer: 'adam',
    loss: 0.5,
    row: { _step: 0, loss: 1, acc: 0.25 },
    steps: [0, 1],
    losses: [1, 0.5],
    lossColumn: [1, 0.5],
    stepColumn: [0, 1],
    scanned: [0.25, 0.75],
    text: 'hello',
    classes: expect.any(Object) as unknown,
    instances: {
      user: 'User',
      project: 'Project',
      runs: 'Runs',
      run: 'Run',
      sweep: 'Sweep',
      files: 'Paginated',
      file: 'File',
      report: 'BetaReport',
      notFound: 'NotFoundError',
    },
  };

  function expectUserOutput(output: unknown): void {
    expect(output).toEqual(expected);
    // Every public class keeps its name in the build (esbuild would make some `_Sweep`).
    const { classes } = output as { classes: Record<string, string> };
    expect(Object.entries(classes).filter(([name, got]) => name !== got)).toEqual([]);
    expect(Object.keys(classes)).toEqual(expect.arrayContaining(['Api', 'Run', 'Sweep', 'WandbError']));
  }

  it.concurrent('moduleResolution node16: the program compiles as ESM and as CJS, and both run', async () => {
    const project = tsProject(
      'node16',
      { module: 'node16', moduleResolution: 'node16', types: ['node'] },
      { 'main.ts': main, 'main.cts': main },
    );
    await compile(project);
    const [esm, cjs] = await Promise.all([
      run(join(project, 'out/main.js')),
      run(join(project, 'out/main.cjs')),
    ]);
    expectUserOutput(esm);
    expectUserOutput(cjs);
  });

  // Without @types/node (only the DOM types of the default lib), as in a browser app: the
  // declarations need nothing of Node's.
  it.concurrent(
    'moduleResolution bundler, no @types/node: the program compiles as ESM and with require, and both run',
    async () => {
      const project = tsProject(
        'bundler',
        { module: 'preserve', moduleResolution: 'bundler', types: [] },
        { 'main.ts': main, 'require.cts': readFileSync(join(consumer, 'require.cts'), 'utf8') },
      );
      await compile(project);
      const [esm, cjs] = await Promise.all([
        run(join(project, 'out/main.js')),
        run(join(project, 'out/require.cjs')),
      ]);
      expectUserOutput(esm);
      expect(cjs).toEqual({ viewer: 'pkg-user', lr: 0.1, steps: [0], sweep: 'Sweep', sweepIsSweep: true });
    },
  );

  // wandb-api/react (issue #13): its types resolve against those of wandb-api, and it runs as ESM and CJS.
  it.concurrent(
    "wandb-api/react: a server render compiles and runs as ESM and CJS, with the app's own Api",
    async () => {
      const source = readFileSync(join(consumer, 'react.ts'), 'utf8');
      const project = tsProject(
        'react',
        { module: 'node16', moduleResolution: 'node16', types: ['node'] },
        { 'react.ts': source, 'react.cts': source },
      );
      await compile(project);
      const outputs = await Promise.all([
        run(join(project, 'out/react.js')),
        run(join(project, 'out/react.cjs')),
      ]);
      for (const output of outputs) expect(output).toEqual({ html: '<p>loading</p>', sameApi: true });
    },
  );

  it('bundles the core for browsers without Node built-ins, graphql-js, mingo or the emulator', async () => {
    const app = join(dir, 'app');
    const result = await build({
      stdin: { contents: "export * from 'wandb-api'; export * from 'wandb-api/graphql';", resolveDir: app },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('node_modules/wandb-api/dist/index.js'))).toBe(true);
    expect(inputs.some((i) => i.includes('node_modules/@urql/core'))).toBe(true);
    expect(inputs.filter((i) => /node_modules\/(graphql|mingo)\//.test(i) || i.includes('emulator'))).toEqual(
      [],
    );
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });

  it('leaves the protobuf runtime and CRC-32C of syncTensorboard out of the initial bundle (loaded on first use)', async () => {
    const result = await build({
      stdin: { contents: "export * from 'wandb-api';", resolveDir: join(dir, 'app') },
      bundle: true,
      splitting: true,
      outdir: join(dir, 'split-out'),
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.values(result.metafile.outputs);
    const entry = outputs.find((o) => o.entryPoint === '<stdin>')!; // not a chunk of an import()
    const lazy = /node_modules\/(@bufbuild\/protobuf|crc-32)\//;
    expect(Object.keys(entry.inputs).filter((i) => lazy.test(i))).toEqual([]);
    expect(outputs.some((o) => Object.keys(o.inputs).some((i) => lazy.test(i)))).toBe(true);
  });

  it('lets a bundler drop what a browser app does not import', async () => {
    const result = await build({
      stdin: { contents: "export { parseRunPath } from 'wandb-api';", resolveDir: join(dir, 'app') },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // What has bytes in the output (metafile.inputs also lists the modules parsed and then dropped).
    const [output] = Object.values(result.metafile.outputs);
    const kept = Object.entries(output!.inputs).flatMap(([file, { bytesInOutput }]) =>
      bytesInOutput > 0 ? [file] : [],
    );
    expect(kept.some((file) => file.includes('node_modules/wandb-api/dist/'))).toBe(true);
    expect(kept.filter((file) => /node_modules\/(@urql|wonka|yaml)\//.test(file))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/class (Sweep|Api|Run)\b/);
  });
});

describe(
  'installed without the peers graphql and mingo (--legacy-peer-deps, as yarn does)',
  { timeout: PACKAGE_TEST_TIMEOUT_MS },
  () => {
    const hint = 'npm install --save-dev graphql mingo';

    it('loads the core', async () => {
      const bare = join(dir, 'bare');
      const { stdout } = await execFile(
        process.execPath,
        ['-e', "const { Api } = require('wandb-api'); console.log(new Api({ apiKey: 'k' }).baseUrl)"],
        { cwd: bare },
      );
      expect(stdout.trim()).toBe('https://api.wandb.ai');
    });

    it.each([
      ['import', "import('wandb-api/emulator').then(() => console.log('{}'), report)"],
      ['require', "try { require('wandb-api/emulator'); console.log('{}'); } catch (e) { report(e); }"],
    ])('wandb-api/emulator by %s says what to install', async (_how, load) => {
      const report =
        'const report = (e) => console.log(JSON.stringify({ code: e.code, message: e.message }));';
      const { stdout } = await execFile(process.execPath, ['-e', `${report}\n${load}`], {
        cwd: join(dir, 'bare'),
      });
      const { code, message } = JSON.parse(stdout) as { code?: string; message?: string };
      expect(code).toBe('WANDB_EMULATOR_MISSING_PEERS');
      expect(message).toContain(hint);
      expect(message).toMatch(/needs graphql and mingo/);
    });
  },
);
