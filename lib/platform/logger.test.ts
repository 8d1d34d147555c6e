import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the logger', () => {
  it('writes one JSON line per event, info to stdout and errors to stderr, with an ISO time', () => {
    const script = `
      import { log } from './lib/platform/logger.mjs';
      log.info('scheduler_published', { slugs: ['a'] });
      log.error('scheduler_failed', { message: 'connection refused' });
      process.exit(0);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const err = run.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(out).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        event: 'scheduler_published',
        slugs: ['a'],
      },
    ]);
    expect(err).toEqual([
      { level: 'error', time: expect.any(String), event: 'scheduler_failed', message: 'connection refused' },
    ]);
  });
});
