import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { envExample, readmeWithTable } from '../lib/platform/config';
import { runCommand } from './lib/cli';

const ROOT = path.resolve(import.meta.dirname, '..');

await runCommand(
  {
    name: 'config:docs',
    usage: '',
    description: "Regenerates .env.example and README.md's configuration table from lib/platform/config.ts.",
    options: {},
  },
  async () => {
    writeFileSync(path.join(ROOT, '.env.example'), envExample());
    const readmePath = path.join(ROOT, 'README.md');
    writeFileSync(readmePath, readmeWithTable(readFileSync(readmePath, 'utf8')));
    console.log('wrote .env.example and the table in README.md');
  },
);
