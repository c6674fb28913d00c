#!/usr/bin/env node
// `npm run schema:compat`: checks schema.graphql against the W&B schema of January 2024 with the
// shared tool `../shared/tools/schema-compat.mjs` (0 conflicts expected), when this checkout has
// it beside it; a clone without it (CI may or may not have one) skips the check with a note.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tool = join(root, '..', 'shared', 'tools', 'schema-compat.mjs');
if (!existsSync(tool)) {
  console.log(`schema:compat skipped: ${tool} is not there (it comes with the shared reference material)`);
  process.exit(0);
}
const result = spawnSync(process.execPath, [tool, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
