import { describe, expect, it } from 'vitest';
import { areaOf, BODY_LIMITS, routes, type RouteDeclaration } from '../lib/routes/registry';
import { nginxBodyLimit, renderNginxConfig } from './nginx-config';

const kilobytes = (value: string) => Number(/^(\d+)k$/.exec(value)?.[1]) * 1024;

describe('the nginx configuration', () => {
  const rendered = renderNginxConfig({
    listen: '80',
    upstreams: ['127.0.0.1:3001'],
    cacheDir: '/var/cache/nginx/kiji',
  });

  it('fills every placeholder of the template', () => {
    expect(rendered).not.toMatch(/\{\{\w+\}\}/);
  });

  it('lets every route’s largest body through to the app, so the app answers an over-long one with its message', () => {
    for (const [name, entry] of Object.entries(routes) as [string, RouteDeclaration][]) {
      const area = areaOf(entry.path.replace(/\/\*$/, ''));
      if (area === 'asset' || area === 'media') continue;
      expect(kilobytes(nginxBodyLimit(area)), name).toBeGreaterThan(BODY_LIMITS[entry.body]);
    }
    // The upload limit that nginx's hand-written 12 MB once cut short.
    expect(kilobytes(nginxBodyLimit('admin'))).toBeGreaterThan(BODY_LIMITS.image);
  });

  it('writes each area’s limit where its location is', () => {
    const admin = /location \^~ \/admin \{\s*client_max_body_size (\d+k);/.exec(rendered)?.[1];
    const api = /location \^~ \/api\/ \{\s*client_max_body_size (\d+k);/.exec(rendered)?.[1];
    expect(admin).toBe(nginxBodyLimit('admin'));
    expect(api).toBe(nginxBodyLimit('api'));
    expect(rendered).toContain(`    client_max_body_size ${nginxBodyLimit('public')};`);
  });
});
