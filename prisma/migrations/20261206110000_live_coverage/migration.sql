-- Live coverage (issue #26, docs/decisions/0040): an article of kind `live` carries timestamped
-- updates. Each update belongs to one article, so the change feed announces it as a part of that
-- article, as it does sections and sources.
ALTER TYPE "ArticleKind" ADD VALUE 'live';

CREATE TYPE "LiveState" AS ENUM ('live', 'ended');

ALTER TABLE "articles"
  ADD COLUMN "live_state" "LiveState",
  ADD COLUMN "coverage_started_at" TIMESTAMPTZ(3),
  ADD COLUMN "coverage_ended_at" TIMESTAMPTZ(3);

CREATE TABLE "live_updates" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "heading" TEXT,
    "body" TEXT NOT NULL,
    "key_event" BOOLEAN NOT NULL DEFAULT false,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "disclosure" "Disclosure" NOT NULL DEFAULT 'human',
    "sources" JSONB NOT NULL DEFAULT '[]',
    "image_id" INTEGER,
    "image_alt" TEXT,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "author_label" TEXT NOT NULL,
    CONSTRAINT "live_updates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "live_updates_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "live_updates_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "media_images"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "live_updates_article_id_posted_at_idx" ON "live_updates"("article_id", "posted_at" DESC);
CREATE INDEX "live_updates_image_id_idx" ON "live_updates"("image_id");

CREATE TABLE "live_update_revisions" (
    "id" SERIAL NOT NULL,
    "update_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "heading" TEXT,
    "body" TEXT NOT NULL,
    "key_event" BOOLEAN NOT NULL,
    "pinned" BOOLEAN NOT NULL,
    "author_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "live_update_revisions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "live_update_revisions_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "live_updates"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "live_update_revisions_update_id_idx" ON "live_update_revisions"("update_id");

ALTER TABLE "corrections" ADD COLUMN "live_update_id" INTEGER;
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_live_update_id_fkey" FOREIGN KEY ("live_update_id") REFERENCES "live_updates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TRIGGER kiji_live_updates_changed AFTER INSERT OR UPDATE OR DELETE ON "live_updates"
  FOR EACH ROW EXECUTE FUNCTION kiji_article_part_changed();
