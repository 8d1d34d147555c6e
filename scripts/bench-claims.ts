import { claimsBenchLine, CLAIMS_BUDGET_MS, measureClaimsCheck } from './lib/claims-bench';
import { integerOption, runCommand } from './lib/cli';

// docs/decisions/0028-sources-kept-figures-checked.md
await runCommand(
  {
    name: 'bench:claims',
    usage: '[--runs N]',
    description: `Times the claim checker (lib/articles/claims) on a 4,000-character article against five source snapshots, with no server or database; budget ${CLAIMS_BUDGET_MS} ms. npm run bench records the same figure. Exit status 1 when over budget.`,
    options: { runs: { type: 'string', default: '60' } },
  },
  async ({ values }) => {
    const bench = measureClaimsCheck(integerOption('runs', values.runs, { min: 20, max: 10_000 }));
    console.log(claimsBenchLine(bench).replace(/^- /, ''));
    return bench.p95Ms <= CLAIMS_BUDGET_MS ? 0 : 1;
  },
);
