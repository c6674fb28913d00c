import { describe, expect, it } from 'vitest';
import {
  checkExternalLinks,
  checkPrioritizationMode,
  checkResourceType,
  checkTemplateValues,
  decodeExternalLinks,
  encodeExternalLinks,
  optionalJsonObject,
} from '../../../../src/facade/launch/checks.js';
import { buildRunSpec, checkPriority, checkQueueName } from '../../../../src/facade/launch/rules.js';
import { parseJobName } from '../../../../src/facade/launch/job.js';
import { validationError } from '../../../support/expect-errors.js';

describe('queue rules', () => {
  it('takes names of 1 to 64 characters (code points)', () => {
    expect(checkQueueName('q')).toBe('q');
    expect(checkQueueName('x'.repeat(64))).toHaveLength(64);
    expect(checkQueueName('🚀'.repeat(64))).toBe('🚀'.repeat(64));
    expect(validationError(() => checkQueueName('')).parameter).toBe('name');
    expect(validationError(() => checkQueueName('x'.repeat(65))).message).toMatch(
      /1 to 64 characters, got 65/,
    );
    expect(validationError(() => checkQueueName(3, 'queue')).parameter).toBe('queue');
  });

  it('takes the five resource types only', () => {
    for (const t of ['local-container', 'local-process', 'kubernetes', 'sagemaker', 'gcp-vertex'])
      expect(checkResourceType(t, 'type')).toBe(t);
    const e = validationError(() => checkResourceType('k8s', 'type'));
    expect(e.parameter).toBe('type');
    expect(e.message).toMatch(/"kubernetes"/);
  });

  it('takes prioritization modes as Python does: V0 for create, V0 or DISABLED for upsert, any case', () => {
    expect(checkPrioritizationMode(undefined, ['V0'])).toBeUndefined();
    expect(checkPrioritizationMode('v0', ['V0'])).toBe('V0');
    expect(validationError(() => checkPrioritizationMode('DISABLED', ['V0'])).parameter).toBe(
      'prioritizationMode',
    );
    expect(checkPrioritizationMode('disabled', ['V0', 'DISABLED'])).toBe('DISABLED');
    expect(validationError(() => checkPrioritizationMode('', ['V0', 'DISABLED'])).parameter).toBe(
      'prioritizationMode',
    );
  });

  it('checks priorities, template values, JSON objects and links', () => {
    expect(checkPriority(0)).toBe(0);
    expect(validationError(() => checkPriority(-1)).parameter).toBe('priority');
    expect(validationError(() => checkPriority(1.5)).parameter).toBe('priority');
    expect(checkTemplateValues({ gpus: 2, image: 'a' })).toEqual({ gpus: 2, image: 'a' });
    expect(validationError(() => checkTemplateValues({ gpus: [2] })).message).toMatch(/"gpus"/);
    expect(validationError(() => optionalJsonObject([1], 'config')).parameter).toBe('config');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(validationError(() => optionalJsonObject(cyclic, 'config')).message).toMatch(/JSON/);
    expect(validationError(() => checkExternalLinks({ a: 1 })).parameter).toBe('externalLinks');
  });

  it('stores external links as { links: [{ label, url }] } and reads them back', () => {
    const links = { Grafana: 'https://grafana.example.com', Docs: 'https://docs.example.com' };
    const stored = encodeExternalLinks(links);
    expect(stored).toEqual({
      links: [
        { label: 'Grafana', url: 'https://grafana.example.com' },
        { label: 'Docs', url: 'https://docs.example.com' },
      ],
    });
    expect(decodeExternalLinks(stored)).toEqual(links);
    expect(decodeExternalLinks(JSON.stringify(stored))).toEqual(links);
    expect(decodeExternalLinks(null)).toEqual({});
  });
});

describe('buildRunSpec (as launch_add builds it for job.call)', () => {
  it('puts the keys in launch_add order, without resource_args when there are none', () => {
    const spec = buildRunSpec({
      job: 'acme/vision/train:v0',
      entity: 'acme',
      project: 'vision',
      config: { lr: 0.1 },
      resource: 'local-container',
      resourceArgs: {},
    });
    expect(JSON.stringify(spec)).toBe(
      '{"overrides":{"run_config":{"lr":0.1}},"job":"acme/vision/train:v0","entity":"acme","project":"vision","docker":{},"resource":"local-container","git":{}}',
    );
  });

  it('adds resource_args when given', () => {
    const spec = buildRunSpec({
      job: 'acme/vision/train:v0',
      entity: 'acme',
      project: 'other',
      config: {},
      resource: 'kubernetes',
      resourceArgs: { kubernetes: { namespace: 'ml' } },
    });
    expect(spec.resource_args).toEqual({ kubernetes: { namespace: 'ml' } });
    expect(spec.project).toBe('other');
  });
});

describe('parseJobName', () => {
  it('takes entity/project/name:alias only', () => {
    expect(parseJobName('acme/vision/train:latest')).toEqual({
      entity: 'acme',
      project: 'vision',
      job: 'train',
      alias: 'latest',
    });
    for (const bad of [
      'train:latest',
      'vision/train:v0',
      'acme/vision/train',
      'acme/vision/train:',
      'a/b/c/d:v0',
      'acme//train:v0',
      'acme/vision/train:v/0',
    ])
      expect(validationError(() => parseJobName(bad), bad).parameter).toBe('name');
    expect(validationError(() => parseJobName(undefined)).message).toMatch(
      /<entity>\/<project>\/<job-name>:<alias-or-version>/,
    );
  });
});
