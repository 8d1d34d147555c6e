import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { db, disconnectDb } from './db';
import { Prisma } from './generated/prisma/client';

/**
 * schema.prisma and prisma/migrations must agree. The migrations were applied to this database
 * by the test setup; the generated client reflects schema.prisma.
 */

type RuntimeField = { name: string; kind: 'scalar' | 'enum' | 'object'; type: string; dbName?: string };
type RuntimeModel = { fields: RuntimeField[]; dbName: string | null };

function runtimeModels(): Record<string, RuntimeModel> {
  const client = db() as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } };
  return client._runtimeDataModel.models;
}

const POSTGRES_TYPES: Record<string, string[]> = {
  Int: ['integer'],
  String: ['text', 'ARRAY'],
  DateTime: ['timestamp with time zone', 'date'],
  Boolean: ['boolean'],
  Json: ['jsonb'],
};

afterAll(disconnectDb);

describe('schema.prisma and the migrations', () => {
  it('have the same tables and columns, with matching types', async () => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    await client.end();
    const actual = new Map<string, string>(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.data_type]));
    const expected = new Map<string, RuntimeField>();
    for (const [name, model] of Object.entries(runtimeModels())) {
      for (const field of model.fields.filter((f) => f.kind !== 'object')) {
        expected.set(`${model.dbName ?? name}.${field.dbName ?? field.name}`, field);
      }
    }
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [column, field] of expected) {
      const allowed = field.kind === 'enum' ? ['USER-DEFINED'] : POSTGRES_TYPES[field.type];
      expect(allowed, `${column} (${field.type})`).toContain(actual.get(column));
    }
  });

  it('round-trip every model and field through the generated client', async () => {
    const prisma = db();
    const category = await prisma.category.create({ data: { slug: 'roundtrip', name: '往復', position: 7 } });
    const tag = await prisma.tag.create({ data: { slug: 'roundtrip-tag', name: '往復タグ' } });
    const article = await prisma.article.create({
      data: {
        slug: 'roundtrip-article',
        title: '題名',
        lead: 'リード',
        status: 'published',
        publishedAt: new Date('2025-10-18T05:00:00.123Z'),
        updatedAt: new Date('2025-10-19T05:00:00.456Z'),
        datelinePlace: 'ワシントン',
        categoryId: category.id,
        disclosure: 'ai_assisted',
        disclaimer: '注記',
        version: 3,
        deletedAt: new Date('2025-10-20T00:00:00Z'),
        sections: { create: [{ position: 0, heading: '見出し', body: '一。\n\n二。' }] },
        sources: {
          create: [{ position: 0, title: '資料', url: 'https://example.com/', publisher: '例示社', accessedAt: new Date('2025-10-18T00:00:00Z') }],
        },
        tags: { create: [{ tagId: tag.id }] },
      },
    });
    const loaded = await prisma.article.findUniqueOrThrow({
      where: { id: article.id },
      include: { category: true, sections: true, sources: true, tags: { include: { tag: true } } },
    });
    expect(loaded).toMatchObject({
      slug: 'roundtrip-article',
      status: 'published',
      publishedAt: new Date('2025-10-18T05:00:00.123Z'),
      updatedAt: new Date('2025-10-19T05:00:00.456Z'),
      datelinePlace: 'ワシントン',
      disclosure: 'ai_assisted',
      version: 3,
      deletedAt: new Date('2025-10-20T00:00:00Z'),
      category: { slug: 'roundtrip', name: '往復', position: 7 },
      sections: [{ position: 0, heading: '見出し', body: '一。\n\n二。' }],
      sources: [{ position: 0, title: '資料', url: 'https://example.com/', publisher: '例示社', accessedAt: new Date('2025-10-18T00:00:00Z') }],
      tags: [{ tag: { slug: 'roundtrip-tag', name: '往復タグ' } }],
    });
    expect(loaded.createdAt).toBeInstanceOf(Date);

    // Every scalar field of every model appeared above.
    const covered = new Set([
      ...Object.keys(loaded),
      ...Object.keys(loaded.category),
      ...Object.keys(loaded.sections[0]!),
      ...Object.keys(loaded.sources[0]!),
      ...Object.keys(loaded.tags[0]!),
      ...Object.keys(loaded.tags[0]!.tag),
    ]);
    const scalarEnums = [
      Prisma.ArticleScalarFieldEnum,
      Prisma.CategoryScalarFieldEnum,
      Prisma.SectionScalarFieldEnum,
      Prisma.SourceScalarFieldEnum,
      Prisma.TagScalarFieldEnum,
      Prisma.ArticleTagScalarFieldEnum,
    ];
    for (const fields of scalarEnums) for (const field of Object.values(fields)) expect(covered).toContain(field);
    expect(Object.keys(runtimeModels()).sort()).toEqual(['Article', 'ArticleTag', 'Category', 'Section', 'Source', 'Tag']);
  });

  it('cascade an article delete to its sections, sources and tag links, leaving no orphans', async () => {
    const prisma = db();
    const { id } = await prisma.article.findUniqueOrThrow({ where: { slug: 'roundtrip-article' } });
    await prisma.article.delete({ where: { id } });
    expect(await prisma.section.count({ where: { articleId: id } })).toBe(0);
    expect(await prisma.source.count({ where: { articleId: id } })).toBe(0);
    expect(await prisma.articleTag.count({ where: { articleId: id } })).toBe(0);
    expect(await prisma.tag.count({ where: { slug: 'roundtrip-tag' } })).toBe(1);
  });
});
