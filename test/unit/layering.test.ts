// The import rules of ARCHITECTURE.md ("Imports point down only"), checked over the import
// statements of every file under src/: which layer may import which, facade domains reaching each
// other only through types, no runtime import cycle, and no GraphQL text outside src/generated
// (and the emulator).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

/** One import of one of our modules: the importing file, the imported file, whether only types, whether an `import()` call. */
interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
  dynamic?: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `src/`-relative path of a file, with `/` separators. */
function rel(path: string): string {
  return relative(SRC, path).split('\\').join('/');
}

/**
 * The relative imports of a file: `import` / `export ... from` declarations, `import()` calls
 * and `import('...')` types. `import type` and `export type` are type-only; anything else is a
 * runtime import (with `verbatimModuleSyntax`, `import { type A }` still loads the module).
 */
function importsOf(file: string, text: string): Edge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean, dynamic = false): void => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    const to = resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts'));
    edges.push({ from: rel(file), to: rel(to), typeOnly, ...(dynamic ? { dynamic } : {}) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node.arguments[0], false, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const files = sourceFiles(SRC).map((path) => ({ path: rel(path), text: readFileSync(path, 'utf8') }));
const edges = files.flatMap((f) => importsOf(join(SRC, f.path), f.text));
const known = new Set(files.map((f) => f.path));

/** The layer of a `src/` path: its first folder (`facade`, `transport`, ...) or the file itself. */
function layer(path: string): string {
  return path.split('/')[0] as string;
}

/** The facade domain folder of a path (`runs`, `sweeps`, ...), or undefined outside one. */
function domain(path: string): string | undefined {
  const [top, folder, file] = path.split('/');
  if (top !== 'facade' || file === undefined) return undefined;
  return folder === 'core' || folder === 'paths' ? undefined : folder;
}

function show(list: readonly Edge[]): string[] {
  return list.map((e) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`);
}

/**
 * A runtime import cycle among `edges` (depth-first over non-type imports), as the list of
 * files `a -> b -> ... -> a`, or undefined when there is none.
 *
 * @example
 * ```ts
 * findCycle([{ from: 'a.ts', to: 'b.ts', typeOnly: false }, { from: 'b.ts', to: 'a.ts', typeOnly: false }]);
 * // ['a.ts', 'b.ts', 'a.ts']
 * ```
 */
function findCycle(list: readonly Edge[]): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const e of list) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const dfs = (node: string): string[] | undefined => {
    if (onStack.has(node)) return [...stack.slice(stack.indexOf(node)), node];
    if (done.has(node)) return undefined;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      const cycle = dfs(to);
      if (cycle) return cycle;
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
    return undefined;
  };
  for (const node of [...next.keys()].sort()) {
    const cycle = dfs(node);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The files `from` loads at once: its static runtime imports (no types, no `import()`), transitively. */
function staticClosure(from: string): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const e of edges) {
      if (e.from !== file || e.typeOnly || e.dynamic || seen.has(e.to)) continue;
      seen.add(e.to);
      queue.push(e.to);
    }
  }
  return seen;
}

describe('layering: imports point down only', () => {
  it('reads the imports of every file under src/, each naming a file that exists', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(100);
    expect(show(edges.filter((e) => !known.has(e.to)))).toEqual([]);
  });

  it('src/errors imports nothing of ours', () => {
    expect(show(edges.filter((e) => layer(e.from) === 'errors' && layer(e.to) !== 'errors'))).toEqual([]);
  });

  it('src/transport and src/io import only src/errors and themselves', () => {
    const bad = edges.filter(
      (e) =>
        (layer(e.from) === 'transport' || layer(e.from) === 'io') &&
        layer(e.to) !== layer(e.from) &&
        layer(e.to) !== 'errors',
    );
    expect(show(bad)).toEqual([]);
  });

  it('src/generated imports nothing of ours', () => {
    expect(show(edges.filter((e) => layer(e.from) === 'generated' && layer(e.to) !== 'generated'))).toEqual(
      [],
    );
  });

  it('src/emulator imports nothing of the client: not facade, transport, errors, io, nor its generated documents', () => {
    const bad = edges.filter(
      (e) =>
        layer(e.from) === 'emulator' &&
        ['facade', 'transport', 'errors', 'io', 'generated'].includes(layer(e.to)),
    );
    expect(show(bad)).toEqual([]);
  });

  it('facade paths/ imports only itself, core/ and src/errors', () => {
    const bad = edges.filter(
      (e) =>
        e.from.startsWith('facade/paths/') &&
        !/^facade\/(paths|core)\//.test(e.to) &&
        layer(e.to) !== 'errors',
    );
    expect(show(bad)).toEqual([]);
  });

  it('facade core/ imports at runtime only itself, src/errors, generated, transport and io', () => {
    const bad = edges.filter(
      (e) =>
        !e.typeOnly &&
        e.from.startsWith('facade/core/') &&
        !e.to.startsWith('facade/core/') &&
        !['errors', 'generated', 'transport', 'io'].includes(layer(e.to)),
    );
    expect(show(bad)).toEqual([]);
  });

  it('facade domains import at runtime only core, paths, generated, errors and themselves', () => {
    const bad = edges.filter((e) => {
      const from = domain(e.from);
      if (e.typeOnly || from === undefined || domain(e.to) !== undefined) return false;
      return !/^facade\/(core|paths)\//.test(e.to) && !['errors', 'generated'].includes(layer(e.to));
    });
    expect(show(bad)).toEqual([]);
  });

  it('facade domains import other domains only through types', () => {
    const bad = edges.filter((e) => {
      const from = domain(e.from);
      const to = domain(e.to);
      return !e.typeOnly && from !== undefined && to !== undefined && from !== to;
    });
    expect(show(bad)).toEqual([]);
  });

  it('facade core/ and paths/ import no domain and not api.ts at runtime; nothing below api.ts imports it', () => {
    const bad = edges.filter((e) => {
      if (e.typeOnly || layer(e.from) !== 'facade') return false;
      const lower = /^facade\/(core|paths)\//.test(e.from);
      return (
        (lower && domain(e.to) !== undefined) || (e.to === 'facade/api.ts' && e.from !== 'facade/api.ts')
      );
    });
    expect(show(bad)).toEqual([]);
  });

  it('has no runtime import cycle', () => {
    const cycle = findCycle(edges);
    expect(cycle?.join(' -> ')).toBeUndefined();
  });

  it('the cycle check finds a cycle when there is one', () => {
    const cycle = findCycle([
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'c.ts', typeOnly: false },
      { from: 'c.ts', to: 'a.ts', typeOnly: false },
      { from: 'c.ts', to: 'd.ts', typeOnly: true },
      { from: 'd.ts', to: 'c.ts', typeOnly: false },
    ]);
    expect(cycle).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
    expect(
      findCycle([
        { from: 'c.ts', to: 'd.ts', typeOnly: true },
        { from: 'd.ts', to: 'c.ts', typeOnly: false },
      ]),
    ).toBeUndefined();
  });

  it('what Api loads at once (its static runtime imports, transitively) holds no generated document: domains and documents load with import()', () => {
    const initial = staticClosure('facade/api.ts');
    expect([...initial].filter((f) => f.startsWith('generated/'))).toEqual([]);
    // The domains Api reaches at once are the light ones its synchronous methods return.
    const domains = [...new Set([...initial].flatMap((f) => domain(f) ?? []))].sort();
    expect(domains).toEqual(['artifacts', 'launch', 'registries', 'runs']);
    expect([...initial].filter((f) => domain(f) !== undefined).sort()).toEqual([
      'facade/artifacts/draft.ts',
      'facade/artifacts/rules.ts',
      'facade/launch/polling.ts',
      'facade/launch/queued-run.ts',
      'facade/launch/queued-runs.ts',
      'facade/launch/rules.ts',
      'facade/registries/order.ts',
      'facade/registries/registries.ts',
      'facade/registries/search.ts',
      // A light Runs: its order and filter checks, pages and histories() load with its first call.
      'facade/runs/order-default.ts',
      'facade/runs/runs.ts',
    ]);
    expect(
      edges.some((e) => e.from === 'facade/api.ts' && e.dynamic && e.to === 'facade/runs/run-impl.ts'),
    ).toBe(true);
  });

  it('no file outside src/generated and src/emulator holds GraphQL operation text', () => {
    const operation = /(query|mutation|fragment) [A-Z]\w* *[({]/;
    const bad = files
      .filter((f) => layer(f.path) !== 'generated' && layer(f.path) !== 'emulator')
      .flatMap((f) => {
        const match = operation.exec(f.text);
        return match ? [`${f.path}: ${match[0]}`] : [];
      });
    expect(bad).toEqual([]);
  });
  // src/cli (the `wandb-api` command): a thin layer over the public entries.
  it('src/cli imports only the public entries (node.ts, index.ts, emulator/index.ts) and itself; nothing imports it', () => {
    const entries = ['node.ts', 'index.ts', 'emulator/index.ts'];
    const out = edges.filter(
      (e) => layer(e.from) === 'cli' && layer(e.to) !== 'cli' && !entries.includes(e.to),
    );
    const into = edges.filter((e) => layer(e.from) !== 'cli' && layer(e.to) === 'cli');
    expect(show([...out, ...into])).toEqual([]);
    expect(edges.some((e) => layer(e.from) === 'cli' && e.to === 'node.ts')).toBe(true);
  });
});

// ---- src/react (issue #13): the facade's public API only, and nothing imports it ----

/** Every module specifier a file imports or re-exports (relative or a package name), with `import()` calls. */
function specifiersOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    const spec =
      ts.isImportDeclaration(node) || ts.isExportDeclaration(node)
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : undefined;
    if (spec && ts.isStringLiteral(spec)) out.push(spec.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('layering: src/react', () => {
  const react = files.filter((f) => layer(f.path) === 'react');

  it('imports the facade only by its public entry (the package name `wandb-api`), plus react and urql', () => {
    expect(react.length).toBeGreaterThan(0);
    const bad = react.flatMap((f) =>
      specifiersOf(join(SRC, f.path), f.text)
        .filter((s) =>
          s.startsWith('.')
            ? layer(rel(resolve(dirname(join(SRC, f.path)), s))) !== 'react'
            : !['wandb-api', 'wandb-api/graphql', 'react', 'urql'].includes(s),
        )
        .map((s) => `${f.path} -> ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('nothing outside src/react imports it', () => {
    expect(show(edges.filter((e) => layer(e.to) === 'react' && layer(e.from) !== 'react'))).toEqual([]);
  });
});
