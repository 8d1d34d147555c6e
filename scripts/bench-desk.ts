import { reloadConfig } from '../lib/platform/config';
import { disconnectDb } from '../lib/platform/db';
import { integerOption, runCommand } from './lib/cli';
import {
  measureSubmissions,
  measureWebhookLatency,
  submissionsBenchLine,
  SUBMISSIONS_TARGET_PER_SECOND,
  WEBHOOK_P95_BUDGET_MS,
  webhookBenchLine,
} from './lib/desk-bench';

// docs/decisions/0034: the AI desk's bench rows, run on their own (npm run bench measures the site).
await runCommand(
  {
    name: 'bench:desk',
    usage:
      '[--url URL] [--article PATH] [--seconds S] [--connections C] [--webhook-events N] [--only submissions|webhooks]',
    description: `Measures the AI desk against DATABASE_URL: submissions accepted per second by the server at --url while readers load --article (target ≥ ${SUBMISSIONS_TARGET_PER_SECOND}/s), and webhook delivery latency after commit with two senders and no duplicates (p95 budget ${WEBHOOK_P95_BUDGET_MS} ms; the receiver is on 127.0.0.1, so KIJI_ALLOW_PRIVATE_FETCH=1 is set here, and a server sharing the database must have it too). Exit status 1 when over a target.`,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      article: { type: 'string', default: '/' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      'webhook-events': { type: 'string', default: '60' },
      only: { type: 'string', default: '' },
    },
  },
  async ({ values }, onCleanup) => {
    process.env.KIJI_ALLOW_PRIVATE_FETCH = '1';
    reloadConfig();
    onCleanup(disconnectDb);
    let ok = true;
    if (values.only !== 'webhooks') {
      const bench = await measureSubmissions(
        values.url.replace(/\/$/, ''),
        values.article,
        integerOption('seconds', values.seconds, { min: 1, max: 600 }),
        integerOption('connections', values.connections, { min: 1, max: 200 }),
      );
      console.log(submissionsBenchLine(bench));
      ok &&= bench.perSecond >= SUBMISSIONS_TARGET_PER_SECOND;
    }
    if (values.only !== 'submissions') {
      const bench = await measureWebhookLatency(
        integerOption('webhook-events', values['webhook-events'], { min: 5, max: 10_000 }),
      );
      console.log(webhookBenchLine(bench));
      ok &&= bench.p95Ms <= WEBHOOK_P95_BUDGET_MS && bench.duplicates === 0 && bench.missing === 0;
    }
    return ok ? 0 : 1;
  },
);
