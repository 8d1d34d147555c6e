import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { splitParagraphs } from '../../lib/format/normalize';
import { dropDatabase, ensureDatabase } from './embedded-postgres';
import { applyMigrations, readMigrations } from './migrations';
import { withDatabase } from './test-database';

const MIGRATION = '20261129000000_normalize_text';
const serverUrl = withDatabase(inject('databaseUrl'), 'postgres');
const name = `kiji_normalize_${Date.now().toString(36)}`;
const url = withDatabase(serverUrl, name);

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

afterAll(() => dropDatabase(serverUrl, name));

describe(`migration ${MIGRATION}`, () => {
  it('repairs the paragraphs of sections saved from a browser with CRLF, and leaves updated_at alone', async () => {
    await ensureDatabase(serverUrl, name);
    const before = (await readMigrations()).map((m) => m.name).filter((m) => m < MIGRATION);
    await applyMigrations(url, { only: new Set(before) });
    await sql(`INSERT INTO categories (slug, name) VALUES ('world', '国際')`);
    // As an editor's save stored it: the seed's first section's three paragraphs joined by CRLF.
    const [article] = await sql<{ id: number; updated_at: Date }>(
      `INSERT INTO articles (slug, title, lead, status, published_at, updated_at, category_id, disclaimer, search_text, search_bigrams)
       VALUES ('crlf', $1, $2, 'published', now(), '2026-11-01T00:00:00Z', (SELECT id FROM categories), $3, '', ARRAY[]::text[])
       RETURNING id, updated_at`,
      ['\uFEFFタイトル  ', 'リード一。\r\nリード二。 ', '注記'],
    );
    await sql(
      `INSERT INTO sections (article_id, position, heading, body) VALUES ($1, 0, $2, $3), ($1, 1, '無傷', '一。\n\n二。')`,
      [article!.id, '見出し\r\n', '第一段落。\r\n\r\n第二段落。  \r\n\r\n第三段落。'],
    );
    expect(splitParagraphs('第一段落。\r\n\r\n第二段落。').length).toBe(2); // the reader side copes either way…
    await applyMigrations(url);
    // …and the stored text is now what every way in stores.
    const sections = await sql<{ heading: string; body: string }>(
      `SELECT heading, body FROM sections ORDER BY position`,
    );
    expect(sections).toEqual([
      { heading: '見出し', body: '第一段落。\n\n第二段落。\n\n第三段落。' },
      { heading: '無傷', body: '一。\n\n二。' },
    ]);
    const [after] = await sql<{ title: string; lead: string; updated_at: Date }>(
      `SELECT title, lead, updated_at FROM articles`,
    );
    expect(after).toEqual({ title: 'タイトル', lead: 'リード一。\nリード二。', updated_at: article!.updated_at });
  });
});
