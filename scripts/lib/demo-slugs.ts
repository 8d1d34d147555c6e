/** The demo live page's slug (scripts/lib/demo-content.ts loads it; the e2e tests visit it). Pure. */
export const DEMO_LIVE_SLUG = 'demo-live-typhoon-landfall';
