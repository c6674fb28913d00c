/**
 * The README's Coverage tables checked against the code: every `api.x`, `run.x`, `.x` they name
 * is a member of the class it stands for, written as a call exactly when it is a method, with
 * only option names that its parameters have; every bare name is exported from `wandb-api`; and
 * every row of the reference inventory (`shared/reference/api-surface.md`, or its copy beside the
 * tables) has its row. Run with the TypeScript checker over `src/index.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** The reference inventory of the documented API (outside the repository). */
const reference = ['/work/shared/reference/api-surface.md'].find((p) => existsSync(p));

/** Which class a name in the TypeScript column stands for. */
const VARIABLES: Record<string, string> = {
  api: 'Api',
  project: 'Project',
  runs: 'Runs',
  run: 'Run',
  Run: 'typeof Run',
  sweep: 'Sweep',
  file: 'File',
  report: 'BetaReport',
  artifactType: 'ArtifactType',
  collection: 'ArtifactCollection',
  artifact: 'Artifact',
  registries: 'Registries',
  registry: 'Registry',
  team: 'Team',
  member: 'Member',
  user: 'User',
  runQueue: 'RunQueue',
  queuedRun: 'QueuedRun',
  job: 'Job',
  Q: 'typeof Q',
};

interface Table {
  heading: string;
  rows: { python: string; typescript: string; status: string }[];
}

function coverageTables(): Table[] {
  const start = readme.indexOf('\n## Coverage');
  const end = readme.indexOf('\n## ', start + 5);
  const section = readme.slice(start, end);
  const tables: Table[] = [];
  let current: Table | undefined;
  for (const line of section.split('\n')) {
    const heading = /^### (.+)$/.exec(line);
    if (heading) {
      current = { heading: heading[1]!, rows: [] };
      tables.push(current);
      continue;
    }
    if (!current || !line.startsWith('|') || /^\|\s*-/.test(line)) continue;
    const cells = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    if (cells[0] === 'Python') continue;
    current.rows.push({ python: cells[0]!, typescript: cells[1]!, status: cells[2]! });
  }
  return tables;
}

/** A reference to a member in a code span: `api.runs(path, { filters })`, `.state`, `Run.create(...)`. */
interface MemberRef {
  variable: string;
  member: string;
  called: boolean;
  /** Option names in the call's `{ ... }` arguments, by argument position. */
  options: Map<number, string[]>;
  span: string;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of text) {
    if ('({[<'.includes(ch)) depth++;
    if (')}]>'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(part.trim());
      part = '';
    } else part += ch;
  }
  if (part.trim()) parts.push(part.trim());
  return parts;
}

