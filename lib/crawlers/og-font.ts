import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runtime } from '../platform/runtime.mjs';

/**
 * Noto Sans JP Bold, shipped through npm (@expo-google-fonts/noto-sans-jp, SIL OFL), so generated
 * images render Japanese without fetching any font from the network.
 */
const FONT_PATH = path.join(
  process.cwd(),
  'node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
);

export function imageFonts() {
  const state = runtime();
  state.ogFont ??= readFile(FONT_PATH);
  return state.ogFont.then((data) => [{ name: 'Noto Sans JP', data, weight: 700 as const, style: 'normal' as const }]);
}
