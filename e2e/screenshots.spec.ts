import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/test';

/** A PNG's size, from its header (IHDR): width and height in pixels. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('npm run screenshots shoots the home and article pages on a phone and a desktop, light and dark', async ({
  baseURL,
}) => {
  const out = mkdtempSync(path.join(tmpdir(), 'kiji-screenshots-'));
  try {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/screenshots.ts', '--url', baseURL!, '--out', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      ['article', 'home']
        .flatMap((page) =>
          ['desktop', 'phone'].flatMap((device) =>
            ['dark', 'light'].map((scheme) => `${page}-${device}-${scheme}.png`),
          ),
        )
        .sort(),
    );
    expect(pngSize(path.join(out, 'home-phone-light.png'))).toEqual({ width: 780, height: 1688 });
    expect(pngSize(path.join(out, 'article-desktop-dark.png'))).toEqual({ width: 1280, height: 900 });
    // Dark is not light: the two differ (the page follows prefers-color-scheme).
    expect(
      readFileSync(path.join(out, 'home-phone-dark.png')).equals(readFileSync(path.join(out, 'home-phone-light.png'))),
    ).toBe(false);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('npm run screenshots without a server says so and exits non-zero', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/screenshots.ts', '--url', 'http://127.0.0.1:9'],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('no server answers');
});
