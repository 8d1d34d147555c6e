import { cliActor } from '../lib/auth/actor';
import { disconnectDb } from '../lib/platform/db';
import { API_SCOPES, type ApiScope } from '../lib/routes/api-scopes';
import { createApiKey } from '../lib/api/keys';
import { CommandError, integerOption, runCommand, UsageError } from './lib/cli';
import { provideDatabase } from './lib/database';

await runCommand(
  {
    name: 'api-key:create',
    usage: `--name N --scopes S[,S…] [--rate-limit PER_MINUTE]`,
    description: [
      'Creates an integration key for the API (/api/v1) and prints it once, on standard output:',
      'only its hash is stored, so keep it now. Revoke it at /admin/keys.',
      `Scopes: ${API_SCOPES.join(', ')}. Without DATABASE_URL it writes to the embedded PostgreSQL in .data/.`,
    ].join('\n'),
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      'rate-limit': { type: 'string' },
    },
  },
  async ({ values }, onCleanup) => {
    if (!values.name?.trim() || !values.scopes) throw new UsageError('--name and --scopes are required');
    const scopes = values.scopes.split(',').map((scope) => scope.trim());
    const unknown = scopes.find((scope) => !(API_SCOPES as readonly string[]).includes(scope));
    if (unknown !== undefined)
      throw new UsageError(`--scopes: unknown scope "${unknown}" (one or more of ${API_SCOPES.join(', ')})`);
    const rateLimitPerMinute =
      values['rate-limit'] === undefined
        ? undefined
        : integerOption('rate-limit', values['rate-limit'], { max: 100_000 });
    if (values.name.trim().length > 100) throw new UsageError('--name must be at most 100 characters');
    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    try {
      const created = await createApiKey(cliActor, {
        name: values.name,
        scopes: scopes as ApiScope[],
        rateLimitPerMinute,
      });
      console.error(
        `Created key "${created.name}" (${created.prefix}, ${created.scopes.join(', ')}) in ${database.description}. It is shown once:`,
      );
      console.log(created.key);
    } catch (error) {
      throw new CommandError(error instanceof Error ? error.message : String(error));
    }
  },
);
