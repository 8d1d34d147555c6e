-- What each cited source said when Kiji read it (docs/decisions/0028). One row per reading that
-- gave new content, or per run of failures: a changed page gets a new row, and the old rows stay.
-- A reading that failed keeps its reason in "problem" and has no text: the source is not checked.
CREATE TABLE "source_snapshots" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "final_url" TEXT,
    "status" INTEGER,
    "content_type" TEXT,
    "retrieved_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "content_hash" TEXT,
    "text" TEXT,
    "problem" TEXT,
    "detail" TEXT,
    CONSTRAINT "source_snapshots_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "source_snapshots_url_last_seen_at_idx" ON "source_snapshots"("url", "last_seen_at" DESC);

-- The last check of an article's figures against its sources' snapshots: one row per article,
-- written after a save or by `npm run sources:check`; readers see its count in この記事について, and
-- when each source was read, while text_hash still matches the article's checked text.
CREATE TABLE "claim_checks" (
    "article_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "text_hash" TEXT NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "total" INTEGER NOT NULL,
    "found" INTEGER NOT NULL,
    "not_checkable" INTEGER NOT NULL,
    "facts" JSONB NOT NULL,
    "sources_read" JSONB NOT NULL,
    CONSTRAINT "claim_checks_pkey" PRIMARY KEY ("article_id")
);
ALTER TABLE "claim_checks" ADD CONSTRAINT "claim_checks_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A new count reaches every instance's cached article page like any other part of the article.
CREATE TRIGGER kiji_claim_checks_changed AFTER INSERT OR UPDATE OR DELETE ON "claim_checks"
  FOR EACH ROW EXECUTE FUNCTION kiji_article_part_changed();
