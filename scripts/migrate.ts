import { provideDatabase } from './lib/database';

// `npm run db:migrate`: apply pending prisma/migrations (see docs/decisions/0002-migrations-without-schema-engine.md)
// to DATABASE_URL, or to the embedded PostgreSQL when it is unset.
const database = await provideDatabase({ log: (line) => console.log(line) });
console.log(`Migrated ${database.embedded ? 'the embedded PostgreSQL' : 'DATABASE_URL'}.`);
await database.release();
