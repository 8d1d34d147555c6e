import { describe, expect, it } from 'vitest';
import {
  articleFieldEntries,
  articleFields,
  articleLists,
  itemFieldLabel,
  listColumns,
  optionLabel,
  sectionColumns,
  sectionToForm,
  sourceColumns,
  sourceToForm,
  type StoredArticle,
} from './fields';
import { articleInputSchema, blankFormValues, formDataToInput, snapshotText } from './input';

/** A stored row that holds only the columns `select` names, as Prisma returns it: reading another throws. */
function selected(select: Record<string, unknown>, values: Partial<StoredArticle>): StoredArticle;
function selected<Row extends object>(select: Record<string, unknown>, values: Row): Row;
function selected(select: Record<string, unknown>, values: object): object {
  return new Proxy(values, {
    get(target, key) {
      if (typeof key === 'string' && !(key in select)) throw new Error(`reads ${key}, which its select leaves out`);
      return Reflect.get(target, key);
    },
  });
}

/** Every column a declaration may read, with a value. */
const fullRow: Partial<StoredArticle> = {
  title: '見出し',
  slug: 'a-slug',
  publishedAt: new Date('2025-10-18T00:30:00Z'),
  datelinePlace: 'ワシントン',
  category: { slug: 'world' },
  tags: [{ tag: { name: '外交', slug: 'gaikou' } }],
  lead: 'リード',
  leadImageId: 3,
  leadImageAlt: '代替',
  leadImageCaption: null,
  leadImageCredit: null,
  leadImageSource: 'photograph',
  noSourcesReason: null,
  disclosure: 'ai_generated',
  kind: 'news',
  demo: false,
  disclaimer: '注記',
  reviewedBy: null,
  reviewedAt: null,
  editorId: null,
  modelName: null,
  modelVersion: null,
  promptTemplateVersion: null,
  sourcesRetrievedAt: null,
};

