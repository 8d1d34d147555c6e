import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { deleteArticle, restoreArticle } from '../editorial/lifecycle';
import { saveArticle, type SaveResult } from '../editorial/save';
import { blankFormValues, type ArticleFormValues } from '../articles/input';
import { db, disconnectDb } from '../platform/db';
import { storeImage } from './images';
import { readRendition } from '../articles/public-images';

afterAll(disconnectDb);
beforeAll(async () => {
  await db().user.createMany({
    data: [{ id: 'visibility-editor', name: '公開 判定', email: 'visibility@example.jp', role: 'admin' }],
    skipDuplicates: true,
  });
});

const editor: Actor = {
  kind: 'user',
  userId: 'visibility-editor',
  email: 'visibility@example.jp',
  name: '公開 判定',
  role: 'admin',
};

let seed = 0;
/** A fresh upload (its own bytes, so its own id) and the name of one of its renditions. */
async function upload(): Promise<{ id: number; file: string }> {
  seed += 1;
  const bytes = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: seed * 7, g: 90, b: 160 } },
  })
    .png()
    .toBuffer();
  const { id } = await storeImage(editor, bytes);
  const rendition = await db().mediaRendition.findFirstOrThrow({ where: { imageId: id }, select: { name: true } });
  return { id, file: rendition.name };
}

function values(slug: string, extra: Partial<ArticleFormValues>): ArticleFormValues {
  return {
    ...blankFormValues(new Date(Date.now() - 3_600_000)),
    title: '画像の公開を確かめる記事',
    slug,
    lead: 'リード。',
    noSourcesReason: '試験の記事で、出典はないため',
    sections: [{ heading: '見出し', body: '本文。', cites: '' }],
    ...extra,
  };
}

const asLead = (id: number) => ({
  leadImage: String(id),
  leadImageAlt: '説明',
  leadImageSource: 'photograph' as const,
});
const inSection = (id: number) => ({
  sections: [
    {
      heading: '見出し',
      body: '本文。',
      cites: '',
      image: String(id),
      imageAlt: '説明',
      imageSource: 'photograph' as const,
    },
  ],
});

function ok(result: SaveResult) {
  if (!result.ok) throw new Error(`${result.message} ${JSON.stringify(result.errors)}`);
  return result;
}

const readers = async (image: { id: number; file: string }) =>
  (await readRendition(image.id, image.file, 'reader')) !== null;
const editors = async (image: { id: number; file: string }) =>
  (await readRendition(image.id, image.file, 'editor')) !== null;

describe('an uploaded image', () => {
  it('is hidden from readers while no article uses it, and editors still see it', async () => {
    const image = await upload();
    expect(await readers(image)).toBe(false);
    expect(await editors(image)).toBe(true);
  });

  it('is hidden from readers while only a draft uses it, as lead or section image', async () => {
    const lead = await upload();
    const section = await upload();
    ok(await saveArticle(editor, { intent: 'draft', values: values('vis-draft-lead', asLead(lead.id)) }));
    ok(await saveArticle(editor, { intent: 'draft', values: values('vis-draft-section', inSection(section.id)) }));
    expect(await readers(lead)).toBe(false);
    expect(await readers(section)).toBe(false);
    expect(await editors(lead)).toBe(true);
  });

  it('is hidden from readers while only a scheduled article uses it, until its time', async () => {
    const image = await upload();
    const future = new Date(Date.now() + 86_400_000);
    ok(
      await saveArticle(editor, {
        intent: 'schedule',
        values: values('vis-scheduled', {
          ...asLead(image.id),
          ...blankFormValues(future),
          title: '予約した記事',
          slug: 'vis-scheduled',
          lead: 'リード。',
          noSourcesReason: '試験の記事で、出典はないため',
          sections: [{ heading: '見出し', body: '本文。', cites: '' }],
          leadImage: String(image.id),
          leadImageAlt: '説明',
          leadImageSource: 'photograph',
        }),
      }),
    );
    expect(await readers(image)).toBe(false);
    // Its time comes (the row's time moved into the past, as the clock would).
    await db().article.update({
      where: { slug: 'vis-scheduled' },
      data: { status: 'published', publishedAt: new Date(Date.now() - 1000) },
    });
    expect(await readers(image)).toBe(true);
  });

  it('is shown to readers while a published article uses it, and hidden again once it is unpublished or deleted', async () => {
    const lead = await upload();
    const section = await upload();
    const first = ok(
      await saveArticle(editor, { intent: 'publish', values: values('vis-published-lead', asLead(lead.id)) }),
    );
    const second = ok(
      await saveArticle(editor, { intent: 'publish', values: values('vis-published-section', inSection(section.id)) }),
    );
    expect(await readers(lead)).toBe(true);
    expect(await readers(section)).toBe(true);

    ok(
      await saveArticle(editor, {
        id: first.id,
        baseVersion: first.version,
        intent: 'unpublish',
        values: values('vis-published-lead', asLead(lead.id)),
      }),
    );
    expect(await readers(lead)).toBe(false);
    await deleteArticle(editor, second.id);
    expect(await readers(section)).toBe(false);
    await restoreArticle(editor, second.id);
    // Restored as a draft: still not public.
    expect(await readers(section)).toBe(false);
  });

  it('stays public while any public article uses it, whatever a draft does with it', async () => {
    const image = await upload();
    ok(await saveArticle(editor, { intent: 'publish', values: values('vis-shared-public', asLead(image.id)) }));
    const draft = ok(
      await saveArticle(editor, { intent: 'draft', values: values('vis-shared-draft', inSection(image.id)) }),
    );
    await deleteArticle(editor, draft.id);
    expect(await readers(image)).toBe(true);
  });

  it('answers nothing for an id or a file that does not exist, to readers and editors alike', async () => {
    const image = await upload();
    expect(await readRendition(2_000_000_000, image.file, 'reader')).toBeNull();
    expect(await readRendition(2_000_000_000, image.file, 'editor')).toBeNull();
    expect(await readRendition(image.id, '9999.jpg', 'editor')).toBeNull();
  });
});
