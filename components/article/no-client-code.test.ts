import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every project module the entry imports, followed through relative and @/ imports. */
function projectImports(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    const specifier = match[1]!;
    if (!specifier.startsWith('.') && !specifier.startsWith('@/')) continue;
    const base = specifier.startsWith('@/')
      ? path.join(root, specifier.slice(2))
      : path.resolve(path.dirname(entry), specifier);
    const file = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']
      .map((ext) => base + ext)
      .find((candidate) => existsSync(candidate) && !candidate.endsWith('/'));
    if (file && /\.tsx?$/.test(file)) projectImports(file, seen);
  }
  return seen;
}

describe('the public article route', () => {
  const entries = ['app/layout.tsx', 'app/(site)/layout.tsx', 'app/(site)/articles/[slug]/page.tsx'].map((file) =>
    path.join(root, file),
  );
  const modules = [...new Set(entries.flatMap((entry) => [...projectImports(entry)]))];

  it('follows its imports into the components it renders', () => {
    const relative = modules.map((file) => path.relative(root, file));
    expect(relative).toContain('components/article/ArticleBody.tsx');
    expect(relative).toContain('components/article/SourceList.tsx');
  });

  it('ships no client components of its own', () => {
    const client = modules.filter(
      (file) => /^\s*['"]use client['"]/m.test(readFileSync(file, 'utf8')) || file.includes('.client.'),
    );
    expect(client.map((file) => path.relative(root, file))).toEqual([]);
  });
});
