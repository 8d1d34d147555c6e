import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_MALLOC_TUNABLES, SERVER_NODE_FLAGS, serverEnvironment } from './server-flags';

describe('the server flags', () => {
  it('are the ones `npm start` passes, so the tests run the server as production does', () => {
    const start = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts.start!;
    expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} .next/kiji-server.mjs`);
  });

  it('tune glibc’s allocator for the server, unless the operator chose their own tunables', () => {
    expect(serverEnvironment({ PATH: '/bin' })).toEqual({ PATH: '/bin', GLIBC_TUNABLES: SERVER_MALLOC_TUNABLES });
    expect(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=4' }).GLIBC_TUNABLES).toBe(
      'glibc.malloc.arena_max=4',
    );
  });
});
