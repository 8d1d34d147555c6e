import type { NextConfig } from 'next';
import path from 'node:path';
import { BASE_HEADERS, PUBLIC_CACHE_CONTROL, PUBLIC_CSP } from './lib/platform/security-headers';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Kiji's server compresses (scripts/serve.ts): Next's compression would run inside it and hide
  // the HTML it makes script-free.
  compress: false,
  // Next would hash every page it renders (FNV-1a over the whole HTML) for an ETag that names the
  // page with its scripts; Kiji's server drops it and validates what it sends itself
  // (lib/server/steps/held-response.ts, lib/server/cached-document.ts). ~2% of an uncached
  // render's CPU in the profile of decision 0037.
  generateEtags: false,
  reactStrictMode: true,
  // The Prisma client, pg and argon2 stay plain Node modules on the server.
  // Loaded from node_modules by every bundle, so Kiji's server and Next's code share one instance
  // of each (one pool driver, one Redis client, one logger, one metrics registry).
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@node-rs/argon2', 'ioredis', 'pino', 'prom-client'],
  // Pages and cached data live in Kiji's shared store: Redis when REDIS_URL is set (many
  // instances), else memory. Next's own memory layer would only duplicate it.
  cacheHandler: path.resolve(process.cwd(), 'lib/cache/next-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  experimental: {
    serverActions: { bodySizeLimit: '3mb' },
    // forbidden(): an editor calling an admin's action is answered 403 (lib/editorial/admin-action.ts).
    authInterrupts: true,
    // Integrity hashes on Next's own script files, so a tampered chunk never runs.
    sri: { algorithm: 'sha256' },
  },
  // RFC 9116's address; the App Router does not route folders whose names begin with a dot.
  async rewrites() {
    return {
      beforeFiles: [
        { source: '/.well-known/security.txt', destination: '/security.txt' },
        { source: '/.well-known/trust.txt', destination: '/trust.txt' },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [
      { source: '/:path*', headers: BASE_HEADERS },
      // Everything public: cacheable by a shared cache for a moment, with the public policy.
      {
        source: '/((?!admin|api|_next/static|media/).*)',
        headers: [
          { key: 'Cache-Control', value: PUBLIC_CACHE_CONTROL },
          { key: 'Content-Security-Policy', value: PUBLIC_CSP },
        ],
      },
      // Nothing private may be kept by a browser or a shared cache. Admin pages get their
      // nonce-based policy from proxy.ts.
      { source: '/admin', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
      { source: '/admin/:path*', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
      {
        source: '/api/:path*',
        headers: [
          { key: 'Cache-Control', value: 'private, no-store' },
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
