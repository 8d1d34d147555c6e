-- Why an article was published with no source, when an editor chose to (decision 0012's issue #12:
-- the site promises sources on every article). Shown on the article's "この記事について" note.
ALTER TABLE "articles" ADD COLUMN "no_sources_reason" TEXT;
