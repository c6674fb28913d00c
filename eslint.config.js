// ESLint flat config: typescript-eslint recommended rules, Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'src/generated/**',
      'src/emulator/generated/**',
      'src/facade/tensorboard/generated/**',
      'node_modules/**',
      'coverage/**',
      'docs/api/**',
      'test-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TaggedTemplateExpression[tag.name="gql"]',
          message: 'GraphQL lives in operations/*.graphql, not in TypeScript.',
        },
      ],
    },
  },
  {
    // The browser-safe core: no Node built-ins (any of node:module's builtinModules, with or without
    // the node: prefix) outside the Node edges: src/io/*.node.ts, src/emulator, src/cli (the command runs in Node only).
    files: ['src/**/*.ts'],
    ignores: ['src/emulator/**', 'src/io/*.node.ts', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', ...builtinModules.flatMap((name) => [name, `${name}/*`])],
              message:
                'The core runs in browsers: Node built-ins only in src/io (Node variant) and src/emulator.',
            },
          ],
        },
      ],
    },
  },
  {
    // Node globals in the browser core; src/io is the platform edge (env.ts reads process.env guardedly).
    files: [
      'src/facade/**/*.ts',
      'src/transport/**/*.ts',
      'src/errors/**/*.ts',
      'src/index.ts',
      'src/graphql.ts',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'global',
          '__dirname',
          '__filename',
          'require',
          'module',
          'setImmediate',
        ].map((name) => ({
          name,
          message: `${name} is a Node global; the core runs in browsers (use src/io).`,
        })),
      ],
    },
  },
);
