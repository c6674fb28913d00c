import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors/index.js';
import {
  checkNoQuery,
  parseProjectPath,
  parseRunPath,
  parseSweepPath,
  splitPath,
} from '../../../../src/facade/paths/paths.js';
import { parseObjectPath } from '../../../../src/facade/paths/fromPath.js';
import {
  appUrlFromBaseUrl,
  normalizeBaseUrl,
  projectUrl,
  runUrl,
} from '../../../../src/facade/paths/urls.js';
import { validationError } from '../../../support/expect-errors.js';

describe('parseRunPath', () => {
  const full = { entity: 'acme', project: 'vision', runId: 'abc123' };
  it.each([
    'acme/vision/abc123',
    'acme/vision/runs/abc123',
    '/acme/vision/abc123',
    '/acme/vision/runs/abc123',
    'acme/vision:abc123',
    '  acme/vision/abc123\n',
  ])('parses %j', (path) => {
    expect(parseRunPath(path, { entity: 'other', project: 'other' })).toEqual(full);
  });

  it('takes a missing entity from defaults, or leaves it undefined', () => {
    expect(parseRunPath('vision/abc123', { entity: 'acme' })).toEqual(full);
    expect(parseRunPath('vision:abc123', { entity: 'acme' })).toEqual(full);
    const p = parseRunPath('vision/abc123', {});
    expect(p).toEqual({ project: 'vision', runId: 'abc123' });
    expect(p.entity).toBeUndefined();
    expect(parseRunPath('vision:abc123', {})).toEqual({ project: 'vision', runId: 'abc123' });
  });

  it('takes a missing project from defaults', () => {
    expect(parseRunPath('abc123', { entity: 'acme', project: 'vision' })).toEqual(full);
    expect(parseRunPath('abc123', { project: 'vision' })).toEqual({ project: 'vision', runId: 'abc123' });
  });

  it('explains how to name a project when there is none', () => {
    const e = validationError(() => parseRunPath('abc123', { entity: 'acme' }));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain('no project');
    expect(e.message).toContain('entity/project/runId');
    expect(e.message).toContain('WANDB_PROJECT');
    expect(() => parseRunPath('abc123', { project: '' })).toThrow(ValidationError);
  });

  it('treats a third segment "runs" as a run id (entity/project/runs)', () => {
    expect(parseRunPath('acme/vision/runs', {})).toEqual({
      entity: 'acme',
      project: 'vision',
      runId: 'runs',
    });
  });

  it.each([
    '',
    '   ',
    ':',
    '/',
    '//',
    'e/p:',
    'e//r',
    'a/b/c/d/e',
    'e/p/notruns/r',
    'e/p/r/',
    ':r',
    'p:r:x',
    'e:x/p/r',
    'e/p/r:x',
    'e/p/runs/r:x',
    'e/ /r',
  ])('rejects malformed %j, naming path and listing the accepted forms', (path) => {
    const e = validationError(() => parseRunPath(path, { entity: 'acme', project: 'vision' }));
    expect(e.parameter).toBe('path');
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('"entity/project/runId"');
    expect(e.message).toContain('"entity/project/runs/runId"');
    expect(e.message).toContain('"project:runId"');
    expect(e.message).toContain('"runId"');
  });

  it('rejects a non-string path', () => {
    expect(validationError(() => parseRunPath(42 as unknown as string, {})).parameter).toBe('path');
  });
});

describe('parseProjectPath', () => {
  it('parses entity/project, /entity/project and project', () => {
    expect(parseProjectPath('acme/vision', { entity: 'x' })).toEqual({ entity: 'acme', project: 'vision' });
    expect(parseProjectPath('/acme/vision', {})).toEqual({ entity: 'acme', project: 'vision' });
    expect(parseProjectPath(' vision ', { entity: 'acme' })).toEqual({ entity: 'acme', project: 'vision' });
    expect(parseProjectPath('vision', {})).toEqual({ project: 'vision' });
  });

  it('uses the default project when no path is given', () => {
    expect(parseProjectPath(undefined, { entity: 'acme', project: 'vision' })).toEqual({
      entity: 'acme',
      project: 'vision',
    });
    const e = validationError(() => parseProjectPath(undefined, { entity: 'acme' }));
    expect(e.message).toContain('WANDB_PROJECT');
  });

  it.each(['', ' ', '/', '//', 'a/b/c', 'a//b', 'a:b', 'a/'])('rejects %j', (path) => {
    const e = validationError(() => parseProjectPath(path, { project: 'vision' }));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain('"entity/project"');
  });
});

describe('splitPath', () => {
  it('splits, trims and allows one leading slash', () => {
    expect(splitPath(' /a/b/c ')).toEqual(['a', 'b', 'c']);
    expect(splitPath('a')).toEqual(['a']);
  });
  it('names the given parameter', () => {
    expect(validationError(() => splitPath('a//b', 'artifact', ['e/p/name'])).message).toContain(
      '"e/p/name"',
    );
    expect(validationError(() => splitPath('', 'artifact')).parameter).toBe('artifact');
  });
});

