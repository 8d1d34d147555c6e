import type { Page } from '@playwright/test';

/** Light and dark, desktop and phone: the views every axe scan of a page covers. */
export const SCAN_VIEWS = [
  { colorScheme: 'light', width: 1280 },
  { colorScheme: 'dark', width: 1280 },
  { colorScheme: 'light', width: 390 },
  { colorScheme: 'dark', width: 390 },
] as const;

/** axe's violations on a page in each view, one line each (empty when it is clean). */
export async function axeViolations(
  page: Page,
  path: string,
  views: readonly { colorScheme: 'light' | 'dark'; width: number }[] = SCAN_VIEWS,
): Promise<string[]> {
  const AxeBuilder = (await import('@axe-core/playwright')).default;
  const found: string[] = [];
  for (const { colorScheme, width } of views) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width, height: 900 });
    await page.goto(path);
    for (const violation of (await new AxeBuilder({ page }).analyze()).violations) {
      found.push(
        `${path} ${colorScheme} ${width}px ${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    }
  }
  return found;
}
