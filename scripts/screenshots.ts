import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { failCommand, parseCommandLine } from './lib/cli';
import { config } from '../lib/platform/config';

/**
 * `npm run screenshots`: the home and article pages of a running Kiji, on a phone and a desktop,
 * light and dark, as PNGs in docs/screenshots/ (or --out), with the project's Playwright and
 * Debian's chromium. What a reader sees, to set beside other news sites.
 */
const { values } = parseCommandLine({
  name: 'screenshots',
  usage: '[--url URL] [--article PATH] [--out DIR]',
  description:
    'Screenshots of the home and article pages (phone and desktop, light and dark) of a running server, written to docs/screenshots/.',
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    article: { type: 'string' },
    out: { type: 'string', default: path.resolve(import.meta.dirname, '../docs/screenshots') },
  },
});

const base = values.url!.replace(/\/$/, '');
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
} as const;
const SCHEMES = ['light', 'dark'] as const;

const home = await fetch(`${base}/`).catch(() => null);
if (!home?.ok)
  failCommand('screenshots', `no server answers at ${base}/: start one (npm run build && npm start), or pass --url`);
const article = values.article ?? /href="(\/articles\/[a-z0-9-]+)"/.exec(await home.text())?.[1];
if (!article) failCommand('screenshots', `no article link on ${base}/: pass --article /articles/<slug>`);

await mkdir(values.out!, { recursive: true });
const browser = await chromium.launch({ executablePath: config().CHROME_PATH });
try {
  for (const [device, options] of Object.entries(VIEWPORTS)) {
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({ ...options, colorScheme, locale: 'ja-JP' });
      const page = await context.newPage();
      for (const [name, pagePath] of [
        ['home', '/'],
        ['article', article],
      ] as const) {
        await page.goto(`${base}${pagePath}`, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const file = path.join(values.out!, `${name}-${device}-${colorScheme}.png`);
        // The first screenful, as a reader meets the page; the article's whole length would be a poster.
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
