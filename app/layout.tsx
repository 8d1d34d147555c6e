import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { config, siteUrl } from '@/lib/platform/config';
import './globals.css';
import { routes } from '@/lib/routes/registry';

export function generateMetadata(): Metadata {
  const SITE_URL = siteUrl();
  const { SITE_NAME } = config();
  const summary = 'Kiji は、AIが公的資料や報道を整理して制作した記事を、出典とともに届けるニュースサイトです。';
  return {
    metadataBase: new URL(SITE_URL),
    title: { default: `${SITE_NAME}（記事）— AIが公的資料と報道から組み立てるニュース`, template: `%s | ${SITE_NAME}` },
    description: summary,
    robots: { index: true, follow: true, 'max-image-preview': 'large', 'max-snippet': -1, 'max-video-preview': -1 },
    openGraph: { siteName: SITE_NAME, locale: 'ja_JP', type: 'website', description: summary },
    twitter: { card: 'summary_large_image' },
    // Declared whole: Next leaves out app/icon.svg's own link once a layout names any icon. The
    // mark as SVG, as the ICO of its small sizes, and the phone's home-screen icon.
    icons: {
      icon: [
        { url: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
        { url: '/favicon.ico', type: 'image/x-icon', sizes: '16x16 32x32 48x48' },
      ],
      apple: [{ url: routes.appleTouchIcon.href(), sizes: '180x180', type: 'image/png' }],
    },
    alternates: {
      types: {
        'application/rss+xml': [{ url: routes.feed.href(), title: `${SITE_NAME} RSS` }],
        'application/atom+xml': [{ url: routes.atom.href(), title: `${SITE_NAME} Atom` }],
      },
    },
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
