// One operation of the repository's operations/*.graphql documents, printed with every fragment
// it needs (fragments may live in any of the files), for the emulator's own tests.
import { readFileSync } from 'node:fs';
import { Kind, parse, print, type DefinitionNode, type OperationDefinitionNode } from 'graphql';

const FILES = ['registries', 'artifacts', 'integrations', 'automations'];

let definitions: readonly DefinitionNode[] | undefined;

function all(): readonly DefinitionNode[] {
  definitions ??= FILES.flatMap(
    (file) =>
      parse(readFileSync(new URL(`../../../operations/${file}.graphql`, import.meta.url), 'utf8'))
        .definitions,
  );
  return definitions;
}

/** The operation `name` with the fragments it spreads (transitively). */
export function repositoryOperation(name: string): string {
  const defs = all();
  const op = defs.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!op) throw new Error(`no operation ${name}`);
  const needed: string[] = [];
  const visit = (text: string) => {
    for (const match of text.matchAll(/\.\.\.(\w+)/g)) {
      const fragment = match[1] ?? '';
      if (needed.includes(fragment)) continue;
      needed.push(fragment);
      const def = defs.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === fragment);
      if (def) visit(print(def));
    }
  };
  visit(print(op));
  const fragments = defs.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION && needed.includes(d.name.value));
  return [print(op), ...fragments.map((d) => print(d))].join('\n');
}

/** The names of the operations of one operations/<file>.graphql. */
export function operationNames(file: string): string[] {
  return parse(readFileSync(new URL(`../../../operations/${file}.graphql`, import.meta.url), 'utf8'))
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => d.name?.value ?? '');
}
