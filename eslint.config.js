// ESLint flat config: typescript-eslint recommended rules, Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'src/generated/**', 'src/emulator/generated/**', 'node_modules/**', 'coverage/**'] },
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
    // The browser-safe core: no Node built-ins outside the Node edges.
    files: ['src/**/*.ts'],
    ignores: ['src/emulator/**', 'src/cli/**', 'src/io/node/**', 'src/io/*.node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'crypto', 'url', 'stream'],
              message:
                'The core runs in browsers: Node built-ins only in src/io (Node variant), src/emulator and src/cli.',
            },
          ],
        },
      ],
    },
  },
);
