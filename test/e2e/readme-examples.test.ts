/**
 * The examples of README.md (and CONTRIBUTING.md) checked against the package's sources.
 *
 * - Every ```ts (or ```tsx) block typechecks: the blocks are compiled together, each as its own ES module,
 *   with the repo's compiler options and `wandb-api`, `wandb-api/graphql`, `wandb-api/emulator`
 *   and `wandb-api/react` mapped to their sources (`src/node.ts`, ...). A snippet may use the
 *   names of {@link CONTEXT} without declaring them (`api`, `run`, ...: what the text around it
 *   has made); anything else it uses must be declared or imported in the block.
 * - A block opened with ```ts runnable also runs (tsx, in a child process) against an emulator
 *   with the demo seed whose viewer is `acme`, plus the project `acme/vision` the README's
 *   examples name; `WANDB_BASE_URL` and `WANDB_API_KEY` point at it. A runnable block must be
 *   complete: it imports what it uses and declares its own `api`.
 *
 * A failure names the block's Markdown file and line, and the line of the error within it.
 */
import { execFile as execFileCallback } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { markdownBlocks, type MarkdownBlock } from '../support/markdown-blocks.js';

const execFile = promisify(execFileCallback);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

const blocks: MarkdownBlock[] = ['README.md', 'CONTRIBUTING.md'].flatMap((file) =>
  markdownBlocks(file, readFileSync(join(root, file), 'utf8')),
);

/** Where `import ... from '<specifier>'` of a block resolves: the package's entries, as sources. */
const ENTRIES: Record<string, string> = {
  'wandb-api': 'src/node.ts',
  'wandb-api/graphql': 'src/graphql.ts',
  'wandb-api/emulator': 'src/emulator/index.ts',
  'wandb-api/react': 'src/react/index.ts',
};

/**
 * The names a README snippet may use without declaring them: what the prose or an earlier
 * example has made. Declared for the typecheck only (a runnable block must make its own).
 */
const CONTEXT = `
declare const Api: typeof import('wandb-api').Api;
declare const api: import('wandb-api').Api;
declare const run: import('wandb-api').Run;
declare const dataset: import('wandb-api').Artifact;
declare const team: import('wandb-api').Team;
declare const emu: import('wandb-api/emulator').Emulator;
declare const labels: Record<string, string>;
declare const ids: string[];
declare const itemId: string;
/** Any error boundary of the app's (react-error-boundary's, say). */
declare const ErrorBoundary: (props: {
  fallback: import('react').ReactNode;
  children?: import('react').ReactNode;
}) => import('react').ReactNode;
`;

/**
 * A file name for `block`: `.mts` (an ES module: top-level await allowed) or `.tsx` (an ES module
 * too, in a folder whose package.json says `"type": "module"`, as the repo's does).
 */
function blockName(block: MarkdownBlock): string {
  return `${block.file.replace(/\W/g, '_')}-${block.line}.${block.lang === 'tsx' ? 'tsx' : 'mts'}`;
}

/** Where the typecheck places `block` (a virtual file, never written). */
function virtualName(block: MarkdownBlock): string {
  return join(root, '.markdown-blocks', blockName(block));
}

/** Every diagnostic of the blocks, as `FILE:LINE (block at FILE:LINE): message`. */
function typecheck(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const paths = Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, [join(root, file)]]));
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    paths,
    noUnusedLocals: false,
    jsx: ts.JsxEmit.ReactJSX,
    // The React examples are Vite apps (import.meta.env).
    types: [...(parsed.options.types ?? []), 'vite/client'],
  };
  const files = new Map<string, { text: string; block?: MarkdownBlock }>();
  // `export {}` makes every block a module (its own scope), whether or not it imports anything.
  for (const block of blocks) files.set(virtualName(block), { text: `${block.code}\nexport {};\n`, block });
  const context = join(root, '.markdown-blocks', 'context.d.ts');
  files.set(context, { text: CONTEXT });

  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name)?.text ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const virtual = files.get(name);
    if (virtual) return ts.createSourceFile(name, virtual.text, language);
    return getSourceFile.call(host, name, language, ...rest);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  return ts.getPreEmitDiagnostics(program).flatMap((d) => {
    const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    const virtual = d.file ? files.get(d.file.fileName) : undefined;
    if (!d.file || !virtual) {
      // Not in a block: an error of the sources under these options, or of the setup itself.
      const where = d.file
        ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return [`${where} ${message}`.trim()];
    }
    if (!virtual.block) return [`context.d.ts: ${message}`];
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const { file, line: fence } = virtual.block;
    return [`${file}:${fence + 1 + line} (block at ${file}:${fence}): ${message}`];
  });
}

