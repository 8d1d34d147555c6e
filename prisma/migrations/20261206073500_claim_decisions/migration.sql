-- An editor's answer to a figure the article's sources did not hold (docs/decisions/0035): it was
-- confirmed, or checked elsewhere (with a note saying where). Who and when are kept; the article's
-- next revision carries it (revision_version, set by the writer in the same transaction).
CREATE TABLE "claim_decisions" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "fact" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revision_version" INTEGER,
    CONSTRAINT "claim_decisions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "claim_decisions_decision_check" CHECK ("decision" IN ('confirmed', 'checked_elsewhere')),
    CONSTRAINT "claim_decisions_note_check" CHECK ("decision" <> 'checked_elsewhere' OR length(btrim("note")) > 0)
);
CREATE INDEX "claim_decisions_article_id_decided_at_idx" ON "claim_decisions"("article_id", "decided_at" DESC);
ALTER TABLE "claim_decisions" ADD CONSTRAINT "claim_decisions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
