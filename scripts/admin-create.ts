import { parseArgs } from 'node:util';
import { cliActor } from '../lib/actor';
import { disconnectDb } from '../lib/db';
import { createUserAccount, UserInputError } from '../lib/users';
import { provideDatabase } from './lib/database';

const USAGE = 'Usage: npm run admin:create -- --email E --password P --role admin|editor [--name N]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let values: { email?: string; password?: string; role?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (!values.email || !values.password || !values.role) fail(USAGE);
if (values.role !== 'admin' && values.role !== 'editor') fail(`--role must be admin or editor\n${USAGE}`);

const database = await provideDatabase();
let exitCode = 0;
try {
  const user = await createUserAccount(cliActor, {
    email: values.email,
    password: values.password,
    role: values.role,
    name: values.name ?? values.email.split('@')[0]!,
  });
  console.log(`Created ${user.role} ${user.email}`);
} catch (error) {
  console.error(error instanceof UserInputError ? `${error.field ? `--${error.field}: ` : ''}${error.message}` : (error as Error).message);
  exitCode = 1;
} finally {
  await disconnectDb();
  await database.release();
}
process.exit(exitCode);
