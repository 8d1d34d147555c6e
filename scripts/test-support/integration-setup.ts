import type { TestProject } from 'vitest/node';
import { createFreshDatabase } from '../lib/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh, migrated PostgreSQL database for the integration run; dropped afterwards. */
export default async function setup(project: TestProject) {
  const database = await createFreshDatabase('int');
  project.provide('databaseUrl', database.url);
  return async () => {
    await database.dispose();
  };
}
