import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliActor } from '../lib/auth/actor';
import { importArticleDocument } from '../lib/editorial/importer';
import { db, disconnectDb } from '../lib/platform/db';

const root = fileURLToPath(new URL('..', import.meta.url));

function claimsCheck(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', path.join(root, 'scripts/claims-check.ts'), ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: inject('databaseUrl') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const READ = 'https://claims.example.jp/read';
const UNREAD = 'https://claims.example.jp/unread';

beforeAll(async () => {
  await importArticleDocument(
    cliActor,
    {
      title: '支援は7億ドル',
      lead: '政府は支援の総額を7億ドルとした。',
      sections: [
        { heading: '避難', paragraphs: ['避難者は三万二千人[1]、負傷者は120人[1]。'] },
        { heading: '予算', paragraphs: ['予算は2兆円[2]。'] },
      ],
      sources: [
        { title: '読んだ発表', url: READ },
        { title: '読めなかった発表', url: UNREAD },
      ],
    },
    { slug: 'claims-command', status: 'published' },
  );
  const at = new Date('2025-10-19T03:00:00Z');
  await db().sourceSnapshot.createMany({
    data: [
      {
        url: READ,
        status: 200,
        retrievedAt: at,
        lastSeenAt: at,
        contentHash: 'x',
        text: '支援の総額は7億ドル。\n避難者は32,000人に達した。',
      },
      { url: UNREAD, status: 404, retrievedAt: at, lastSeenAt: at, problem: 'status', detail: 'HTTP 404' },
    ],
  });
});

afterAll(disconnectDb);

describe('npm run claims:check', () => {
  it('prints one JSON array of fact, section, result, source and quote with --json, and exits 0 whatever it found', async () => {
    const result = await claimsCheck(['--article', 'claims-command', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { fact: '7億ドル', section: 'リード', result: 'found', source: READ, quote: '支援の総額は7億ドル。' },
      { fact: '三万二千人', section: '避難', result: 'found', source: READ, quote: '避難者は32,000人に達した。' },
      { fact: '120人', section: '避難', result: 'not_found', source: null, quote: null },
      { fact: '2兆円', section: '予算', result: 'not_checkable', source: null, quote: null },
    ]);
  });

  it('prints each fact with its section, result and source, and a count, and keeps the count for readers', async () => {
    const result = await claimsCheck(['--article', 'claims-command']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('found\t避難\t三万二千人  [1] 読んだ発表：避難者は32,000人に達した。');
    expect(result.stdout).toContain('not_found\t避難\t120人');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('4 facts: 2 found, 1 not found, 1 not checkable.');
    const { id } = await db().article.findUniqueOrThrow({ where: { slug: 'claims-command' } });
    expect(await db().claimCheck.findUnique({ where: { articleId: id } })).toMatchObject({ total: 4, found: 2 });
  });

  it('fails with one line and exit status 1 for an unknown article', async () => {
    const result = await claimsCheck(['--article', 'no-such-article']);
    expect(result.stderr.trim()).toBe('npm run claims:check: --article: no article has the slug "no-such-article"');
    expect(result.status).toBe(1);
  });
});
