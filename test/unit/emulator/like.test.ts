// SQL LIKE matching of file names (Run.files(pattern)).
import { describe, expect, it } from 'vitest';
import { likeMatcher } from '../../../src/emulator/domains/files/like.js';

describe('likeMatcher: SQL LIKE over whole file names', () => {
  it('% matches any run of characters, none included', () => {
    const json = likeMatcher('%.json');
    expect(json('a.json')).toBe(true);
    expect(json('.json')).toBe(true);
    expect(json('tables/x/y.json')).toBe(true);
    expect(json('a.json.bak')).toBe(false);
    expect(json('a.jsonl')).toBe(false);
    expect(likeMatcher('%')('')).toBe(true);
    expect(likeMatcher('media/%/%.png')('media/images/a.png')).toBe(true);
    expect(likeMatcher('media/%/%.png')('media/a.png')).toBe(false);
  });

  it('_ matches exactly one character (a code point, a newline included)', () => {
    const ckpt = likeMatcher('ckpt_.pt');
    expect(ckpt('ckpt1.pt')).toBe(true);
    expect(ckpt('ckpt.pt')).toBe(false);
    expect(ckpt('ckpt10.pt')).toBe(false);
    expect(likeMatcher('_.txt')('é.txt')).toBe(true);
    expect(likeMatcher('_.txt')('😀.txt')).toBe(true);
    expect(likeMatcher('a_b')('a\nb')).toBe(true);
  });

  it('matches the whole name, case-sensitively', () => {
    expect(likeMatcher('out')('logs/out.log')).toBe(false);
    expect(likeMatcher('%.LOG')('out.log')).toBe(false);
    expect(likeMatcher('config.yaml')('config.yaml')).toBe(true);
  });

  it('every other character is literal, regular-expression specials and backslashes included', () => {
    expect(likeMatcher('a+b(1).txt')('a+b(1).txt')).toBe(true);
    expect(likeMatcher('a+b(1).txt')('aab1xtxt')).toBe(false);
    expect(likeMatcher('a+b(1).txt')('aaab1.txt')).toBe(false);
    for (const name of ['[x].txt', 'a.*b', '^$|?{2}', 'c:\\dir\\f.txt', 'x/y']) {
      expect(likeMatcher(name)(name), name).toBe(true);
    }
    expect(likeMatcher('a.c')('abc')).toBe(false);
    expect(likeMatcher('[ab].txt')('a.txt')).toBe(false);
    expect(likeMatcher('\\%')('\\anything')).toBe(true); // no escape character: `\` is literal
    expect(likeMatcher('\\%')('%')).toBe(false);
  });
});
