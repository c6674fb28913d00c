/**
 * Every public class of `wandb-api` and each of its public members has TSDoc with an `@example`
 * (CONTRIBUTING: "Every public class, method, option and exported type has TSDoc with an
 * `@example`"): methods everywhere, getters where {@link GETTER_EXAMPLES} says. Members marked
 * `@internal` are left out; properties have their one-line description.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Files whose getters each have an example too. Elsewhere getters are documented like the
 * properties they stand for (one line, no example), which is the code base's convention.
 */
const GETTER_EXAMPLES = ['src/facade/registries/members.ts'];

function hasExample(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'example');
}

function isInternal(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');
}

it('documents every public class and member with an @example', () => {
  const index = join(root, 'src', 'index.ts');
  const program = ts.createProgram([index], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  for (const exported of checker.getExportsOfModule(
    checker.getSymbolAtLocation(program.getSourceFile(index)!)!,
  )) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const decl of symbol.declarations ?? []) {
      if (!ts.isClassDeclaration(decl)) continue;
      const where = `${decl.getSourceFile().fileName.slice(root.length + 1)} ${symbol.name}`;
      if (!hasExample(decl)) missing.add(where);
      for (const member of decl.members) {
        if (!member.name || ts.isPrivateIdentifier(member.name) || ts.isConstructorDeclaration(member))
          continue;
        const modifiers = ts.getCombinedModifierFlags(member as ts.Declaration);
        if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (isInternal(member)) continue;
        // A property's TSDoc is its one-line description; methods need an example (one of an
        // overload's declarations), and so do getters where the domain documents them so.
        if (ts.isPropertyDeclaration(member)) continue;
        const getter = ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member);
        if (getter && !GETTER_EXAMPLES.some((d) => where.startsWith(d))) continue;
        const name = member.name.getText();
        const all = decl.members.filter((m) => m.name?.getText() === name);
        if (!all.some(hasExample)) missing.add(`${where}.${name}`);
      }
    }
  }
  expect([...missing].sort()).toEqual([]);
}, 120_000);