function memberRefs(cell: string): { refs: MemberRef[]; bare: string[] } {
  const refs: MemberRef[] = [];
  const bare: string[] = [];
  let variable: string | undefined;
  for (const [, span] of cell.matchAll(/`([^`]+)`/g)) {
    const code = span!.replace(/^new /, 'new.');
    const m = /^([A-Za-z]\w*)?\.(\w+)(\((.*)\))?/.exec(code);
    if (!m) {
      const name = /^([A-Z]\w*)/.exec(code)?.[1];
      if (name) bare.push(name);
      continue;
    }
    if (m[1] === 'new') {
      refs.push({
        variable: 'new',
        member: m[2]!,
        called: true,
        options: callOptions(m[4] ?? ''),
        span: span!,
      });
      continue;
    }
    if (m[1]) variable = m[1];
    if (!variable) throw new Error(`"${span}" has no object before it in: ${cell}`);
    refs.push({
      variable,
      member: m[2]!,
      called: m[3] !== undefined,
      options: callOptions(m[4] ?? ''),
      span: span!,
    });
  }
  return { refs, bare };
}

function callOptions(args: string): Map<number, string[]> {
  const options = new Map<number, string[]>();
  splitTopLevel(args).forEach((arg, i) => {
    if (!arg.startsWith('{')) return;
    const names = splitTopLevel(arg.slice(1, -1))
      .filter((n) => !n.startsWith('...'))
      .map((n) => n.replace(/[?:].*$/, '').trim());
    options.set(i, names);
  });
  return options;
}

let checker: ts.TypeChecker;
const exported = new Map<string, ts.Symbol>();

beforeAll(() => {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, (p) => ts.sys.readFile(p)).config,
    ts.sys,
    root,
  );
  const program = ts.createProgram([join(root, 'src', 'index.ts')], { ...config.options, noEmit: true });
  checker = program.getTypeChecker();
  const index = program.getSourceFile(join(root, 'src', 'index.ts'))!;
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(index)!)) {
    exported.set(symbol.name, symbol);
  }
}, 120_000);

function exportedType(name: string): ts.Type {
  const statik = name.startsWith('typeof ');
  const symbol = exported.get(statik ? name.slice(7) : name);
  if (!symbol) throw new Error(`wandb-api exports no ${name}`);
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return statik || !(target.flags & ts.SymbolFlags.Class)
    ? checker.getTypeOfSymbol(target)
    : checker.getDeclaredTypeOfSymbol(target);
}

function propertyNames(type: ts.Type): Set<string> {
  const names = new Set<string>();
  for (const t of type.isUnion() ? type.types : [type]) {
    for (const p of checker.getPropertiesOfType(checker.getApparentType(t))) names.add(p.name);
  }
  return names;
}

/** What is wrong with one reference, or undefined when it matches the code. */
function problem(ref: MemberRef): string | undefined {
  let signatures: readonly ts.Signature[];
  if (ref.variable === 'new') {
    signatures = exportedType(`typeof ${ref.member}`).getConstructSignatures();
  } else {
    const className = VARIABLES[ref.variable];
    if (!className) return `\`${ref.span}\`: unknown object "${ref.variable}" (add it to VARIABLES)`;
    const owner = exportedType(className);
    const prop = owner.getProperty(ref.member);
    if (!prop) return `\`${ref.span}\`: ${className} has no member "${ref.member}"`;
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
    const isGetter = (prop.flags & ts.SymbolFlags.GetAccessor) !== 0;
    signatures = isGetter ? [] : type.getCallSignatures();
    if (ref.called && signatures.length === 0)
      return `\`${ref.span}\`: ${className}.${ref.member} is not a method`;
    if (!ref.called && signatures.length > 0)
      return `\`${ref.span}\`: ${className}.${ref.member} is a method: write ${ref.member}()`;
  }
  for (const [position, names] of ref.options) {
    const allowed = new Set<string>();
    for (const signature of signatures) {
      const param = signature.getParameters()[position];
      if (!param) continue;
      const paramType = checker.getNonNullableType(checker.getTypeOfSymbol(param));
      for (const n of propertyNames(paramType)) allowed.add(n);
    }
    const unknown = names.filter((n) => !allowed.has(n));
    if (unknown.length > 0) {
      return `\`${ref.span}\`: argument ${position + 1} has no option ${unknown.join(', ')} (it has ${[...allowed].join(', ')})`;
    }
  }
  return undefined;
}

describe('README Coverage', () => {
  const tables = coverageTables();

  it('has the Api table and the objects table', () => {
    expect(tables.map((t) => t.heading)).toEqual(['`Api`', 'The objects']);
    expect(tables.every((t) => t.rows.length > 10)).toBe(true);
  });

  it('names only members that exist, as methods or properties as they are, with their real options', () => {
    const problems: string[] = [];
    for (const table of tables) {
      for (const row of table.rows) {
        if (row.status !== 'covered') continue;
        const { refs, bare } = memberRefs(row.typescript);
        for (const ref of refs) {
          const p = problem(ref);
          if (p) problems.push(`${row.python}: ${p}`);
        }
        for (const name of bare) {
          if (!exported.has(name)) problems.push(`${row.python}: \`${name}\` is not exported from wandb-api`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('marks every documented member covered (sync_tensorboard included)', () => {
    const uncovered = tables.flatMap((t) => t.rows.filter((r) => r.status !== 'covered'));
    expect(uncovered.map((r) => [r.python.replace(/\(.*$/, ''), r.status])).toEqual([]);
    expect(exportedType('Api').getProperty('syncTensorboard')).toBeDefined();
  });

  // The inventory lives outside the repository: skipped (not passed) where it is absent, as in CI.
  it.skipIf(reference === undefined)(
    'has a row for every method of the reference inventory and every object it lists',
    () => {
      const text = readFileSync(reference!, 'utf8');
      const apiRows = [...text.matchAll(/^\| `(\w+)[(`]/gm)].map((m) => m[1]!);
      const documented = new Set(
        tables[0]!.rows.map((r) => /^`(?:Api\()?(\w+)/.exec(r.python)?.[1]).filter((n) => n !== undefined),
      );
      expect(apiRows.length).toBeGreaterThan(40);
      expect(apiRows.filter((n) => n !== 'Api' && !documented.has(n))).toEqual([]);

      const objectsText = text.slice(text.indexOf('## Objects'));
      const objects = new Set(
        [...objectsText.matchAll(/^- `(\w+)`|[—,/] `([A-Z]\w+)`/gm)].map((m) => (m[1] ?? m[2])!),
      );
      const objectRows = tables[1]!.rows.map((r) => `${r.python} ${r.typescript}`).join(' ');
      expect(objects.size).toBeGreaterThan(15);
      expect([...objects].filter((o) => !objectRows.includes(`\`${o}`))).toEqual([]);
    },
  );
});
