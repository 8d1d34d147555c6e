import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { config } from '../lib/platform/config';
import { areaOf, BODY_LIMITS, routes, type Area, type RouteDeclaration } from '../lib/routes/registry';

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

/** What nginx lets through above a route's own limit: enough for the app to answer with its message. */
export const NGINX_BODY_MARGIN_BYTES = 1024 * 1024;

/**
 * nginx's `client_max_body_size` for an area: its routes' largest limit in the route table, plus the
 * margin, in kilobytes. Declared once (BODY_LIMITS), generated here.
 */
export function nginxBodyLimit(area: Area): string {
  const limits = Object.values(routes)
    .filter((entry: RouteDeclaration) => areaOf(entry.path.replace(/\/\*$/, '')) === area)
    .map((entry: RouteDeclaration) => BODY_LIMITS[entry.body]);
  return `${Math.ceil((Math.max(0, ...limits) + NGINX_BODY_MARGIN_BYTES) / 1024)}k`;
}

export function renderNginxConfig(settings: NginxSettings): string {
  const { listen, upstreams, cacheDir } = settingsSchema.parse(settings);
  const template = readFileSync(new URL('../deploy/nginx/kiji.conf.template', import.meta.url), 'utf8');
  return template
    .replace('{{LISTEN}}', listen)
    .replace('{{CACHE_DIR}}', cacheDir)
    .replace('{{BODY_LIMIT_PUBLIC}}', nginxBodyLimit('public'))
    .replace('{{BODY_LIMIT_ADMIN}}', nginxBodyLimit('admin'))
    .replace('{{BODY_LIMIT_API}}', nginxBodyLimit('api'))
    .replace(
      '{{UPSTREAM_SERVERS}}',
      upstreams.map((upstream) => `    server ${upstream} max_fails=3 fail_timeout=5s;`).join('\n'),
    );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { runCommand, UsageError } = await import('./lib/cli');
  await runCommand(
    {
      name: 'nginx:config',
      usage: '[--out FILE]',
      description:
        'Prints (or writes to FILE) the nginx configuration for several instances, from KIJI_NGINX_LISTEN (80),\n' +
        'KIJI_UPSTREAMS (127.0.0.1:3001,127.0.0.1:3002) and KIJI_NGINX_CACHE_DIR (/var/cache/nginx/kiji).',
      options: { out: { type: 'string' } },
    },
    async ({ values }) => {
      const { KIJI_NGINX_LISTEN, KIJI_UPSTREAMS, KIJI_NGINX_CACHE_DIR } = config();
      const settings = settingsSchema.safeParse({
        listen: KIJI_NGINX_LISTEN,
        upstreams: KIJI_UPSTREAMS.split(','),
        cacheDir: KIJI_NGINX_CACHE_DIR,
      });
      if (!settings.success) {
        const names = {
          listen: 'KIJI_NGINX_LISTEN',
          upstreams: 'KIJI_UPSTREAMS',
          cacheDir: 'KIJI_NGINX_CACHE_DIR',
        } as const;
        throw new UsageError(
          settings.error.issues.map((issue) => `${names[issue.path[0] as keyof typeof names]} is not valid`).join('; '),
        );
      }
      const rendered = renderNginxConfig(settings.data);
      if (values.out) writeFileSync(values.out, rendered);
      else process.stdout.write(rendered);
    },
  );
}
