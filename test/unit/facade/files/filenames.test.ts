import { describe, expect, it } from 'vitest';
import { downloadSegments, uploadSafeName } from '../../../../src/facade/files/filenames.js';
import { parseUploadHeaders } from '../../../../src/facade/files/upload.js';
import { redactUrl, resolveStorageUrl } from '../../../../src/transport/storage.js';
import { validationError } from '../../../support/expect-errors.js';

describe('uploadSafeName (the name a file is stored under)', () => {
  it.each([
    ['config.yaml', 'config.yaml'],
    ['media/images/a.png', 'media/images/a.png'],
    ['../x.txt', '__/x.txt'],
    ['a/../../b.txt', 'a/__/__/b.txt'],
    ['..', '__'],
    ['/abs/config.yaml', 'abs/config.yaml'],
    ['///abs.txt', 'abs.txt'],
    ['logs\\run\\out.log', 'logs/run/out.log'],
    ['a\\..\\b.txt', 'a/__/b.txt'],
    ['./a//./b.txt', 'a/b.txt'],
    ['...', '...'],
    ['..hidden/x..y', '..hidden/x..y'],
  ])('%j is stored as %j', (name, expected) => {
    expect(uploadSafeName(name)).toBe(expected);
  });

  it.each(['', '/', './', '//.//'])('%j names no file: ValidationError', (name) => {
    const err = validationError(() => uploadSafeName(name));
    expect(err.parameter).toBe('name');
  });

  it('names the parameter it was given and rejects non-strings and NUL', () => {
    expect(validationError(() => uploadSafeName('', 'path')).parameter).toBe('path');
    expect(validationError(() => uploadSafeName(42)).message).toContain('number');
    expect(validationError(() => uploadSafeName('a\0b')).parameter).toBe('name');
  });
});

describe('downloadSegments (where a downloaded file may go)', () => {
  it.each([
    ['config.yaml', ['config.yaml']],
    ['media/images/a.png', ['media', 'images', 'a.png']],
    ['./logs//out.txt', ['logs', 'out.txt']],
    ['a\\b.txt', ['a', 'b.txt']],
    ['...', ['...']],
    ['x..y/..z', ['x..y', '..z']],
  ])('%j goes to %j', (name, expected) => {
    expect(downloadSegments(name)).toEqual(expected);
  });

  it.each([
    '../evil.txt',
    'a/../../evil.txt',
    'a/..',
    '..',
    '/abs.txt',
    '/etc/passwd',
    '\\\\server\\share\\x',
    '\\x.txt',
    'C:\\Windows\\x.dll',
    'c:x.txt',
    'a\\..\\..\\x',
    'a\0b',
    '',
    '.',
    './/',
  ])('%j is refused with a ValidationError naming it', (name) => {
    const err = validationError(() => downloadSegments(name));
    expect(err.parameter).toBe('name');
    expect(err.message).toContain(JSON.stringify(name));
  });
});

describe('parseUploadHeaders ("Name:Value" strings)', () => {
  it('splits at the first colon and trims', () => {
    expect(
      parseUploadHeaders(['Content-Type:application/octet-stream', 'x-goog-meta-a: b:c ', ' X-Empty :']),
    ).toEqual({ 'Content-Type': 'application/octet-stream', 'x-goog-meta-a': 'b:c', 'X-Empty': '' });
  });

  it('skips entries without a name', () => {
    expect(parseUploadHeaders([':value', 'no-colon', ''])).toEqual({});
  });
});

describe('storage URLs', () => {
  it('a URL starting with / is relative to the base URL and authenticated; others are used as given', () => {
    expect(resolveStorageUrl('/files/a?sig=1', 'https://wandb.example.com/')).toEqual({
      url: 'https://wandb.example.com/files/a?sig=1',
      authenticated: true,
    });
    expect(
      resolveStorageUrl('https://wandb.example.com/storage/a?sig=1', 'https://wandb.example.com'),
    ).toEqual({ url: 'https://wandb.example.com/storage/a?sig=1', authenticated: false });
    // Even a protocol-relative path stays on the W&B host.
    expect(resolveStorageUrl('//evil.example/x', 'https://wandb.example.com').url).toBe(
      'https://wandb.example.com//evil.example/x',
    );
  });

  it('redactUrl drops the query string and fragment', () => {
    expect(redactUrl('https://s3.example.com/b/k%20x.txt?X-Amz-Signature=abc&X-Amz-Credential=k#f')).toBe(
      'https://s3.example.com/b/k%20x.txt',
    );
    expect(redactUrl('not a url?sig=secret')).toBe('[invalid URL]');
    // other schemes keep their scheme and bucket; credentials in the authority never show
    expect(redactUrl('s3://bucket/data/x.bin?versionId=secret-version')).toBe('s3://bucket/data/x.bin');
    expect(redactUrl('https://user:pa55word@example.com/a?t=1')).toBe('https://example.com/a');
  });
});
