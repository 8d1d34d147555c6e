import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * `npm run nginx:config -- [--out FILE]`: renders deploy/nginx/kiji.conf.template from the
 * environment (KIJI_NGINX_LISTEN, KIJI_UPSTREAMS as "host:port,host:port", KIJI_NGINX_CACHE_DIR).
 * The multi-instance test renders its nginx configuration with the same function.
 */
const settingsSchema = z.object({
  listen: z.string().regex(/^(\S+:)?\d{1,5}$/),
  upstreams: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/)).min(1),
  cacheDir: z.string().regex(/^\/[\w./-]+$/),
});
export type NginxSettings = z.infer<typeof settingsSchema>;

export function renderNginxConfig(settings: NginxSettings): string {
  const { listen, upstreams, cacheDir } = settingsSchema.parse(settings);
  const template = readFileSync(new URL('../deploy/nginx/kiji.conf.template', import.meta.url), 'utf8');
  return template
    .replace('{{LISTEN}}', listen)
    .replace('{{CACHE_DIR}}', cacheDir)
    .replace('{{UPSTREAM_SERVERS}}', upstreams.map((upstream) => `    server ${upstream} max_fails=3 fail_timeout=5s;`).join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outIndex = process.argv.indexOf('--out');
  const config = renderNginxConfig({
    listen: process.env.KIJI_NGINX_LISTEN ?? '80',
    upstreams: (process.env.KIJI_UPSTREAMS ?? '127.0.0.1:3001,127.0.0.1:3002').split(','),
    cacheDir: process.env.KIJI_NGINX_CACHE_DIR ?? '/var/cache/nginx/kiji',
  });
  if (outIndex > 0 && process.argv[outIndex + 1]) writeFileSync(process.argv[outIndex + 1]!, config);
  else process.stdout.write(config);
}
