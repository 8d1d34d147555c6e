import { defineConfig } from 'prisma/config';

// Prisma's CLI wants its native schema engine even for `generate`, and cannot download it
// on machines without general internet access. `generate` never runs the engine, so any
// executable satisfies the check. See docs/decisions/0002-migrations-without-schema-engine.md.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kiji' },
});
