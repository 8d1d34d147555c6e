import { describe, expect, it } from 'vitest';
import nextConfig from '../../next.config';

/**
 * What an uncached render no longer pays for (issue #29, decision 0037), pinned so that it cannot
 * quietly come back. Each was found in a CPU profile of uncached article renders.
 */
describe('an uncached render', () => {
  it('is not hashed by Next for an ETag that Kiji’s server drops from every page it sends', () => {
    expect(nextConfig.generateEtags).toBe(false);
  });
});
