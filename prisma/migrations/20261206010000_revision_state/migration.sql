-- Each revision records the article's state as well as its fields: whether it was a draft,
-- scheduled or published, and whether it was deleted. A save from an older version is compared
-- with everything it could undo (decision 0024). Null for revisions written before this.
ALTER TABLE "article_revisions" ADD COLUMN "status" "ArticleStatus";
ALTER TABLE "article_revisions" ADD COLUMN "deleted" BOOLEAN;
