import { describe, expect, it } from 'vitest';
import { parseObjectPath } from '../../../../src/facade/paths/fromPath.js';
import { parseReportSlug, parseSweepPath } from '../../../../src/facade/paths/paths.js';
import { reportSlug, reportUrl } from '../../../../src/facade/paths/urls.js';
import { validationError } from '../../../support/expect-errors.js';

describe('reportSlug', () => {
  it.each([
    ['Weekly sync', 'Weekly-sync'],
    ['Q3 results: ResNet vs. ViT!', 'Q3-results-ResNet-vs-ViT'],
    ['  padded  title  ', 'padded-title'],
    ['a -- b', 'a-b'],
    ['snake_case_kept', 'snake_case_kept'],
    ['---', ''],
    ['', ''],
    ['100% done?', '100-done'],
    ['Über Ergebnisse', '%C3%9Cber-Ergebnisse'],
    ['データ 分析', '%E3%83%87%E3%83%BC%E3%82%BF-%E5%88%86%E6%9E%90'],
    ['rocket 🚀 launch', 'rocket-launch'],
    ['a/b?c#d&e', 'a-b-c-d-e'],
  ])('%j -> %j', (title, slug) => {
    expect(reportSlug(title)).toBe(slug);
  });
});

describe('reportUrl', () => {
  it('joins app URL, entity, project, slug and the id without padding', () => {
    expect(reportUrl('https://wandb.ai', 'acme', 'vision', 'Weekly sync', 'Vmlldzo0Mg==')).toBe(
      'https://wandb.ai/acme/vision/reports/Weekly-sync--Vmlldzo0Mg',
    );
  });

  it('strips trailing slashes of the app URL and encodes entity and project', () => {
    expect(reportUrl('http://localhost:8080//', 'my team', 'p', 'T', 'Vmlldzox')).toBe(
      'http://localhost:8080/my%20team/p/reports/T--Vmlldzox',
    );
  });

  it('keeps the separator when the title has no word characters', () => {
    expect(reportUrl('https://wandb.ai', 'e', 'p', '!!!', 'Vmlldzo5')).toBe(
      'https://wandb.ai/e/p/reports/--Vmlldzo5',
    );
  });
});

describe('parseReportSlug', () => {
  it('splits title and id, turning dashes into spaces and restoring base64 padding', () => {
    expect(parseReportSlug('Weekly-sync--Vmlldzo0Mg')).toEqual({
      displayName: 'Weekly sync',
      id: 'Vmlldzo0Mg==',
    });
    expect(parseReportSlug('T--Vmlldzo0MjQ')).toEqual({ displayName: 'T', id: 'Vmlldzo0MjQ=' });
    expect(parseReportSlug('T--Vmlldzox')).toEqual({ displayName: 'T', id: 'Vmlldzox' });
  });

  it('decodes percent-escapes in the title', () => {
    expect(parseReportSlug('%C3%9Cber-Ergebnisse--Vmlldzo0Mg').displayName).toBe('Über Ergebnisse');
    expect(parseReportSlug('100%-done--Vmlldzo0Mg').displayName).toBe('100% done'); // a stray % stays
  });

  it('round-trips what reportUrl makes', () => {
    const id = 'Vmlldzo0NTY3ODk=';
    const url = reportUrl('https://wandb.ai', 'acme', 'vision', 'Loss curves 2024', id);
    expect(parseReportSlug(url.split('/').pop()!)).toEqual({ displayName: 'Loss curves 2024', id });
  });

  it('accepts an empty title', () => {
    expect(parseReportSlug('--Vmlldzo5')).toEqual({ displayName: '', id: 'Vmlldzo5' });
  });

  it.each(['Weekly-sync', 'Vmlldzo0Mg', 'Weekly-sync--', ''])('rejects %j, naming path', (segment) => {
    const e = validationError(() => parseReportSlug(segment));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain('Title--ID');
  });
});

describe('parseSweepPath', () => {
  const full = { entity: 'acme', project: 'vision', sweepId: 'k3x9a0qz' };
  it.each([
    'acme/vision/k3x9a0qz',
    'acme/vision/sweeps/k3x9a0qz',
    '/acme/vision/k3x9a0qz',
    'acme/vision:k3x9a0qz',
  ])('parses %j', (path) => {
    expect(parseSweepPath(path, { entity: 'other', project: 'other' })).toEqual(full);
  });

  it('fills missing parts from defaults', () => {
    expect(parseSweepPath('vision/k3x9a0qz', { entity: 'acme' })).toEqual(full);
    expect(parseSweepPath('vision:k3x9a0qz', {})).toEqual({ project: 'vision', sweepId: 'k3x9a0qz' });
    expect(parseSweepPath('k3x9a0qz', { entity: 'acme', project: 'vision' })).toEqual(full);
  });

  it('rejects the runs keyword and other malformed paths with the sweep forms', () => {
    const e = validationError(() => parseSweepPath('acme/vision/runs/k3x9a0qz'));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain('expected "sweeps"');
    expect(e.message).toContain('entity/project/sweeps/sweepId');
    expect(validationError(() => parseSweepPath('k3x9a0qz', {})).message).toContain('entity/project/sweepId');
    expect(validationError(() => parseSweepPath('a/b:c:d')).message).toContain('project:sweepId');
  });
});

