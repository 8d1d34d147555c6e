import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * The rooms of lib/, lowest first (docs/decisions/0029, lib/<room>/README.md): a room may import its
 * own layer and the layers below it, never one above. Held here, not by a regex test.
 */
const LAYERS = [
  ['platform', 'routes', 'format'],
  ['auth', 'cache'],
  ['media'],
  ['articles'],
  ['editorial', 'crawlers'],
  ['api'],
  ['server'],
];
const roomZones = LAYERS.flatMap((layer, index) =>
  layer.map((room) => ({
    target: `./lib/${room}`,
    from: LAYERS.slice(index + 1)
      .flat()
      .map((above) => `./lib/${above}`),
    message: `lib/${room} may not import a room above it (docs/decisions/0029).`,
  })),
).filter((zone) => zone.from.length > 0);

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore names what a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests may set up their data with any room's help.
    files: ['lib/**/*.{ts,tsx,mjs}'],
    ignores: ['**/*.test.ts'],
    rules: { 'import/no-restricted-paths': ['error', { zones: roomZones }] },
  },
  globalIgnores([
    '.next/**',
    'lib/generated/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
    '.data/**',
    'backups/**',
  ]),
]);
