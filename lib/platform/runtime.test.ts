import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** lib/'s modules, without tests and generated code, with comments blanked out. */
function libModules(): { file: string; code: string }[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'lib'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs)$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith('lib/generated/'))
    .map((file) => ({
      file,
      code: readFileSync(path.join(ROOT, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1'),
    }));
}

describe('process state', () => {
  const modules = libModules();

  it('finds the modules it checks', () => {
    expect(modules.map((module) => module.file)).toContain('lib/platform/runtime.mjs');
    expect(modules.length).toBeGreaterThan(50);
  });

  it('lives in the runtime registry only: no module-level let, no empty collection, no globalThis elsewhere in lib/', () => {
    const offenders = modules
      .filter((module) => module.file !== 'lib/platform/runtime.mjs')
      .flatMap(({ file, code }) => [
        ...[...code.matchAll(/^(?:export\s+)?(?:let|var)\s+\w+/gm)].map((match) => `${file}: ${match[0]}`),
        ...[
          ...code.matchAll(
            /^(?:export\s+)?const\s+\w+(?::[^=]+)?=\s*(?:new\s+(?:Map|Set|WeakMap|WeakSet)\(\s*\)|\[\s*\]|\{\s*\})/gm,
          ),
        ].map((match) => `${file}: ${match[0]}`),
        ...(code.includes('globalThis') ? [`${file}: globalThis`] : []),
      ]);
    expect(offenders).toEqual([]);
  });

  it('is typed throughout: no field of the registry is `unknown`, and reaching it needs no cast', () => {
    const registry = readFileSync(path.join(ROOT, 'lib/platform/runtime.mjs'), 'utf8');
    expect(registry).toContain('@typedef {object} Runtime');
    expect(registry.match(/\bunknown\b/g)).toBeNull();
    // A JSDoc cast is a type annotation on a parenthesised expression: /** @type {T} */ (value).
    expect(registry.match(/@type\s*\{[^}]*\}\s*\*\/\s*\(/g)).toBeNull();
  });

  it('patches one global only, the abort of AbortController, in the render leak guard that needs it', () => {
    const patches = modules.flatMap(({ file, code }) =>
      [...code.matchAll(/\b(\w+)\.prototype\.(\w+)\s*=|\bprocess\.(exit|on|emit)\s*=/g)].map(
        (match) => `${file}: ${match[0]}`,
      ),
    );
    expect(patches).toEqual(['lib/platform/render-leak-guard.ts: AbortController.prototype.abort =']);
  });
});
