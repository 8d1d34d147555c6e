import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { serverEnv } from '@/lib/env';
import './globals.css';

export function generateMetadata(): Metadata {
  const { SITE_URL, SITE_NAME } = serverEnv();
  return {
    metadataBase: new URL(SITE_URL),
    title: { default: `${SITE_NAME}（記事）— AIが公的資料と報道から組み立てるニュース`, template: `%s | ${SITE_NAME}` },
    description: 'Kiji は、AIが公的資料や報道を整理して制作した記事を、出典とともに届けるニュースサイトです。',
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#121212' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ja">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
