import { afterAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/actor';
import { disconnectDb } from '../platform/db';
import { seedDocument } from '../../scripts/test-support/integration';
import { importArticleDocument } from './importer';
import { documentToFormValues } from './import-mapping';
import { nearlySameText } from './import-checks';

afterAll(disconnectDb);

const context = {
  slug: 'x',
  category: 'world',
  place: null,
  publishedAt: new Date(),
  noSourcesReason: null,
  demo: false,
};

describe('what an import is checked against before it is saved', () => {
  it('names an existing article whose text the import nearly repeats, under another title', async () => {
    const original = await importArticleDocument(cliActor, seedDocument(), { slug: 'import-checks-original' });
    const pasted = documentToFormValues(
      { ...seedDocument(), title: '米大統領、長射程ミサイル供与に慎重（改題）' },
      context,
    );
    const found = await nearlySameText(pasted);
    expect(found).not.toBeNull();
    expect(found!.similarity).toBeGreaterThan(0.9);
    expect(found!.title).toBe(seedDocument().title);
    expect(original.created).toBe(true);
  });

  it('names none for a story of its own', async () => {
    const pasted = documentToFormValues(
      {
        title: '市立図書館、来月から開館時間を延長',
        lead: '市立図書館は、来月から平日の開館時間を午後9時まで延ばすと発表した。',
        sections: [
          { heading: '利用者の声', paragraphs: ['夜に勉強できる場所が増えると、学生から歓迎の声が上がった。'] },
        ],
        sources: [],
      },
      context,
    );
    expect(await nearlySameText(pasted)).toBeNull();
  });
});
