// Fails when src/facade/tensorboard/generated/ is stale: regenerates it from the .proto files into
// a temporary folder (buf generate --output) and compares file by file. Run by `npm run codegen:check`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const GENERATED = 'src/facade/tensorboard/generated';
const out = mkdtempSync(join(tmpdir(), 'proto-check-'));
try {
  execFileSync(
    'npx',
    ['buf', 'generate', '--template', 'src/facade/tensorboard/buf.gen.yaml', '--output', out],
    {
      stdio: 'inherit',
    },
  );
  const fresh = join(out, GENERATED);
  const names = [...new Set([...readdirSync(GENERATED), ...readdirSync(fresh)])].sort();
  const stale = names.filter((name) => {
    try {
      return readFileSync(join(GENERATED, name), 'utf8') !== readFileSync(join(fresh, name), 'utf8');
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(
      `${GENERATED} is stale (${stale.join(', ')}): run npm run codegen:proto and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`${GENERATED} is up to date.`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
