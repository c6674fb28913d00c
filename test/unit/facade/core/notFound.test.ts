// The "not found" messages, worded once in core/notFound.ts: each names the object and says
// whether its project exists.
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../src/errors/index.js';
import {
  fileGone,
  fileNotFound,
  projectNotFound,
  runNotFound,
  sweepNotFound,
  uploadRunNotFound,
} from '../../../../src/facade/core/notFound.js';

describe('not-found errors', () => {
  it('are NotFoundError with code NOT_FOUND', () => {
    for (const error of [
      projectNotFound('acme', 'vision'),
      runNotFound('acme', 'vision', 'a1', true),
      sweepNotFound('acme', 'vision', 's1', false),
      fileNotFound('a.txt', 'acme/vision/a1'),
      fileGone('a.txt', 'acme/vision/a1'),
      uploadRunNotFound('acme/vision/a1', 'a.txt'),
    ]) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.code).toBe('NOT_FOUND');
    }
  });

  it('tell a missing run or sweep from a missing project, in the same words', () => {
    expect(projectNotFound('acme', 'vision').message).toBe('Project acme/vision not found');
    expect(runNotFound('acme', 'vision', 'a1b2c3d4', true).message).toBe(
      'Run a1b2c3d4 not found in project acme/vision',
    );
    expect(runNotFound('acme', 'vision', 'a1b2c3d4', false).message).toBe(
      'Run a1b2c3d4 not found (project acme/vision not found)',
    );
    expect(sweepNotFound('acme', 'vision', 'k3x9a0qz', true).message).toBe(
      'Sweep k3x9a0qz not found in project acme/vision',
    );
    expect(sweepNotFound('acme', 'vision', 'k3x9a0qz', false).message).toBe(
      'Sweep k3x9a0qz not found (project acme/vision not found)',
    );
  });

  it('name the file and its run', () => {
    expect(fileNotFound('media/a "b".png', 'acme/vision/a1').message).toBe(
      'File "media/a \\"b\\".png" not found in run acme/vision/a1',
    );
    expect(fileGone('output.log', 'acme/vision/a1').message).toBe(
      'File "output.log" no longer exists in run acme/vision/a1',
    );
    expect(uploadRunNotFound('acme/vision/nosuch', 'a.txt').message).toBe(
      'Run acme/vision/nosuch not found: the server gave no run for the upload of "a.txt"',
    );
  });
});