describe('the article’s field declarations', () => {
  it('give a new article blank values that the schema refuses only for the title and slug an editor must type', () => {
    const blank = blankFormValues(new Date('2026-11-29T05:04:00Z'));
    const parsed = articleInputSchema.safeParse(blank);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['slug', 'title']);
    expect(articleInputSchema.safeParse({ ...blank, title: '見出し', slug: 'a-slug' }).success).toBe(true);
    expect(blank).toMatchObject({
      datelineDate: '2026-11-29',
      datelineTime: '14:04',
      kind: 'news',
      disclosure: 'ai-generated',
      sections: [{ heading: '', body: '', cites: '' }],
    });
    expect(Object.keys(blank).sort()).toEqual(
      [...articleFieldEntries.map(([name]) => name), 'sections', 'sources'].sort(),
    );
  });

  it('let the form read every declared field from a browser’s submission by its name', () => {
    const form = new FormData();
    for (const [name] of articleFieldEntries) form.set(name, `value of ${name}`);
    form.set('sections.1.heading', '二つ目');
    form.set('sections.0.body', '一つ目の本文');
    form.set('sources.0.url', 'https://example.org/');
    const values = formDataToInput(form);
    for (const [name] of articleFieldEntries) expect(values[name]).toBe(`value of ${name}`);
    form.set('sections.1.image', '12');
    form.set('sections.1.imageSource', 'illustration');
    expect(values.sections).toEqual([
      { ...articleLists.sections.blankItem(), body: '一つ目の本文' },
      { ...articleLists.sections.blankItem(), heading: '二つ目' },
    ]);
    expect(formDataToInput(form).sections[1]).toMatchObject({ image: '12', imageSource: 'illustration' });
    expect(values.sources).toEqual([{ title: '', url: 'https://example.org/', publisher: '', date: '' }]);
  });

  it('name every field in a revision’s text by its diff label, and selects by their names, not codes', () => {
    const text = snapshotText({
      ...blankFormValues(),
      category: 'economy',
      disclosure: 'human',
      kind: 'analysis',
      noSourcesReason: '資料が非公開のため',
    });
    for (const [, declaration] of articleFieldEntries)
      expect(text).toContain(`${declaration.diffLabel ?? declaration.label}:`);
    expect(text).toContain('カテゴリ: 経済');
    expect(text).toContain('制作方法: 記者執筆');
    expect(text).toContain('種類: 解説');
    expect(text).not.toContain('economy');
  });

  it('label a list’s item fields as the form shows them', () => {
    expect(itemFieldLabel('sections', 0, 'heading')).toBe('節 1 の見出し');
    expect(itemFieldLabel('sections', 2, 'cites')).toBe('節 3 が依拠する出典の番号');
    expect(itemFieldLabel('sources', 1, 'url')).toBe('出典 2 の URL');
  });

  it('keep a value it has no option for as it is', () => {
    expect(optionLabel('kind', 'opinion')).toBe('opinion');
    expect(optionLabel('title', '見出し')).toBe('見出し');
    expect(optionLabel('category', 'sports', new Map([['sports', 'スポーツ']]))).toBe('スポーツ');
  });

  it('read only the columns their own select asks for', () => {
    for (const [name, declaration] of articleFieldEntries) {
      expect(() => declaration.stored.read(selected(declaration.stored.select, fullRow)), name).not.toThrow();
    }
  });

  it('store a section and a source and read each back as the editor typed it, each field from its own columns', () => {
    const section = articleLists.sections.item.parse({
      heading: '会談',
      body: '会談した[2]。',
      cites: '1, 2',
      image: '7',
      imageAlt: '握手する二人',
      imageCaption: 'ホワイトハウスで',
      imageCredit: '例示通信',
      imageSource: 'photograph',
    });
    const stored = sectionColumns(section, { sourceCount: 3 });
    expect(stored).toMatchObject({ cites: [1, 2], imageId: 7, imageSource: 'photograph' });
    expect(sectionToForm(selected(listColumns('sections'), stored) as never)).toEqual({
      heading: '会談',
      body: '会談した[2]。',
      cites: '1',
      image: '7',
      imageAlt: '握手する二人',
      imageCaption: 'ホワイトハウスで',
      imageCredit: '例示通信',
      imageSource: 'photograph',
    });
    // An image's words go with the image.
    expect(sectionColumns({ ...section, image: null }, { sourceCount: 3 })).toMatchObject({
      imageAlt: null,
      imageSource: null,
    });

    const source = articleLists.sources.item.parse({
      title: '資料',
      url: 'https://example.org/',
      publisher: '',
      date: '2025-10-18',
    });
    const row = sourceColumns(source);
    expect(row).toEqual({
      title: '資料',
      url: 'https://example.org/',
      publisher: null,
      accessedAt: new Date('2025-10-18T00:00:00Z'),
    });
    expect(sourceToForm(selected(listColumns('sources'), row) as never)).toEqual({
      title: '資料',
      url: 'https://example.org/',
      publisher: '',
      date: '2025-10-18',
    });
  });

  it('write the dateline as one instant in Japan time from its date and time', () => {
    const write = articleFields.datelineDate.stored.write!;
    expect(write('2025-10-18', { datelineDate: '2025-10-18', datelineTime: '09:30', sources: [] })).toEqual({
      publishedAt: new Date('2025-10-18T00:30:00Z'),
    });
    expect(
      articleFields.noSourcesReason.stored.write!('理由', { datelineDate: '', datelineTime: '', sources: [{}] }),
    ).toEqual({ noSourcesReason: null });
  });

  it('read a publication time with seconds back to the second, and write the same instant again', () => {
    const read = articleFields.datelineTime.stored.read;
    const write = articleFields.datelineDate.stored.write!;
    const schema = articleFields.datelineTime.schema;
    for (const [instant, time] of [
      ['2026-12-06T02:15:45.500Z', '11:15:45.500'],
      ['2026-12-06T02:07:55.000Z', '11:07:55'],
      ['2026-12-06T02:07:00.000Z', '11:07'],
    ] as const) {
      expect(read(selected({ publishedAt: true }, { publishedAt: new Date(instant) })), instant).toBe(time);
      expect(schema.safeParse(time).success, time).toBe(true);
      expect(write('2026-12-06', { datelineDate: '2026-12-06', datelineTime: time, sources: [] })).toEqual({
        publishedAt: new Date(instant),
      });
    }
    expect(schema.safeParse('11:07:5').success).toBe(false);
  });
});
