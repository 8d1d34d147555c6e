import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, ForbiddenError, type Actor } from '../auth/actor';
import { db, disconnectDb } from '../platform/db';
import { guardApiRequest } from '../server/guard';
import { createApiKey, listApiKeys, revokeApiKey } from './keys';

afterAll(disconnectDb);
beforeAll(async () => {
  await db().user.createMany({
    data: [
      { id: 'keys-admin', name: '管理者', email: 'keys-admin@example.jp', role: 'admin' },
      { id: 'keys-editor', name: '編集者', email: 'keys-editor@example.jp', role: 'editor' },
    ],
    skipDuplicates: true,
  });
});

const admin: Actor = {
  kind: 'user',
  userId: 'keys-admin',
  email: 'keys-admin@example.jp',
  name: '管理者',
  role: 'admin',
};
const editor: Actor = {
  kind: 'user',
  userId: 'keys-editor',
  email: 'keys-editor@example.jp',
  name: '編集者',
  role: 'editor',
};

const request = (key: string | null) =>
  new Request('http://kiji.test/api/v1/submissions/0b7e2f3c-1d2a-4b5c-8d9e-0f1a2b3c4d5e', {
    headers: key === null ? {} : { Authorization: `Bearer ${key}` },
  });

async function problemOf(answer: unknown) {
  expect(answer).toBeInstanceOf(Response);
  const response = answer as Response;
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('integration keys', () => {
  it('are shown once and stored only as a hash, with their creation audited without the key', async () => {
    const created = await createApiKey(cliActor, {
      name: 'パイプライン',
      scopes: ['submissions:write', 'submissions:read'],
    });
    expect(created.key).toMatch(/^kiji_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);

    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.key.slice(created.prefix.length + 1));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    const audited = await db().auditEntry.findFirstOrThrow({
      where: { action: 'api_key_create', targetId: String(created.id) },
    });
    expect(JSON.stringify(audited)).not.toContain(created.key.slice(created.prefix.length + 1));
    expect(audited.detail).toMatchObject({ name: 'パイプライン', prefix: created.prefix });
  });

  it('are created, listed and revoked by admins only', async () => {
    await expect(createApiKey(editor, { name: 'x', scopes: ['submissions:write'] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(listApiKeys(editor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createApiKey(
        { kind: 'integration', keyId: 1, name: 'k', scopes: [] },
        { name: 'x', scopes: ['submissions:write'] },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const created = await createApiKey(admin, { name: '一覧用', scopes: ['articles:read'] });
    expect((await listApiKeys(admin)).map((key) => key.prefix)).toContain(created.prefix);
    await expect(revokeApiKey(editor, created.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('let a bearer with the route’s scope through, and record the key’s last use', async () => {
    const created = await createApiKey(cliActor, { name: '読む鍵', scopes: ['submissions:read'] });
    const actor = await guardApiRequest('apiSubmission', request(created.key));
    expect(actor).toMatchObject({ kind: 'integration', keyId: created.id, name: '読む鍵' });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
  });

  it('refuse a missing key, a wrong secret and a key without the scope, as problem documents', async () => {
    const created = await createApiKey(cliActor, { name: '書く鍵', scopes: ['submissions:write'] });
    const missing = await problemOf(await guardApiRequest('apiSubmission', request(null)));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.body).toMatchObject({ status: 401, detail: expect.any(String), detailEn: expect.any(String) });

    const forged = `${created.prefix}_${'A'.repeat(43)}`;
    expect((await problemOf(await guardApiRequest('apiSubmission', request(forged)))).status).toBe(401);
    expect((await problemOf(await guardApiRequest('apiSubmission', request('not-a-key')))).status).toBe(401);

    const scope = await problemOf(await guardApiRequest('apiSubmission', request(created.key)));
    expect(scope.status).toBe(403);
    expect(scope.body.detailEn).toContain('submissions:read');
    expect(JSON.stringify(scope.body)).not.toContain(created.key);
  });

  it('stop working at once when revoked, and the revocation and each later use are audited', async () => {
    const created = await createApiKey(cliActor, { name: '無効にする鍵', scopes: ['submissions:read'] });
    expect(await guardApiRequest('apiSubmission', request(created.key))).not.toBeInstanceOf(Response);
    expect(await revokeApiKey(admin, created.id)).toBe(true);
    expect(await revokeApiKey(admin, created.id)).toBe(false);

    const refused = await problemOf(await guardApiRequest('apiSubmission', request(created.key)));
    expect(refused.status).toBe(401);
    const actions = await db().auditEntry.findMany({
      where: { targetType: 'api_key', targetId: String(created.id) },
      orderBy: { id: 'asc' },
      select: { action: true, actorLabel: true },
    });
    expect(actions.map((entry) => entry.action)).toEqual(['api_key_create', 'api_key_revoke', 'api_key_revoked_use']);
    expect(JSON.stringify(actions)).not.toContain(created.key);
  });

  it('are limited per key: of parallel requests over the limit, exactly the limit pass and the rest get 429 with Retry-After', async () => {
    const created = await createApiKey(cliActor, {
      name: '制限のある鍵',
      scopes: ['submissions:read'],
      rateLimitPerMinute: 5,
    });
    const other = await createApiKey(cliActor, { name: '別の鍵', scopes: ['submissions:read'], rateLimitPerMinute: 5 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => guardApiRequest('apiSubmission', request(created.key))),
    );
    const refused = answers.filter((answer): answer is Response => answer instanceof Response);
    expect(answers.length - refused.length).toBe(5);
    expect(refused.map((response) => response.status)).toEqual(Array(7).fill(429));
    for (const response of refused) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key's allowance is its own.
    expect(await guardApiRequest('apiSubmission', request(other.key))).not.toBeInstanceOf(Response);
  });
});
