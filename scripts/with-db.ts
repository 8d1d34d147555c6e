import { spawn } from 'node:child_process';
import { disconnectDb } from '../lib/db';
import { provideDatabase } from './lib/database';
import { isDatabaseEmpty, loadDemoContent } from './lib/demo-content';
import { ensureAuthSecret } from './lib/auth-secret';

/**
 * `npm run dev`, `npm run build`, `npm start`: run a command with a database. Without
 * DATABASE_URL this starts the embedded PostgreSQL, migrates it and seeds it when empty.
 */
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('Usage: with-db <command…>');
  process.exit(1);
}

const database = await provideDatabase({ log: (line) => console.log(`[kiji] ${line}`) });
if (database.embedded && (await isDatabaseEmpty())) {
  console.log('[kiji] Empty database: loading the demo articles…');
  await loadDemoContent();
}
await disconnectDb();

await ensureAuthSecret();
process.env.PORT ??= '3000';
const serving = command.includes('start') || command.includes('dev') || command.some((part) => part.endsWith('kiji-server.mjs'));
if (serving) {
  const port = process.env.PORT ?? '3000';
  console.log(`[kiji] Open http://localhost:${port}/ (database: ${database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`);
}

const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', async (code, signal) => {
  await database.release().catch(() => {});
  process.exit(code ?? (signal ? 1 : 0));
});
