import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { cliActor } from '../../lib/auth/actor';
import { importArticleDocument } from '../../lib/editorial/importer';
import { config, reloadConfig } from '../../lib/platform/config';
import { db, disconnectDb } from '../../lib/platform/db';
import { loadDemoContent } from '../../scripts/lib/demo-content';
import { createFreshDatabase } from '../../scripts/lib/test-database';
import {
  ACCOUNTS,
  DISABLED_AT_START,
  E2E_FIXTURES,
  E2E_SERVER_LOG,
  E2E_STATE_FILE,
  e2ePort,
  METRICS_PORT,
  SECURITY_CONTACT,
} from './fixtures';
import { createUserAccount, setUserDisabled } from '../../lib/auth/users';
import { enrollTwoFactor } from './two-factor';
import { serverCommand, serverEnvironment } from '../../lib/platform/startup';

/**
 * Playwright's web server: a fresh database seeded with the demo articles and the e2e fixtures,
 * then a production build (`next build`, served by Kiji's server, scripts/serve.ts) against it.
 */
const database = await createFreshDatabase('e2e');
process.env.DATABASE_URL = database.url;
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.SITE_URL ??= `http://localhost:${e2ePort}`;
process.env.BETTER_AUTH_SECRET = 'e2e-auth-secret-0123456789abcdefghijklmnop';
process.env.PORT = String(e2ePort);
process.env.KIJI_SCHEDULER_INTERVAL_MS = '2000';
process.env.KIJI_SERVED_BY_HEADER = '1';
// The AI desk's webhook receivers listen on 127.0.0.1, as tests and local development may (decision 0034).
process.env.KIJI_ALLOW_PRIVATE_FETCH = '1';
process.env.KIJI_METRICS_PORT = String(METRICS_PORT);
process.env.KIJI_SECURITY_CONTACT = SECURITY_CONTACT;
// This process seeds the database too: it reads the values just set.
reloadConfig();

await loadDemoContent();
for (const fixture of E2E_FIXTURES) {
  // Fixtures without sources are published as an editor may publish them: with a reason.
  const options = {
    ...fixture.options,
    ...(fixture.document.sources.length === 0 ? { noSourcesReason: 'E2E の試験記事で、出典はないため' } : {}),
  };
  await importArticleDocument(cliActor, fixture.document, options);
  if (fixture.edited) await importArticleDocument(cliActor, { ...fixture.document, lead: '更新後のリード。' }, options);
  if (fixture.deleted)
    await db().article.update({ where: { slug: fixture.options.slug }, data: { deletedAt: new Date() } });
}
for (const account of Object.values(ACCOUNTS)) {
  const created = await createUserAccount(cliActor, account);
  if (DISABLED_AT_START.includes(account.email)) await setUserDisabled(cliActor, created.id, true);
}
// Admins sign in with two factors (required of them); the login helper computes their codes.
const totpSecrets: Record<string, string> = {};
for (const account of Object.values(ACCOUNTS)) {
  if (account.role === 'admin') totpSecrets[account.email] = await enrollTwoFactor(account);
}
await disconnectDb();
await writeFile(E2E_STATE_FILE, JSON.stringify({ databaseUrl: database.url, totpSecrets }));

let child: ChildProcess | undefined;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  await database.dispose().catch((error) => console.error(error));
  await rm(E2E_STATE_FILE, { force: true });
  await rm(E2E_SERVER_LOG, { force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));

/** Runs a command; with `log`, its output is also kept in that file, for tests that read it. */
function run(
  command: string,
  args: string[],
  log?: string,
  env: NodeJS.ProcessEnv = serverEnvironment(process.env),
): Promise<number> {
  return new Promise((resolve) => {
    child = spawn(command, args, { stdio: log ? 'pipe' : 'inherit', env });
    if (log) {
      const file = createWriteStream(log);
      child.stdout!.on('data', (chunk: Buffer) => (process.stdout.write(chunk), file.write(chunk)));
      child.stderr!.on('data', (chunk: Buffer) => (process.stderr.write(chunk), file.write(chunk)));
      child.on('exit', () => file.end());
    }
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

if (!config().E2E_SKIP_BUILD) {
  // Next's data cache in .next/cache outlives builds; a fresh database needs a fresh cache.
  await rm('.next', { recursive: true, force: true });
  const built = await run('node_modules/.bin/next', ['build', ...(config().E2E_BUILD_FLAGS?.split(' ') ?? [])]);
  if (built !== 0) await stop(built);
  const bundled = await run('npm', ['run', '-s', 'build:server']);
  if (bundled !== 0) await stop(bundled);
}
// The server as `npm start` runs it (lib/platform/startup.ts), on the database made above.
const server = serverCommand('start', process.env);
const code = await run(server.command, server.args, E2E_SERVER_LOG, server.env);
await stop(code);
