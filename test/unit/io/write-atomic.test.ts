// writeAtomic's verify hook (files.node.ts): the MD5 of the bytes as they were written, before the
// file is put in place; a verify that throws leaves no file and no temporary file.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../../src/io/files.node.js';

const dir = mkdtempSync(join(tmpdir(), 'wandb-api-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chunks(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

describe('writeAtomic with verify', () => {
  it('hands verify the base64 MD5 of every chunk written, then places the file', async () => {
    const target = join(dir, 'a.txt');
    const seen: string[] = [];
    await writeAtomic(target, chunks('hello ', 'world', ''), {
      replace: false,
      verify: (md5) => void seen.push(md5),
    });
    expect(seen).toEqual([createHash('md5').update('hello world').digest('base64')]);
    expect(readFileSync(target, 'utf8')).toBe('hello world');
  });

  it('fails with what verify throws, leaving neither the target nor a temporary file', async () => {
    const sub = mkdtempSync(join(dir, 'fail-'));
    const reason = new Error('checksum mismatch');
    await expect(
      writeAtomic(join(sub, 'b.txt'), chunks('bytes'), {
        replace: true,
        verify: async () => Promise.reject(reason),
      }),
    ).rejects.toBe(reason);
    expect(readdirSync(sub)).toEqual([]);
  });
});
