import { describe, expect, it } from 'vitest';
import { checkName, MAX_NAME_LENGTH, optionalName } from '../../../../src/facade/core/validate.js';
import { parseObjectPath } from '../../../../src/facade/paths/fromPath.js';
import { parseProjectPath, parseRunPath, parseSweepPath } from '../../../../src/facade/paths/paths.js';
import { projectUrl, reportUrl, runUrl, sweepUrl } from '../../../../src/facade/paths/urls.js';
import { validationError } from '../../../support/expect-errors.js';

describe('the name rule (entity, project, run id)', () => {
  it.each(['My Project', 'münchen', 'a', 'résumé 2024 (final)', 'tab-free name', 'a.b-c_d', 'emoji 🚀'])(
    'accepts %j',
    (name) => {
      expect(() => checkName(name, 'project')).not.toThrow();
      expect(optionalName(name, 'project')).toBe(name);
    },
  );

  it('accepts 128 characters and rejects 129, counting characters rather than UTF-16 units', () => {
    expect(MAX_NAME_LENGTH).toBe(128);
    expect(() => checkName('a'.repeat(128), 'project')).not.toThrow();
    expect(() => checkName('🚀'.repeat(128), 'project')).not.toThrow(); // 256 UTF-16 units
    const e = validationError(() => checkName('a'.repeat(129), 'project'));
    expect(e.parameter).toBe('project');
    expect(e.message).toContain('129 characters');
    expect(e.message).toContain('1 to 128 characters');
  });

  it.each(['/', '\\', '#', '?', '%', ':'])(
    'rejects %j, naming the parameter, the character and the rule',
    (c) => {
      const e = validationError(() => checkName(`a${c}b`, 'entity'));
      expect(e.parameter).toBe('entity');
      expect(e.message).toContain(`contains "${c}"`);
      expect(e.message).toContain(
        'names may not contain "/", "\\", "#", "?", "%", ":" or control characters',
      );
    },
  );

  it.each([
    ['a tab', 'a\tb', 'U+0009'],
    ['a newline', 'a\nb', 'U+000A'],
    ['a carriage return', 'a\rb', 'U+000D'],
    ['NUL', 'a\u0000b', 'U+0000'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
  ])('rejects %s', (_what, name, code) => {
    const e = validationError(() => checkName(name, 'project'));
    expect(e.parameter).toBe('project');
    expect(e.message).toContain(`a control character (${code})`);
  });

  it('rejects an empty name', () => {
    const e = validationError(() => checkName('', 'name'));
    expect(e.parameter).toBe('name');
    expect(e.message).toContain('empty');
  });

  it('suggests the decoded name for a percent-encoded one', () => {
    const e = validationError(() => checkName('My%20Project', 'project'));
    expect(e.message).toContain('pass "My Project"');
  });

  it('checks option values the same way (blank is absent)', () => {
    expect(optionalName('  ', 'entity')).toBeUndefined();
    expect(validationError(() => optionalName('a\tb', 'entity')).parameter).toBe('entity');
    expect(validationError(() => optionalName('x'.repeat(129), 'entity')).parameter).toBe('entity');
  });
});

describe('paths with names that contain spaces', () => {
  it('parse in every path form', () => {
    const run = { entity: 'alice', project: 'My Project', runId: 'sp1' };
    expect(parseRunPath('alice/My Project/sp1')).toEqual(run);
    expect(parseRunPath('alice/My Project/runs/sp1')).toEqual(run);
    expect(parseRunPath('alice/My Project:sp1')).toEqual(run);
    expect(parseRunPath('My Project:sp1', { entity: 'alice' })).toEqual(run);
    expect(parseProjectPath('alice/My Project')).toEqual({ entity: 'alice', project: 'My Project' });
    expect(parseSweepPath('alice/My Project/sweeps/k3x9')).toEqual({
      entity: 'alice',
      project: 'My Project',
      sweepId: 'k3x9',
    });
    expect(parseObjectPath('/alice/My%20Project/runs/sp1')).toEqual({ kind: 'run', ...run });
    expect(parseObjectPath('alice/My Project')).toEqual({
      kind: 'project',
      entity: 'alice',
      project: 'My Project',
    });
  });

  it.each([
    ['alice/a\tb/sp1', 'U+0009'],
    ['alice/vision/r%20s', '"%"'],
    ['alice/a\\b/sp1', '"\\"'],
    [`alice/${'p'.repeat(129)}/sp1`, '129 characters'],
  ])('rejects a segment W&B refuses: %j', (path, why) => {
    const e = validationError(() => parseRunPath(path));
    expect(e.parameter).toBe('path');
    expect(e.message).toContain(why);
    expect(validationError(() => parseSweepPath(path)).parameter).toBe('path');
  });

  it('rejects a project path segment W&B refuses', () => {
    expect(validationError(() => parseProjectPath('alice/a\tb')).parameter).toBe('path');
    expect(validationError(() => parseProjectPath(`alice/${'p'.repeat(129)}`)).parameter).toBe('path');
  });
});

describe('URLs percent-encode each segment', () => {
  it('of runs, projects, sweeps and reports', () => {
    const app = 'https://wandb.ai';
    expect(runUrl(app, 'alice', 'My Project', 'sp1')).toBe('https://wandb.ai/alice/My%20Project/runs/sp1');
    expect(projectUrl(app, 'alice', 'My Project')).toBe('https://wandb.ai/alice/My%20Project/workspace');
    expect(sweepUrl(app, 'my team', 'My Project', 'k3x9')).toBe(
      'https://wandb.ai/my%20team/My%20Project/sweeps/k3x9',
    );
    expect(reportUrl(app, 'alice', 'My Project', 'Weekly sync', 'Vmlldzo0Mg==')).toBe(
      'https://wandb.ai/alice/My%20Project/reports/Weekly-sync--Vmlldzo0Mg',
    );
  });
});
