-- The AI desk (issue #24, docs/decisions/0030): integration keys, submissions, editors' notes on
-- them, and remembered answers to Idempotency-Key requests.

-- An integration key. Only a SHA-256 hash of the key is stored; `prefix` (the key's public part,
-- `kiji_xxxxxxxx`) finds the row, and the hash is then compared in constant time.
-- rate_window_start / rate_count: the key's current rate-limit window, counted in one statement.
CREATE TABLE "api_keys" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL,
    "created_by_id" TEXT,
    "created_by_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 120,
    "rate_window_start" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rate_count" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A submission from a pipeline: the draft article it became, its natural key, its review state.
CREATE TABLE "submissions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "article_id" INTEGER NOT NULL,
    "api_key_id" INTEGER NOT NULL,
    "source" TEXT,
    "external_id" TEXT,
    "review_state" TEXT NOT NULL DEFAULT 'received',
    "generation" JSONB,
    "embargo_until" TIMESTAMPTZ(3),
    "flags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "submitted_version" INTEGER NOT NULL,
    "revisions" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "submissions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "submissions_review_state_check" CHECK ("review_state" IN ('received', 'in_review', 'changes_requested', 'approved', 'rejected'))
);
CREATE UNIQUE INDEX "submissions_article_id_key" ON "submissions"("article_id");
CREATE UNIQUE INDEX "submissions_source_external_id_key" ON "submissions"("source", "external_id");
CREATE INDEX "submissions_review_state_created_at_idx" ON "submissions"("review_state", "created_at");
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What editors decided about a submission, with their note (the pipeline reads them).
CREATE TABLE "submission_notes" (
    "id" SERIAL NOT NULL,
    "submission_id" UUID NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "author_id" TEXT,
    "author_label" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "submission_notes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "submission_notes_submission_id_idx" ON "submission_notes"("submission_id", "at");
ALTER TABLE "submission_notes" ADD CONSTRAINT "submission_notes_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "submission_notes" ADD CONSTRAINT "submission_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The answer given to a request with an Idempotency-Key, per key: replayed for the same body.
CREATE TABLE "api_idempotency" (
    "api_key_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "location" TEXT,
    "body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_idempotency_pkey" PRIMARY KEY ("api_key_id", "key")
);
ALTER TABLE "api_idempotency" ADD CONSTRAINT "api_idempotency_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