describe('parseObjectPath', () => {
  it.each([
    ['vision', { kind: 'project', project: 'vision' }],
    ['acme/vision', { kind: 'project', entity: 'acme', project: 'vision' }],
    ['/acme/vision', { kind: 'project', entity: 'acme', project: 'vision' }],
    ['acme/vision/a1b2', { kind: 'run', entity: 'acme', project: 'vision', runId: 'a1b2' }],
    ['acme/vision/runs/a1b2', { kind: 'run', entity: 'acme', project: 'vision', runId: 'a1b2' }],
    ['acme/vision/sweeps/k3x9', { kind: 'sweep', entity: 'acme', project: 'vision', sweepId: 'k3x9' }],
    [
      'acme/vision/reports/Weekly-sync--Vmlldzo0Mg',
      {
        kind: 'report',
        entity: 'acme',
        project: 'vision',
        displayName: 'Weekly sync',
        reportId: 'Vmlldzo0Mg==',
      },
    ],
  ])('%j', (path, expected) => {
    expect(parseObjectPath(path)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['a/b/c/d/e', 'too many segments'],
    ['acme/vision/artifacts/x', 'expected "runs", "sweeps" or "reports"'],
    ['acme/vision/reports/Weekly-sync', 'Title--ID'],
    ['acme//vision', 'empty segment'],
    ['acme/vi:sion', 'may not contain'],
    ['acme/vision/runs/a:b', 'may not contain'],
  ])('rejects %j (%s), naming path', (path, why) => {
    const e = validationError(() => parseObjectPath(path));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain(why);
  });

  it.each([
    ['acme/vision/', { kind: 'project', entity: 'acme', project: 'vision' }],
    ['/acme/vision/runs/a1b2/', { kind: 'run', entity: 'acme', project: 'vision', runId: 'a1b2' }],
    [' acme/vision/sweeps/k3x9// ', { kind: 'sweep', entity: 'acme', project: 'vision', sweepId: 'k3x9' }],
  ])('ignores trailing slashes, as the official client does: %j', (path, expected) => {
    expect(parseObjectPath(path)).toEqual(expected);
  });

  it('decodes percent-escapes in names, as in the URLs this client builds', () => {
    expect(parseObjectPath('/acme/m%C3%BCnchen/runs/a1b2')).toEqual({
      kind: 'run',
      entity: 'acme',
      project: 'münchen',
      runId: 'a1b2',
    });
    // A decoded "/" is still no part of a name.
    expect(validationError(() => parseObjectPath('acme/vision%2Fx/runs/a1b2')).message).toContain(
      'may not contain',
    );
  });

  it.each([
    ['acme/vision/runs', 'runs'],
    ['acme/vision/sweeps', 'sweeps'],
    ['acme/vision/reports', 'reports'],
  ])('rejects the listing path %j rather than looking for a run named %j', (path, keyword) => {
    const e = validationError(() => parseObjectPath(path));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain(`${path}/<`);
    expect(e.message).toContain(keyword);
  });

  it.each([
    ['https://wandb.ai/acme/vision/runs/a1b2', 'acme/vision/runs/a1b2'],
    ['https://wandb.ai/acme/vision/runs/a1b2?workspace=user-alice', 'acme/vision/runs/a1b2'],
    [
      'http://localhost:8080/acme/vision/reports/Weekly-sync--Vmlldzo0Mg#intro',
      'acme/vision/reports/Weekly-sync--Vmlldzo0Mg',
    ],
  ])('rejects the URL %j with a message naming the path to pass', (url, path) => {
    const e = validationError(() => parseObjectPath(url));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain(`"${path}"`);
  });

  it.each(['acme/vision/runs/a1b2?workspace=user-alice', 'acme/vision/reports/T--Vmlldzo0Mg#x'])(
    'rejects a query or fragment in %j rather than taking it as part of a name',
    (path) => {
      const e = validationError(() => parseObjectPath(path));
      expect(e.parameter).toBe('path');
      expect(e.message).toMatch(/query|fragment/);
    },
  );
});
