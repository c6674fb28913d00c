import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToBase64, bytesToHex, Md5, md5Base64, md5Hex } from '../../../src/io/md5.js';

describe('md5', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      '57edf4a22be3c955ac49da2e2107b67a',
    ],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
  ])('RFC 1321 vector %j', (text, hex) => {
    expect(md5Hex(text)).toBe(hex);
  });

  it('gives base64 as W&B does (the empty file)', () => {
    expect(md5Base64('')).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
    expect(md5Base64('hello')).toBe(createHash('md5').update('hello').digest('base64'));
  });

  it('hashes UTF-8 text as its bytes', () => {
    expect(md5Hex('münchen ✓')).toBe(createHash('md5').update('münchen ✓', 'utf8').digest('hex'));
  });

  it('agrees with node:crypto on every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = randomBytes(n);
      expect(md5Hex(bytes), `length ${n}`).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });

  it('is the same whatever the chunking', () => {
    const bytes = randomBytes(5000);
    const expected = createHash('md5').update(bytes).digest('base64');
    for (const size of [1, 3, 63, 64, 65, 1000]) {
      const hash = new Md5();
      for (let i = 0; i < bytes.length; i += size) hash.update(bytes.subarray(i, i + size));
      expect(hash.digestBase64(), `chunks of ${size}`).toBe(expected);
    }
  });

  it('refuses to be used after its digest was taken', () => {
    const hash = new Md5().update('x');
    hash.digest();
    expect(() => hash.update('y')).toThrow(/after the digest/);
    expect(() => hash.digest()).toThrow(/already taken/);
  });

  it('encodes bytes as hex and base64', () => {
    expect(bytesToHex(new Uint8Array([0, 1, 254, 255]))).toBe('0001feff');
    expect(bytesToBase64(new Uint8Array([104, 105]))).toBe('aGk=');
    expect(bytesToBase64(new Uint8Array([]))).toBe('');
  });
});
