import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test records Content-Security-Policy violations in its pages and fails on any: the
 * policies must hold for everything the suite does.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      context.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text()))
          violations.push(`${message.location().url}: ${message.text().slice(0, 200)}`);
      });
      await use(violations);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page } from '@playwright/test';

/**
 * A response's text as a reader would search it: headlines carry <wbr> between their phrases
 * (components/site/Phrases.tsx), which a search of the raw HTML for a title must look through —
 * or a test that a title is absent would pass for the wrong reason.
 */
export async function readText(response: { text(): Promise<string> }): Promise<string> {
  return (await response.text()).replace(/<wbr\/?>/g, '');
}
