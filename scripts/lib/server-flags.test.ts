import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './server-flags';

describe('the server flags', () => {
  it('are the ones `npm start` passes, so the tests run the server as production does', () => {
    const start = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts.start!;
    expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} .next/kiji-server.mjs`);
  });
});
