import { cliActor } from '../lib/auth/actor';
import { disconnectDb } from '../lib/platform/db';
import { createUserAccount, UserInputError } from '../lib/auth/users';
import { PASSWORD_RULES } from '../lib/auth/password';
import { CommandError, runCommand, UsageError } from './lib/cli';
import { provideDatabase } from './lib/database';

await runCommand(
  {
    name: 'admin:create',
    usage: '--email E --password P --role admin|editor [--name N]',
    description: `Creates an account for /admin. Without DATABASE_URL it writes to the embedded PostgreSQL in .data/.\n\n${PASSWORD_RULES}`,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
    },
  },
  async ({ values }, onCleanup) => {
    if (!values.email || !values.password || !values.role)
      throw new UsageError('--email, --password and --role are required');
    if (values.role !== 'admin' && values.role !== 'editor') throw new UsageError('--role must be admin or editor');
    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    try {
      const user = await createUserAccount(cliActor, {
        email: values.email,
        password: values.password,
        role: values.role,
        name: values.name ?? values.email.split('@')[0]!,
      });
      console.log(`Created ${user.role} ${user.email} in ${database.description}`);
    } catch (error) {
      if (error instanceof UserInputError)
        throw new CommandError(`${error.field ? `--${error.field}: ` : ''}${error.message}`);
      throw error;
    }
  },
);
