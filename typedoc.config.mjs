/**
 * TypeDoc: the API reference built from the TSDoc (`npm run docs` writes `docs/api/`, which git
 * ignores; `npm run docs:check` builds nothing and fails on what the validation finds). Both go
 * through `scripts/docs.mjs`, which fails on every warning except one kind: a declaration in
 * `src/generated/` (codegen's output, which carries no TSDoc) without documentation.
 *
 * @type {import('typedoc').TypeDocOptions}
 */
const config = {
  // One line per package entry (package.json `exports`; a test checks they agree).
  entryPoints: [
    'src/index.ts', // wandb-api (browsers and bundlers)
    'src/node.ts', // wandb-api under Node
    'src/graphql.ts', // wandb-api/graphql
    'src/emulator/index.ts', // wandb-api/emulator
    'src/react/index.ts', // wandb-api/react
  ],
  out: 'docs/api',
  tsconfig: 'tsconfig.json',
  name: 'wandb-api',
  includeVersion: true,
  // Source links to the repository of package.json, whatever the clone's remote is (a CI clone's
  // `origin` is a local path, which TypeDoc warns about and cannot link to).
  sourceLinkTemplate: 'https://github.com/wandb-api/wandb-api/blob/{gitRevision}/{path}#L{line}',
  readme: 'none',
  lang: 'en',
  // `@internal` members are stripped from the published declarations too (tsup's stripInternal).
  excludeInternal: true,
  excludePrivate: true,
  excludeProtected: true,

  // TypedDocumentString (wandb-api/graphql) extends String; TypeScript's own docs of the
  // inherited `replace` link to its parameter `searchValue`, which has no page here.
  externalSymbolLinkMappings: {
    typescript: {
      searchValue:
        'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/String/replace',
    },
  },
  validation: {
    notDocumented: true,
    invalidLink: true,
    rewrittenLink: true,
    unusedMergeModuleWith: true,
    // The package test checks that the core's declarations export every type they mention; the
    // emulator's store (`emu.store`) shows record types of its domains that are not exported on
    // purpose (tests read them through `emu.store`, they are no API to build on).
    notExported: false,
  },
};

export default config;
