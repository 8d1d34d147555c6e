import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { cliActor } from '../../lib/auth/actor';
import { importArticleDocument } from '../../lib/editorial/importer';
import { parseArticleBytes } from '../../lib/articles/text/parse';
import { disconnectDb } from '../../lib/platform/db';

/**
 * The newsroom's editor for `npm run bench` (issue #28): imports one article through the same
 * writer as `npm run import` (transaction, revision, audit entry, cache expiry, change feed), again
 * and again with a new headline. Started once, so the measured window pays no process start-up:
 * it imports the article once and prints `ready`; on `start` (a line on stdin) it imports every
 * `--every` ms until stdin closes, then prints `imported N` and exits.
 *
 *   node --conditions=react-server --import tsx scripts/lib/bench-importer.ts <slug> [--every 2000]
 */
const [slug, flag, every] = process.argv.slice(2);
if (!slug || !/^[a-z0-9-]+$/.test(slug) || (flag !== undefined && flag !== '--every')) {
  console.error('Usage: bench-importer <slug> [--every MS]');
  process.exit(2);
}
const intervalMs = Number(every ?? 2_000);
const SEED = path.resolve(import.meta.dirname, '../../prisma/seed/articles/101_demo-typhoon-rail.md');

const parsed = parseArticleBytes(await readFile(SEED), '101_demo-typhoon-rail.md');
if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('; '));
const document = parsed.article;

let imported = 0;
async function importOnce(): Promise<void> {
  await importArticleDocument(
    cliActor,
    { ...document, title: `${document.title}（計測中の更新${imported}）` },
    { slug, category: 'world', status: 'published', noSourcesReason: '計測用の記事で、出典はないため', demo: true },
  );
  imported += 1;
}

await importOnce();
console.log('ready');

const lines = createInterface({ input: process.stdin });
let timer: NodeJS.Timeout | undefined;
let running: Promise<void> = Promise.resolve();
lines.on('line', (line) => {
  if (line.trim() !== 'start' || timer) return;
  timer = setInterval(() => {
    // One import at a time: a slow one delays the next instead of piling up.
    running = running.then(importOnce).catch((error: Error) => console.error(`import failed: ${error.message}`));
  }, intervalMs);
});
lines.on('close', async () => {
  clearInterval(timer);
  await running;
  // The first import made the article; only those after `start` are the edits measured.
  console.log(`imported ${imported - 1}`);
  await disconnectDb();
  process.exit(0);
});
