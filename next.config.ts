import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The Prisma client and pg stay plain Node modules on the server.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@node-rs/argon2'],
  experimental: { serverActions: { bodySizeLimit: '3mb' } },
  async headers() {
    return [
      // Nothing private may be kept by a browser or a shared cache.
      { source: '/admin', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
      { source: '/admin/:path*', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
      { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
    ];
  },
};

export default nextConfig;
