// The pure parts of publishing: entry names, multipart part sizes and ranges, reference digests
// from ETags, upload headers, random client ids.
import { describe, expect, it } from 'vitest';
import { checkEntryName } from '../../../../src/facade/artifacts/draft.js';
import {
  multipartPartSize,
  partRanges,
  referenceDigest,
  uploadHeaderObject,
} from '../../../../src/facade/artifacts/publish.js';
import { randomId } from '../../../../src/facade/core/random.js';
import { validationError } from '../../../support/expect-errors.js';

describe('checkEntryName', () => {
  it('normalizes empty and "." segments', () => {
    expect(checkEntryName('train.csv', 'name')).toBe('train.csv');
    expect(checkEntryName('./data//train.csv', 'name')).toBe('data/train.csv');
    expect(checkEntryName('a/./b/c.txt', 'name')).toBe('a/b/c.txt');
    expect(checkEntryName('dossier/ü ñ.txt', 'name')).toBe('dossier/ü ñ.txt');
  });

  it('refuses names that escape the root, are absolute, name folders or nothing', () => {
    for (const bad of [
      '../x.txt',
      'a/../../x',
      'a/..',
      '/etc/passwd',
      'dir/',
      '.',
      './',
      'a\\b.txt',
      'a\0b',
      'D:/data/x.csv',
      'a/C:x',
      '',
      42,
    ]) {
      expect(validationError(() => checkEntryName(bad, 'name'), String(bad)).parameter).toBe('name');
    }
  });
});

describe('multipart parts', () => {
  const MiB = 1024 ** 2;
  it('uses the part size unless more than 10,000 parts would be needed', () => {
    expect(multipartPartSize(5 * 1024 * MiB, 100 * MiB)).toBe(100 * MiB);
    expect(multipartPartSize(100 * MiB * 10_000, 100 * MiB)).toBe(100 * MiB);
    const huge = 100 * MiB * 10_000 + 1;
    const size = multipartPartSize(huge, 100 * MiB);
    expect(size % 4096).toBe(0);
    expect(Math.ceil(huge / size)).toBeLessThanOrEqual(10_000);
    expect(size).toBeGreaterThan(100 * MiB);
  });

  it('splits into 1-numbered ranges, the last one shorter', () => {
    expect(partRanges(10, 4)).toEqual([
      { partNumber: 1, start: 0, end: 4 },
      { partNumber: 2, start: 4, end: 8 },
      { partNumber: 3, start: 8, end: 10 },
    ]);
    expect(partRanges(8, 4)).toHaveLength(2);
    expect(partRanges(0, 4)).toEqual([]);
  });
});

describe('referenceDigest', () => {
  it('takes the ETag without quotes, keeping it verbatim in extra', () => {
    expect(referenceDigest('https://e.com/a', '"abc"')).toEqual({ digest: 'abc', extra: { etag: '"abc"' } });
    expect(referenceDigest('https://e.com/a', 'W/"abc"')).toEqual({
      digest: 'W/"abc',
      extra: { etag: 'W/"abc"' },
    });
    expect(referenceDigest('https://e.com/a', 'plain')).toEqual({
      digest: 'plain',
      extra: { etag: 'plain' },
    });
  });

  it('falls back to the URL without an ETag', () => {
    expect(referenceDigest('https://e.com/a', null)).toEqual({ digest: 'https://e.com/a' });
    expect(referenceDigest('https://e.com/a', '')).toEqual({ digest: 'https://e.com/a' });
  });
});

describe('uploadHeaderObject', () => {
  it('splits at the first colon and trims', () => {
    expect(
      uploadHeaderObject([
        'Content-Type:application/octet-stream',
        'Content-MD5: XUFA==',
        'x-meta:a:b',
        ':skip',
        'bad',
      ]),
    ).toEqual({
      'Content-Type': 'application/octet-stream',
      'Content-MD5': 'XUFA==',
      'x-meta': 'a:b',
    });
  });
});

describe('randomId', () => {
  it('gives ids of the asked length from [a-z0-9]', () => {
    expect(randomId(8)).toMatch(/^[a-z0-9]{8}$/);
    expect(randomId(128)).toMatch(/^[a-z0-9]{128}$/);
    expect(randomId(16)).not.toBe(randomId(16));
  });
});
