import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReactElement } from 'react';
import { ImageResponse } from 'next/og';
import { runtime } from '../platform/runtime.mjs';
import { drawableText, fontCoverage, type FontCoverage } from './font-coverage';

/**
 * The images Kiji draws (share images, the logo, the favicon) with next/og. Noto Sans JP Bold
 * ships through npm (@expo-google-fonts/noto-sans-jp, SIL OFL), so they render Japanese without
 * fetching any font; text from articles goes through `drawable` first, since next/og would fetch
 * a font from Google for any character this one lacks.
 */
export const IMAGE_FONT_FAMILY = 'Noto Sans JP';

const FONT_PATH = path.join(
  process.cwd(),
  'node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
);

function imageFont(): Promise<{ data: Buffer; covers: FontCoverage }> {
  const state = runtime();
  state.ogFont ??= readFile(FONT_PATH).then((data) => ({ data, covers: fontCoverage(data) }));
  return state.ogFont;
}

/** Text from an article, with what the font cannot draw (emoji, zero-width spaces…) left out. */
export async function drawable(text: string): Promise<string> {
  return drawableText(text, (await imageFont()).covers);
}

/**
 * A drawn image. `Last-Modified` is `madeAt` (what it draws last changed: an article's update), or
 * else now: the images drawn at build are kept with their headers, so the build's time names them.
 * Kiji's server answers If-Modified-Since with it (lib/server/steps/held-response.ts).
 */
export async function imageResponse(
  element: ReactElement,
  options: { width: number; height: number; headers?: Record<string, string>; madeAt?: Date },
): Promise<ImageResponse> {
  const { data } = await imageFont();
  const { madeAt = new Date(), headers, ...size } = options;
  return new ImageResponse(element, {
    ...size,
    headers: { ...headers, 'Last-Modified': madeAt.toUTCString() },
    fonts: [{ name: IMAGE_FONT_FAMILY, data, weight: 700, style: 'normal' }],
  });
}
