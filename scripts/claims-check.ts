import { disconnectDb } from '../lib/platform/db';
import { UnknownArticleError } from '../lib/articles/source-health';
import { articleIdForSlug, recheckArticle } from '../lib/articles/snapshots/store';
import { CLAIM_RESULT_LABELS, claimsAsJson } from '../lib/articles/claims/report';
import { summarize } from '../lib/articles/claims/check';
import { CommandError, runCommand, UsageError } from './lib/cli';
import { provideDatabase } from './lib/database';

// docs/decisions/0028-sources-kept-figures-checked.md
await runCommand(
  {
    name: 'claims:check',
    usage: '--article SLUG [--json]',
    description:
      'Checks each figure, date, quotation and name of an article against the snapshots of the sources its section cites (npm run sources:check takes them), and prints each one with its section, its result (found, not_found, not_checkable) and the source it was found in. Exit status 0 whenever the check ran, whatever it found. --json prints one JSON array of { "fact", "section", "result", "source", "quote" }.',
    options: {
      article: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  },
  async ({ values }, onCleanup) => {
    if (!values.article) throw new UsageError('--article is required');
    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    let articleId: number;
    try {
      articleId = await articleIdForSlug(values.article);
    } catch (error) {
      if (error instanceof UnknownArticleError) throw new CommandError(`--article: ${error.message}`);
      throw error;
    }
    const { facts } = await recheckArticle(articleId);
    if (values.json) {
      console.log(JSON.stringify(claimsAsJson(facts), null, 2));
      return;
    }
    for (const fact of facts) {
      const where = fact.source ? `  [${fact.source.position}] ${fact.source.title}：${fact.quote ?? ''}` : '';
      console.log(`${CLAIM_RESULT_LABELS[fact.result]}\t${fact.section}\t${fact.fact}${where}`);
    }
    const summary = summarize(facts);
    console.log(
      `${summary.total} facts: ${summary.found} found, ${summary.notFound} not found, ${summary.notCheckable} not checkable.`,
    );
  },
);
