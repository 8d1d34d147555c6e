-- Live updates from the AI desk (issue #26, docs/decisions/0040): an update a pipeline sends with
-- an integration key is held for an editor's review — stored, but shown nowhere public — until an
-- editor posts it or turns it down. The key that sent it may read where it stands.
ALTER TABLE "live_updates"
  ADD COLUMN "held_for_review" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "api_key_id" INTEGER,
  ADD CONSTRAINT "live_updates_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The live screen's queue: the held updates of one article.
CREATE INDEX "live_updates_held_idx" ON "live_updates" ("article_id") WHERE "held_for_review";

-- A held update is shown nowhere, so holding, editing or turning it down changes no page: only a
-- change to an update readers see (or may now see: a held update posted) is announced.
DROP TRIGGER kiji_live_updates_changed ON "live_updates";
CREATE TRIGGER kiji_live_updates_inserted AFTER INSERT ON "live_updates"
  FOR EACH ROW WHEN (NOT NEW.held_for_review) EXECUTE FUNCTION kiji_article_part_changed();
CREATE TRIGGER kiji_live_updates_updated AFTER UPDATE ON "live_updates"
  FOR EACH ROW WHEN (NOT (OLD.held_for_review AND NEW.held_for_review)) EXECUTE FUNCTION kiji_article_part_changed();
CREATE TRIGGER kiji_live_updates_deleted AFTER DELETE ON "live_updates"
  FOR EACH ROW WHEN (NOT OLD.held_for_review) EXECUTE FUNCTION kiji_article_part_changed();