describe('URLs', () => {
  it('builds run and project URLs with encoded segments', () => {
    expect(runUrl('https://wandb.ai', 'acme', 'vision', 'abc123')).toBe(
      'https://wandb.ai/acme/vision/runs/abc123',
    );
    expect(runUrl('https://wandb.ai/', 'a b', 'p/q', 'r#1')).toBe('https://wandb.ai/a%20b/p%2Fq/runs/r%231');
    expect(projectUrl('https://wandb.ai', 'acme', 'my project')).toBe(
      'https://wandb.ai/acme/my%20project/workspace',
    );
  });

  it('derives the app URL from the base URL', () => {
    expect(appUrlFromBaseUrl('https://api.wandb.ai')).toBe('https://wandb.ai');
    expect(appUrlFromBaseUrl('https://api.wandb.ai/')).toBe('https://wandb.ai');
    expect(appUrlFromBaseUrl('https://api.wandb.test')).toBe('https://wandb.test');
    expect(appUrlFromBaseUrl('https://api.acme.com')).toBe('https://app.acme.com');
    expect(appUrlFromBaseUrl('http://localhost:8080')).toBe('http://localhost:8080');
    expect(appUrlFromBaseUrl('https://wandb.acme.com/')).toBe('https://wandb.acme.com');
    expect(appUrlFromBaseUrl('https://api.wandb.ai', 'https://my.app/')).toBe('https://my.app');
    expect(appUrlFromBaseUrl('https://api.wandb.ai', '')).toBe('https://wandb.ai');
    expect(validationError(() => appUrlFromBaseUrl('https://api.wandb.ai', 'nope')).parameter).toBe('appUrl');
  });

  it('normalizes base URLs', () => {
    expect(normalizeBaseUrl('  https://api.wandb.ai//  ')).toBe('https://api.wandb.ai');
    expect(normalizeBaseUrl('http://127.0.0.1:4000/prefix/')).toBe('http://127.0.0.1:4000/prefix');
  });

  it.each(['', '   ', 'api.wandb.ai', 'ftp://api.wandb.ai', 'file:///etc/passwd', 'https://', 'not a url'])(
    'rejects base URL %j',
    (url) => {
      const e = validationError(() => normalizeBaseUrl(url));
      expect(e.parameter).toBe('baseUrl');
    },
  );

  it.each([
    'https://api:s3cretkey@api.wandb.ai',
    'https://user@h.example',
    'https://h.example/?x=1',
    'https://h.example/#f',
  ])('rejects base URL %j with credentials, query or fragment, without echoing it', (url) => {
    const e = validationError(() => normalizeBaseUrl(url));
    expect(e.parameter).toBe('baseUrl');
    expect(e.message).not.toContain('s3cretkey');
    expect(e.message).not.toContain(url);
  });

  it.each([
    ['a b/p/r', { entity: 'a b', project: 'p', runId: 'r' }],
    ['e/p q/r', { entity: 'e', project: 'p q', runId: 'r' }],
    ['e/p/r s', { entity: 'e', project: 'p', runId: 'r s' }],
  ])('accepts a space inside a run path segment, as W&B does: %j', (path, parsed) => {
    expect(parseRunPath(path)).toEqual(parsed);
  });
});

describe('a ?query or #fragment in a path', () => {
  it.each<[string, (path: string) => unknown, string, string]>([
    ['run', (p) => parseRunPath(p), 'acme/vision/abc?x=1', '"acme/vision/abc"'],
    ['run', (p) => parseRunPath(p), 'acme/vision/runs/abc/?workspace=user', '"acme/vision/runs/abc"'],
    ['run', (p) => parseRunPath(p), 'acme/vision:abc#overview', '"acme/vision:abc"'],
    ['project', (p) => parseProjectPath(p), 'acme/vision?nw=1', '"acme/vision"'],
    ['sweep', (p) => parseSweepPath(p), 'acme/vision/sweeps/k3x9#table', '"acme/vision/sweeps/k3x9"'],
    ['fromPath', (p) => parseObjectPath(p), '/acme/vision/runs/abc?x', '"/acme/vision/runs/abc"'],
  ])('is a ValidationError for a %s path %j that says what to pass', (_kind, parse, path, instead) => {
    const e = validationError(() => parse(path));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain(`pass the path without it: ${instead}`);
  });

  it('says "query" or "fragment", and names the parameter given', () => {
    expect(validationError(() => checkNoQuery('a/b?c', 'path')).message).toContain('has a query ("?c")');
    expect(validationError(() => checkNoQuery('a/b#c', 'path')).message).toContain('has a fragment ("#c")');
    expect(validationError(() => checkNoQuery('?c', 'project')).parameter).toBe('project');
    expect(() => checkNoQuery('a/b/c', 'path')).not.toThrow();
  });
});
