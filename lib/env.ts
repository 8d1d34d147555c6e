import { z } from 'zod';

const serverEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SITE_URL: z
    .string()
    .url()
    // Unset, the site is wherever this process listens; set it to the public origin in production.
    .default(`http://localhost:${process.env.PORT ?? 3000}`)
    .transform((url) => url.replace(/\/+$/, '')),
  SITE_NAME: z.string().min(1).default('Kiji'),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

/** The validated environment. Read lazily so that importing a module never throws. */
export function serverEnv(): ServerEnv {
  cached ??= serverEnvSchema.parse(process.env);
  return cached;
}

export function requireDatabaseUrl(): string {
  const url = serverEnv().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Start Kiji with `npm run dev` or `npm start`, which provide one.');
  return url;
}