describe('markdownBlocks', () => {
  it('finds ts, typescript and tsx fences with their opening line and the runnable marker', () => {
    const text = [
      '# Title', // 1
      '```sh', // 2
      'npm test',
      '```',
      '```ts runnable', // 5
      'const a = 1;',
      '```',
      '~~~typescript', // 8
      'const b = 2;',
      '~~~',
      '    ```ts', // 11: indented four spaces, a code block, not a fence
      '```tsx', // 12
      'const c = <div />;',
      '```',
      '',
    ].join('\n');
    expect(markdownBlocks('x.md', text)).toEqual([
      { file: 'x.md', line: 5, lang: 'ts', runnable: true, code: 'const a = 1;\n' },
      { file: 'x.md', line: 8, lang: 'ts', runnable: false, code: 'const b = 2;\n' },
      { file: 'x.md', line: 12, lang: 'tsx', runnable: false, code: 'const c = <div />;\n' },
    ]);
  });
});

describe('the ts blocks of README.md and CONTRIBUTING.md', () => {
  it('are found, a few of them marked runnable', () => {
    expect(blocks.length).toBeGreaterThan(20);
    expect(blocks.filter((b) => b.runnable).length).toBeGreaterThanOrEqual(3);
  });

  it('typecheck against the package sources', () => {
    expect(typecheck()).toEqual([]);
  }, 120_000);
});

describe('the runnable blocks', () => {
  let emulator: Emulator;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wandb-api-readme-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    emulator = await startEmulator({ seed: 'demo', viewer: { username: 'acme' } });
    // The project the README's examples name, with runs its quick start finds.
    emulator.seed.project({ entity: 'acme', name: 'vision' });
    emulator.seed.run({
      entity: 'acme',
      project: 'vision',
      id: 'a1b2c3d4',
      config: { lr: 0.1, optimizer: 'adam' },
      summary: { accuracy: 0.91, loss: 0.3 },
      history: [
        { loss: 1, acc: 0.5 },
        { loss: 0.3, acc: 0.91 },
      ],
    });
    emulator.seed.run({
      entity: 'acme',
      project: 'vision',
      config: { lr: 0.01, optimizer: 'sgd' },
      summary: { accuracy: 0.85 },
    });
  });

  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The block's code with the package's specifiers pointing at its sources. */
  function runnableCode(block: MarkdownBlock): string {
    return block.code.replace(
      /(from\s+|import\s*\(\s*)(['"])(wandb-api(?:\/[a-z]+)?)\2/g,
      (all, before, _q, name) => {
        const file = ENTRIES[name as string];
        return file ? `${before as string}'${pathToFileURL(join(root, file)).href}'` : all;
      },
    );
  }

  const runnable = blocks.filter((b) => b.runnable);
  it.each(runnable.map((b) => [`${b.file}:${b.line}`, b] as const))(
    '%s runs',
    async (where, block) => {
      const file = join(dir, blockName(block));
      writeFileSync(file, runnableCode(block));
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(WANDB_|npm_)/.test(k)));
      try {
        await execFile(process.execPath, [tsx, file], {
          cwd: dir,
          env: { ...env, HOME: dir, WANDB_BASE_URL: emulator.url, WANDB_API_KEY: emulator.apiKey },
          timeout: 60_000,
        });
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`the block at ${where} failed:\n${stderr ?? ''}${stdout ?? ''}`);
      }
    },
    90_000,
  );
});
