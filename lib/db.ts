import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { requireDatabaseUrl, serverEnv } from './env';

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const holder = globalThis as typeof globalThis & { kijiPrisma?: PrismaClient };

export function db(): PrismaClient {
  holder.kijiPrisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: requireDatabaseUrl(), max: serverEnv().DATABASE_POOL_SIZE }),
  });
  return holder.kijiPrisma;
}

export async function disconnectDb(): Promise<void> {
  await holder.kijiPrisma?.$disconnect();
  holder.kijiPrisma = undefined;
}
