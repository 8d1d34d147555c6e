import { disconnectDb, db } from '../lib/platform/db';
import { searchFieldsFor } from '../lib/articles/search-text';
import { splitParagraphs } from '../lib/format/normalize';
import { runCommand } from './lib/cli';
import { provideDatabase } from './lib/database';

await runCommand(
  {
    name: 'search:reindex',
    usage: '',
    description: "Recomputes every article's search fields, e.g. after a change to lib/articles/search-text.ts.",
    options: {},
  },
  async (_, onCleanup) => {
    const database = await provideDatabase();
    onCleanup(database.release);
    onCleanup(disconnectDb);
    let after = 0;
    let done = 0;
    for (;;) {
      const batch = await db().article.findMany({
        where: { id: { gt: after } },
        orderBy: { id: 'asc' },
        take: 500,
        select: {
          id: true,
          title: true,
          lead: true,
          sections: { orderBy: { position: 'asc' }, select: { heading: true, body: true } },
        },
      });
      if (batch.length === 0) break;
      // Raw SQL: an index rebuild is not an edit, so updated_at (the public 更新 time) must not move.
      // Search fields are not what a cached page shows: no change is announced (decision 0012).
      await db().$transaction([
        db().$executeRaw`SET LOCAL kiji.quiet_changes = 'on'`,
        ...batch.map((article) => {
          const fields = searchFieldsFor({
            title: article.title,
            lead: article.lead,
            sections: article.sections.map((s) => ({ heading: s.heading, paragraphs: splitParagraphs(s.body) })),
          });
          return db()
            .$executeRaw`UPDATE articles SET search_text = ${fields.searchText}, search_bigrams = ${fields.searchBigrams}::text[],
            title_bigrams = ${fields.titleBigrams}::text[] WHERE id = ${article.id}`;
        }),
      ]);
      after = batch.at(-1)!.id;
      done += batch.length;
      process.stderr.write(`\rreindexed ${done}`);
    }
    process.stderr.write(`\nReindexed ${done} articles.\n`);
  },
);
