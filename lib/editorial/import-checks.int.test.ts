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
    // Copies of the seed are everywhere in this database: this story has a passage of its own.
    const own = Array.from(
      { length: 12 },
      (_, i) => `照合用の段落${i}番、識別子${Date.now().toString(36)}${i * 7}。`,
    ).join('');
    const story = {
      ...seedDocument(),
      sections: [{ heading: '固有の節', paragraphs: [own] }, ...seedDocument().sections],
    };
    const original = await importArticleDocument(cliActor, story, { slug: 'import-checks-original' });
    const pasted = documentToFormValues({ ...story, title: '米大統領、長射程ミサイル供与に慎重（改題）' }, context);
    const found = await nearlySameText(pasted);
    expect(found).toMatchObject({ articleId: original.id, title: seedDocument().title });
    expect(found!.similarity).toBeGreaterThan(0.9);
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
