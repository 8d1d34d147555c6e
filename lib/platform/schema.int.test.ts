import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { db, disconnectDb } from './db';
import { Prisma } from '../generated/prisma/client';

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
  Int: ['integer', 'ARRAY'],
  BigInt: ['bigint'],
  // `uuid` for a String declared @db.Uuid (submissions, webhook events).
  String: ['text', 'ARRAY', 'uuid'],
  DateTime: ['timestamp with time zone', 'date'],
  Boolean: ['boolean'],
  Json: ['jsonb'],
  Bytes: ['bytea'],
};

afterAll(disconnectDb);

/** The category the round-trips below file their articles under, made once. */
const frontCategory = () =>
  db().category.upsert({
    where: { slug: 'roundtrip-front' },
    create: { slug: 'roundtrip-front', name: '一面' },
    update: {},
  });

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
          create: [
            {
              position: 0,
              title: '資料',
              url: 'https://example.com/',
              publisher: '例示社',
              accessedAt: new Date('2025-10-18T00:00:00Z'),
            },
          ],
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
      sources: [
        {
          position: 0,
          title: '資料',
          url: 'https://example.com/',
          publisher: '例示社',
          accessedAt: new Date('2025-10-18T00:00:00Z'),
        },
      ],
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
    expect(Object.keys(runtimeModels()).sort()).toEqual([
      'Account',
      'ApiIdempotency',
      'ApiKey',
      'ApiMedia',
      'Article',
      'ArticleAutosave',
      'ArticleRevision',
      'ArticleTag',
      'AuditEntry',
      'Category',
      'ClaimCheck',
      'ClaimDecision',
      'ContactMessage',
      'Correction',
      'EditorPresence',
      'FrontPageSlot',
      'LiveUpdate',
      'LiveUpdateRevision',
      'LoginThrottle',
      'MediaImage',
      'MediaRendition',
      'Section',
      'Session',
      'SiteSetting',
      'SlugRedirect',
      'Source',
      'SourceCheck',
      'SourceSnapshot',
      'Submission',
      'SubmissionNote',
      'Tag',
      'TwoFactor',
      'User',
      'Verification',
      'WebhookDelivery',
      'WebhookEndpoint',
    ]);
  });

  it('round-trip a front-page slot, which goes with its article', async () => {
    const prisma = db();
    const category = await frontCategory();
    const article = await prisma.article.create({
      data: { slug: 'roundtrip-front', title: '一面', lead: 'リード', disclaimer: '注記', categoryId: category.id },
    });
    await prisma.frontPageSlot.create({ data: { position: 42, articleId: article.id } });
    const slot = await prisma.frontPageSlot.findUniqueOrThrow({ where: { position: 42 } });
    expect(slot).toMatchObject({ position: 42, articleId: article.id });
    expect(slot.updatedAt).toBeInstanceOf(Date);
    for (const field of Object.values(Prisma.FrontPageSlotScalarFieldEnum)) expect(Object.keys(slot)).toContain(field);
    await prisma.article.delete({ where: { id: article.id } });
    expect(await prisma.frontPageSlot.count({ where: { position: 42 } })).toBe(0);
  });

  it('round-trip an autosaved form and an editor’s presence, which go with their user', async () => {
    const prisma = db();
    const at = new Date('2025-10-18T01:02:03.456Z');
    const user = await prisma.user.create({ data: { id: 'u-autosave', name: '控え', email: 'autosave@example.jp' } });
    const category = await frontCategory();
    const article = await prisma.article.create({
      data: { slug: 'roundtrip-presence', title: '在席', lead: 'リード', disclaimer: '注記', categoryId: category.id },
    });
    await prisma.articleAutosave.create({
      data: { userId: user.id, key: 'new', baseVersion: 3, values: { title: '書きかけ' }, savedAt: at },
    });
    await prisma.editorPresence.create({ data: { articleId: article.id, userId: user.id, since: at, seenAt: at } });
    const autosave = await prisma.articleAutosave.findUniqueOrThrow({
      where: { userId_key: { userId: user.id, key: 'new' } },
    });
    expect(autosave).toMatchObject({ baseVersion: 3, values: { title: '書きかけ' }, savedAt: at });
    const presence = await prisma.editorPresence.findFirstOrThrow({ where: { userId: user.id } });
    expect(presence).toMatchObject({ articleId: article.id, since: at, seenAt: at });
    for (const [row, fields] of [
      [autosave, Prisma.ArticleAutosaveScalarFieldEnum],
      [presence, Prisma.EditorPresenceScalarFieldEnum],
    ] as const)
      for (const field of Object.values(fields)) expect(Object.keys(row)).toContain(field);
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.articleAutosave.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.editorPresence.count({ where: { userId: user.id } })).toBe(0);
    await prisma.article.delete({ where: { id: article.id } });
  });

  it('round-trip a live page’s state, its updates, their revisions and a correction naming one, which go with the article', async () => {
    const prisma = db();
    const at = new Date('2026-12-06T09:32:10.123Z');
    const category = await frontCategory();
    const article = await prisma.article.create({
      data: {
        slug: 'roundtrip-live',
        title: 'ライブ',
        lead: '概要',
        disclaimer: '注記',
        categoryId: category.id,
        kind: 'live',
        liveState: 'ended',
        coverageStartedAt: at,
        coverageEndedAt: at,
      },
    });
    const update = await prisma.liveUpdate.create({
      data: {
        articleId: article.id,
        heading: '見出し',
        body: '一。\n\n二。',
        keyEvent: true,
        pinned: true,
        disclosure: 'ai_assisted',
        sources: [{ title: '資料', url: 'https://example.com/' }],
        imageAlt: null,
        postedAt: at,
        editedAt: at,
        authorLabel: '編集者',
        revisions: {
          create: [
            { action: 'live_update_edit', body: '前の本文', keyEvent: false, pinned: false, authorLabel: '編集者' },
          ],
        },
      },
    });
    await prisma.correction.create({
      data: {
        articleId: article.id,
        liveUpdateId: update.id,
        correctedAt: at,
        whatWasWrong: '時刻',
        whatChanged: '直した',
        authorLabel: '編集者',
      },
    });
    const loaded = await prisma.article.findUniqueOrThrow({
      where: { id: article.id },
      include: { liveUpdates: { include: { revisions: true, corrections: true } } },
    });
    expect(loaded).toMatchObject({ kind: 'live', liveState: 'ended', coverageStartedAt: at, coverageEndedAt: at });
    expect(loaded.liveUpdates[0]).toMatchObject({
      heading: '見出し',
      body: '一。\n\n二。',
      keyEvent: true,
      pinned: true,
      disclosure: 'ai_assisted',
      sources: [{ title: '資料', url: 'https://example.com/' }],
      postedAt: at,
      editedAt: at,
      deletedAt: null,
      revisions: [{ action: 'live_update_edit', body: '前の本文', keyEvent: false, pinned: false }],
      corrections: [{ whatWasWrong: '時刻' }],
    });
    await prisma.article.delete({ where: { id: article.id } });
    expect(await prisma.liveUpdate.count({ where: { id: update.id } })).toBe(0);
    expect(await prisma.liveUpdateRevision.count({ where: { updateId: update.id } })).toBe(0);
  });

  it('round-trip a source snapshot, and a claim check, which goes with its article', async () => {
    const prisma = db();
    const at = new Date('2025-10-18T01:02:03.456Z');
    const snapshot = await prisma.sourceSnapshot.create({
      data: {
        url: 'https://example.com/roundtrip',
        finalUrl: 'https://example.com/roundtrip/',
        status: 200,
        contentType: 'text/html',
        retrievedAt: at,
        lastSeenAt: at,
        contentHash: 'a'.repeat(64),
        text: '本文。',
        problem: null,
        detail: null,
      },
    });
    const loaded = await prisma.sourceSnapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
    expect(loaded).toMatchObject({ status: 200, retrievedAt: at, text: '本文。' });
    const category = await frontCategory();
    const article = await prisma.article.create({
      data: { slug: 'roundtrip-claims', title: '照合', lead: 'リード', disclaimer: '注記', categoryId: category.id },
    });
    await prisma.claimCheck.create({
      data: {
        articleId: article.id,
        version: 1,
        textHash: 'h',
        checkedAt: at,
        total: 2,
        found: 1,
        notCheckable: 0,
        facts: [{ fact: '2兆円' }],
        sourcesRead: [{ url: 'https://example.com/roundtrip', readAt: at.toISOString() }],
      },
    });
    const check = await prisma.claimCheck.findUniqueOrThrow({ where: { articleId: article.id } });
    expect(check).toMatchObject({ total: 2, found: 1, facts: [{ fact: '2兆円' }] });
    for (const [row, fields] of [
      [loaded, Prisma.SourceSnapshotScalarFieldEnum],
      [check, Prisma.ClaimCheckScalarFieldEnum],
    ] as const)
      for (const field of Object.values(fields)) expect(Object.keys(row)).toContain(field);
    await prisma.article.delete({ where: { id: article.id } });
    expect(await prisma.claimCheck.count({ where: { articleId: article.id } })).toBe(0);
    await prisma.sourceSnapshot.delete({ where: { id: snapshot.id } });
  });

  it('round-trip the AI desk’s keys, submissions, notes, idempotent answers and webhooks', async () => {
    const prisma = db();
    const at = new Date('2026-12-06T01:02:03.456Z');
    const category = await prisma.category.upsert({
      where: { slug: 'roundtrip-desk' },
      create: { slug: 'roundtrip-desk', name: '入稿', position: 9 },
      update: {},
    });
    const article = await prisma.article.create({
      data: { slug: 'roundtrip-desk', title: '入稿', lead: 'リード', disclaimer: '注記', categoryId: category.id },
    });
    const key = await prisma.apiKey.create({
      data: {
        name: 'パイプライン',
        prefix: 'kiji_rtrtrtrt',
        hash: 'h'.repeat(64),
        scopes: ['submissions:write'],
        createdByLabel: 'cli',
        lastUsedAt: at,
      },
    });
    const submission = await prisma.submission.create({
      data: {
        articleId: article.id,
        apiKeyId: key.id,
        source: 'pipeline',
        externalId: 'ext-1',
        submittedVersion: 1,
        generation: { model: 'm' },
        embargoUntil: at,
        flags: ['no_sources'],
      },
    });
    const note = await prisma.submissionNote.create({
      data: {
        submissionId: submission.id,
        decision: 'changes_requested',
        note: '出典を足してください',
        authorLabel: 'editor',
        at,
      },
    });
    await prisma.apiIdempotency.create({
      data: {
        apiKeyId: key.id,
        key: 'idem-1',
        requestHash: 'r',
        status: 202,
        location: '/api/v1/submissions/x',
        body: { ok: true },
      },
    });
    const endpoint = await prisma.webhookEndpoint.create({
      data: { url: 'https://example.com/hook', events: ['article.published'], secret: 's' },
    });
    const delivery = await prisma.webhookDelivery.create({
      data: {
        eventId: submission.id,
        eventType: 'article.published',
        endpointId: endpoint.id,
        payload: { id: 1 },
        deliveredAt: at,
        lastStatus: 204,
        lastError: null,
      },
    });
    const image = await prisma.mediaImage.create({
      data: { sha256: 'e'.repeat(64), width: 640, height: 400, format: 'jpeg', byteSize: 10 },
    });
    await prisma.apiMedia.create({
      data: { apiKeyId: key.id, imageId: image.id, alt: '代替', caption: '説明', credit: '撮影', source: 'photograph' },
    });
    const loaded = {
      media: await prisma.apiMedia.findUniqueOrThrow({
        where: { apiKeyId_imageId: { apiKeyId: key.id, imageId: image.id } },
      }),
      key: await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } }),
      submission: await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } }),
      note: await prisma.submissionNote.findUniqueOrThrow({ where: { id: note.id } }),
      idempotent: await prisma.apiIdempotency.findUniqueOrThrow({
        where: { apiKeyId_key: { apiKeyId: key.id, key: 'idem-1' } },
      }),
      endpoint: await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
      delivery: await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
    };
    expect(loaded.key).toMatchObject({ scopes: ['submissions:write'], lastUsedAt: at });
    expect(loaded.submission).toMatchObject({ id: submission.id, externalId: 'ext-1' });
    expect(loaded.note).toMatchObject({ note: '出典を足してください', at });
    expect(loaded.idempotent).toMatchObject({ status: 202, body: { ok: true } });
    expect(loaded.endpoint).toMatchObject({ events: ['article.published'] });
    expect(loaded.delivery).toMatchObject({ eventId: submission.id, deliveredAt: at, lastStatus: 204 });
    for (const [row, fields] of [
      [loaded.key, Prisma.ApiKeyScalarFieldEnum],
      [loaded.submission, Prisma.SubmissionScalarFieldEnum],
      [loaded.note, Prisma.SubmissionNoteScalarFieldEnum],
      [loaded.idempotent, Prisma.ApiIdempotencyScalarFieldEnum],
      [loaded.endpoint, Prisma.WebhookEndpointScalarFieldEnum],
      [loaded.delivery, Prisma.WebhookDeliveryScalarFieldEnum],
      [loaded.media, Prisma.ApiMediaScalarFieldEnum],
    ] as const)
      for (const field of Object.values(fields)) expect(Object.keys(row)).toContain(field);
    await prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await prisma.article.delete({ where: { id: article.id } });
    expect(loaded.media).toMatchObject({ alt: '代替', caption: '説明', credit: '撮影', source: 'photograph' });
    await prisma.apiKey.delete({ where: { id: key.id } });
    await prisma.mediaImage.delete({ where: { id: image.id } });
  });

  it('round-trip an image and its renditions’ bytes exactly', async () => {
    const prisma = db();
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const image = await prisma.mediaImage.create({
      data: {
        sha256: 'f'.repeat(64),
        width: 1600,
        height: 900,
        format: 'jpeg',
        byteSize: 256,
        createdBy: null,
        renditions: { create: [{ name: '800.webp', contentType: 'image/webp', width: 800, height: 450, bytes }] },
      },
      include: { renditions: true },
    });
    const loaded = await prisma.mediaImage.findUniqueOrThrow({
      where: { id: image.id },
      include: { renditions: true },
    });
    expect(loaded).toMatchObject({ sha256: 'f'.repeat(64), width: 1600, height: 900, format: 'jpeg', byteSize: 256 });
    expect(loaded.createdAt).toBeInstanceOf(Date);
    expect(loaded.renditions[0]).toMatchObject({
      name: '800.webp',
      contentType: 'image/webp',
      width: 800,
      height: 450,
    });
    expect([...loaded.renditions[0]!.bytes]).toEqual([...bytes]);
    const covered = new Set([...Object.keys(loaded), ...Object.keys(loaded.renditions[0]!)]);
    for (const fields of [Prisma.MediaImageScalarFieldEnum, Prisma.MediaRenditionScalarFieldEnum])
      for (const field of Object.values(fields)) expect(covered).toContain(field);
  });

  it('round-trip the account, history and audit models', async () => {
    const prisma = db();
    const at = new Date('2025-10-18T01:02:03.456Z');
    const user = await prisma.user.create({
      data: {
        id: 'u-roundtrip',
        name: '往復',
        email: 'roundtrip@example.jp',
        emailVerified: true,
        image: null,
        role: 'admin',
        banned: true,
        banReason: 'r',
        banExpires: at,
        twoFactorEnabled: true,
      },
    });
    await prisma.twoFactor.create({
      data: {
        id: 'tf1',
        secret: 'sealed',
        backupCodes: 'sealed codes',
        userId: user.id,
        verified: true,
        failedVerificationCount: 2,
        lockedUntil: at,
      },
    });
    await prisma.session.create({
      data: {
        id: 's1',
        token: 't1',
        expiresAt: at,
        userId: user.id,
        ipAddress: '203.0.113.1',
        userAgent: 'ua',
        impersonatedBy: null,
      },
    });
    await prisma.account.create({
      data: {
        id: 'a1',
        accountId: 'acc',
        providerId: 'credential',
        userId: user.id,
        password: 'hash',
        scope: 's',
        accessTokenExpiresAt: at,
        refreshTokenExpiresAt: at,
        accessToken: 'x',
        refreshToken: 'y',
        idToken: 'z',
      },
    });
    await prisma.verification.create({ data: { id: 'v1', identifier: 'i', value: 'v', expiresAt: at } });
    await prisma.loginThrottle.create({ data: { key: 'k', failures: 3, windowStart: at } });
    const category = await prisma.category.findUniqueOrThrow({ where: { slug: 'roundtrip' } });
    const article = await prisma.article.create({
      data: {
        slug: 'roundtrip-history',
        title: 't',
        lead: 'l',
        categoryId: category.id,
        disclaimer: 'd',
        updatedById: user.id,
        kind: 'analysis',
        reviewedBy: '確認者',
        reviewedAt: at,
        searchText: 'st',
        searchBigrams: ['st'],
      },
    });
    await prisma.articleRevision.create({
      data: { articleId: article.id, version: 1, authorId: user.id, authorLabel: '往復', snapshot: { title: 't' } },
    });
    await prisma.slugRedirect.create({ data: { oldSlug: 'roundtrip-old', articleId: article.id } });
    await prisma.article.update({
      where: { id: article.id },
      data: { modelName: 'm', modelVersion: 'v', promptTemplateVersion: 'p', sourcesRetrievedAt: at },
    });
    await prisma.section.create({
      data: { articleId: article.id, position: 0, heading: 'h', body: 'b[1]', cites: [1, 2] },
    });
    await prisma.correction.create({
      data: {
        articleId: article.id,
        correctedAt: at,
        whatWasWrong: 'w',
        whatChanged: 'c',
        beforeText: 'b',
        afterText: 'a',
        authorLabel: 'l',
      },
    });
    await prisma.sourceCheck.create({
      data: {
        url: 'https://example.com/x',
        checkedAt: at,
        status: 404,
        error: 'e',
        finalUrl: 'f',
        fingerprint: 'n',
        previousFingerprint: 'o',
      },
    });
    await prisma.siteSetting.create({ data: { key: 'ai-policy', value: '方針', updatedBy: 'u' } });
    const contact = await prisma.contactMessage.create({
      data: { name: 'n', email: 'e@example.jp', body: 'b', clientAddress: '192.0.2.1', handledAt: at, handledBy: 'h' },
    });
    await prisma.auditEntry.create({
      data: {
        actorId: user.id,
        actorLabel: 'a',
        action: 'login',
        targetType: 'user',
        targetId: user.id,
        detail: { ip: 'x' },
      },
    });

    const loaded = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      include: {
        sessions: true,
        accounts: true,
        articles: { include: { revisions: true, oldSlugs: true } },
        revisions: true,
      },
    });
    expect(loaded).toMatchObject({ role: 'admin', banned: true, banReason: 'r', banExpires: at, emailVerified: true });
    expect(loaded.sessions[0]).toMatchObject({ token: 't1', expiresAt: at, ipAddress: '203.0.113.1', userAgent: 'ua' });
    expect(loaded.accounts[0]).toMatchObject({
      password: 'hash',
      accessTokenExpiresAt: at,
      refreshTokenExpiresAt: at,
      idToken: 'z',
    });
    expect(loaded.articles[0]).toMatchObject({
      kind: 'analysis',
      reviewedBy: '確認者',
      reviewedAt: at,
      searchText: 'st',
      searchBigrams: ['st'],
      modelName: 'm',
      modelVersion: 'v',
      promptTemplateVersion: 'p',
      sourcesRetrievedAt: at,
    });
    expect(await prisma.section.findFirstOrThrow({ where: { articleId: article.id } })).toMatchObject({
      cites: [1, 2],
    });
    expect(await prisma.correction.findFirstOrThrow({ where: { articleId: article.id } })).toMatchObject({
      correctedAt: at,
      whatWasWrong: 'w',
      whatChanged: 'c',
      beforeText: 'b',
      afterText: 'a',
      authorLabel: 'l',
    });
    expect(await prisma.sourceCheck.findUniqueOrThrow({ where: { url: 'https://example.com/x' } })).toMatchObject({
      checkedAt: at,
      status: 404,
      error: 'e',
      finalUrl: 'f',
      fingerprint: 'n',
      previousFingerprint: 'o',
    });
    expect(await prisma.siteSetting.findUniqueOrThrow({ where: { key: 'ai-policy' } })).toMatchObject({
      value: '方針',
      updatedBy: 'u',
    });
    expect(await prisma.contactMessage.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({
      name: 'n',
      email: 'e@example.jp',
      body: 'b',
      clientAddress: '192.0.2.1',
      handledAt: at,
      handledBy: 'h',
    });
    expect((await prisma.contactMessage.findUniqueOrThrow({ where: { id: contact.id } })).createdAt).toBeInstanceOf(
      Date,
    );
    expect(loaded.articles[0]!.revisions[0]).toMatchObject({
      version: 1,
      snapshot: { title: 't' },
      authorLabel: '往復',
    });
    expect(loaded.articles[0]!.oldSlugs[0]).toMatchObject({ oldSlug: 'roundtrip-old' });
    expect(await prisma.verification.findUniqueOrThrow({ where: { id: 'v1' } })).toMatchObject({
      identifier: 'i',
      value: 'v',
      expiresAt: at,
    });
    expect(await prisma.loginThrottle.findUniqueOrThrow({ where: { key: 'k' } })).toMatchObject({
      failures: 3,
      windowStart: at,
    });
    expect(
      await prisma.user.findUniqueOrThrow({ where: { id: user.id }, include: { twoFactors: true } }),
    ).toMatchObject({
      twoFactorEnabled: true,
      twoFactors: [
        {
          secret: 'sealed',
          backupCodes: 'sealed codes',
          verified: true,
          failedVerificationCount: 2,
          lockedUntil: at,
        },
      ],
    });
    expect(await prisma.auditEntry.findFirstOrThrow({ where: { actorId: user.id } })).toMatchObject({
      action: 'login',
      detail: { ip: 'x' },
    });

    // Deleting the user keeps the article and its history, without an author.
    await prisma.user.delete({ where: { id: user.id } });
    const orphaned = await prisma.article.findUniqueOrThrow({
      where: { id: article.id },
      include: { revisions: true },
    });
    expect(orphaned.updatedById).toBeNull();
    expect(orphaned.revisions[0]!.authorId).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.twoFactor.count({ where: { userId: user.id } })).toBe(0);
    await prisma.article.delete({ where: { id: article.id } });
    expect(await prisma.slugRedirect.count({ where: { articleId: article.id } })).toBe(0);
    expect(await prisma.correction.count({ where: { articleId: article.id } })).toBe(0);
    await prisma.siteSetting.delete({ where: { key: 'ai-policy' } });
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
