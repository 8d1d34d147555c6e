import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The README promises Node.js 20.19+. `npm ci` warns EBADENGINE for any installed package whose
 * `engines.node` excludes that: this holds the list to the one known, unused exception, so that a
 * new dependency needing a newer Node fails here instead of in a newcomer's terminal.
 */
const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; devOptional?: boolean }>;
};

// Needed only by `prisma dev` (a local Prisma Postgres), which Kiji never runs; it declares Node 22.
const KNOWN_UNUSED = ['node_modules/@prisma/streams-local'];

describe('the Node.js version the README promises', () => {
  const oldest = semver.minVersion(manifest.engines.node)!.version;

  it('is Node 20.19', () => {
    expect(oldest).toBe('20.19.0');
  });

  it('is accepted by every installed package but the one that only `prisma dev` uses', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return name !== '' && range !== undefined && !semver.satisfies(oldest, range);
      })
      .map(([name]) => name);
    expect(refusing).toEqual(KNOWN_UNUSED);
    for (const name of KNOWN_UNUSED) expect(lock.packages[name]?.devOptional ?? lock.packages[name]?.dev).toBe(true);
  });
});
