/**
 * The API reference's configuration and its check (`npm run docs:check`, `scripts/docs.mjs`):
 * TypeDoc documents every entry of the package, and the check fails on an undocumented export, an
 * export without an `@example` or a broken `{@link}`, while it lets codegen's undocumented
 * declarations of `src/generated/` pass.
 * The check of the real sources is a step of `npm test` of its own; here it runs over a small
 * project of the test's, so a check that stopped failing would be noticed.
 */
import { execFile as execFileCallback } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const execFile = promisify(execFileCallback);
const root = fileURLToPath(new URL('../..', import.meta.url));

interface TypeDocConfig {
  entryPoints: string[];
  validation: Record<string, boolean>;
}

const config = ((await import(join(root, 'typedoc.config.mjs'))) as { default: TypeDocConfig }).default;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
};

/** The sources a subpath of `exports` is built from: `./x` is `src/x.ts` or `src/x/index.ts`. */
function sourcesOf(subpath: string): string[] {
  if (subpath === '.') return ['src/index.ts', 'src/node.ts'];
  const name = subpath.slice(2);
  return [`src/${name}.ts`, `src/${name}/index.ts`].filter((file) => existsSync(join(root, file)));
}

describe('typedoc.config.mjs', () => {
  it('documents every entry of package.json exports, from sources that exist', () => {
    const subpaths = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json');
    for (const subpath of subpaths) {
      const sources = sourcesOf(subpath);
      expect(sources, `${subpath}: no src/ file for it`).not.toEqual([]);
      for (const source of sources) {
        expect(config.entryPoints, `${subpath}: add '${source}' to entryPoints`).toContain(source);
      }
    }
    for (const entry of config.entryPoints) expect(existsSync(join(root, entry)), entry).toBe(true);
  });

  it('validates documentation and links', () => {
    expect(config.validation).toMatchObject({ notDocumented: true, invalidLink: true });
  });
});

describe('CHANGELOG.md', () => {
  it("has a dated section for package.json's version, the newest after Unreleased", () => {
    const headings = readFileSync(join(root, 'CHANGELOG.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('## '))
      .map((line) => line.slice(3).trim())
      .filter((heading) => heading !== 'Unreleased');
    expect(headings[0]).toMatch(/^\d+\.\d+\.\d+ — \d{4}-\d{2}-\d{2}$/);
    expect(headings[0]!.split(' ')[0]).toBe(pkg.version);
  });
});

describe('npm run docs:check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wandb-api-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the check over `files` (a project named like the package); its exit code and output. */
  async function check(files: Record<string, string>): Promise<{ code: number; output: string }> {
    const at = mkdtempSync(join(dir, 'project-'));
    mkdirSync(join(at, 'src/generated'), { recursive: true });
    writeFileSync(join(at, 'package.json'), JSON.stringify({ name: 'wandb-api', type: 'module' }));
    const compilerOptions = { strict: true, module: 'nodenext', target: 'es2022', noEmit: true, types: [] };
    writeFileSync(join(at, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
    // The package's TypeDoc options, with this project's entry point and tsconfig.
    const typedoc = {
      extends: [join(root, 'typedoc.config.mjs')],
      entryPoints: ['src/index.ts'],
      tsconfig: 'tsconfig.json',
    };
    writeFileSync(join(at, 'typedoc.json'), JSON.stringify(typedoc));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(at, file), text);
    const args = [join(root, 'scripts/docs.mjs'), '--check'];
    try {
      const { stdout, stderr } = await execFile(process.execPath, args, { cwd: at, timeout: 60_000 });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code?: number; stdout?: string; stderr?: string };
      return { code: code ?? -1, output: `${stdout ?? ''}${stderr ?? ''}` };
    }
  }

  const generated = 'src/generated/graphql.ts';
  const generatedText = 'export type RunsPageQuery = { project: { name: string } | null };\n';

  it('fails naming an undocumented export, one without an @example and a link that resolves to nothing', async () => {
    const { code, output } = await check({
      'src/index.ts': [
        "export * from './generated/graphql.js';",
        '/** Documented; see {@link Nowhere}.\n * @example\n * ```ts\n * documented + 1;\n * ```\n */',
        'export const documented = 1;',
        'export function bare(): void {}',
        '',
      ].join('\n'),
      [generated]: generatedText,
    });
    expect(code).toBe(1);
    expect(output).toMatch(/bare.*does not have any documentation/);
    expect(output).toMatch(/bare, defined in src\/index\.ts, has no @example/);
    expect(output).toContain('Failed to resolve link to "Nowhere"');
    // codegen's declarations are not reported, only counted
    expect(output).not.toMatch(/RunsPageQuery.*does not have any documentation/);
    expect(output).toMatch(/3 warnings \(\d+ undocumented declarations of src\/generated\/ not counted\)/);
  }, 60_000);

  it('passes a documented project whose only undocumented declarations are generated', async () => {
    const { code, output } = await check({
      'src/index.ts': [
        "export * from './generated/graphql.js';",
        '/** Documented, with a link to {@link RunsPageQuery}.\n * @example\n * ```ts\n * documented + 1;\n * ```\n */',
        'export const documented = 1;',
        '',
      ].join('\n'),
      [generated]: generatedText,
    });
    expect(output).toMatch(
      /0 errors, 0 warnings \([1-9]\d* undocumented declarations of src\/generated\/ not counted\)/,
    );
    expect(code).toBe(0);
  }, 60_000);
});
