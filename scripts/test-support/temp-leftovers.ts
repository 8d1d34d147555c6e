import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm test` takes a snapshot of Kiji's entries in the temp folder before the tests and checks
 * after them that the tests left nothing new behind (databases, data folders, state files).
 */
const SNAPSHOT = path.join(tmpdir(), '.kiji-temp-snapshot.json');
const ours = () => readdirSync(tmpdir()).filter((name) => name.startsWith('kiji-'));

const mode = process.argv[2];
if (mode === 'snapshot') {
  writeFileSync(SNAPSHOT, JSON.stringify(ours()));
} else if (mode === 'check') {
  const before = new Set(JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as string[]);
  const left = ours().filter((name) => !before.has(name));
  if (left.length > 0) {
    console.error(`[kiji] The tests left these behind in ${tmpdir()}: ${left.join(', ')}`);
    process.exit(1);
  }
  console.log('[kiji] The tests left nothing behind in the temp folder.');
} else {
  console.error('Usage: temp-leftovers.ts snapshot|check');
  process.exit(2);
}
