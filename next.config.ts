import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The Prisma client and pg stay plain Node modules on the server.
  serverExternalPackages: ['pg', '@prisma/adapter-pg'],
};

export default nextConfig;
